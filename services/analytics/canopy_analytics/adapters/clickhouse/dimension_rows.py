"""Tenancy and template events as dimension rows: organisation names and hierarchy, region
connections, roster sizes and template labels. Never a person: teacher and observer events are
not mapped at all.

Each row is versioned by its event's own time, so a replayed or late event never overwrites a
newer state (the tables are ReplacingMergeTree on that version).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canopy_analytics.adapters.clickhouse.rows import Row, timestamp

ORG_UNITS = "org_units"
DISTRICT_CONNECTIONS = "district_connections"
SCHOOL_TEACHER_COUNTS = "school_teacher_counts"
TEMPLATE_VERSIONS = "template_versions"
TEMPLATE_INDICATORS = "template_indicators"

Envelope = dict[str, Any]


def _org(org_type: str, org_id: str, envelope: Envelope, **hierarchy: str | None) -> list[Row]:
    payload = envelope["payload"]
    return [
        Row(
            ORG_UNITS,
            {
                "org_type": org_type,
                "org_id": org_id,
                "name": payload["name"],
                "region_id": hierarchy.get("region_id") or "",
                "district_id": hierarchy.get("district_id") or "",
                "version": timestamp(envelope["occurred_at"]),
            },
        )
    ]


def region_rows(envelope: Envelope) -> list[Row]:
    region_id = envelope["payload"]["region_id"]
    return _org("region", region_id, envelope, region_id=region_id)


def district_rows(envelope: Envelope) -> list[Row]:
    p = envelope["payload"]
    return _org("district", p["district_id"], envelope, region_id=p["region_id"])


def school_rows(envelope: Envelope) -> list[Row]:
    p = envelope["payload"]
    return _org(
        "school", p["school_id"], envelope, region_id=p["region_id"], district_id=p["district_id"]
    )


def connection_rows(envelope: Envelope) -> list[Row]:
    p = envelope["payload"]
    connected = envelope["type"] == "district.connected"
    changed_at = p["connected_at"] if connected else p["disconnected_at"]
    return [
        Row(
            DISTRICT_CONNECTIONS,
            {
                "district_id": p["district_id"],
                "region_id": p["region_id"],
                "connected": int(connected),
                "agreement_version": p.get("agreement_version", "") if connected else "",
                "changed_at": timestamp(changed_at),
            },
        )
    ]


def teacher_count_rows(envelope: Envelope) -> list[Row]:
    p = envelope["payload"]
    return [
        Row(
            SCHOOL_TEACHER_COUNTS,
            {
                "school_id": p["school_id"],
                "district_id": p["district_id"],
                "region_id": p["region_id"] or "",
                "teacher_count": p["teacher_count"],
                "as_of": timestamp(p["as_of"]),
            },
        )
    ]


def template_rows(envelope: Envelope) -> list[Row]:
    p = envelope["payload"]
    version = Row(
        TEMPLATE_VERSIONS,
        {
            "template_id": p["template_id"],
            "version_id": p["version_id"],
            "version_number": p["version_number"],
            "title": p["title"],
            "owner_type": p["owner_type"],
            "owner_id": p["owner_id"],
            "region_id": p["region_id"] or "",
            "published_at": timestamp(p["published_at"]),
        },
    )
    return [version, *_indicator_rows(p)]


def _indicator_rows(p: dict[str, Any]) -> list[Row]:
    rows = []
    position = 0
    for section in sorted(p["sections"], key=lambda s: s["position"]):
        for indicator in section["indicators"]:
            scale = indicator["scale"]
            levels = scale["levels"]
            rows.append(
                Row(
                    TEMPLATE_INDICATORS,
                    {
                        "template_id": p["template_id"],
                        "version_id": p["version_id"],
                        "version_number": p["version_number"],
                        "indicator_key": indicator["key"],
                        "indicator_text": indicator["text"],
                        "section_key": section["key"],
                        "section_title": section["title"],
                        "position": position,
                        "scale_kind": scale["kind"],
                        "level_values": [level["value"] for level in levels],
                        "level_labels": [level["label"] for level in levels],
                        "scale_min": scale.get("min"),
                        "scale_max": scale.get("max"),
                    },
                )
            )
            position += 1
    return rows


DIMENSION_ROW_BUILDERS: dict[str, Callable[[Envelope], list[Row]]] = {
    "region.created": region_rows,
    "region.updated": region_rows,
    "district.created": district_rows,
    "district.updated": district_rows,
    "school.created": school_rows,
    "school.updated": school_rows,
    "district.connected": connection_rows,
    "district.disconnected": connection_rows,
    "school.teacher_count": teacher_count_rows,
    "template.version_published": template_rows,
}
