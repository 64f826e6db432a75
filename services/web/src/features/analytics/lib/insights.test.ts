import { describe, expect, it } from "vitest";
import type { SummaryTemplate, TrendSeries } from "../api/types";
import { standouts } from "./insights";

const TEMPLATE: SummaryTemplate = {
  template_id: "t",
  title: "Walkthrough",
  indicators: [
    { indicator: "a", text: "On task", level: 3, suppressed: false, n: 100, teachers: 30, mean_rating: 2.9, share: null },
    { indicator: "b", text: "Higher-order questions", level: 3, suppressed: false, n: 100, teachers: 30, mean_rating: 2.3, share: null },
    { indicator: "c", text: "Hidden one", level: 3, suppressed: true, reasons: ["primary"] },
  ],
};

const point = (period: string, mean: number | null, suppressed = false) =>
  ({ period, start: "", end: "", suppressed, ...(suppressed ? { reasons: ["primary"] } : { n: mean === null ? 0 : 20, teachers: 12, mean_rating: mean, share: null }) }) as TrendSeries["points"][number];

describe("overview standouts", () => {
  it("names the lagging and the strongest look-for from published means only", () => {
    const found = standouts(TEMPLATE, undefined);
    expect(found.map((s) => [s.kind, s.indicator])).toEqual([["lagging", "b"], ["strongest", "a"]]);
  });

  it("names the look-for that moved most, ignoring hidden months", () => {
    const series: TrendSeries[] = [
      { indicator: "a", text: "On task", section: "", level: 3, points: [point("month:2026-09", 2.8), point("month:2026-10", 2.9)] },
      { indicator: "d", text: "Explain thinking", section: "", level: 3, points: [point("month:2026-09", 2.2), point("month:2026-10", null, true), point("month:2026-11", 2.7), point("month:2026-12", null)] },
    ];
    const change = standouts(TEMPLATE, series).find((s) => s.kind === "improving");
    expect(change).toMatchObject({ indicator: "d", detail: "up 0.50 from Sep 2026 to Nov 2026" });
  });

  it("says nothing about changes too small to matter", () => {
    const series: TrendSeries[] = [{ indicator: "a", text: "On task", section: "", level: 3, points: [point("month:2026-09", 2.8), point("month:2026-10", 2.9)] }];
    expect(standouts(TEMPLATE, series).some((s) => s.kind === "improving")).toBe(false);
  });
});
