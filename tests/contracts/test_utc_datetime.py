"""Answers' moments always carry their offset: SQLite returns naive UTC datetimes, and a
documented `date-time` without an offset is not one (the fuzz suite found export jobs')."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from marshmallow import Schema

from canopy_shared.contracts.fields import UtcDateTime


class Answer(Schema):
    at = UtcDateTime()


def test_a_naive_moment_is_written_as_utc() -> None:
    assert Answer().dump({"at": datetime(2026, 9, 14, 9, 30)}) == {
        "at": "2026-09-14T09:30:00+00:00"
    }


def test_an_aware_moment_keeps_its_offset() -> None:
    moment = datetime(2026, 9, 14, 9, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert Answer().dump({"at": moment}) == {"at": "2026-09-14T09:30:00-05:00"}
    assert Answer().dump({"at": None}) == {"at": None}
    assert Answer().dump({"at": datetime(2026, 1, 1, tzinfo=UTC)})["at"].endswith("+00:00")
