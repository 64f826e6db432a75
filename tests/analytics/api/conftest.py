"""The real analytics app over a real (embedded) ClickHouse database, tokens minted by a
`TestSigner`, and headers for every role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask

from canopy_analytics.__main__ import MIGRATIONS
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.app import create_app
from canopy_analytics.settings import Settings
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.databases import copy_database, migrated_database
from canopy_shared.testing.tokens import TestSigner
from tests.analytics.conftest import cut_release, dependencies_of


@pytest.fixture(scope="session")
def signer() -> TestSigner:
    return TestSigner()


@pytest.fixture(scope="session")
def _migrated_sql(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Analytics' SQL database, migrated once (the verifier reads revoked tokens from it)."""
    return migrated_database(tmp_path_factory.mktemp("analytics-sql") / "analytics.db", MIGRATIONS)


@pytest.fixture
def environment(tmp_path: Path, clickhouse_dsn: str, _migrated_sql: Path) -> dict[str, str]:
    """The analytics service's environment (a month is released as soon as it closed)."""
    return {
        "DATABASE_URL": copy_database(_migrated_sql, tmp_path / "analytics.db"),
        "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9",
        "TENANCY_JWKS_URL": "http://127.0.0.1:9/.well-known/jwks.json",
        "CLICKHOUSE_DSN": clickhouse_dsn,
        "ANALYTICS_REGION_RELEASE_SETTLING_S": "0",
        # No background warming in the shared store: test_release_warmer.py drives it directly.
        "ANALYTICS_RELEASE_WARM_S": "0",
    }


@pytest.fixture
def settings(environment: dict[str, str]) -> Settings:
    return Settings.from_env(environment)


@pytest.fixture
def release(environment: dict[str, str]) -> Callable[[], datetime]:
    """Cut a region release now, through the operator's command; returns its moment."""
    return lambda: cut_release(environment)


@pytest.fixture
def app(settings: Settings, signer: TestSigner, store: ClickHouseStore) -> Iterator[Flask]:
    infra = build_infrastructure(settings.common, verifier=signer.verifier())
    app = create_app(settings, infra, store)
    yield app
    dependencies_of(app).stop()  # the export worker and scheduler threads end with the test


# --- figures the tests compute independently from the walkthroughs they wrote ---------------


def _buckets_of(day_text: str) -> set[str]:
    """The week, month and school-year periods a day falls in, by the ISO/Thursday rule."""
    from datetime import date, timedelta

    day = date.fromisoformat(day_text)
    monday = day - timedelta(days=day.weekday())
    thursday = monday + timedelta(days=3)
    start = thursday.year if thursday.month >= 7 else thursday.year - 1
    return {
        f"week:{monday.isoformat()}",
        f"month:{thursday.strftime('%Y-%m')}",
        f"school_year:{start}-{start + 1}",
    }


def expected_figures(
    walkthroughs: list[dict],
    *,
    period: str,
    indicator: str,
    level: int,
    districts: set[str],
    region_id: str | None = None,
    school_id: str | None = None,
    subject: str | None = None,
) -> dict:
    values, teachers = [], set()
    for w in walkthroughs:
        if w["district_id"] not in districts or period not in _buckets_of(w["observed_on"]):
            continue
        if region_id is not None and w["region_id"] != region_id:
            continue
        if (school_id and w["school_id"] != school_id) or (subject and w["subject"] != subject):
            continue
        for rating in w["ratings"]:
            if rating["indicator_key"] == indicator:
                values.append(rating["value"])
                teachers.add(w["teacher_pseudonym"])
    at_or_above = sum(v >= level for v in values)
    return {
        "n": len(values),
        "teachers": len(teachers),
        "sum": sum(values),
        "at_or_above": at_or_above,
        "values": values,
    }


@pytest.fixture
def expected() -> Callable[..., dict]:
    return expected_figures
