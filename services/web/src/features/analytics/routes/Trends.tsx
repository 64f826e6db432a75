// Trends: each look-for's line over weeks or months, filtered by template, place, subject,
// grade band and period. Hidden points are gaps with their reason; the table has the same figures.
import type { SuppressionBlock, TrendsResponse } from "../api/types";
import { LineChart } from "@/components/charts/LineChart";
import { Card } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { ChartOrTable } from "@/components/ui/ViewToggle";
import { useApi } from "@/lib/app-context";
import { formatPeriod } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { analyticsApi, queryKey, trendsQuery } from "../api/analytics";
import { FilterBar } from "../components/FilterBar";
import { PrivacyNote } from "../components/PrivacyNote";
import { UnpublishedNote } from "../components/UnpublishedNote";
import { ScreenFrame, type ScreenContext } from "../components/ScreenFrame";
import { lineOf, NOT_YET_PUBLISHED, trimLines, type Line } from "../lib/cells";
import { comparisonLines, comparisonPlan } from "../lib/comparison";
import type { Metric } from "../lib/filters";

export default function Trends() {
  return (
    <ScreenFrame title="Trends" description="How each look-for moves over the year. Choose a template, a place and a period.">
      {(ctx) => <TrendsBody {...ctx} />}
    </ScreenFrame>
  );
}

function TrendsBody(ctx: ScreenContext) {
  const { summary, filters, setFilters, templateId } = ctx;
  const compare = filters.compare === "districts";
  return (
    <>
      <FilterBar
        summary={summary}
        filters={filters}
        onChange={setFilters}
        templateId={templateId}
        terms
        show={
          compare
            ? ["template", "compare", "indicator", "subject", "grade", "period", "by", "metric"]
            : ["template", "compare", "district", "school", "subject", "grade", "period", "by", "metric"]
        }
      />
      {compare ? <DistrictComparison {...ctx} /> : <AllLookFors {...ctx} />}
    </>
  );
}

function AllLookFors({ summary, filters, templateId }: ScreenContext) {
  const api = useApi();
  const query = trendsQuery(filters, templateId ?? "", summary.school_year);
  const trends = useQuery(queryKey("trends", query), () => analyticsApi.trends(api, query));
  const metric: Metric = filters.metric ?? "mean";
  return (
    <Async state={trends} rows={8}>
      {(t) => (
        <TrendsFigures
          title={t.template.title}
          lines={t.series.map((s) => lineOf(s, metric, t.suppression))}
          points={t.series[0]?.points ?? []}
          granularity={t.granularity}
          suppression={t.suppression}
          metric={metric}
        />
      )}
    </Async>
  );
}

function DistrictComparison({ summary, filters, templateId }: ScreenContext) {
  const api = useApi();
  const metric: Metric = filters.metric ?? "mean";
  const plan = comparisonPlan(summary, filters, templateId ?? "");
  const answers = useQuery(queryKey("trends-compare", { q: JSON.stringify(plan.queries) }), () =>
    Promise.all(plan.queries.map((q) => analyticsApi.trends(api, q))),
  );
  return (
    <Async state={answers} rows={8}>
      {(all) => {
        const figures = comparisonLines(all, plan.districts, metric);
        return (
          <TrendsFigures
            title={`${plan.indicatorText} by district`}
            lines={figures.lines}
            points={all[0]?.series[0]?.points ?? []}
            granularity={all[0]?.granularity ?? "month"}
            suppression={figures.suppression}
            metric={metric}
          />
        );
      }}
    </Async>
  );
}

export function yAxisFor(lines: Line[], metric: Metric): { domain: [number, number]; ticks: number[]; format: (n: number) => string } {
  if (metric === "share") {
    return { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1], format: (n) => `${Math.round(n * 100)}%` };
  }
  const values = lines.flatMap((l) => l.points.map((p) => p.value)).filter((v): v is number => v !== null);
  if (!values.length) return { domain: [1, 4], ticks: [1, 2, 3, 4], format: (n) => n.toFixed(0) };
  // Zoom to the figures (to the half level) so a change of a few tenths is visible; the axis
  // labels say where it starts.
  let lo = Math.floor((Math.min(...values) - 0.05) * 2) / 2;
  let hi = Math.ceil((Math.max(...values) + 0.05) * 2) / 2;
  if (hi - lo < 1) hi = lo + 1;
  lo = Math.max(0, lo);
  const step = hi - lo <= 1.5 ? 0.25 : 0.5;
  const ticks = Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
  return { domain: [lo, hi], ticks, format: (n) => n.toFixed(step < 0.5 ? 2 : 1) };
}

