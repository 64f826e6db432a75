import { describe, expect, it } from "vitest";
import { apiPeriod, filtersFromQuery, filtersToQuery, monthAligned, rangeOf, withFilters } from "./filters";

const D = "029c2f93-17de-4de7-8721-2420328e3a56";
const S = "11111111-2222-4333-8444-555555555555";
const T = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

describe("filters in the URL", () => {
  it("round-trips every filter", () => {
    const query = `template=${T}&district=${D}&school=${S}&subject=math&grade=3-5&period=term%3A2026-2027%2Ffall&by=week&metric=share`;
    const filters = filtersFromQuery(new URLSearchParams(query));
    expect(filters).toEqual({ template: T, district: D, school: S, subject: "math", grade: "3-5", period: "term:2026-2027/fall", by: "week", metric: "share" });
    expect(filtersToQuery(filters).toString()).toBe(query);
  });

  it("reads the district comparison of one look-for", () => {
    const filters = filtersFromQuery(new URLSearchParams("compare=districts&indicator=engagement.discourse&compare2=x"));
    expect(filters).toEqual({ compare: "districts", indicator: "engagement.discourse" });
    expect(filtersFromQuery(new URLSearchParams("compare=schools&indicator=a%20b"))).toEqual({});
  });

  it("drops values the API would refuse instead of sending them", () => {
    const filters = filtersFromQuery(new URLSearchParams("template=x&subject=astrology&grade=K-12&period=yesterday&by=decade&teacher=42"));
    expect(filters).toEqual({});
  });

  it("clears the school when the district changes, but not otherwise", () => {
    const current = { district: D, school: S, subject: "math" };
    expect(withFilters(current, { district: undefined })).toEqual({ subject: "math" });
    expect(withFilters(current, { subject: "ela" })).toEqual({ district: D, school: S, subject: "ela" });
  });

  it("leaves out empty filters from the query", () => {
    expect(filtersToQuery(withFilters({ subject: "math" }, { subject: "" })).toString()).toBe("");
  });
});

describe("periods", () => {
  it("asks for a school year's whole weeks without a week of the next year", () => {
    // 2026-07-01 is a Wednesday: its week belongs to July. 2027-06-30 is a Wednesday: its week's
    // Thursday is July 1, so the range stops the Sunday before.
    expect(rangeOf("school_year:2026-2027")).toEqual({ start: "2026-07-01", end: "2027-06-27" });
  });

  it("starts a month at its first Thursday-week", () => {
    // 2026-08-01 is a Saturday: that week belongs to July; August starts Monday 3rd.
    expect(monthAligned("2026-08-01", "2026-08-31")).toEqual({ start: "2026-08-03", end: "2026-08-30" });
  });

  it("splits a school year into fall and spring terms", () => {
    expect(rangeOf("term:2026-2027/fall")?.start).toBe("2026-07-01");
    expect(rangeOf("term:2026-2027/spring")?.end).toBe("2027-06-27");
  });

  it("answers a term's single-period screens for its school year", () => {
    expect(apiPeriod("term:2026-2027/spring")).toBe("school_year:2026-2027");
    expect(apiPeriod("month:2026-09")).toBe("month:2026-09");
    expect(apiPeriod(undefined)).toBeUndefined();
  });
});
