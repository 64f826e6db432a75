"""How many walkthroughs per second intake accepts in-process (Flask test client, SQLite, one
thread), single POST and batch sync. A timing script, not a test: it asserts nothing.

    .venv/bin/python tests/intake/perf/time_intake.py [--single N] [--batches N] [--profile]

Run it against another checkout's code (e.g. the commit before a change) with
`PYTHONPATH=<checkout>/services/observation-intake:<checkout>/shared` to compare on the same
machine at the same time.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from canopy_intake.app import create_app
from canopy_intake.bootstrap import Dependencies
from canopy_intake.settings import Settings
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.databases import copy_database, migrated_database, offline_environment
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.dependencies import current_dependencies

BATCH_SIZE = 200


def _fixtures() -> Any:
    """The intake test suite's world builders (conftest.py), loaded as a plain module."""
    path = Path(__file__).resolve().parent.parent / "conftest.py"
    spec = importlib.util.spec_from_file_location("intake_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _client(folder: Path) -> tuple[FlaskClient, Callable[..., dict[str, Any]], dict[str, str]]:
    fx = _fixtures()
    template = migrated_database(folder / "template.db", fx.MIGRATIONS)
    settings = Settings.from_env(offline_environment(copy_database(template, folder / "i.db")))
    signer = TestSigner()
    app = create_app(settings, build_infrastructure(settings.common, verifier=signer.verifier()))
    with app.app_context():
        unit_of_work = current_dependencies(Dependencies).unit_of_work
    world = fx.build_world(fx.Feed(unit_of_work))
    headers = fx.Tokens(signer).observer(world)
    return app.test_client(), lambda: fx.walkthrough_body(world), headers


def _rates(count: int, run: Callable[[], None], profile: bool) -> tuple[float, float]:
    """Walkthroughs per wall-clock second and per CPU second of this process (the second is
    steadier on a shared, loaded machine)."""
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.runcall(run)
    else:
        run()
    elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    return count / elapsed, count / cpu_used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--single", type=int, default=300, help="single POSTs to time")
    parser.add_argument("--batches", type=int, default=10, help=f"batches of {BATCH_SIZE}")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top entries")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        client, body, headers = _client(Path(folder))
        for _ in range(20):  # warm up: imports, first queries, caches
            client.post("/v1/walkthroughs", json=body(), headers=headers)

        def singles() -> None:
            for _ in range(args.single):
                answer = client.post("/v1/walkthroughs", json=body(), headers=headers)
                assert answer.status_code == 201, answer.get_json()

        def batches() -> None:
            for _ in range(args.batches):
                items = [body() for _ in range(BATCH_SIZE)]
                answer = client.post(
                    "/v1/walkthroughs/batch", json={"walkthroughs": items}, headers=headers
                )
                assert answer.get_json()["created"] == BATCH_SIZE, answer.get_json()

        single = _rates(args.single, singles, args.profile)
        batch = _rates(args.batches * BATCH_SIZE, batches, args.profile)
    print(f"single POST: {single[0]:7.0f} walkthroughs/s wall, {single[1]:7.0f} per CPU second")
    print(f"batch sync:  {batch[0]:7.0f} walkthroughs/s wall, {batch[1]:7.0f} per CPU second")


if __name__ == "__main__":
    main()
