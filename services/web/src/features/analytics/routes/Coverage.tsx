// Coverage: how many walkthroughs happen over time, how many schools were visited and how many
// rostered teachers were observed.
import type { CoverageResponse, SummaryResponse } from "../api/types";
import { ColumnChart } from "@/components/charts/ColumnChart";
import { Card } from "@/components/ui/Layout";
import { Async } from "@/components/ui/States";
import { ChartOrTable } from "@/components/ui/ViewToggle";
import { useApi } from "@/lib/app-context";
import { formatInteger, formatPeriod, formatSchoolYear } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { analyticsApi, coverageQuery, queryKey } from "../api/analytics";
import { FilterBar } from "../components/FilterBar";
import { Kpi, ShareBar } from "../components/Kpi";
import { PrivacyNote } from "../components/PrivacyNote";
import { ScreenFrame, type ScreenContext } from "../components/ScreenFrame";
import { countView, shareView, trimEmpty } from "../lib/cells";

export default function Coverage() {
  return (
    <ScreenFrame title="Coverage" description="Are walkthroughs reaching every school and teacher?" needsTemplate={false}>
      {(ctx) => <CoverageBody {...ctx} />}
    </ScreenFrame>
  );
}

function CoverageBody({ summary, filters, setFilters }: ScreenContext) {
  const api = useApi();
  const query = coverageQuery(filters, summary.school_year);
  const coverage = useQuery(queryKey("coverage", query), () => analyticsApi.coverage(api, query));
  return (
    <>
      <FilterBar summary={summary} filters={filters} onChange={setFilters} terms show={["district", "period", "by"]} />
      <Async state={coverage} rows={8}>
        {(c) => <CoverageFigures coverage={c} />}
      </Async>
      {!filters.district && <ReachByDistrict summary={summary} />}
      {coverage.data && <PrivacyNote suppression={coverage.data.suppression} />}
    </>
  );
}

function CoverageFigures({ coverage }: { coverage: CoverageResponse }) {
  const columns = trimEmpty(
    coverage.over_time.map((b) => ({
      key: b.period,
      label: formatPeriod(b.period, true),
      long: formatPeriod(b.period),
      ...countView(b.total, coverage.suppression),
    })),
  );
  const shown = new Set(columns.map((c) => c.key));
  const buckets = coverage.over_time.filter((b) => shown.has(b.period));
  const partKind = coverage.over_time[0]?.parts[0]?.org.startsWith("school:") ? "School" : "District";
  return (
    <>
      {coverage.school_years.map((year) => {
        const schools = shareView(year.share_schools_visited);
        const teachers = shareView(year.share_teachers_observed);
        const observed = countView(year.teachers_observed, coverage.suppression);
        return (
          <div className="kpis" key={year.school_year} data-testid="coverage-reach" data-school-year={year.school_year}>
            <Kpi label={`Schools visited, ${formatSchoolYear(year.school_year)}`} value={schools.display} testId="coverage-schools-visited" dataValue={schools.display} detail={`${formatInteger(year.schools_visited)} of ${formatInteger(year.schools)} schools`} />
            <Kpi label="Teachers observed" value={teachers.display} testId="coverage-teachers-observed" dataValue={teachers.display} detail={`of ${formatInteger(year.teachers_rostered)} rostered teachers`} />
            <Kpi label="Walkthroughs" value={observed.display} testId="coverage-walkthroughs" dataValue={observed.value === null ? "" : String(observed.value)} detail={observed.reason ?? "in the school year"} />
            <Kpi label="Schools not yet visited" value={formatInteger(Math.max(0, year.schools - year.schools_visited))} testId="coverage-schools-unvisited" dataValue={String(Math.max(0, year.schools - year.schools_visited))} />
          </div>
        );
      })}
      <Card title="Walkthroughs over time" testId="coverage-card">
        <ChartOrTable
          label="Walkthroughs over time"
          chart={<ColumnChart columns={columns} label={`Walkthroughs per ${coverage.granularity}`} testId="coverage-column" />}
          table={
            <table className="data-table" data-testid="coverage-table">
              <caption className="visually-hidden">Walkthroughs per {coverage.granularity}</caption>
              <thead><tr><th scope="col">Period</th><th scope="col" className="num">Walkthroughs</th></tr></thead>
              <tbody>
                {columns.map((c) => (
                  <tr key={c.key}><th scope="row">{c.long}</th><td className="num">{c.state === "suppressed" ? `Hidden — ${c.reason}` : c.display}</td></tr>
                ))}
              </tbody>
            </table>
          }
        />
      </Card>
      <Card title={`Walkthroughs by ${partKind.toLowerCase()}`} testId="coverage-parts">
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Walkthroughs per {partKind.toLowerCase()} and period</caption>
            <thead>
              <tr>
                <th scope="col">{partKind}</th>
                {buckets.map((b) => (
                  <th key={b.period} scope="col" className="num">{formatPeriod(b.period, true)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(buckets[0]?.parts ?? []).map((part, pi) => (
                <tr key={part.org}>
                  <th scope="row">{part.name || "Unnamed"}</th>
                  {buckets.map((b) => {
                    const cell = b.parts[pi];
                    const view = cell ? countView(cell, coverage.suppression) : undefined;
                    return (
                      <td key={b.period} className="num" data-testid="coverage-part-cell" data-row={part.org} data-period={b.period} {...(view?.state === "suppressed" ? { "data-suppressed": "true" } : { "data-value": view?.value == null ? "" : String(view.value) })}>
                        {view?.state === "suppressed" ? <span className="hidden-figure" title={view.reason} tabIndex={0} aria-label={view.reason}>Hidden</span> : view?.display ?? "–"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}

function ReachByDistrict({ summary }: { summary: SummaryResponse }) {
  return (
    <Card title={`Reach by district, ${formatSchoolYear(summary.school_year)}`} testId="coverage-reach-districts">
      <table className="data-table">
        <caption className="visually-hidden">Schools visited and teachers observed per district this school year</caption>
        <thead>
          <tr><th scope="col">District</th><th scope="col">Schools visited</th><th scope="col">Teachers observed</th></tr>
        </thead>
        <tbody>
          {summary.districts.map((d) => {
            const sv = shareView(d.share_schools_visited);
            const to = shareView(d.share_teachers_observed);
            return (
              <tr key={d.district_id}>
                <th scope="row">{d.name || "Unnamed district"}</th>
                <td><ShareBar value={sv.value} display={sv.display} label={`${d.schools_visited} of ${d.schools} schools`} /> <span className="muted small">{d.schools_visited} of {d.schools}</span></td>
                <td><ShareBar value={to.value} display={to.display} label={`of ${d.teachers_rostered} rostered teachers`} /> <span className="muted small">of {d.teachers_rostered} rostered</span></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
