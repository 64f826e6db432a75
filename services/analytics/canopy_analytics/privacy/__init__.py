"""The privacy rule for region-tier output ("trends, not names"): small-cell suppression with
complementary suppression and top/bottom coding, as pure functions over query results.

`model.py` names the inputs (cells, additive relations between them, the rule's parameters) and
the outputs (a decision per cell with its reasons); `suppression.py` decides; `publication.py`
turns a decided cell into what an answer may show; `relations.py` and `periods.py` name cells
and build the relations of a cube; `description.py` states the rule for the API and exports.
"""

from canopy_analytics.privacy.cell_rules import complement_safe, complement_stats, is_uniform
from canopy_analytics.privacy.description import rule_description
from canopy_analytics.privacy.model import (
    DEFAULT_K,
    MIN_K,
    CellId,
    CellStats,
    Decision,
    PrivacyRule,
    Relation,
)
from canopy_analytics.privacy.periods import (
    month_of_week,
    period_hierarchy,
    school_year_of_month,
    week_of,
)
from canopy_analytics.privacy.publication import code_share, public_reasons, published_cell
from canopy_analytics.privacy.relations import (
    ALL,
    DIMENSIONS,
    Hierarchy,
    breakdown,
    cell_id,
    org_hierarchy,
    relations_for,
)
from canopy_analytics.privacy.suppression import suppress

__all__ = [
    "ALL",
    "DEFAULT_K",
    "DIMENSIONS",
    "MIN_K",
    "CellId",
    "CellStats",
    "Decision",
    "Hierarchy",
    "PrivacyRule",
    "Relation",
    "breakdown",
    "cell_id",
    "code_share",
    "complement_safe",
    "complement_stats",
    "is_uniform",
    "month_of_week",
    "org_hierarchy",
    "period_hierarchy",
    "public_reasons",
    "published_cell",
    "relations_for",
    "rule_description",
    "school_year_of_month",
    "suppress",
    "week_of",
]
