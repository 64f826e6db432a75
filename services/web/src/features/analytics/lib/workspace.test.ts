import { describe, expect, it } from "vitest";
import { workspaceFor } from "./workspace";

describe("workspaceFor", () => {
  it("reads the district workspace from its paths", () => {
    expect(workspaceFor("/district/analytics")).toEqual({ tier: "district", base: "/district/analytics" });
    expect(workspaceFor("/district/analytics/heatmap").tier).toBe("district");
  });
  it("is the region's everywhere else", () => {
    expect(workspaceFor("/region/trends")).toEqual({ tier: "region", base: "/region" });
    expect(workspaceFor("/district/analyticsx").tier).toBe("region");
  });
});
