"""Rows bound for ClickHouse tables: what a message turns into before the sink writes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

OBSERVATION_FACTS = "observation_facts"
RATING_FACTS = "rating_facts"
FACT_TABLES = (RATING_FACTS, OBSERVATION_FACTS)  # the order the sink writes them in


@dataclass(frozen=True)
class Row:
    table: str
    values: dict[str, Any]  # column -> value; every row of one table names the same columns

    @property
    def observation_key(self) -> str:
        return str(self.values["observation_key"])


def timestamp(value: str) -> datetime:
    """An RFC 3339 string from a contract as a naive UTC datetime (ClickHouse DateTime64 UTC)."""
    return datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None)
