// Distribution: for each look-for, the share of ratings at each level, stacked.
import type { DistributionResponse } from "../api/types";
import { StackedBars, type StackRow } from "@/components/charts/StackedBars";
import { Card } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { ChartOrTable } from "@/components/ui/ViewToggle";
import { useApi } from "@/lib/app-context";
import { formatPeriod } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { analyticsApi, distributionQuery, queryKey } from "../api/analytics";
import { FilterBar } from "../components/FilterBar";
import { PrivacyNote } from "../components/PrivacyNote";
import { ScreenFrame, type ScreenContext } from "../components/ScreenFrame";
import { distributionRows, levelsOf } from "../lib/distribution";

export default function Distribution() {
  return (
    <ScreenFrame title="Distribution" description="How ratings spread across the levels of each look-for.">
      {(ctx) => <DistributionBody {...ctx} />}
    </ScreenFrame>
  );
}

function DistributionBody({ summary, filters, setFilters, templateId }: ScreenContext) {
  const api = useApi();
  const query = distributionQuery(filters, templateId ?? "");
  const dist = useQuery(queryKey("distribution", query), () => analyticsApi.distribution(api, query));
  return (
    <>
      <FilterBar summary={summary} filters={filters} onChange={setFilters} templateId={templateId} show={["template", "district", "school", "subject", "grade", "period"]} />
      <Async state={dist} rows={8}>
        {(d) => <DistributionFigures dist={d} />}
      </Async>
    </>
  );
}

function DistributionFigures({ dist }: { dist: DistributionResponse }) {
  const levels = levelsOf(dist);
  const rows: StackRow[] = distributionRows(dist, levels);
  const title = `${dist.template.title}: ratings by level · ${formatPeriod(dist.period)}`;
  const empty = rows.every((r) => r.state === "empty");
  return (
    <>
      <Card title={title} testId="distribution-card">
        {empty ? (
          <EmptyState title="No ratings match these filters">Try a wider period or clear the subject and grade band filters.</EmptyState>
        ) : (
          <ChartOrTable
            label="Distribution"
            chart={<StackedBars rows={rows} levels={levels} caption={title} />}
            table={
              <div className="table-scroll">
                <table className="data-table" data-testid="distribution-table">
                  <caption className="visually-hidden">{title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Look-for</th>
                      {levels.map((l) => (
                        <th key={l.key} scope="col" className="num">{l.label}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.key}>
                        <th scope="row">{r.label}</th>
                        {r.state === "value"
                          ? levels.map((l) => {
                              const seg = r.segments.find((s) => s.key === l.key);
                              return <td key={l.key} className="num" data-testid="distribution-table-cell" data-row={r.key} data-level={l.key} data-value={seg?.display ?? ""}>{seg?.display ?? "–"}</td>;
                            })
                          : <td colSpan={levels.length} data-suppressed={r.state === "suppressed" || undefined}>{r.state === "suppressed" ? `Hidden — ${r.reason}` : "No ratings"}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            }
          />
        )}
      </Card>
      <PrivacyNote suppression={dist.suppression} />
    </>
  );
}
