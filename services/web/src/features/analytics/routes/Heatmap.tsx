// Heat map: look-fors × districts, or × one district's schools. Hidden cells are hatched with
// their reason; the legend states the published rule.
import { Link } from "react-router";
import type { HeatmapResponse } from "../api/types";
import { HeatLegend, HeatMap } from "@/components/charts/HeatMap";
import { Card } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { ChartOrTable } from "@/components/ui/ViewToggle";
import { useApi } from "@/lib/app-context";
import { formatPeriod } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { analyticsApi, heatmapQuery, queryKey } from "../api/analytics";
import { FilterBar } from "../components/FilterBar";
import { PrivacyNote } from "../components/PrivacyNote";
import { ScreenFrame, type ScreenContext } from "../components/ScreenFrame";
import type { Filters, Metric } from "../lib/filters";
import { heatDomain, heatRows, type HeatRow } from "../lib/heat";
import { useWorkspace } from "../lib/workspace";

export default function Heatmap() {
  return (
    <ScreenFrame title="Heat map" description={useWorkspace().tier === "district" ? "Every look-for in every school of your district at a glance." : "Every look-for in every district at a glance. Select a district to see its schools."}>
      {(ctx) => <HeatmapBody {...ctx} />}
    </ScreenFrame>
  );
}

function HeatmapBody({ summary, filters, setFilters, templateId }: ScreenContext) {
  const api = useApi();
  const workspace = useWorkspace();
  const drill = !!filters.district;
  const query = heatmapQuery(filters, templateId ?? "", drill);
  const heat = useQuery(queryKey("heatmap", query), () => analyticsApi.heatmap(api, query));
  const district = summary.districts.find((d) => d.district_id === filters.district);
  return (
    <>
      <FilterBar summary={summary} filters={filters} onChange={setFilters} templateId={templateId} show={["template", "district", "subject", "grade", "period", "metric"]} />
      {drill && workspace.tier === "region" && (
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <button type="button" className="link-button" onClick={() => setFilters({ district: undefined })} data-testid="heatmap-back">
            All districts
          </button>
          <span aria-hidden="true"> › </span>
          <span aria-current="page">{district?.name ?? "District"}</span>
        </nav>
      )}
      <Async state={heat} rows={8}>
        {(h) => <HeatFigures heat={h} metric={filters.metric ?? "mean"} onDrill={(id) => setFilters({ district: id })} filters={filters} />}
      </Async>
    </>
  );
}

function HeatFigures({ heat, metric, onDrill, filters }: { heat: HeatmapResponse; metric: Metric; onDrill: (districtId: string) => void; filters: Filters }) {
  const { base } = useWorkspace();
  const rows = heatRows(heat, metric);
  const domain = heatDomain(rows, metric);
  const format = metric === "share" ? (n: number) => `${Math.round(n * 100)}%` : (n: number) => n.toFixed(2);
  const columns = heat.indicators.map((i) => ({ key: i.indicator, label: shorten(i.text), title: i.text }));
  const measure = metric === "share" ? "share at or above target" : "mean rating";
  const title = `${heat.template.title}: ${measure} by ${heat.by} · ${formatPeriod(heat.period)}`;
  return (
    <>
      <Card title={title} testId="heatmap-card">
        {rows.length === 0 ? (
          <EmptyState title={heat.by === "school" ? "This district has no schools yet" : "No connected districts"}>
            {heat.by === "school" ? "Schools appear once the district adds them." : "Invite districts on the Districts page; their figures appear once they accept."}
          </EmptyState>
        ) : (
          <ChartOrTable
            label="Heat map"
            chart={
              <>
                <HeatMap
                  caption={title}
                  columns={columns}
                  domain={domain}
                  rows={rows.map((r) => ({
                    key: r.id,
                    label: r.name,
                    header:
                      r.kind === "district" ? (
                        <button type="button" className="link-button" onClick={() => onDrill(r.id)} data-testid="heat-drill" aria-label={`${r.name}: show its schools`}>
                          {r.name} <span aria-hidden="true">›</span>
                        </button>
                      ) : (
                        <Link to={`${base}/trends?${new URLSearchParams({ template: heat.template.template_id, district: filters.district ?? "", school: r.id }).toString()}`} aria-label={`${r.name}: trends`}>
                          {r.name}
                        </Link>
                      ),
                    cells: r.cells,
                  }))}
                />
                <HeatLegend domain={domain} format={format} lowLabel="Lower" highLabel="Higher" />
              </>
            }
            table={<HeatTable rows={rows} columns={columns} />}
          />
        )}
      </Card>
      <PrivacyNote suppression={heat.suppression} />
    </>
  );
}

function HeatTable({ rows, columns }: { rows: HeatRow[]; columns: { key: string; title: string }[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="heatmap-table">
        <caption className="visually-hidden">The same figures as the heat map</caption>
        <thead>
          <tr>
            <th scope="col">{rows[0]?.kind === "school" ? "School" : "District"}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="num">{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.name}</th>
              {r.cells.map((c) => (
                <td key={c.indicator} className="num" data-testid="heat-table-cell" data-row={r.id} data-col={c.indicator} {...(c.state === "suppressed" ? { "data-suppressed": "true" } : c.state === "value" ? { "data-value": c.display } : {})}>
                  {c.state === "value" ? c.display : c.state === "suppressed" ? <span className="hidden-figure" title={c.reason}>Hidden<span className="visually-hidden"> — {c.reason}</span></span> : "–"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function shorten(text: string): string {
  return text.length > 42 ? `${text.slice(0, 40)}…` : text;
}
