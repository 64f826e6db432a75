// A heat-map answer as rows of cells to draw: the figure a cell shows, or why it is hatched.
import type { HeatmapResponse, RatingCell } from "../api/types";
import { ratingView, type FigureView } from "./cells";
import type { Metric } from "./filters";

export interface HeatCell extends FigureView {
  indicator: string;
  detail?: string;
}

export interface HeatRow {
  org: string;
  id: string;
  kind: "district" | "school";
  name: string;
  cells: HeatCell[];
}

function detailOf(cell: RatingCell): string | undefined {
  if (cell.suppressed || !cell.n) return undefined;
  const share = cell.share ? `; ${cell.share.display} at or above target` : "";
  return `Mean ${cell.mean_rating?.toFixed(2)} from ${cell.n.toLocaleString("en-US")} ratings of ${cell.teachers} teachers${share}`;
}

const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Rows in name order ("School #2" before "School #10"), each cell in the indicators' order. */
export function heatRows(answer: HeatmapResponse, metric: Metric): HeatRow[] {
  const rows = [...answer.rows].sort((a, b) => byName.compare(a.name, b.name));
  return rows.map((row) => {
    const [kind, id = ""] = row.org.split(":");
    const byIndicator = new Map(row.cells.map((c) => [c.indicator, c]));
    return {
      org: row.org,
      id,
      kind: kind === "school" ? "school" : "district",
      name: row.name || (kind === "school" ? "Unnamed school" : "Unnamed district"),
      cells: answer.indicators.map((ind) => {
        const cell = byIndicator.get(ind.indicator);
        if (!cell) return { indicator: ind.indicator, state: "empty", value: null, display: "–", reason: "No walkthroughs in this period." };
        return { indicator: ind.indicator, ...ratingView(cell, metric, answer.suppression), detail: detailOf(cell) };
      }),
    };
  });
}

/** The colour domain: the range of shown values (so differences are visible), never empty. */
export function heatDomain(rows: HeatRow[], metric: Metric): [number, number] {
  const values = rows.flatMap((r) => r.cells.map((c) => c.value)).filter((v): v is number => v !== null);
  if (!values.length) return metric === "share" ? [0, 1] : [1, 4];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (hi - lo < 1e-9) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

export function hatchedCount(rows: HeatRow[]): number {
  return rows.reduce((n, r) => n + r.cells.filter((c) => c.state === "suppressed").length, 0);
}
