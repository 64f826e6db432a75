import { describe, expect, it } from "vitest";
import { filtersFrom, listQuery, toParams } from "./walkthrough-filters";

const SCHOOL = "6f1c2f6e-7a53-4b57-9d0e-2b2d3a4c5e6f";

describe("walkthrough filters", () => {
  it("reads only well-formed values from the URL", () => {
    const f = filtersFrom(new URLSearchParams(`school=${SCHOOL}&teacher=nope&from=2026-09-01&to=x&shared=true&offset=25`));
    expect(f).toEqual({ school: SCHOOL, teacher: undefined, observer: undefined, template: undefined, from: "2026-09-01", to: undefined, shared: "true", offset: 25 });
  });
  it("maps onto intake's query and back to the URL", () => {
    const f = { school: SCHOOL, from: "2026-09-01", shared: "false" as const };
    expect(listQuery(f)).toEqual({ school_id: SCHOOL, observed_from: "2026-09-01", shared_with_teacher: false, limit: 25, offset: 0 });
    expect(toParams(f).toString()).toBe(`school=${SCHOOL}&from=2026-09-01&shared=false`);
  });
});
