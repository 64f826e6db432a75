"""`python -m canopy_anonymizer migrate|consume|keys`.

`keys` prints every key's metadata (district, school year, fingerprint, created at) as JSON
lines for operators; like the HTTP API, it never prints a key.
"""

import json
from pathlib import Path

from canopy_anonymizer import consumer
from canopy_anonymizer.db import SqlKeyStore
from canopy_anonymizer.settings import Settings
from canopy_shared.db import make_engine, make_session_factory, migrate
from canopy_shared.runtime.entrypoints import dispatch

MIGRATIONS = Path(__file__).parent / "migrations"


def print_keys(settings: Settings) -> None:
    store = SqlKeyStore(make_session_factory(make_engine(settings.common.database_url)))
    for key in store.metadata():
        print(
            json.dumps(
                {
                    "district_id": key.district_id,
                    "school_year": key.school_year,
                    "fingerprint": key.fingerprint,
                    "encrypted_at_rest": key.encrypted_at_rest,
                    "created_at": key.created_at.isoformat(),
                }
            )
        )


def main() -> None:
    settings = Settings.from_env()
    dispatch(
        {
            "migrate": lambda: migrate(settings.common.database_url, MIGRATIONS),
            "consume": lambda: consumer.run(settings),
            "keys": lambda: print_keys(settings),
        }
    )


if __name__ == "__main__":
    main()
