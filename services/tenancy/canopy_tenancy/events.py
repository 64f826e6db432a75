"""tenancy.events.v1 payloads from domain objects: ids, organisation names and counts only.
A teacher's or user's name or email has no way onto the bus from here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from canopy_tenancy.connections import Connection
from canopy_tenancy.domain import District, ObserverAssignment, Region, School
from canopy_tenancy.roster import ChangeKind, TeacherChange

Payload = dict[str, Any]


class EventSink(Protocol):
    def announce(self, event_type: str, payload: Payload) -> None: ...


def region_event(kind: str, region: Region) -> tuple[str, Payload]:
    return f"region.{kind}", {"region_id": region.id, "name": region.name}


def district_event(kind: str, district: District) -> tuple[str, Payload]:
    payload = {"district_id": district.id, "name": district.name, "region_id": district.region_id}
    return f"district.{kind}", payload


def school_event(kind: str, school: School, region_id: str | None) -> tuple[str, Payload]:
    return f"school.{kind}", {
        "school_id": school.id,
        "district_id": school.district_id,
        "region_id": region_id,
        "name": school.name,
    }


def connected(connection: Connection) -> tuple[str, Payload]:
    assert connection.responded_at is not None
    return "district.connected", {
        "district_id": connection.district_id,
        "region_id": connection.region_id,
        "agreement_version": connection.agreement_version,
        "connected_at": connection.responded_at.isoformat(),
    }


def disconnected(connection: Connection) -> tuple[str, Payload]:
    assert connection.ended_at is not None
    return "district.disconnected", {
        "district_id": connection.district_id,
        "region_id": connection.region_id,
        "disconnected_at": connection.ended_at.isoformat(),
    }


def teacher_event(change: TeacherChange) -> tuple[str, Payload] | None:
    """The event for a roster change; None for a change that only touches names."""
    teacher = change.after
    ids = {"teacher_id": teacher.id, "district_id": teacher.district_id}
    if change.kind == ChangeKind.ROSTERED:
        return "teacher.rostered", {**ids, "school_ids": sorted(change.schools_after)}
    if change.kind == ChangeKind.MOVED:
        return "teacher.moved", {
            **ids,
            "from_school_ids": sorted(change.schools_before),
            "to_school_ids": sorted(change.schools_after),
        }
    if change.kind == ChangeKind.REMOVED:
        return "teacher.removed", ids
    return None


def teacher_counts(
    schools: Mapping[str, School], counts: Mapping[str, int], region_id: str | None, at: datetime
) -> list[tuple[str, Payload]]:
    return [
        (
            "school.teacher_count",
            {
                "school_id": school_id,
                "district_id": schools[school_id].district_id,
                "region_id": region_id,
                "teacher_count": count,
                "as_of": at.isoformat(),
            },
        )
        for school_id, count in sorted(counts.items())
    ]


def observer_event(kind: str, assignment: ObserverAssignment) -> tuple[str, Payload]:
    return f"observer.{kind}", {
        "user_id": assignment.user_id,
        "district_id": assignment.district_id,
        "school_id": assignment.school_id,
    }


def emit_all(sink: EventSink, events: list[tuple[str, Payload]]) -> None:
    for event_type, payload in events:
        sink.announce(event_type, payload)
