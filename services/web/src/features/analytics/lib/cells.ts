// What one figure of an analytics answer becomes on screen. Three states, never confused:
// a value; suppressed (hidden by the privacy rule: no number, a reason); empty (no walkthroughs).
// A suppressed or empty point is a gap in a line, never zero and never interpolated.
import type {
  CountCell,
  RatingCell,
  Share,
  SuppressionBlock,
  TrendSeries,
} from "../api/types";
import type { Metric } from "./filters";

export type CellState = "value" | "suppressed" | "empty";

export interface FigureView {
  state: CellState;
  /** The number drawn (mean rating, or share 0..1); null unless state is "value". */
  value: number | null;
  /** The text shown: the API's own display for shares, two decimals for means. */
  display: string;
  /** Why there is no number, in plain words. */
  reason?: string;
}

const FALLBACK_REASONS: Record<string, string> = {
  primary: "fewer than the minimum number of teachers were observed",
  secondary: "hidden to protect other hidden figures",
};

/** Plain words for a suppressed cell's reason codes, using the texts the answer published. */
export function reasonText(reasons: readonly string[] | undefined, suppression?: SuppressionBlock): string {
  const texts: Record<string, string | undefined> = { ...(suppression?.applied ? suppression.reasons : {}) };
  const words = (reasons ?? []).map((code) => texts[code] ?? FALLBACK_REASONS[code] ?? code);
  const joined = words.length ? words.join("; ") : "hidden by the privacy rule";
  return `Hidden: ${joined}.`;
}

export const EMPTY_REASON = "No walkthroughs in this period.";

export function shareView(share: Share | null | undefined): FigureView {
  if (!share) return { state: "empty", value: null, display: "–", reason: EMPTY_REASON };
  // A coded share (≥95 %, <5 %) has no exact value: draw it at its band edge, show its code.
  const value = share.value ?? (share.coded === "top" ? 0.95 : share.coded === "bottom" ? 0.05 : null);
  return { state: "value", value, display: share.display };
}

/** A region period not released yet (issue #19): no figure until the release after it closes. */
/** The display of a region period not released yet (issue #19): no figure, not a privacy decision. */
export const NOT_YET_PUBLISHED = "Not yet published";

export function unpublishedText(publishedAfter: string | undefined): string {
  return publishedAfter
    ? `Not yet published: region figures for this period are published after ${publishedAfter}.`
    : "Not yet published: region figures for a period are published after it closes.";
}

export function ratingView(cell: RatingCell, metric: Metric, suppression?: SuppressionBlock): FigureView {
  if (cell.unpublished) {
    return { state: "suppressed", value: null, display: NOT_YET_PUBLISHED, reason: unpublishedText(cell.published_after) };
  }
  if (cell.suppressed) {
    return { state: "suppressed", value: null, display: "Hidden", reason: reasonText(cell.reasons, suppression) };
  }
  if (!cell.n || cell.mean_rating == null) {
    return { state: "empty", value: null, display: "–", reason: EMPTY_REASON };
  }
  if (metric === "share") return shareView(cell.share);
  return { state: "value", value: cell.mean_rating, display: cell.mean_rating.toFixed(2) };
}

export function countView(cell: CountCell, suppression?: SuppressionBlock): FigureView {
  if (cell.unpublished) {
    return { state: "suppressed", value: null, display: NOT_YET_PUBLISHED, reason: unpublishedText(cell.published_after) };
  }
  if (cell.suppressed) {
    return { state: "suppressed", value: null, display: "Hidden", reason: reasonText(cell.reasons, suppression) };
  }
  const walkthroughs = cell.walkthroughs ?? 0;
  return { state: "value", value: walkthroughs, display: walkthroughs.toLocaleString("en-US") };
}

export interface LinePoint extends FigureView {
  period: string;
  index: number;
}

export interface Line {
  key: string;
  label: string;
  points: LinePoint[];
}

/** A trends series as points of a line: values where published, gaps elsewhere. */
export function lineOf(series: TrendSeries, metric: Metric, suppression?: SuppressionBlock): Line {
  return {
    key: series.indicator,
    label: series.text,
    points: series.points.map((point, index) => ({
      period: point.period,
      index,
      ...ratingView(point, metric, suppression),
    })),
  };
}

/** Runs of consecutive drawn points: a line is drawn within a run and broken between runs. */
export function segmentsOf(points: readonly LinePoint[]): LinePoint[][] {
  const runs: LinePoint[][] = [];
  let run: LinePoint[] = [];
  for (const point of points) {
    if (point.state === "value" && point.value !== null) run.push(point);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

export function suppressedCount(suppression: SuppressionBlock | undefined): number {
  return suppression?.applied ? (suppression.suppressed_cells ?? 0) : 0;
}

/** Drop the empty periods before the first and after the last figure (a school year's months
 * not reached yet); hidden periods stay, as gaps. */
export function trimEmpty<T extends { state: CellState; value: number | null }>(points: readonly T[]): T[] {
  // A count of 0 at either end is a period not reached yet, like an empty one.
  const blank = (p: T | undefined) => !p || p.state === "empty" || (p.state === "value" && p.value === 0);
  const first = points.findIndex((p) => !blank(p));
  if (first < 0) return [];
  let last = points.length - 1;
  while (last > first && blank(points[last])) last--;
  return points.slice(first, last + 1);
}

/** The same lines without the periods before the first and after the last figure of any line
 * (weeks of the school year not reached yet). Hidden periods inside stay. */
export function trimLines(lines: Line[]): { lines: Line[]; from: number; to: number } {
  const used = (i: number) => lines.some((l) => l.points[i] && l.points[i]!.state !== "empty");
  const count = Math.max(0, ...lines.map((l) => l.points.length));
  let from = 0;
  while (from < count && !used(from)) from++;
  let to = count - 1;
  while (to > from && !used(to)) to--;
  if (from >= count) return { lines, from: 0, to: count - 1 };
  const trimmed = lines.map((l) => ({
    ...l,
    points: l.points.slice(from, to + 1).map((p, index) => ({ ...p, index })),
  }));
  return { lines: trimmed, from, to };
}
