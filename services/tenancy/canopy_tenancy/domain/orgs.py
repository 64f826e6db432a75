"""Organisations: regions, districts and schools, where a resource sits in that hierarchy, and
the events that announce them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from canopy_shared.contracts.vocabulary import Tier
from canopy_tenancy.domain.events import Event

OrgChange = Literal["created", "updated"]


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class District:
    id: str
    name: str
    region_id: str | None  # the region it is connected to now; None: a standalone District Plan
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class School:
    id: str
    district_id: str
    name: str
    source_id: str | None  # OneRoster sourcedId, when the school came from an import
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Place:
    """Where a resource lives in the hierarchy, as of now (a district's current region)."""

    region_id: str | None
    district_id: str | None = None
    school_id: str | None = None

    @property
    def tier(self) -> Tier:
        if self.school_id:
            return Tier.SCHOOL
        return Tier.DISTRICT if self.district_id else Tier.REGION


def district_place(district: District) -> Place:
    return Place(district.region_id, district.id)


def region_event(kind: OrgChange, region: Region) -> Event:
    return f"region.{kind}", {"region_id": region.id, "name": region.name}


def district_event(kind: OrgChange, district: District) -> Event:
    payload = {"district_id": district.id, "name": district.name, "region_id": district.region_id}
    return f"district.{kind}", payload


def school_event(kind: OrgChange, school: School, region_id: str | None) -> Event:
    return f"school.{kind}", {
        "school_id": school.id,
        "district_id": school.district_id,
        "region_id": region_id,
        "name": school.name,
    }
