"""Tenancy's command line:

- `python -m canopy_tenancy migrate|relay|rotate-key`;
- `python -m canopy_tenancy bootstrap {region|district} --name N --admin-email E`: the
  operator creates a region or a district with its first admin, the only way organisations
  come to exist (they sign contracts, not web forms).

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
from pathlib import Path
from typing import get_args

from canopy_shared.db import migrate
from canopy_shared.errors import DomainError
from canopy_shared.runtime.entrypoints import dispatch, run_relay
from canopy_tenancy.adapters.db import outbox
from canopy_tenancy.bootstrap import Dependencies, bootstrap
from canopy_tenancy.services.auth import rotate_signing_key
from canopy_tenancy.services.orgs import ContractTier, OrganisationOpened, open_organisation
from canopy_tenancy.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
PASSWORD_VARIABLE = "TENANCY_BOOTSTRAP_PASSWORD"


def rotate_key(settings: Settings) -> None:
    """A new key signs from now on; the old one verifies until its tokens expired."""
    deps = bootstrap(settings)
    print(rotate_signing_key(uow=deps.unit_of_work(), auth=deps.auth))


def bootstrap_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m canopy_tenancy bootstrap")
    cli.add_argument("tier", choices=sorted(get_args(ContractTier)), help="what to create")
    cli.add_argument("--name", required=True, help="the region's or district's name")
    cli.add_argument("--admin-email", required=True)
    cli.add_argument("--admin-name", default=None, help="display name (default: the email)")
    return cli


def bootstrap_command(argv: list[str], settings: Settings) -> None:
    args = bootstrap_parser().parse_args(argv)
    try:
        result = bootstrap_organisation(
            bootstrap(settings),
            tier=args.tier,
            name=args.name,
            admin_email=args.admin_email,
            admin_name=args.admin_name or args.admin_email,
            environ=os.environ,
        )
    except DomainError as err:
        sys.exit(f"bootstrap failed: {err.message} ({err.field or 'input'})")
    print(json.dumps(result))


def bootstrap_organisation(
    deps: Dependencies,
    *,
    tier: ContractTier,
    name: str,
    admin_email: str,
    admin_name: str,
    environ: Mapping[str, str],
) -> OrganisationOpened:
    """The organisation and its admin, with the password from the environment if set."""
    return open_organisation(
        unit_of_work=deps.unit_of_work,
        passwords=deps.passwords,
        clock=deps.clock,
        tier=tier,
        name=name,
        admin_email=admin_email,
        admin_name=admin_name,
        admin_password=environ.get(PASSWORD_VARIABLE) or None,
    )


def main() -> None:
    settings = Settings.from_env()
    if sys.argv[1:2] == ["bootstrap"]:
        bootstrap_command(sys.argv[2:], settings)
        return
    dispatch(
        {
            "migrate": lambda: migrate(settings.common.database_url, MIGRATIONS),
            "relay": lambda: run_relay(settings.common, outbox=outbox),
            "rotate-key": lambda: rotate_key(settings),
        }
    )


if __name__ == "__main__":
    main()
