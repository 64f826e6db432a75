"""What every endpoint module needs: a typed blueprint, the dependencies, the caller and a page
request. Domain refusals (`canopy_shared.errors`) become JSON errors in the shared error
handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema

from canopy_shared.web.auth import Principal, current_principal
from canopy_shared.web.dependencies import current_dependencies
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.bootstrap import Dependencies
from canopy_tenancy.domain.pages import Page, PageRequest

View = TypeVar("View", bound=Callable[..., Any])
ViewClass = TypeVar("ViewClass", bound=type[MethodView])


class TypedBlueprint:
    """flask-smorest's Blueprint with typed decorators: flask-smorest ships no type hints, so
    its own decorators would leave every view untyped under `mypy --strict`. Register
    `.blueprint` with the app."""

    def __init__(self, name: str, import_name: str, *, url_prefix: str, description: str) -> None:
        self.blueprint: Any = Blueprint(
            name, import_name, url_prefix=url_prefix, description=description
        )

    def route(self, rule: str) -> Callable[[ViewClass], ViewClass]:
        return cast(Callable[[ViewClass], ViewClass], self.blueprint.route(rule))

    def arguments(self, schema: type[Schema], **options: Any) -> Callable[[View], View]:
        return cast(Callable[[View], View], self.blueprint.arguments(schema, **options))

    def response(self, status: int, schema: type[Schema] | None = None) -> Callable[[View], View]:
        return cast(Callable[[View], View], self.blueprint.response(status, schema))

    def doc(self, **documentation: Any) -> Callable[[View], View]:
        return cast(Callable[[View], View], self.blueprint.doc(**documentation))


def dependencies() -> Dependencies:
    return current_dependencies(Dependencies)


def uow() -> UnitOfWork:
    """A fresh unit of work for one use case."""
    return dependencies().unit_of_work()


def principal() -> Principal:
    return current_principal()


def page_request(args: dict[str, Any]) -> PageRequest:
    return PageRequest(limit=args.pop("limit", 50), offset=args.pop("offset", 0))


def page_body(page: Page[Any]) -> dict[str, Any]:
    return {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
