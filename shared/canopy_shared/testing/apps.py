"""A minimal service app built with the shared factory, for tests of the shared web layer."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Flask
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.errors import Conflicting
from canopy_shared.web.app import create_service_app
from canopy_shared.web.auth import TokenVerifier, current_principal, require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_shared.web.health import ReadinessCheck


class RegionIn(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))


class RegionOut(Schema):
    region_id = fields.String(dump_only=True)
    name = fields.String()
    created_by = fields.String(dump_only=True)


def example_app(
    *,
    verifier: TokenVerifier,
    create_region: Callable[[str], str],
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> Flask:
    """POST /v1/regions (region_admin) calls `create_region(name)`; a name "taken" is a 409,
    a name "boom" raises an unexpected error."""
    blp = Blueprint("regions", __name__, url_prefix="/v1/regions", description="Regions")

    @blp.route("")
    class Regions(MethodView):
        @blp.arguments(RegionIn)
        @blp.response(201, RegionOut)
        @require_roles(Role.REGION_ADMIN)
        def post(self, data: dict[str, str]) -> dict[str, str]:
            if data["name"] == "taken":
                raise Conflicting("a region with this name exists", field="name", rule="unique")
            if data["name"] == "boom":
                raise RuntimeError("secret internal detail")
            region_id = create_region(data["name"])
            return {
                "region_id": region_id,
                "name": data["name"],
                "created_by": current_principal().subject,
            }

    return create_service_app(
        import_name=__name__,
        title="Example",
        description="An example service",
        blueprints=[blp],
        readiness=readiness or {},
        verifier=verifier,
    )
