"""What the analytics sink consumes, and the rows each event type becomes.

The sink reads the anonymized stream (never observations.raw.v1) plus tenancy and template
events for organisation names, region connections, roster sizes and template labels. Event types
not listed (teacher and observer events among them) are ignored and their offsets committed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canopy_analytics.dimensions import ROW_BUILDERS as DIMENSION_ROWS
from canopy_analytics.facts import fact_rows
from canopy_analytics.rows import Row
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, TEMPLATES_EVENTS, TENANCY_EVENTS
from canopy_shared.contracts.observations_anonymized_v1 import OBSERVATION_ANONYMIZED

CONSUMER_GROUP = "analytics"
TOPICS = [OBSERVATIONS_ANONYMIZED.name, TENANCY_EVENTS.name, TEMPLATES_EVENTS.name]

RowBuilder = Callable[[dict[str, Any]], list[Row]]
ROW_BUILDERS: dict[str, RowBuilder] = {OBSERVATION_ANONYMIZED: fact_rows, **DIMENSION_ROWS}
