"""PDF: a readable report drawn in-process with reportlab: cover, the privacy rule, a trend
chart per template, coverage chart and tables. Suppressed cells are gaps in charts and say
"suppressed" in tables; nothing hidden is drawn. A chart with nothing published to draw (an
empty period, or everything suppressed) is a sentence saying so."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from canopy_analytics.domain.goals.status import STATUS_RULE
from canopy_analytics.exports.cover import Provenance, content_note, cover_fields, rule_lines
from canopy_analytics.exports.datasets import Report
from canopy_analytics.exports.goals import goal_heading, goal_rows

# Bitstream Vera ships inside reportlab and has the coding signs (≥, ≤) the base-14 fonts lack.
FONT, BOLD = "CanopyVera", "CanopyVera-Bold"
PALETTE = [colors.HexColor(c) for c in ("#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182")]


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=BOLD),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=BOLD),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontName=FONT, fontSize=9),
        "small": ParagraphStyle("s", parent=base["BodyText"], fontName=FONT, fontSize=7.5),
    }


def render_pdf(report: Report, who: Provenance) -> bytes:
    _fonts()
    styles = _styles()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        title=f"Canopy walkthrough report {who.export_id}",
        author="Canopy analytics",
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
    )
    story: list[Any] = [
        Paragraph(escape(f"Walkthrough report: {report.name_of(report.plan.org)}"), styles["title"])
    ]
    cover = [[k, v] for k, v in cover_fields(report, who)]
    story.append(_table(cover, styles, header=False, widths=[6 * cm, 20 * cm]))
    story += [Paragraph("Privacy rule", styles["h2"])]
    story += [Paragraph(escape(line), styles["body"]) for line in rule_lines(report)]
    if report.goals:
        story += [PageBreak(), *_goals_section(report, styles)]
    for template in report.plan.templates:
        story += [PageBreak(), *_template_section(report, template.template_id, styles)]
    story += [PageBreak(), *_coverage_section(report, styles)]
    doc.build(story)
    return out.getvalue()


def _template_section(report: Report, template_id: str, styles: dict[str, Any]) -> list[Any]:
    rows = [
        r
        for r in report.dataset("indicator_trends").rows
        if r["template_id"] == template_id and r["org"] == report.plan.org
    ]
    title = rows[0]["template_title"] if rows else template_id
    periods = sorted({r["period"] for r in rows})
    indicators = list(dict.fromkeys(r["indicator"] for r in rows))
    series = [[_mean(rows, indicator, period) for period in periods] for indicator in indicators]
    story: list[Any] = [
        Paragraph(escape(f"Trends: {title}"), styles["h2"]),
        Paragraph(
            "Mean rating per period for the whole scope; gaps are suppressed or empty cells.",
            styles["body"],
        ),
        _chart_or_note(report, _line_chart(periods, series, indicators), series, styles),
        Spacer(1, 0.4 * cm),
    ]
    by_org = next(d for d in report.datasets if d.name.startswith("indicator_by_"))
    table = [["Organisation", "Indicator", "n ratings", "Teachers", "Mean", "Share ≥ level"]]
    for r in by_org.rows:
        if r["template_id"] == template_id:
            table.append([r["org_name"] or r["org"], r["indicator"], *_figures(r)])
    story += [Paragraph(escape(by_org.title + f" ({report.plan.period})"), styles["h2"])]
    story.append(_table(table, styles))
    return story


def _goals_section(report: Report, styles: dict[str, Any]) -> list[Any]:
    story: list[Any] = [Paragraph("Improvement goals", styles["h2"])]
    story.append(Paragraph(escape(STATUS_RULE), styles["small"]))
    for goal in report.goals:
        story += [Spacer(1, 0.3 * cm), Paragraph(escape(goal_heading(goal)), styles["body"])]
        story.append(_table(goal_rows(goal), styles))
    return story


def _coverage_section(report: Report, styles: dict[str, Any]) -> list[Any]:
    totals = [r for r in report.dataset("coverage_over_time").rows if r["org"] == report.plan.org]
    periods = [r["period"] for r in totals]
    counts = [0 if r["suppressed"] else (r["walkthroughs"] or 0) for r in totals]
    reach = [
        ["Organisation", "Schools", "Visited", "Share visited", "Rostered", "Observed", "Share"]
    ]
    for r in report.dataset("coverage_reach").rows:
        observed = "suppressed" if r["suppressed"] else r["teachers_observed"]
        reach.append(
            [
                r["org_name"] or r["org"],
                r["schools"],
                r["schools_visited"],
                r["share_schools_visited"] or "",
                r["teachers_rostered"],
                observed,
                r["share_teachers_observed"] or "",
            ]
        )
    return [
        Paragraph("Coverage: walkthroughs per period", styles["h2"]),
        Paragraph("Suppressed periods are drawn as zero and listed below.", styles["body"]),
        _chart_or_note(report, _bar_chart(periods, counts), [counts], styles),
        Paragraph(
            escape(
                "Suppressed periods: "
                + (", ".join(r["period"] for r in totals if r["suppressed"]) or "none")
            ),
            styles["small"],
        ),
        Paragraph(f"Reach over the school year {escape(report.plan.school_year)}", styles["h2"]),
        _table(reach, styles),
    ]


def _mean(rows: list[dict[str, Any]], indicator: str, period: str) -> float | None:
    row = next((r for r in rows if r["indicator"] == indicator and r["period"] == period), None)
    return None if row is None or row["suppressed"] else row["mean_rating"]


def _figures(row: dict[str, Any]) -> list[Any]:
    if row["suppressed"]:
        return ["suppressed", f"({row['suppression_reasons']})", "", ""]
    mean = "" if row["mean_rating"] is None else f"{row['mean_rating']:.2f}"
    return [row["n_ratings"], row["teachers_observed"], mean, row["share_at_or_above"] or ""]


def _chart_or_note(
    report: Report, chart: Drawing, series: list[list[Any]], styles: dict[str, Any]
) -> Drawing | Paragraph:
    if any(value for values in series for value in values if value is not None):
        return chart
    return Paragraph(escape(f"Nothing to chart. {content_note(report)}"), styles["body"])


def _line_chart(periods: list[str], series: list[list[float | None]], names: list[str]) -> Drawing:
    drawing = Drawing(24 * cm, 7 * cm)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, 16 * cm, 5.5 * cm
    chart.data = series or [[None]]
    chart.categoryAxis.categoryNames = [p.partition(":")[2] for p in periods] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 30
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.valueMin = 0
    # Lines only where a series has two points to join (reportlab cannot draw a one-point
    # line); every published point gets a marker, so a lone point still shows.
    chart.joinedLines = 0
    for i, values in enumerate(series):
        chart.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        chart.lines[i].strokeWidth = 1.5
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3)
        chart.lines[i].symbol.fillColor = PALETTE[i % len(PALETTE)]
        if sum(v is not None for v in values) >= 2:
            chart.lines[i].lineStyle = "joinedLine"
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 18 * cm, 6 * cm
    legend.fontName, legend.fontSize = FONT, 7
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], n) for i, n in enumerate(names)]
    drawing.add(legend)
    return drawing


def _bar_chart(periods: list[str], counts: list[int]) -> Drawing:
    drawing = Drawing(24 * cm, 6 * cm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, 20 * cm, 4.5 * cm
    chart.data = [counts or [0]]
    chart.categoryAxis.categoryNames = [p.partition(":")[2] for p in periods] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 30
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = PALETTE[0]
    drawing.add(chart)
    return drawing


def _table(
    rows: list[list[Any]],
    styles: dict[str, Any],
    header: bool = True,
    widths: list[float] | None = None,
) -> Table:
    cells = [[Paragraph(escape(str(v)), styles["small"]) for v in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")))
    table.setStyle(TableStyle(style))
    return table
