// The network overview: the first screen a region leader sees.
import { Link } from "react-router";
import type { SummaryResponse, SummaryTemplate } from "../api/types";
import { ColumnChart } from "@/components/charts/ColumnChart";
import { Sparkline } from "@/components/charts/Sparkline";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { ChartOrTable } from "@/components/ui/ViewToggle";
import { useApi } from "@/lib/app-context";
import { formatInteger, formatPeriod, formatSchoolYear } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { analyticsApi, queryKey, trendsQuery } from "../api/analytics";
import { useSummary } from "../api/hooks";
import { Kpi, ShareBar } from "../components/Kpi";
import { PrivacyNote } from "../components/PrivacyNote";
import { countView, lineOf, shareView, trimEmpty } from "../lib/cells";
import { standouts } from "../lib/insights";
import type { TrendSeries } from "../api/types";
import { useWorkspace } from "../lib/workspace";
import { ExactFiguresBanner } from "../components/ExactFigures";

export default function Overview() {
  const summary = useSummary();
  return (
    <div className="page">
      <Async state={summary} rows={8}>
        {(s) => <OverviewBody summary={s} />}
      </Async>
    </div>
  );
}

function OverviewBody({ summary }: { summary: SummaryResponse }) {
  const { base, tier } = useWorkspace();
  const totals = summary.totals;
  const walkthroughs = countView(totals.teachers_observed, summary.suppression);
  const schools = shareView(totals.share_schools_visited);
  const teachers = shareView(totals.share_teachers_observed);
  const months = trimEmpty(summary.walkthroughs_by_month.map((m) => ({
    key: m.period,
    label: formatPeriod(m.period, true),
    long: formatPeriod(m.period),
    ...countView(m, summary.suppression),
  })));
  return (
    <>
      <PageHeader
        title={`${summary.name || (tier === "district" ? "District" : "Network")} overview`}
        description={
          tier === "district"
            ? `School year ${formatSchoolYear(summary.school_year)} · your district's own walkthroughs`
            : `School year ${formatSchoolYear(summary.school_year)} · ${summary.districts.length} connected district${summary.districts.length === 1 ? "" : "s"}`
        }
      />
      {tier === "district" && <ExactFiguresBanner name={summary.name} />}
      <div className="kpis">
        <Kpi label="Walkthroughs this year" value={walkthroughs.display} testId="kpi-walkthroughs" dataValue={walkthroughs.value === null ? "" : String(walkthroughs.value)} detail={walkthroughs.reason} />
        <Kpi label="Schools visited" value={schools.display} testId="kpi-schools-visited" dataValue={schools.display} detail={`${formatInteger(totals.schools_visited)} of ${formatInteger(totals.schools)} schools`} />
        <Kpi label="Teachers observed" value={teachers.display} testId="kpi-teachers-observed" dataValue={teachers.display} detail={`of ${formatInteger(totals.teachers_rostered)} rostered teachers`} />
        {tier === "region" && <Kpi label="Districts connected" value={formatInteger(summary.districts.length)} testId="kpi-districts" dataValue={String(summary.districts.length)} />}
      </div>
      <PrivacyNote suppression={summary.suppression} compact />
      {summary.templates.length === 0 ? (
        <Card title="Indicators">
          <EmptyState title="No walkthroughs yet this year">
            Figures appear here once schools in connected districts submit walkthroughs. Check the Districts page to see
            which districts are connected.
          </EmptyState>
        </Card>
      ) : (
        summary.templates.map((t) => <IndicatorCard key={t.template_id} template={t} schoolYear={summary.school_year} />)
      )}
      {tier === "region" && <Card title="Districts" testId="overview-districts">
          <table className="data-table">
            <caption className="visually-hidden">Walkthroughs and reach per district this school year</caption>
            <thead>
              <tr>
                <th scope="col">District</th>
                <th scope="col" className="num">Walkthroughs</th>
                <th scope="col">Schools visited</th>
                <th scope="col">Teachers observed</th>
              </tr>
            </thead>
            <tbody>
              {summary.districts.map((d) => {
                const w = countView(d.teachers_observed, summary.suppression);
                const sv = shareView(d.share_schools_visited);
                const to = shareView(d.share_teachers_observed);
                return (
                  <tr key={d.district_id} data-testid="district-row" data-district={d.district_id}>
                    <th scope="row">
                      <Link to={`${base}/heatmap?district=${d.district_id}`}>{d.name || "Unnamed district"}</Link>
                    </th>
                    <td className="num" data-testid="district-walkthroughs" data-value={w.state === "suppressed" ? "Hidden" : String(w.value ?? "")} {...(w.state === "suppressed" ? { "data-suppressed": "true" } : {})}>
                      {w.state === "suppressed" ? <span className="hidden-figure" tabIndex={0} title={w.reason} aria-label={w.reason}>Hidden</span> : w.display}
                    </td>
                    <td data-testid="district-schools-visited" data-value={sv.display}>
                      <ShareBar value={sv.value} display={sv.display} label={`${d.schools_visited} of ${d.schools} schools`} />
                    </td>
                    <td data-testid="district-teachers-observed" data-value={to.display}>
                      <ShareBar value={to.value} display={to.display} label={`of ${d.teachers_rostered} teachers`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
      </Card>}
      <Card title="Walkthroughs by month">
          <ChartOrTable
            label="Walkthroughs by month"
            chart={<ColumnChart columns={months} label="Walkthroughs per month this school year" height={220} testId="month-column" />}
            table={
              <table className="data-table">
                <caption className="visually-hidden">Walkthroughs per month</caption>
                <thead><tr><th scope="col">Month</th><th scope="col" className="num">Walkthroughs</th></tr></thead>
                <tbody>
                  {months.map((m) => (
                    <tr key={m.key}><th scope="row">{m.long}</th><td className="num">{m.state === "suppressed" ? `Hidden — ${m.reason}` : m.display}</td></tr>
                  ))}
                </tbody>
              </table>
            }
          />
      </Card>
    </>
  );
}

function IndicatorCard({ template, schoolYear }: { template: SummaryTemplate; schoolYear: string }) {
  const { base } = useWorkspace();
  const api = useApi();
  const query = trendsQuery({ by: "month" }, template.template_id, schoolYear);
  const trends = useQuery(queryKey("trends", query), () => analyticsApi.trends(api, query));
  const sparkOf = (key: string) => {
    const series = trends.data?.series.find((s) => s.indicator === key);
    if (!series) return null;
    const points = trimEmpty(lineOf(series, "mean", trends.data?.suppression).points);
    // The sparkline's numbers, spoken: its accessible name is its table.
    const spoken = points.map((p) => `${formatPeriod(p.period, true)} ${p.state === "value" ? p.display : p.state === "suppressed" ? "hidden" : "none"}`).join(", ");
    return { values: points.map((p) => p.value), spoken };
  };
  return (
    <Card
      title={template.title || "Untitled template"}
      actions={<Link className="btn btn-secondary" to={`${base}/trends?template=${template.template_id}`}>Open trends</Link>}
      testId="overview-indicators"
    >
      <Standouts template={template} series={trends.data?.series} />
      <table className="data-table indicators">
        <caption className="visually-hidden">Each indicator's mean rating and share of ratings at or above its target level, this school year</caption>
        <thead>
          <tr>
            <th scope="col">Look-for</th>
            <th scope="col" className="num">Mean rating</th>
            <th scope="col">At or above target</th>
            <th scope="col">Trend by month</th>
          </tr>
        </thead>
        <tbody>
          {template.indicators.map((i) => {
            const share = i.suppressed ? null : shareView(i.share);
            const spark = sparkOf(i.indicator);
            return (
              <tr key={i.indicator} data-testid="indicator-row" data-template={template.template_id} data-indicator={i.indicator}>
                <th scope="row">{i.text}</th>
                <td className="num" data-testid="indicator-mean" data-value={i.suppressed ? "" : i.mean_rating?.toFixed(2) ?? ""}>
                  {i.suppressed ? "Hidden" : i.mean_rating?.toFixed(2) ?? "–"}
                </td>
                <td data-testid="indicator-share" data-value={share?.display ?? ""}>
                  {share ? <ShareBar value={share.value} display={share.display} label={`rated level ${i.level} or above`} /> : "Hidden"}
                  <span className="muted small nowrap"> level {i.level}+</span>
                </td>
                <td>
                  {spark ? <Sparkline values={spark.values} label={`${i.text}, mean rating by month: ${spark.spoken}`} /> : <span className="skeleton" style={{ display: "inline-block", width: 120, height: 24 }} aria-hidden="true" />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}

const STANDOUT_LABELS = { lagging: "Needs attention", strongest: "Strongest", improving: "Improving", declining: "Slipping" } as const;

function Standouts({ template, series }: { template: SummaryTemplate; series: TrendSeries[] | undefined }) {
  const { base, tier } = useWorkspace();
  const found = standouts(template, series);
  if (!found.length) return null;
  return (
    <ul className="standouts" aria-label="What stands out" data-testid="standouts">
      {found.map((s) => (
        <li key={s.kind} className={`standout standout-${s.kind}`} data-testid="standout" data-kind={s.kind} data-indicator={s.indicator}>
          <span className="standout-kind">{STANDOUT_LABELS[s.kind]}</span>
          <span className="standout-text">{s.text}</span>
          <span className="standout-detail">{s.detail}</span>
          <Link className="standout-link" to={`${base}/trends?${new URLSearchParams(tier === "district" ? { template: template.template_id } : { template: template.template_id, compare: "districts", indicator: s.indicator }).toString()}`}>
            {tier === "district" ? "Open trends" : "Compare districts"}<span className="visually-hidden"> on {s.text}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
