import { describe, expect, it } from "vitest";
import { actionFor, latestPerDistrict } from "./connections";

describe("connections", () => {
  it("offers withdraw for an invitation and disconnect for an active link, nothing for the past", () => {
    expect(actionFor({ status: "invited" })).toBe("withdraw");
    expect(actionFor({ status: "active" })).toBe("disconnect");
    expect(actionFor({ status: "ended" })).toBeNull();
    expect(actionFor({ status: "declined" })).toBeNull();
  });

  it("lists each district once, by its latest connection, connected ones first", () => {
    const rows = latestPerDistrict([
      { id: "1", district_id: "a", status: "ended", invited_at: "2026-08-01T00:00:00Z" },
      { id: "2", district_id: "a", status: "invited", invited_at: "2026-09-01T00:00:00Z" },
      { id: "3", district_id: "b", status: "active", invited_at: "2026-07-01T00:00:00Z" },
    ]);
    expect(rows.map((r) => r.id)).toEqual(["3", "2"]);
  });
});
