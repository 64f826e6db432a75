import { describe, expect, it } from "vitest";
import type { Goal, OrgProgress } from "../api/goals";
import { canAdopt, goalsHome, pathLine, percent, progressLines, shownFigure, statusTone, targetText } from "./goals";

const point = (period: string, value: number | null, suppressed = false) => ({
  period,
  start: "2026-09-01",
  end: "2026-09-30",
  suppressed,
  n: suppressed ? null : value === null ? 0 : 24,
  value,
  display: value === null ? null : `${Math.round(value * 100)}%`,
});

const goal = {
  goal_id: "g",
  tier: "region",
  org: "region:r",
  org_name: "Gulf Coast",
  title: "Explain thinking",
  template_id: "t",
  template_title: "Walkthrough",
  look_fors: [{ indicator: "explain", text: "Students explain" }],
  target_level: 3,
  target_share: 0.7,
  start_date: "2026-09-01",
  deadline: "2027-05-31",
  benchmarks: ["2026-12-01"],
  owner: "Director",
  rationale: "",
  alignment: "own",
  parent: null,
  children: [{ goal_id: "c", org: "district:d1", org_name: "D1", title: "x", alignment: "adopted", target_level: 3, target_share: 0.7, deadline: "2027-05-31" }],
  progress: [],
} as unknown as Goal;

describe("goal helpers", () => {
  it("finds each workspace's goals screen", () => {
    expect(goalsHome("region_leader")).toBe("/region/goals");
    expect(goalsHome("district_admin")).toBe("/district/goals");
    expect(goalsHome("school_admin")).toBe("/school/goals");
  });

  it("says a target in words", () => {
    expect(targetText(goal)).toBe("≥ 70% of ratings at level 3+ by 2027-05-31");
    expect(percent(null)).toBe("—");
  });

  it("never shows a number for a hidden month", () => {
    expect(shownFigure(point("month:2026-10", null, true))).toEqual({ state: "suppressed", text: "Hidden" });
    expect(shownFigure(point("month:2026-10", 0.42))).toEqual({ state: "value", text: "42%" });
    expect(shownFigure(null).state).toBe("empty");
  });

  it("draws hidden months as gaps and adds the target line", () => {
    const progress = [
      { org: "district:d1", name: "D1", status: "on_track", benchmarks: [], series: [point("month:2026-09", 0.3), point("month:2026-10", null, true)] },
    ] as unknown as OrgProgress[];
    const lines = progressLines(goal, progress);
    expect(lines.map((l) => l.key)).toEqual(["district:d1", "target"]); // no baseline: no path
    expect(lines[0]?.points.map((p) => p.state)).toEqual(["value", "suppressed"]);
    expect(lines[0]?.points[1]?.value).toBeNull();
    expect(lines[1]?.points.every((p) => p.value === 0.7)).toBe(true);
  });

  it("draws the expected path from the baseline to the target, from the start on", () => {
    const months = [
      { ...point("month:2026-08", 0.3), start: "2026-08-01", end: "2026-08-31" },
      { ...point("month:2026-12", null), start: "2026-12-01", end: "2026-12-31" },
      { ...point("month:2027-05", null), start: "2027-05-01", end: "2027-05-31" },
    ];
    const headline = { org: "region:r", name: "R", status: "on_track", benchmarks: [], baseline: months[0], series: months } as unknown as OrgProgress;
    const path = pathLine(goal, headline);
    expect(path?.points.map((p) => p.state)).toEqual(["empty", "value", "value"]);
    expect(path?.points[2]?.value).toBeCloseTo(0.7);
    const middle = path?.points[1]?.value ?? 0;
    expect(middle).toBeGreaterThan(0.3);
    expect(middle).toBeLessThan(0.7);
  });

  it("lets the tier below adopt once", () => {
    expect(canAdopt(goal, "district", goal.children, "d2")).toBe(true);
    expect(canAdopt(goal, "district", goal.children, "d1")).toBe(false);
    expect(canAdopt(goal, "school", goal.children, "s1")).toBe(false);
    expect(statusTone("at_risk")).toBe("warn");
  });
});
