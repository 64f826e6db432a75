import { describe, expect, it } from "vitest";
import { homeFor, mayOpen, navFor } from "./navigation";

describe("navigation by role", () => {
  it("shows a region admin every region screen", () => {
    expect(navFor("region_admin").map((i) => i.label)).toEqual([
      "Overview",
      "Trends",
      "Heat map",
      "Distribution",
      "Coverage",
      "Goals",
      "Templates",
      "Districts & users",
      "Exports",
    ]);
  });

  it("hides admin actions from a region leader but keeps exports", () => {
    const labels = navFor("region_leader").map((i) => i.label);
    expect(labels).not.toContain("Templates");
    expect(labels).not.toContain("Districts & users");
    expect(labels).toContain("Exports");
  });

  it("refuses a URL the role may not use, including sub-pages", () => {
    expect(mayOpen("region_leader", "/region/templates")).toBe(false);
    expect(mayOpen("region_leader", "/region/templates/new")).toBe(false);
    expect(mayOpen("region_leader", "/region/districts")).toBe(false);
    expect(mayOpen("region_leader", "/region/trends")).toBe(true);
    expect(mayOpen("district_admin", "/region")).toBe(false);
  });

  it("gives a teacher their feedback and a region coach capture and their walkthroughs, nothing else", () => {
    expect(navFor("teacher").map((i) => i.label)).toEqual(["My feedback"]);
    expect(navFor("region_coach").map((i) => i.label)).toEqual(["New walkthrough", "Outbox", "My walkthroughs"]);
    expect(homeFor("teacher")).toBe("/teacher");
    expect(homeFor("region_coach")).toBe("/capture");
    expect(mayOpen("region_coach", "/region/exports")).toBe(false);
    expect(mayOpen("teacher", "/observer/walkthroughs")).toBe(false);
  });

  it("lands each tier on its own home", () => {
    expect(homeFor("region_leader")).toBe("/region");
    expect(homeFor("district_admin")).toBe("/district");
  });

  it("gives district leaders the district's analytics and principals their school's coverage and walkthroughs", () => {
    expect(navFor("district_leader").map((i) => i.path)).toEqual([
      "/district/analytics",
      "/district/analytics/trends",
      "/district/analytics/heatmap",
      "/district/analytics/distribution",
      "/district/analytics/reach",
      "/district/goals",
      "/district/coverage",
      "/district/walkthroughs",
      "/district/region-coaches",
    ]);
    expect(navFor("school_admin").map((i) => i.path)).toEqual(["/district/coverage", "/district/walkthroughs", "/school/goals", "/capture", "/capture/outbox"]);
    expect(mayOpen("school_admin", "/district/analytics/heatmap")).toBe(false);
    expect(mayOpen("school_admin", "/district/walkthroughs/abc")).toBe(true);
    expect(homeFor("district_leader")).toBe("/district/analytics");
    expect(homeFor("school_admin")).toBe("/district/coverage");
    expect(homeFor("observer")).toBe("/capture");
  });

  it("gives every workspace that sets goals its Goals screen", () => {
    expect(navFor("district_leader").map((i) => i.path)).toContain("/district/goals");
    expect(navFor("school_admin").map((i) => i.path)).toContain("/school/goals");
    expect(navFor("observer").map((i) => i.path)).not.toContain("/school/goals");
    expect(mayOpen("district_admin", "/region/goals")).toBe(false);
  });
});
