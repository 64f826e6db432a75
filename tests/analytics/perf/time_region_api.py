"""Time the region API's answer shapes over a demo-sized network on the embedded engine.

Not a test (tests never assert timings): a reproducible script to compare before/after on the
same machine. It builds a network shaped like `make run`'s demo (3 districts, 30 schools,
~370 teachers, a term of walkthroughs rating 5 indicators, 4 subjects x 4 grade bands) with
the analytics tests' own builders, writes it through the sink's rows into a chdb store in a
temporary folder, and calls the real app through Flask's test client as a region leader.

    .venv/bin/python tests/analytics/perf/time_region_api.py [--visits 6] [--repeats 5]
        [--profile SHAPE]   # cProfile one cold call of SHAPE, top functions by cumulative time

Per shape it prints `cold` (empty decided-cube cache), `warm` (median of repeated calls) and
`after flush` (the first call after the sink wrote one walkthrough elsewhere in the region) and
`other region` (the first call after a walkthrough was written in another region).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import pstats
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from canopy_analytics.__main__ import MIGRATIONS
from canopy_analytics.adapters.clickhouse.event_rows import ROW_BUILDERS
from canopy_analytics.adapters.clickhouse.store import connect, migrate
from canopy_analytics.adapters.clickhouse.writer import BatchWriter
from canopy_analytics.app import create_app
from canopy_analytics.settings import Settings
from canopy_shared.db import migrate as migrate_sql
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.tokens import TestSigner

SIZES = [
    [14, 12, 16, 11, 6, 13, 15, 12, 18, 10, 12, 7],
    [12, 15, 11, 14, 13, 8, 16, 12, 11, 14],
    [16, 11, 13, 5, 12, 15, 14, 12],
]
INDICATORS = {f"i{n}": [1, 2, 3, 4] for n in range(5)}
SUBJECTS = ("ela", "math", "science", "social_studies")
BANDS = ("PK-2", "3-5", "6-8", "9-12")
START, WEEKS = date(2026, 8, 17), 18


def _conftest():
    # The analytics tests' network builder, loaded by path (tests are not a package).
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("analytics_conftest", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def build_network(visits: int):
    helpers = _conftest()
    net = helpers.Network(seed=2026)
    region = net.region()
    districts = [net.district(region, f"D{i}") for i in range(len(SIZES))]
    for district, sizes in zip(districts, SIZES, strict=True):
        for n, teachers in enumerate(sizes):
            net.school(district, teachers, name=f"S{n}")
    elsewhere = net.district(net.region("Elsewhere"), "Far")
    net.school(elsewhere, 12, name="Far school")
    template = net.template(INDICATORS)
    walkthroughs = []
    for info in list(net.schools.values()):
        for teacher in range(len(info.teachers)):
            for _ in range(visits):
                day = START + timedelta(days=net.rng.randrange(WEEKS * 7))
                walkthroughs.append(
                    net.walkthrough(
                        info.school_id,
                        teacher,
                        day,
                        {k: net.rng.choice(v) for k, v in INDICATORS.items()},
                        template_id=template,
                        subject=net.rng.choice(SUBJECTS),
                        grade_band=net.rng.choice(BANDS),
                    )
                )
    return helpers, net, region, districts, template, walkthroughs


def write(helpers, store, envelopes) -> None:
    writer = BatchWriter(store)
    for envelope in envelopes:
        validated = helpers.topic_of(envelope).validate(envelope.to_dict(), strict=True)
        builder = ROW_BUILDERS.get(envelope.type)
        if builder is not None:
            writer.stage(builder(validated))
    writer.flush()


def shapes(template: str, district: str) -> dict[str, str]:
    t = f"template_id={template}"
    return {
        "trends month": f"/v1/trends?{t}&granularity=month",
        "trends week": f"/v1/trends?{t}&granularity=week",
        "trends week x subject x band": (
            f"/v1/trends?{t}&granularity=week&subject=math&grade_band=3-5"
        ),
        "trends month x subject": f"/v1/trends?{t}&granularity=month&subject=ela",
        "heatmap by district": f"/v1/heatmap?{t}&by=district",
        "heatmap by school": f"/v1/heatmap?{t}&by=school&district_id={district}",
        "coverage month": "/v1/coverage?granularity=month",
        "coverage week": "/v1/coverage?granularity=week",
        "summary": "/v1/summary",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=6, help="walkthroughs per teacher")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile", help="a shape name to cProfile cold")
    parser.add_argument("--only", help="time only shapes containing this text")
    args = parser.parse_args()
    helpers, net, region, districts, template, walkthroughs = build_network(args.visits)
    with tempfile.TemporaryDirectory() as tmp:
        dsn = f"chdb:///{tmp}/analytics.chdb"
        store = connect(dsn)
        migrate(store)
        write(helpers, store, net.events)
        write(helpers, store, walkthroughs)
        settings = Settings.from_env(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/analytics.db",
                "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9",
                "TENANCY_JWKS_URL": "http://127.0.0.1:9/.well-known/jwks.json",
                "CLICKHOUSE_DSN": dsn,
            }
        )
        migrate_sql(settings.common.database_url, MIGRATIONS)  # revoked tokens are read there
        signer = TestSigner()
        infra = build_infrastructure(settings.common, verifier=signer.verifier())
        app = create_app(settings, infra, store)
        client = app.test_client()
        token = signer.mint(
            role="region_leader", org_id=region, org_tier="region", region_id=region
        )
        headers = {"Authorization": f"Bearer {token}"}
        print(f"{len(walkthroughs)} walkthroughs, {len(net.schools)} schools, k=10")

        def call(path: str) -> float:
            start = time.perf_counter()
            answer = client.get(path, headers=headers)
            assert answer.status_code == 200, answer.json
            return (time.perf_counter() - start) * 1000

        extra = iter(range(10_000))
        school, *_, far = list(net.schools)
        print(f"{'shape':32} {'cold':>8} {'warm':>8} {'after flush':>12} {'other region':>13} (ms)")
        for name, path in shapes(template, districts[0]).items():
            if args.only and args.only not in name:
                continue
            _conftest().dependencies_of(app).memo.clear()
            if args.profile == name:
                profiler = cProfile.Profile()
                profiler.enable()
            cold = call(path)
            if args.profile == name:
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(35)
            warm = statistics.median(call(path) for _ in range(args.repeats))
            # One walkthrough written elsewhere in the region (another school's flush).
            day = START + timedelta(days=next(extra) % (WEEKS * 7))
            ratings = {k: 2 for k in INDICATORS}
            write(helpers, store, [net.walkthrough(school, 0, day, ratings, template_id=template)])
            flushed = call(path)
            # Then one written in another region: this region's figures did not change.
            write(helpers, store, [net.walkthrough(far, 0, day, ratings, template_id=template)])
            other = call(path)
            print(f"{name:32} {cold:8.1f} {warm:8.1f} {flushed:12.1f} {other:13.1f}", flush=True)
        store.close()


if __name__ == "__main__":
    main()