interface FiguresProps {
  title: string;
  lines: Line[];
  points: TrendsResponse["series"][number]["points"];
  granularity: string;
  suppression: SuppressionBlock;
  metric: Metric;
}

function TrendsFigures({ title, lines: allLines, points, granularity, suppression, metric }: FiguresProps) {
  const { lines, from, to } = trimLines(allLines);
  const periods = points.slice(from, to + 1).map((p) => ({
    period: p.period,
    label: formatPeriod(p.period, true),
    long: formatPeriod(p.period),
  }));
  const axis = yAxisFor(lines, metric);
  const measure = metric === "share" ? "Share of ratings at or above the target level" : "Mean rating";
  const hasData = lines.some((l) => l.points.some((p) => p.state !== "empty"));
  const allHidden = hasData && !lines.some((l) => l.points.some((p) => p.state === "value"));
  // Hidden by the privacy rule; a period not yet published has its own note below the chart.
  const someHidden = lines.some((l) => l.points.some((p) => p.state === "suppressed" && p.display !== NOT_YET_PUBLISHED));
  const someUnpublished = lines.some((l) => l.points.some((p) => p.display === NOT_YET_PUBLISHED));
  const gapLabel = !someUnpublished
    ? undefined
    : someHidden
      ? { row: "hidden", legend: "Hidden by the privacy rule, or not yet published (a gap in the line)" }
      : { row: "pending", legend: "Not yet published (a gap in the line)" };
  return (
    <>
      <Card title={`${title}: ${measure.toLowerCase()}`} testId="trends-card">
        {!hasData ? (
          <EmptyState title="No walkthroughs match these filters">
            Try a wider period, another district or school, or clear the subject and grade band filters.
          </EmptyState>
        ) : (
          <>
          {someHidden && (
            <p className="notice notice-warn" data-testid="trends-hidden-note">
              {allHidden ? "Every figure for these filters is hidden: too few teachers were observed in each period. " : "Some periods are hidden because too few teachers were observed in them. "}
              {granularity === "week" ? "Show by month, or widen the place or subject, to see more." : "Widen the place, subject or grade band to see more."}
            </p>
          )}
          <ChartOrTable
            label="Trends"
            chart={<LineChart lines={lines} periods={periods} yDomain={axis.domain} yTicks={axis.ticks} yFormat={axis.format} label={`${measure} by ${granularity}`} gapLabel={gapLabel} />}
            table={<TrendsTable lines={lines} periods={periods} />}
          />
          </>
        )}
      </Card>
      <UnpublishedNote points={points} />
      <PrivacyNote suppression={suppression} />
    </>
  );
}

function TrendsTable({ lines, periods }: { lines: Line[]; periods: { period: string; long: string }[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="trends-table">
        <caption className="visually-hidden">The same figures as the chart: one row per period, one column per look-for</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {lines.map((l) => (
              <th key={l.key} scope="col" className="num">{l.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => (
            <tr key={p.period}>
              <th scope="row">{p.long}</th>
              {lines.map((l) => {
                const point = l.points[i];
                if (!point) return <td key={l.key} />;
                return (
                  <td
                    key={l.key}
                    className="num"
                    data-testid="trend-table-cell"
                    data-line={l.key}
                    data-period={p.period}
                    {...(point.state === "value" ? { "data-value": point.display } : {})}
                    {...(point.state === "suppressed" ? { "data-suppressed": "true" } : {})}
                  >
                    {point.state === "value" ? point.display : point.state === "suppressed" ? <span className="hidden-figure" title={point.reason}>Hidden<span className="visually-hidden"> — {point.reason}</span></span> : "–"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
