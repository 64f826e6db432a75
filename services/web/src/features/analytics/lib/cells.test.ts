import { describe, expect, it } from "vitest";
import type { HeatmapResponse, SuppressionBlock, TrendSeries } from "../api/types";
import { lineOf, ratingView, reasonText, segmentsOf, trimLines } from "./cells";
import { hatchedCount, heatDomain, heatRows } from "./heat";

const SUPPRESSION: SuppressionBlock = {
  applied: true,
  k: 10,
  suppressed_cells: 2,
  reasons: {
    primary: "fewer than 10 distinct teachers were observed in this cell",
    secondary: "hidden to protect other figures",
    dominance: "one teacher contributes more than half of this cell's ratings",
  },
  rule: "/v1/privacy-rule",
};

const share = (value: number) => ({ value, display: `${Math.round(value * 100)}%`, coded: null });

function point(period: string, cell: object) {
  return { period, start: "2026-09-01", end: "2026-09-30", ...cell } as TrendSeries["points"][number];
}

const SERIES: TrendSeries = {
  indicator: "engagement.on_task",
  text: "Students are on task",
  section: "Engagement",
  level: 3,
  points: [
    point("month:2026-08", { suppressed: false, n: 0, teachers: 0, mean_rating: null, share: null }),
    point("month:2026-09", { suppressed: false, n: 40, teachers: 12, mean_rating: 2.5, share: share(0.5) }),
    point("month:2026-10", { suppressed: true, reasons: ["primary"] }),
    point("month:2026-11", { suppressed: false, n: 44, teachers: 14, mean_rating: 2.75, share: share(0.61) }),
    point("month:2026-12", { suppressed: false, n: 30, teachers: 11, mean_rating: 2.9, share: share(0.7) }),
    point("month:2027-01", { suppressed: false, n: 0, teachers: 0, mean_rating: null, share: null }),
  ],
};

describe("trend lines", () => {
  it("turns a hidden point into a gap with its reason, never a zero", () => {
    const line = lineOf(SERIES, "mean", SUPPRESSION);
    const hidden = line.points[2]!;
    expect(hidden.state).toBe("suppressed");
    expect(hidden.value).toBeNull();
    expect(hidden.reason).toBe("Hidden: fewer than 10 distinct teachers were observed in this cell.");
  });

  it("breaks the line at hidden and empty points instead of joining across them", () => {
    const runs = segmentsOf(lineOf(SERIES, "mean", SUPPRESSION).points);
    expect(runs.map((run) => run.map((p) => p.period))).toEqual([
      ["month:2026-09"],
      ["month:2026-11", "month:2026-12"],
    ]);
  });

  it("draws the share metric from the API's share, keeping its display", () => {
    const line = lineOf(SERIES, "share", SUPPRESSION);
    expect(line.points[1]).toMatchObject({ state: "value", value: 0.5, display: "50%" });
  });

  it("keeps a coded share's display and draws it at its band edge", () => {
    const view = ratingView({ suppressed: false, n: 50, teachers: 12, mean_rating: 3.8, share: { value: null, display: "≥95%", coded: "top" } }, "share");
    expect(view).toMatchObject({ state: "value", value: 0.95, display: "≥95%" });
  });

  it("trims the periods not reached yet but keeps hidden ones inside", () => {
    const { lines, from, to } = trimLines([lineOf(SERIES, "mean", SUPPRESSION)]);
    expect([from, to]).toEqual([1, 4]);
    expect(lines[0]!.points.map((p) => p.state)).toEqual(["value", "suppressed", "value", "value"]);
    expect(lines[0]!.points.map((p) => p.index)).toEqual([0, 1, 2, 3]);
  });

  it("falls back to plain words when an answer carries no reason texts", () => {
    expect(reasonText(["secondary"])).toBe("Hidden: hidden to protect other hidden figures.");
    expect(reasonText(undefined)).toBe("Hidden: hidden by the privacy rule.");
  });
});

describe("heat-map cells", () => {
  const HEAT: HeatmapResponse = {
    template: { template_id: "t", title: "Walkthrough" },
    period: "school_year:2026-2027",
    by: "school",
    filters: {},
    indicators: [
      { indicator: "a", text: "A", section: "S" },
      { indicator: "b", text: "B", section: "S" },
    ],
    rows: [
      { org: "school:s10", name: "School #10", cells: [{ indicator: "a", suppressed: true, reasons: ["secondary"] }, { indicator: "b", suppressed: true, reasons: ["primary"] }] },
      { org: "school:s2", name: "School #2", cells: [{ indicator: "b", suppressed: false, n: 40, teachers: 12, mean_rating: 3.1, share: share(0.7) }, { indicator: "a", suppressed: false, n: 40, teachers: 12, mean_rating: 2.4, share: share(0.4) }] },
    ],
    suppression: SUPPRESSION,
  };

  it("hatches exactly the suppressed cells, each with its own reason", () => {
    const rows = heatRows(HEAT, "mean");
    expect(hatchedCount(rows)).toBe(2);
    const hidden = rows.find((r) => r.id === "s10")!;
    expect(hidden.cells.map((c) => [c.state, c.value, c.reason])).toEqual([
      ["suppressed", null, "Hidden: hidden to protect other figures."],
      ["suppressed", null, "Hidden: fewer than 10 distinct teachers were observed in this cell."],
    ]);
  });

  it("puts each figure under its indicator's column and rows in natural name order", () => {
    const rows = heatRows(HEAT, "mean");
    expect(rows.map((r) => r.name)).toEqual(["School #2", "School #10"]);
    expect(rows[0]!.cells.map((c) => [c.indicator, c.display])).toEqual([["a", "2.40"], ["b", "3.10"]]);
  });

  it("colours over the range of shown values only", () => {
    expect(heatDomain(heatRows(HEAT, "mean"), "mean")).toEqual([2.4, 3.1]);
  });
});

describe("a region period not yet published (issue #19)", () => {
  it("is hatched with when it will be published, never drawn as a figure", () => {
    const view = ratingView(
      { suppressed: true, reasons: ["unpublished"], unpublished: true, published_after: "2027-01-04" },
      "mean",
    );
    expect(view.state).toBe("suppressed");
    expect(view.value).toBeNull();
    expect(view.display).toBe("Not yet published");
    expect(view.reason).toContain("published after 2027-01-04");
  });
});
