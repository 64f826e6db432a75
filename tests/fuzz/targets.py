"""Each service's real app, built in-process as its API tests build it (a migrated SQLite
database, the embedded ClickHouse engine for analytics, no broker reachable), with a bearer
token for every role that may sign in to it."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask

from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, REGION_ROLES, SCHOOL_ROLES
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.databases import migrated_database, offline_environment, sqlite_url
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.dependencies import current_dependencies

Headers = dict[str, str]
Target = tuple[Flask, dict[str, Headers]]

SERVICES = ("tenancy", "templates", "intake", "anonymizer", "analytics")
_PACKAGES = {
    "tenancy": "canopy_tenancy",
    "templates": "canopy_templates",
    "intake": "canopy_intake",
    "anonymizer": "canopy_anonymizer",
    "analytics": "canopy_analytics",
}


def minted_roles(signer: TestSigner) -> dict[str, Headers]:
    """One token per role, region, district and school tiers, in one small network."""
    region, district, school = (str(uuid.uuid4()) for _ in range(3))
    scopes = {
        **{
            role: {"org_id": region, "org_tier": "region", "region_id": region}
            for role in REGION_ROLES
        },
        **{
            role: {"org_id": district, "org_tier": "district", "district_id": district}
            for role in DISTRICT_ROLES
        },
        **{
            role: {"org_id": school, "org_tier": "school", "district_id": district}
            for role in SCHOOL_ROLES
        },
    }
    return {
        str(role): {"Authorization": f"Bearer {signer.mint(role=str(role), **scope)}"}
        for role, scope in scopes.items()
    }


@contextmanager
def service_app(service: str, workdir: Path, signer: TestSigner) -> Iterator[Target]:
    if service == "tenancy":
        yield _tenancy(workdir)
    elif service == "analytics":
        with _analytics(workdir, signer) as target:
            yield target
    else:
        yield _app(service, workdir, signer, {}), minted_roles(signer)


def _app(service: str, workdir: Path, signer: TestSigner, extra: dict[str, str]) -> Flask:
    package = _PACKAGES[service]
    migrations = importlib.import_module(f"{package}.__main__").MIGRATIONS
    database = migrated_database(workdir / f"{service}.db", migrations)
    settings_type = importlib.import_module(f"{package}.settings").Settings
    settings = settings_type.from_env(offline_environment(sqlite_url(database), **extra))
    infra = build_infrastructure(settings.common, verifier=signer.verifier())
    create_app: Callable[..., Flask] = importlib.import_module(f"{package}.app").create_app
    return create_app(settings, infra)


@contextmanager
def _analytics(workdir: Path, signer: TestSigner) -> Iterator[Target]:
    from canopy_analytics.adapters.clickhouse.store import connect, migrate
    from canopy_analytics.app import create_app

    dsn = f"chdb:///{workdir / 'analytics.chdb'}"
    store = connect(dsn)
    migrate(store)
    extra = {"CLICKHOUSE_DSN": dsn, "ANALYTICS_EXPORT_DIR": str(workdir / "exports")}
    migrations = importlib.import_module("canopy_analytics.__main__").MIGRATIONS
    database = migrated_database(workdir / "analytics.db", migrations)
    from canopy_analytics.settings import Settings

    settings = Settings.from_env(offline_environment(sqlite_url(database), **extra))
    infra = build_infrastructure(settings.common, verifier=signer.verifier())
    app = create_app(settings, infra, store)
    try:
        yield app, minted_roles(signer)
    finally:
        # The app's background threads (release warmer, cadence, exports) stop before the
        # store closes: left running, they log failed reads of a closed store at exit.
        with app.app_context():
            current_dependencies(object).stop()
        store.close()


def _tenancy(workdir: Path) -> Target:
    """Tenancy signs its own tokens: a region and a district from the operator's bootstrap
    command, a school, a user of every role, each signed in over HTTP."""
    from canopy_tenancy.__main__ import MIGRATIONS
    from canopy_tenancy.app import create_app
    from canopy_tenancy.bootstrap import bootstrap, tenancy_infrastructure
    from tests.tenancy.conftest import Net, settings_for

    settings = settings_for(sqlite_url(migrated_database(workdir / "tenancy.db", MIGRATIONS)))
    infra = tenancy_infrastructure(settings)
    deps = bootstrap(settings, infra.sessions)
    app = create_app(settings, infra, deps)
    net = Net(app.test_client(), deps)
    orgs = {
        "region": net.bootstrap("region", "Fuzz Region", "region_admin@fuzz.test"),
        "district": net.bootstrap("district", "Fuzz District", "district_admin@fuzz.test"),
    }
    orgs["school"] = net.school("district_admin@fuzz.test", orgs["district"], "Fuzz School")
    admins = {"region": "region_admin@fuzz.test", "district": "district_admin@fuzz.test"}
    rostered = net.teacher(admins["district"], orgs["district"], orgs["school"], "Fuzz", "Teacher")
    for role, tier in (
        ("region_leader", "region"),
        ("region_coach", "region"),
        ("district_leader", "district"),
        ("school_admin", "school"),
        ("observer", "school"),
        ("teacher", "school"),
    ):
        admin = admins["region" if tier == "region" else "district"]
        extra = {"teacher_id": rostered} if role == "teacher" else {}
        net.user(admin, f"{role}@fuzz.test", role, orgs[tier], **extra)
    return app, {email.split("@")[0]: net.as_(email) for email in net.ids}
