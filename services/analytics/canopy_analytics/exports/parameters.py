"""What an export was asked for, and the caller it runs as, stored with its job row."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from canopy_shared.web.auth import Principal

CSV, XLSX, PDF, EDFI_JSON = "csv", "xlsx", "pdf", "edfi_json"
FORMATS = (CSV, XLSX, PDF, EDFI_JSON)


@dataclass(frozen=True)
class ExportParameters:
    period: str | None = None  # week:/month:/school_year:..., default the latest school year
    templates: tuple[str, ...] = ()  # default: every template with walkthroughs in scope
    districts: tuple[str, ...] = ()  # default: every district in scope
    formats: tuple[str, ...] = FORMATS
    publish_to_partners: bool = False  # region admins: also send the partner snapshot

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ExportParameters:
        data: dict[str, Any] = json.loads(text)
        return cls(
            period=data.get("period"),
            templates=tuple(data.get("templates", ())),
            districts=tuple(data.get("districts", ())),
            formats=tuple(data.get("formats", FORMATS)),
            publish_to_partners=bool(data.get("publish_to_partners", False)),
        )

    def public(self) -> dict[str, Any]:
        """As shown in job listings and on every export's cover."""
        return {
            "period": self.period,
            "templates": list(self.templates),
            "districts": list(self.districts),
            "formats": list(self.formats),
            "publish_to_partners": self.publish_to_partners,
        }


def principal_to_json(principal: Principal) -> str:
    return json.dumps(asdict(principal), sort_keys=True)


def principal_from_json(text: str) -> Principal:
    return Principal(**json.loads(text))
