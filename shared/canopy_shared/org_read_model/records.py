"""What the organisation read model returns: plain values, no database types."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    region_id: str
    name: str


@dataclass(frozen=True)
class District:
    district_id: str
    name: str | None  # None until district.created arrives (a school's event came first)
    region_id: str | None  # None: not connected to a region


@dataclass(frozen=True)
class School:
    school_id: str
    district_id: str
    name: str
