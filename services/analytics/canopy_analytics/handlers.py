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
from canopy_analytics.writer import SinkWriter
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, TEMPLATES_EVENTS, TENANCY_EVENTS
from canopy_shared.contracts.observations_anonymized_v1 import OBSERVATION_ANONYMIZED
from canopy_shared.messaging.consumer import ConsumedMessage, Handler, RejectMessage

CONSUMER_GROUP = "analytics"
TOPICS = [OBSERVATIONS_ANONYMIZED.name, TENANCY_EVENTS.name, TEMPLATES_EVENTS.name]

RowBuilder = Callable[[dict[str, Any]], list[Row]]
ROW_BUILDERS: dict[str, RowBuilder] = {OBSERVATION_ANONYMIZED: fact_rows, **DIMENSION_ROWS}


def sink_handlers(writer: SinkWriter) -> dict[str, Handler]:
    """Each event type the sink keeps: its rows staged in the batch `writer` flushes."""

    def stage(message: ConsumedMessage) -> None:
        try:
            rows = ROW_BUILDERS[message.envelope["type"]](message.envelope)
        except ValueError as err:  # a value the contract let through but no table can hold
            raise RejectMessage(str(err)) from err
        writer.stage(rows)

    return dict.fromkeys(ROW_BUILDERS, stage)
