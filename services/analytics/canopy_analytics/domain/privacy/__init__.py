"""The privacy rule for region-tier output ("trends, not names"): small-cell suppression with
complementary suppression and top/bottom coding, as pure functions over query results.

`model.py` names the inputs (cells, additive relations between them, the rule's parameters) and
the outputs (a decision per cell with its reasons); `relations.py` names cells and builds the
relations of a cube (the hierarchies of its org, period and breakdown dimensions);
`suppression.py` decides (with `cell_rules.py`, `table.py` and the exact algebra of
`linear.py`); `over_time.py` decides one release with every earlier release fixed (the release
model of `domain.releases`); `publication.py` turns a decided cell into what an answer may show;
`description.py` states the rule for the API and exports.
"""
