"""Organisations: /v1/regions, /v1/districts, /v1/schools."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import ALL_ROLES, Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_tenancy.api.http import (
    dependencies,
    page_body,
    page_request,
    principal,
    uow,
)
from canopy_tenancy.schemas.orgs import (
    DistrictListArgs,
    DistrictOut,
    DistrictPageOut,
    NameIn,
    RegionOut,
    SchoolIn,
    SchoolListArgs,
    SchoolOut,
    SchoolPageOut,
)
from canopy_tenancy.services import orgs

blp = Blueprint(
    "organisations",
    __name__,
    url_prefix="/v1",
    description="Regions, districts and schools. Each caller sees their own branch of the "
    "hierarchy: a region's users the districts connected to it now.",
)


@blp.route("/regions/<uuid:region_id>")
class RegionItem(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, RegionOut)
    def get(self, region_id: Any) -> Any:
        return orgs.get_region(uow=uow(), principal=principal(), region_id=str(region_id))

    @require_roles(Role.REGION_ADMIN)
    @blp.arguments(NameIn)
    @blp.response(200, RegionOut)
    def patch(self, body: dict[str, Any], region_id: Any) -> Any:
        return orgs.rename_region(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            region_id=str(region_id),
            **body,
        )


@blp.route("/districts")
class Districts(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.arguments(DistrictListArgs, location="query")
    @blp.response(200, DistrictPageOut)
    def get(self, args: dict[str, Any]) -> Any:
        page = page_request(args)
        region_id = str(args["region_id"]) if "region_id" in args else None
        found = orgs.list_districts(
            uow=uow(), principal=principal(), page=page, region_id=region_id
        )
        return page_body(found)


@blp.route("/districts/<uuid:district_id>")
class DistrictItem(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, DistrictOut)
    def get(self, district_id: Any) -> Any:
        return orgs.get_district(uow=uow(), principal=principal(), district_id=str(district_id))

    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(NameIn)
    @blp.response(200, DistrictOut)
    def patch(self, body: dict[str, Any], district_id: Any) -> Any:
        return orgs.rename_district(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            district_id=str(district_id),
            **body,
        )


@blp.route("/schools")
class Schools(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.arguments(SchoolListArgs, location="query")
    @blp.response(200, SchoolPageOut)
    def get(self, args: dict[str, Any]) -> Any:
        """Schools the caller may see, filtered by `district_id` (a region coach: the schools
        districts assigned them to)."""
        page = page_request(args)
        district_id = str(args["district_id"]) if "district_id" in args else None
        found = orgs.list_schools(
            uow=uow(), principal=principal(), page=page, district_id=district_id
        )
        return page_body(found)

    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(SchoolIn)
    @blp.response(201, SchoolOut)
    def post(self, body: dict[str, Any]) -> Any:
        return orgs.create_school(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            district_id=str(body["district_id"]),
            name=body["name"],
        )


@blp.route("/schools/<uuid:school_id>")
class SchoolItem(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, SchoolOut)
    def get(self, school_id: Any) -> Any:
        return orgs.get_school(uow=uow(), principal=principal(), school_id=str(school_id))

    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(NameIn)
    @blp.response(200, SchoolOut)
    def patch(self, body: dict[str, Any], school_id: Any) -> Any:
        return orgs.rename_school(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            school_id=str(school_id),
            **body,
        )
