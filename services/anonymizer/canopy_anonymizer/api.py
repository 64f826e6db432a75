"""HTTP: key admin for a district's own administrators, and metrics for operators.

No endpoint returns key material: listings read metadata columns only, and the web process is
never given the key-encryption key.
"""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from canopy_anonymizer.db import SqlCounters, SqlKeyStore
from canopy_anonymizer.schemas import DistrictKeysOut, MetricsOut
from canopy_anonymizer.services import list_district_keys
from canopy_shared.errors import NotAllowed
from canopy_shared.web.auth import DISTRICT_ADMIN, Principal, current_principal, require_roles


def key_admin_blueprint(store: SqlKeyStore) -> Blueprint:
    blp = Blueprint(
        "keys",
        __name__,
        url_prefix="/v1/districts",
        description="Pseudonym keys of a district, one per school year: metadata only.",
    )

    @blp.route("/<district_id>/keys")
    class DistrictKeys(MethodView):
        @blp.response(200, DistrictKeysOut)
        @require_roles(DISTRICT_ADMIN)
        def get(self, district_id: str) -> dict[str, Any]:
            """List the district's keys (school year, fingerprint, created at). Own district
            only, for district_admin."""
            require_own_district(current_principal(), district_id)
            keys = list_district_keys(district_id=district_id, store=store)
            return {"district_id": district_id, "keys": keys}

    return blp


def require_own_district(principal: Principal, district_id: str) -> None:
    if principal.org_tier != "district" or principal.district_id != district_id:
        raise NotAllowed(
            "you may only see your own district's keys",
            field="district_id",
            rule="own district only",
        )


def metrics_blueprint(store: SqlKeyStore, counters: SqlCounters) -> Blueprint:
    blp = Blueprint(
        "metrics",
        __name__,
        url_prefix="/v1/metrics",
        description="Operational counters (no per-district or per-person figures). Like "
        "/readyz, unauthenticated: protect it at the network edge.",
    )

    @blp.route("")
    class Metrics(MethodView):
        @blp.response(200, MetricsOut)
        @blp.doc(security=[])
        def get(self) -> dict[str, int]:
            """Totals over every consumer replica since the database was created."""
            totals = counters.read()
            return {
                "anonymized": totals.get("anonymized", 0),
                "dead_lettered": totals.get("dead_lettered", 0),
                "pseudonym_keys": store.count(),
            }

    return blp
