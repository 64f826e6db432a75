"""HTTP: key admin for a district's own administrators, and metrics for operators.

No endpoint returns key material: listings read metadata columns only, and the web app is never
given a keyring (see bootstrap.py), so no view can unwrap a key.
"""

from __future__ import annotations

from flask.views import MethodView

from canopy_anonymizer.bootstrap import Dependencies
from canopy_anonymizer.schemas import DistrictKeysOut, MetricsOut
from canopy_anonymizer.services.keys import list_district_keys
from canopy_anonymizer.services.metrics import ANONYMIZED, DEAD_LETTERED
from canopy_shared.contracts.vocabulary import Role
from canopy_shared.web.auth import current_principal, require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_shared.web.dependencies import current_dependencies


def keys_blueprint() -> Blueprint:
    blp = Blueprint(
        "keys",
        __name__,
        url_prefix="/v1/districts",
        description="Pseudonym keys of a district, one per school year: metadata only.",
    )

    @blp.route("/<district_id>/keys")
    class DistrictKeys(MethodView):
        @blp.response(200, DistrictKeysOut)
        @require_roles(Role.DISTRICT_ADMIN)
        def get(self, district_id: str) -> dict[str, object]:
            """List the district's keys (school year, fingerprint, created at). Own district
            only, for district_admin."""
            keys = list_district_keys(
                principal=current_principal(),
                district_id=district_id,
                store=current_dependencies(Dependencies).key_store,
            )
            return {"district_id": district_id, "keys": keys}

    return blp


def metrics_blueprint() -> Blueprint:
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
            dependencies = current_dependencies(Dependencies)
            totals = dependencies.counters.read()
            return {
                "anonymized": totals.get(ANONYMIZED, 0),
                "dead_lettered": totals.get(DEAD_LETTERED, 0),
                "pseudonym_keys": dependencies.key_store.count(),
            }

    return blp
