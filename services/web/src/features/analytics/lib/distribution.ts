// A distribution answer as stacked rows: one per look-for, one segment per rating level.
import type { DistributionResponse } from "../api/types";
import { reasonText, shareView } from "./cells";

export interface Level {
  key: string;
  label: string;
}

/** Every level any look-for uses, low to high, labelled "2 · Developing". */
export function levelsOf(answer: DistributionResponse): Level[] {
  const seen = new Map<number, string>();
  for (const ind of answer.indicators) {
    if (ind.suppressed) continue;
    for (const level of ind.levels ?? []) if (!seen.has(level.value)) seen.set(level.value, level.label);
  }
  return [...seen.entries()]
    .sort(([a], [b]) => a - b)
    .map(([value, label]) => ({ key: String(value), label: label === String(value) ? label : `${value} · ${label}` }));
}

export function distributionRows(answer: DistributionResponse, levels: Level[]) {
  return answer.indicators.map((ind) => {
    if (ind.suppressed) {
      return { key: ind.indicator, label: ind.text, state: "suppressed" as const, reason: reasonText(ind.reasons, answer.suppression), segments: [] };
    }
    if (!ind.n) return { key: ind.indicator, label: ind.text, state: "empty" as const, reason: "No ratings in this period.", segments: [] };
    const byValue = new Map((ind.levels ?? []).map((l) => [String(l.value), l]));
    return {
      key: ind.indicator,
      label: ind.text,
      state: "value" as const,
      segments: levels.flatMap((level) => {
        const found = byValue.get(level.key);
        if (!found) return [];
        const view = shareView(found.share);
        return [{ key: level.key, label: level.label, share: view.value ?? 0, display: view.display }];
      }),
    };
  });
}
