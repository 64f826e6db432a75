"""What every endpoint module needs: the dependencies, the caller and a page
request. Domain refusals (`canopy_shared.errors`) become JSON errors in the shared error
handler."""

from __future__ import annotations

from typing import Any

from canopy_shared.web.auth import Principal, current_principal
from canopy_shared.web.dependencies import current_dependencies
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.bootstrap import Dependencies
from canopy_tenancy.domain.pages import Page, PageRequest


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
