// What stands out in a template's figures, said in words on the overview: the look-for that
// lags, the strongest one, and the one that moved most over the year. Built only from published
// figures (hidden ones are skipped, never guessed).
import { formatPeriod } from "@/lib/format";
import type { SummaryTemplate, TrendSeries } from "../api/types";
import { lineOf } from "./cells";

export interface Standout {
  kind: "lagging" | "strongest" | "improving" | "declining";
  indicator: string;
  text: string;
  detail: string;
}

const MEANINGFUL_CHANGE = 0.2; // a fifth of a rating level

export function standouts(template: SummaryTemplate, series: TrendSeries[] | undefined): Standout[] {
  const rated = template.indicators.filter((i) => !i.suppressed && i.n && i.mean_rating != null);
  const out: Standout[] = [];
  if (rated.length >= 2) {
    const sorted = [...rated].sort((a, b) => (a.mean_rating ?? 0) - (b.mean_rating ?? 0));
    const low = sorted[0]!;
    const high = sorted[sorted.length - 1]!;
    if ((high.mean_rating ?? 0) - (low.mean_rating ?? 0) >= 0.05) {
      out.push({ kind: "lagging", indicator: low.indicator, text: low.text, detail: `lowest mean this year (${low.mean_rating?.toFixed(2)})` });
      out.push({ kind: "strongest", indicator: high.indicator, text: high.text, detail: `highest mean this year (${high.mean_rating?.toFixed(2)})` });
    }
  }
  const change = biggestChange(series ?? []);
  if (change) out.push(change);
  return out;
}

function biggestChange(series: TrendSeries[]): Standout | null {
  let best: Standout | null = null;
  let bestSize = MEANINGFUL_CHANGE;
  for (const s of series) {
    const shown = lineOf(s, "mean").points.filter((p) => p.state === "value" && p.value !== null);
    const first = shown[0];
    const last = shown[shown.length - 1];
    if (!first || !last || first === last) continue;
    const delta = (last.value ?? 0) - (first.value ?? 0);
    if (Math.abs(delta) < bestSize) continue;
    bestSize = Math.abs(delta);
    best = {
      kind: delta > 0 ? "improving" : "declining",
      indicator: s.indicator,
      text: s.text,
      detail: `${delta > 0 ? "up" : "down"} ${Math.abs(delta).toFixed(2)} from ${formatPeriod(first.period)} to ${formatPeriod(last.period)}`,
    };
  }
  return best;
}
