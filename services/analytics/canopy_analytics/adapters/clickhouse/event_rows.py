"""Which events the sink keeps, and the rows each becomes: an anonymized walkthrough becomes
fact rows; tenancy and template events become dimension rows. Event types not listed (teacher
and observer events among them) are never written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canopy_analytics.adapters.clickhouse.dimension_rows import DIMENSION_ROW_BUILDERS
from canopy_analytics.adapters.clickhouse.fact_rows import fact_rows
from canopy_analytics.adapters.clickhouse.rows import Row
from canopy_shared.contracts.observations_anonymized_v1 import OBSERVATION_ANONYMIZED

RowBuilder = Callable[[dict[str, Any]], list[Row]]
ROW_BUILDERS: dict[str, RowBuilder] = {
    OBSERVATION_ANONYMIZED: fact_rows,
    **DIMENSION_ROW_BUILDERS,
}
