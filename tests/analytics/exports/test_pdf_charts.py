"""The PDF's trend chart draws whatever is published: a series with no published point (every
cell suppressed or empty) or a single one never stops the report from being drawn."""

from __future__ import annotations

from reportlab.graphics import renderPDF

from canopy_analytics.exports.pdf import _fonts, _line_chart


def test_a_trend_chart_draws_series_with_no_point_or_a_single_one() -> None:
    _fonts()
    series = [[None, None, None], [None, 2.5, None], [1.0, None, 3.0], [2.0, 2.5, 3.0]]
    names = ["all suppressed", "one point", "gap between", "complete"]
    drawing = _line_chart(["month:2026-09", "month:2026-10", "month:2026-11"], series, names)
    assert renderPDF.drawToString(drawing).startswith(b"%PDF")
