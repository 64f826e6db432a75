import { describe, expect, it } from "vitest";
import { safeNext, signInPath, signInTarget } from "./redirect";

describe("sign-in redirect", () => {
  it("keeps the path and query to come back to", () => {
    expect(signInPath("/region/trends?template=abc&by=week", "expired")).toBe(
      "/sign-in?next=%2Fregion%2Ftrends%3Ftemplate%3Dabc%26by%3Dweek&reason=expired",
    );
  });

  it("leaves out next for the home page", () => {
    expect(signInPath("/")).toBe("/sign-in");
  });

  it("accepts only paths inside the app", () => {
    expect(safeNext("/region/heatmap?district=x")).toBe("/region/heatmap?district=x");
    expect(safeNext("https://evil.example/")).toBeNull();
    expect(safeNext("//evil.example/")).toBeNull();
    expect(safeNext("/\\evil.example")).toBeNull();
    expect(safeNext("/sign-in?next=/x")).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});

describe("where an ended session goes", () => {
  it("keeps the screen and filters when the session expired", () => {
    expect(signInTarget("/region/heatmap?metric=share", "expired")).toBe(
      "/sign-in?next=%2Fregion%2Fheatmap%3Fmetric%3Dshare&reason=expired",
    );
  });

  it("starts afresh after signing out", () => {
    expect(signInTarget("/region/heatmap?metric=share", "signed-out")).toBe("/sign-in?reason=signed-out");
  });
});
