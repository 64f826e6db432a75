"""`python -m canopy_intake migrate|consume|relay`, and
`python -m canopy_intake replay --from YYYY-MM-DD --to YYYY-MM-DD [--district ID]`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from canopy_intake.adapters.db import outbox
from canopy_intake.bootstrap import bootstrap
from canopy_intake.handlers import CONSUMER_GROUP, TOPICS
from canopy_intake.services.replays import replay
from canopy_intake.settings import Settings
from canopy_shared.db import migrate
from canopy_shared.runtime.entrypoints import dispatch, run_consumer, run_relay

MIGRATIONS = Path(__file__).parent / "migrations"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    settings = Settings.from_env()
    if args[:1] == ["replay"]:
        run_replay(settings, args[1:])
        return
    common = settings.common
    dispatch(
        {
            "migrate": lambda: migrate(common.database_url, MIGRATIONS),
            "consume": lambda: run_consumer(
                common,
                group_id=CONSUMER_GROUP,
                topics=TOPICS,
                handlers=bootstrap(settings).consumer_handlers(),
            ),
            "relay": lambda: run_relay(common, outbox=outbox),
            "replay": lambda: None,  # listed for the usage line; handled above
        },
        args,
    )


def run_replay(settings: Settings, argv: list[str]) -> None:
    """Queue the period's walkthroughs in the outbox; the running relay publishes them."""
    parser = argparse.ArgumentParser(prog="python -m canopy_intake replay")
    parser.add_argument("--from", dest="first", type=date.fromisoformat, required=True)
    parser.add_argument("--to", dest="last", type=date.fromisoformat, required=True)
    parser.add_argument("--district", dest="district_id", default=None)
    options = parser.parse_args(argv)
    result = replay(uow=bootstrap(settings).unit_of_work(), **vars(options))
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
