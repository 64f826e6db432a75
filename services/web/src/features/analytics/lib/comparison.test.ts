import { describe, expect, it } from "vitest";
import type { SummaryResponse, TrendsResponse } from "../api/types";
import { comparisonLines, comparisonPlan } from "./comparison";

const SUMMARY = {
  school_year: "2026-2027",
  districts: [
    { district_id: "d1", name: "Bayside" },
    { district_id: "d2", name: "Cedar Hills" },
  ],
  templates: [{ template_id: "t", title: "T", indicators: [{ indicator: "a", text: "On task" }, { indicator: "b", text: "Explain thinking" }] }],
} as unknown as SummaryResponse;

const answer = (suppressed: number, mean: number | null): TrendsResponse =>
  ({
    template: { template_id: "t", title: "T" },
    org: "district:x",
    granularity: "month",
    filters: {},
    suppression: { applied: true, k: 10, suppressed_cells: suppressed, reasons: { primary: "too few", secondary: "protect" }, rule: "/v1/privacy-rule" },
    series: [{ indicator: "b", text: "Explain thinking", section: "", level: 3, points: [mean === null ? { period: "month:2026-09", start: "", end: "", suppressed: true, reasons: ["primary"] } : { period: "month:2026-09", start: "", end: "", suppressed: false, n: 30, teachers: 12, mean_rating: mean, share: null }] }],
  }) as TrendsResponse;

describe("comparing districts on one look-for", () => {
  it("asks the API once per district for the chosen look-for, never for a school", () => {
    const plan = comparisonPlan(SUMMARY, { compare: "districts", indicator: "b", school: "s1", by: "week" }, "t");
    expect(plan.indicatorText).toBe("Explain thinking");
    expect(plan.queries.map((q) => [q.district_id, q.indicator, q.school_id, q.granularity])).toEqual([
      ["d1", "b", undefined, "week"],
      ["d2", "b", undefined, "week"],
    ]);
  });

  it("falls back to the template's first look-for", () => {
    expect(comparisonPlan(SUMMARY, { indicator: "zzz" }, "t").indicator).toBe("a");
  });

  it("draws one line per district from its own answer and counts every hidden figure", () => {
    const { lines, suppression } = comparisonLines([answer(0, 2.4), answer(1, null)], [{ id: "d1", name: "Bayside" }, { id: "d2", name: "Cedar Hills" }], "mean");
    expect(lines.map((l) => [l.key, l.label, l.points[0]?.state])).toEqual([
      ["d1", "Bayside", "value"],
      ["d2", "Cedar Hills", "suppressed"],
    ]);
    expect(suppression).toMatchObject({ applied: true, suppressed_cells: 1 });
  });
});
