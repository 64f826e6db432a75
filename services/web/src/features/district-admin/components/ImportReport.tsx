// A roster import's report: the counts, then every row that is added, changed, removed or
// rejected, with what changes or why it is refused, by file and line.
import { useState } from "react";
import { Badge } from "@/components/ui/Layout";
import { EmptyState } from "@/components/ui/States";
import type { ImportRow, RosterImport } from "../api/console";

const OUTCOMES = ["added", "changed", "removed", "rejected"] as const;
type Outcome = (typeof OUTCOMES)[number];
const TONE: Record<Outcome, "good" | "info" | "warn" | "bad"> = { added: "good", changed: "info", removed: "warn", rejected: "bad" };
const LABEL: Record<Outcome, string> = { added: "Added", changed: "Changed", removed: "Removed", rejected: "Rejected" };
const SUMMARY_LABELS: [string, string][] = [
  ["schools_created", "new schools"],
  ["schools_renamed", "schools renamed"],
  ["teachers_rostered", "teachers added"],
  ["teachers_moved", "teachers moved"],
  ["teachers_updated", "teachers updated"],
  ["teachers_removed", "teachers removed"],
  ["teachers_unchanged", "teachers unchanged"],
  ["rows_skipped", "rows skipped (students, districts…)"],
];

function isOutcome(value: unknown): value is Outcome {
  return typeof value === "string" && (OUTCOMES as readonly string[]).includes(value);
}

export function ImportReport({ record }: { record: RosterImport }) {
  const report = record.report;
  const rows = report?.rows ?? [];
  const [shown, setShown] = useState<Outcome | "all">("all");
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, rows.filter((r) => r.outcome === o).length])) as Record<Outcome, number>;
  const visible = shown === "all" ? rows : rows.filter((r) => r.outcome === shown);
  return (
    <div data-testid="import-report" data-dry-run={record.dry_run ? "true" : "false"} data-applied={record.applied ? "true" : "false"}>
      <ul className="summary-list" aria-label="What the import does">
        {SUMMARY_LABELS.map(([key, label]) => (
          <li key={key} data-testid="import-summary" data-key={key} data-value={report?.summary?.[key] ?? 0}>
            <strong>{report?.summary?.[key] ?? 0}</strong> {label}
          </li>
        ))}
        <li data-testid="import-summary" data-key="rejected" data-value={report?.errors?.length ?? 0}>
          <strong>{report?.errors?.length ?? 0}</strong> {report?.errors?.length === 1 ? "row" : "rows"} rejected
        </li>
      </ul>
      {rows.length === 0 ? (
        <EmptyState title="Nothing to change">Every row matches the roster as it is.</EmptyState>
      ) : (
        <>
          <div className="segmented" role="group" aria-label="Show rows">
            {(["all", ...OUTCOMES] as const).map((o) => (
              <button key={o} type="button" aria-pressed={shown === o} onClick={() => setShown(o)}>
                {o === "all" ? `All (${rows.length})` : `${LABEL[o]} (${counts[o]})`}
              </button>
            ))}
          </div>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Rows of the roster files and what the import does with each</caption>
              <thead>
                <tr><th scope="col">File and line</th><th scope="col">What</th><th scope="col">Roster id</th><th scope="col">Name</th><th scope="col">Details</th></tr>
              </thead>
              <tbody>
                {visible.map((row) => <Row key={`${row.file}:${row.line}`} row={row} />)}
              </tbody>
            </table>
          </div>
          {(report?.rows_omitted ?? 0) > 0 && <p className="muted small">{report?.rows_omitted} more rows are not listed; the counts above include them.</p>}
        </>
      )}
    </div>
  );
}

function Row({ row }: { row: ImportRow }) {
  const outcome = isOutcome(row.outcome) ? row.outcome : "changed";
  return (
    <tr data-testid="import-row" data-outcome={outcome} data-file={row.file} data-line={row.line} data-source-id={row.source_id ?? ""}>
      <td className="nowrap">{row.file}:{row.line}</td>
      <td><span className="outcome"><Badge tone={TONE[outcome]}>{LABEL[outcome]}</Badge></span></td>
      <td>{row.source_id ?? <span className="muted">none</span>}</td>
      <td>{row.name ?? ""}</td>
      <td>{row.field ? <><code>{row.field}</code>: </> : null}{row.detail}</td>
    </tr>
  );
}
