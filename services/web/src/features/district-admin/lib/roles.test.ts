import { describe, expect, it } from "vitest";
import { roleChangesFor } from "./roles";

describe("role changes a district admin offers", () => {
  it("stay within the account's tier", () => {
    expect(roleChangesFor("observer").map((c) => c.role)).toEqual(["school_admin", "observer"]);
    expect(roleChangesFor("district_leader").map((c) => c.role)).toEqual(["district_leader", "district_admin"]);
  });

  it("never turn a teacher account into another role, nor another account into a teacher", () => {
    expect(roleChangesFor("teacher")).toEqual([]);
    expect(roleChangesFor("school_admin").map((c) => c.role)).not.toContain("teacher");
  });
});
