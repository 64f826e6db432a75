"""A push and a district's connection applied at the same moment, on PostgreSQL (production's
database, READ COMMITTED): whichever commits first, the district and its schools end up
holding the region's push.

Found by CI: a region pushed its rubric while template distribution was applying the
district's `district.connected`. The push read the read model before the connection was
committed and the connection's reconciliation looked for pushes before the push was
committed, so neither saw the other and the schools never received the rubric. Both now take
the region's turn (`AssignerTurn`) before reading.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from canopy_shared.db import make_engine, migrate
from canopy_shared.testing.postgres import fresh_database
from canopy_templates.__main__ import MIGRATIONS
from canopy_templates.services import receivers

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]


@pytest.fixture
def database_url(postgres_server: str) -> Iterator[str]:
    """This module's app runs on a fresh PostgreSQL database (the package's fixtures build it
    from `database_url`)."""
    with fresh_database(postgres_server, "templates_turns") as url:
        migrate(url, MIGRATIONS)
        yield url


def test_a_push_made_while_the_connection_is_applied_still_reaches_the_district(
    api: Any, tenancy: Any, tokens: Any, rubric: Any, database_url: str, monkeypatch: Any
) -> None:
    region = tenancy.region()
    district = tenancy.district()  # not connected yet
    school = tenancy.school(district)
    admin = tokens.region("region_admin", region)
    template_id = api.create_published(admin, rubric.content())

    read, resume = threading.Event(), threading.Event()
    decide = receivers.desired_receivers

    def read_then_wait(*args: Any, **kwargs: Any) -> Any:
        """The push has read who is connected (nobody yet); hold it there, uncommitted."""
        answer = decide(*args, **kwargs)
        read.set()
        assert resume.wait(60), "the test never resumed the push"
        return answer

    monkeypatch.setattr(receivers, "desired_receivers", read_then_wait)
    pushed: list[dict[str, Any]] = []
    push = threading.Thread(target=lambda: pushed.append(api.push(admin, template_id)))
    push.start()
    assert read.wait(60), "the push never read its receivers"
    monkeypatch.setattr(receivers, "desired_receivers", decide)

    connect = threading.Thread(target=lambda: tenancy.connect(district, region))
    connect.start()
    _until_done_or_waiting_on_a_lock(connect, database_url)
    resume.set()
    push.join(60)
    connect.join(60)
    assert not push.is_alive() and not connect.is_alive()
    assert pushed[0]["receivers"] == []  # the push itself saw nobody connected...

    observer = tokens.school("observer", school, district, region)
    [usable] = api.usable(observer, school)  # ...and the connection gave the school the push
    assert usable["template_id"] == template_id


def _until_done_or_waiting_on_a_lock(worker: threading.Thread, database_url: str) -> None:
    """Wait until the connection's transaction has committed or waits for a lock the push
    holds: either way the push may go on, and the race is as it was in CI."""
    engine = make_engine(database_url)
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    try:
        while worker.is_alive():
            with engine.connect() as connection:
                if connection.scalar(waiting):
                    return
            worker.join(0.05)
    finally:
        engine.dispose()
