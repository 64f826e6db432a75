"""OneRoster 1.1 import over HTTP: good rows applied together, each bad row reported with file,
line and reason, nothing half-applied, and a second import of the same files changes nothing.
Students never enter Canopy; events carry ids and counts, never names or emails."""

from __future__ import annotations

from pathlib import Path

import pytest

from canopy_tenancy.adapters.repositories.roster import RosterRepository

from .conftest import email

FIXTURES = Path(__file__).parent.parent / "fixtures" / "oneroster"
ORGS, USERS = (FIXTURES / "orgs.csv").read_text(), (FIXTURES / "users.csv").read_text()
EXPECTED_ERRORS = [
    ("orgs.csv", 5, "sourcedId", "duplicate sourcedId sch-1"),
    ("orgs.csv", 6, "name", "name is empty"),
    ("orgs.csv", 7, "sourcedId", "sourcedId is empty"),
    ("users.csv", 5, "orgSourcedIds", "unknown school sch-9"),
    ("users.csv", 6, "givenName", "givenName is empty"),
    ("users.csv", 7, "orgSourcedIds", "school sch-3 was rejected"),
    ("users.csv", 8, "email", "not an email address"),
    ("users.csv", 9, "sourcedId", "duplicate sourcedId t-1"),
    ("users.csv", 10, "orgSourcedIds", "at least one school"),
]


@pytest.fixture
def district(net) -> str:
    return net.bootstrap("district", "Brazos ISD", email("a.admin"))


def _import(net, district: str, orgs: str = ORGS, users: str = USERS, **extra) -> dict:
    body = {"orgs_csv": orgs, "users_csv": users, **extra}
    return net.ok(
        email("a.admin"), "POST", f"/v1/districts/{district}/roster-imports", 201, json=body
    )


def _roster(net, district: str) -> list[tuple[str, str, list[str]]]:
    items = net.ok(email("a.admin"), "GET", f"/v1/districts/{district}/teachers")["items"]
    return [(t["source_id"], t["given_name"], t["school_ids"]) for t in items]


def test_good_rows_are_imported_and_each_bad_row_is_reported(net, district, outbox) -> None:
    report = _import(net, district)["report"]

    errors = [(e["file"], e["line"], e["field"]) for e in report["errors"]]
    assert errors == [(f, line, field) for f, line, field, _ in EXPECTED_ERRORS]
    for error, (*_, reason) in zip(report["errors"], EXPECTED_ERRORS, strict=True):
        assert reason in error["message"]
    assert report["summary"]["schools_created"] == 2
    assert report["summary"]["teachers_rostered"] == 3
    assert report["summary"]["rows_skipped"] == 2  # the district row and the student
    assert [t[:2] for t in _roster(net, district)] == [
        ("t-1", "Ada"),
        ("t-2", "Ben"),
        ("t-8", "Hiro"),
    ]
    assert len(outbox.payloads("teacher.rostered")) == 3
    counts = {p["school_id"]: p["teacher_count"] for p in outbox.payloads("school.teacher_count")}
    assert sorted(counts.values()) == [2, 2]
    raw = outbox.raw()
    assert not any(secret in raw for secret in ("Ada", "Abbott", "brazos.example.org", "Stu"))


def test_a_second_import_of_the_same_files_changes_nothing(net, district, outbox) -> None:
    _import(net, district)
    before, events = _roster(net, district), len(outbox.all())

    summary = _import(net, district)["report"]["summary"]

    assert summary["schools_unchanged"] == 2 and summary["teachers_unchanged"] == 3
    changed = {k: v for k, v in summary.items() if not k.endswith(("unchanged", "skipped"))}
    assert set(changed.values()) == {0}
    assert _roster(net, district) == before
    assert len(outbox.all()) == events


def test_moves_and_removals_in_a_later_import_are_announced(net, district, outbox) -> None:
    _import(net, district)
    header = USERS.splitlines()[0]
    later = "\n".join([
        header,
        "t-1,active,2026-09-01,true,sch-2,teacher,t1,Ada,Abbott,ada.abbott@brazos.example.org",
        "t-2,tobedeleted,2026-09-01,true,sch-1,teacher,t2,Ben,Baptiste,",
    ])  # fmt: skip
    summary = _import(net, district, users=later)["report"]["summary"]

    assert (summary["teachers_moved"], summary["teachers_removed"]) == (1, 1)
    [moved] = outbox.payloads("teacher.moved")
    assert len(moved["from_school_ids"]) == 1 and len(moved["to_school_ids"]) == 1
    assert len(outbox.payloads("teacher.removed")) == 1
    assert [t[0] for t in _roster(net, district)] == ["t-1", "t-8"]


def test_a_dry_run_reports_without_applying(net, district, outbox) -> None:
    result = _import(net, district, dry_run=True)
    assert result["applied"] is False and result["report"]["summary"]["teachers_rostered"] == 3
    assert _roster(net, district) == [] and outbox.all("teacher.rostered") == []
    history = net.ok(email("a.admin"), "GET", f"/v1/districts/{district}/roster-imports")
    assert history["total"] == 1 and history["items"][0]["dry_run"] is True


def test_nothing_is_half_applied_when_applying_fails(net, district, outbox, monkeypatch) -> None:
    calls = []
    real_save = RosterRepository.save

    def failing_save(self, teacher) -> None:
        calls.append(teacher)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_save(self, teacher)

    monkeypatch.setattr(RosterRepository, "save", failing_save)
    path = f"/v1/districts/{district}/roster-imports"
    response = net.call(email("a.admin"), "POST", path, json={"orgs_csv": ORGS, "users_csv": USERS})
    assert response.status_code == 500
    monkeypatch.undo()

    assert _roster(net, district) == []
    assert net.ok(email("a.admin"), "GET", f"/v1/schools?district_id={district}")["total"] == 0
    assert outbox.all() == outbox.all("district.created")


def test_a_file_without_the_oneroster_columns_is_refused_naming_it(net, district) -> None:
    path = f"/v1/districts/{district}/roster-imports"
    body = {"orgs_csv": "id,title\n1,x\n", "users_csv": USERS}
    response = net.call(email("a.admin"), "POST", path, json=body)
    assert response.status_code == 422
    assert response.json["error"]["field"] == "orgs.csv"
    assert "sourcedId" in response.json["error"]["message"]
