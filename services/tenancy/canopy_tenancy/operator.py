"""Operator commands: `bootstrap` creates a region or a district with its first admin, the
only way organisations come to exist (they sign contracts, not web forms).

The admin's password comes from TENANCY_BOOTSTRAP_PASSWORD or is generated and printed once;
there is no default password. Running it again for an existing admin email changes nothing and
prints the existing ids (so a restarted launcher can call it safely).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from typing import Any

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.errors import DomainError
from canopy_tenancy.bootstrap import Deps, build_deps
from canopy_tenancy.services import orgs as services_orgs
from canopy_tenancy.services import users as services_users
from canopy_tenancy.settings import Settings

PASSWORD_VARIABLE = "TENANCY_BOOTSTRAP_PASSWORD"
ADMIN_ROLES = {"region": Role.REGION_ADMIN, "district": Role.DISTRICT_ADMIN}


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m canopy_tenancy bootstrap")
    cli.add_argument("tier", choices=sorted(ADMIN_ROLES), help="what to create")
    cli.add_argument("--name", required=True, help="the region's or district's name")
    cli.add_argument("--admin-email", required=True)
    cli.add_argument("--admin-name", default=None, help="display name (default: the email)")
    return cli


def bootstrap_command(argv: list[str], settings: Settings) -> None:
    args = parser().parse_args(argv)
    deps = build_deps(settings, make_session_factory(make_engine(settings.common.database_url)))
    try:
        result = bootstrap(
            deps,
            tier=args.tier,
            name=args.name,
            admin_email=args.admin_email,
            admin_name=args.admin_name or args.admin_email,
            environ=os.environ,
        )
    except DomainError as err:
        sys.exit(f"bootstrap failed: {err.message} ({err.field or 'input'})")
    print(json.dumps(result))


def bootstrap(
    deps: Deps,
    *,
    tier: str,
    name: str,
    admin_email: str,
    admin_name: str,
    environ: Mapping[str, str],
) -> dict[str, Any]:
    """Create the organisation and its admin; {"org_id", "user_id", "email", "created",
    "password" (only when generated)}."""
    with deps.unit_of_work() as uow:
        existing = uow.users.by_email(admin_email)
    if existing is not None:
        user = existing[0]
        return {"tier": tier, "org_id": user.org_id, "user_id": user.id, "created": False}
    org_id = _create_org(deps, tier, name)
    account = services_users.NewAccount(
        email=admin_email,
        display_name=admin_name,
        role=ADMIN_ROLES[tier],
        org_id=org_id,
        password=environ.get(PASSWORD_VARIABLE) or None,
    )
    created = services_users.create_user(
        uow=deps.unit_of_work(),
        principal=None,
        passwords=deps.passwords,
        clock=deps.clock,
        account=account,
    )
    result = {"tier": tier, "org_id": org_id, "user_id": created.user.id, "created": True}
    result["email"] = created.user.email
    if created.generated_password:
        result["password"] = created.generated_password  # shown this once
    return result


def _create_org(deps: Deps, tier: str, name: str) -> str:
    if tier == "region":
        return services_orgs.create_region(uow=deps.unit_of_work(), clock=deps.clock, name=name).id
    return services_orgs.create_district(uow=deps.unit_of_work(), clock=deps.clock, name=name).id
