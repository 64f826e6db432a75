"""`python -m canopy_shared.demo`: seed the demo network into a running system (the launcher
runs it once every service is ready). Seeds only once per var/ directory; later runs print the
sign-ins again. The demo password is generated on the first run, never written in code."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from canopy_shared.demo.activity import (
    export_evidence,
    push_region_rubric,
    submit_semester,
    wait_until_analysed,
)
from canopy_shared.demo.client import Api
from canopy_shared.demo.feedback import add_region_coach, add_teacher
from canopy_shared.demo.network import Account, Bootstrapper, Network, NetworkBuilder, Services
from canopy_shared.demo.plan import DEMO, NetworkPlan
from canopy_shared.runtime.processes import SERVICES, RuntimeConfig


def services_of(config: RuntimeConfig) -> Services:
    return Services(
        tenancy=Api(config.url("tenancy")),
        templates=Api(config.url("template-distribution")),
        intake=Api(config.url("observation-intake")),
        analytics=Api(config.url("analytics")),
    )


def cli_bootstrapper(config: RuntimeConfig, password: str) -> Bootstrapper:
    """Organisations come to exist only through tenancy's operator command."""
    tenancy = next(spec for spec in SERVICES if spec.name == "tenancy")
    env = {**os.environ, **config.service_env(tenancy), "TENANCY_BOOTSTRAP_PASSWORD": password}

    def bootstrap(tier: str, name: str, email: str) -> dict[str, Any]:
        command = [sys.executable, "-m", "canopy_tenancy", "bootstrap", tier, "--name", name]
        done = subprocess.run(
            [*command, "--admin-email", email], env=env, check=True, capture_output=True, text=True
        )
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))

    return bootstrap


def seed(config: RuntimeConfig, plan: NetworkPlan, password: str) -> dict[str, Any]:
    """Build the demo network and its activity; the record `var/demo.json` keeps."""
    services = services_of(config)
    builder = NetworkBuilder(services, cli_bootstrapper(config, password), password=password)
    network = builder.build(plan)
    version = push_region_rubric(services, network)
    walkthroughs = len(submit_semester(services, network, version, plan, date.today()))
    wait_until_analysed(services, network, walkthroughs)
    release_region_figures(config)
    first = network.districts[0]
    teacher = add_teacher(builder, services, first.admin)
    coach = add_region_coach(builder, services, network.region_admin, first.admin)
    return {
        "password": password,
        "region_id": network.region_id,
        "sign_ins": [*sign_ins(network), _sign_in(teacher), _sign_in(coach)],
        "summary": summary(network, walkthroughs),
        "export_id": export_evidence(services, network),
    }


def release_region_figures(config: RuntimeConfig) -> None:
    """Cut a region release now (`python -m canopy_analytics release`, as an operator would):
    the demo's past months are published to the region at once instead of at the next cut of
    the cadence (issue #19)."""
    analytics = next(spec for spec in SERVICES if spec.name == "analytics")
    env = {**os.environ, **config.service_env(analytics)}
    command = [sys.executable, "-m", analytics.package, "release"]
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)


def sign_ins(network: Network) -> list[dict[str, str]]:
    accounts = [network.region_admin, network.region_leader]
    for district in network.districts:
        accounts += [district.admin, *([district.leader] if district.leader else [])]
        accounts += [district.principal] if district.principal else []
        accounts += [s.observer for s in district.schools[:1] if s.observer]
    return [{"email": a.email, "role": a.role} for a in accounts]


def _sign_in(account: Account) -> dict[str, str]:
    return {"email": account.email, "role": account.role}


def summary(network: Network, walkthroughs: int) -> str:
    schools = [s for d in network.districts for s in d.schools]
    teachers = sum(len(s.teacher_ids) for s in schools)
    return (
        f"{len(network.districts)} districts, {len(schools)} schools, {teachers} teachers, "
        f"{walkthroughs} walkthroughs"
    )


def announce(record: dict[str, Any], config: RuntimeConfig) -> None:
    print(f"\nDemo network (sign in at {config.web_url}, or POST /v1/auth/token on tenancy):")
    for account in record["sign_ins"]:
        print(f"  {account['role']:<16} {account['email']}")
    print(f"  password for every demo account: {record['password']}")
    print(f"  {record['summary']}")
    export = f"{config.url('analytics')}/v1/exports/{record['export_id']}"
    print(
        f"  grant evidence export (region admin): {export}/download?format=pdf|xlsx|csv|edfi_json"
    )
    print(
        f"  e.g. curl -s -X POST {config.url('tenancy')}/v1/auth/token "
        "-H 'content-type: application/json' "
        f'-d \'{{"email":"{record["sign_ins"][0]["email"]}","password":"{record["password"]}"}}\''
    )


def main(argv: list[str] | None = None) -> None:
    """`--no-announce`: the launcher prints the sign-ins in its own banner."""
    args = sys.argv[1:] if argv is None else argv
    config = RuntimeConfig.from_env()
    record_path = config.var_dir / "demo.json"
    if not record_path.exists():
        password = "demo-" + secrets.token_urlsafe(12)
        print(
            "Seeding the demo network through the public APIs (first run only, a few minutes) ...",
            flush=True,
        )
        _write_private(record_path, seed(config, DEMO, password))
    if "--no-announce" not in args:
        announce(json.loads(record_path.read_text()), config)


def _write_private(path: Path, record: dict[str, Any]) -> None:
    path.touch(mode=0o600)
    path.write_text(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
