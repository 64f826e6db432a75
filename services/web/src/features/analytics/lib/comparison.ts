// Trends of one look-for, one line per district: a trends answer per district (the API's
// `indicator` filter), put side by side. Each answer is the API's own, suppression included;
// nothing is combined across answers except the count of hidden figures.
import { trendsQuery, type TrendsQuery } from "../api/analytics";
import type { SummaryResponse, SuppressionBlock, TrendsResponse } from "../api/types";
import { lineOf, type Line } from "./cells";
import type { Filters, Metric } from "./filters";

export interface ComparisonPlan {
  indicator: string;
  indicatorText: string;
  districts: { id: string; name: string }[];
  queries: TrendsQuery[];
}

export function comparisonPlan(summary: SummaryResponse, filters: Filters, templateId: string): ComparisonPlan {
  const indicators = summary.templates.find((t) => t.template_id === templateId)?.indicators ?? [];
  const chosen = indicators.find((i) => i.indicator === filters.indicator) ?? indicators[0];
  const indicator = chosen?.indicator ?? "";
  const districts = summary.districts.map((d) => ({ id: d.district_id, name: d.name || "Unnamed district" }));
  const queries = districts.map((d) => ({
    ...trendsQuery({ ...filters, district: d.id, school: undefined }, templateId, summary.school_year),
    indicator,
  }));
  return { indicator, indicatorText: chosen?.text ?? "Look-for", districts, queries };
}

export function comparisonLines(
  answers: TrendsResponse[],
  districts: { id: string; name: string }[],
  metric: Metric,
): { lines: Line[]; suppression: SuppressionBlock } {
  const lines = answers.flatMap((answer, i) => {
    const series = answer.series[0];
    const district = districts[i];
    if (!series || !district) return [];
    return [{ ...lineOf(series, metric, answer.suppression), key: district.id, label: district.name }];
  });
  const first = answers[0]?.suppression ?? { applied: false };
  const hidden = answers.reduce((n, a) => n + (a.suppression.applied ? (a.suppression.suppressed_cells ?? 0) : 0), 0);
  return { lines, suppression: first.applied ? { ...first, suppressed_cells: hidden } : first };
}
