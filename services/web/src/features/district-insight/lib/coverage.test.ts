import { describe, expect, it } from "vitest";
import { notObserved, observerLines, windowRange } from "./coverage";
import type { Coverage } from "../api/insight";

const coverage: Coverage = {
  from: "2026-07-01",
  to: "2026-09-30",
  district_id: "d",
  school_id: null,
  weekly_target: 2,
  expected_per_observer: 4,
  schools: [],
  teachers: [
    { teacher_id: "t1", school_id: "s", walkthroughs: 2, last_observed_on: "2026-09-20" },
    { teacher_id: "t2", school_id: "s", walkthroughs: 0, last_observed_on: "2026-06-01" },
    { teacher_id: "t3", school_id: "s", walkthroughs: 0, last_observed_on: null },
  ],
  observers: [
    { observer_id: "o1", school_id: "s", walkthroughs: 4, assigned: true },
    { observer_id: "o2abcdefgh", school_id: "s", walkthroughs: 1, assigned: true },
  ],
};

describe("coverage", () => {
  it("lists the teachers not observed, never-observed first", () => {
    const names = new Map([["t2", "Bea"], ["t3", "Cal"]]);
    expect(notObserved(coverage, names).map((t) => t.name)).toEqual(["Cal", "Bea"]);
  });
  it("measures observers against the window's expectation, fewest visits first", () => {
    const lines = observerLines(coverage, new Map([["o1", "Oscar"]]));
    expect(lines.map((l) => [l.name, l.progress])).toEqual([["Observer o2abcdef", 0.25], ["Oscar", 1]]);
  });
  it("turns a window of weeks into days ending today", () => {
    expect(windowRange("weeks:2", new Date("2026-09-30T12:00:00Z"))).toEqual({ from: "2026-09-17", to: "2026-09-30" });
    expect(windowRange("term", new Date())).toEqual({});
  });
});
