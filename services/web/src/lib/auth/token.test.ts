import { describe, expect, it } from "vitest";
import { isExpired, loadSession, readClaims, saveSession } from "./token";

export function fakeToken(claims: Record<string, unknown>): string {
  const encode = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${encode({ alg: "RS256", typ: "JWT" })}.${encode(claims)}.signature`;
}

const REGION_LEADER = {
  sub: "u1",
  role: "region_leader",
  org_id: "r1",
  org_tier: "region",
  district_id: null,
  region_id: "r1",
};

describe("session token", () => {
  it("reads the claims the app shows", () => {
    const claims = readClaims(fakeToken({ ...REGION_LEADER, exp: 2_000_000_000 }));
    expect(claims).toMatchObject({ sub: "u1", role: "region_leader", org_tier: "region", region_id: "r1" });
  });

  it("refuses a token without a known role", () => {
    expect(readClaims(fakeToken({ ...REGION_LEADER, role: "superuser", exp: 2_000_000_000 }))).toBeNull();
    expect(readClaims("not-a-token")).toBeNull();
  });

  it("treats a token as expired a few seconds early", () => {
    const claims = readClaims(fakeToken({ ...REGION_LEADER, exp: 1000 }))!;
    expect(isExpired(claims, 994_000)).toBe(false);
    expect(isExpired(claims, 996_000)).toBe(true);
  });

  it("keeps the token in sessionStorage only and drops an expired one", () => {
    const token = fakeToken({ ...REGION_LEADER, exp: Math.floor(Date.now() / 1000) + 3600 });
    saveSession(token);
    expect(sessionStorage.getItem("canopy.session")).toBe(token);
    expect(localStorage.length).toBe(0);
    expect(loadSession()?.claims.role).toBe("region_leader");

    sessionStorage.setItem("canopy.session", fakeToken({ ...REGION_LEADER, exp: 1 }));
    expect(loadSession()).toBeNull();
    expect(sessionStorage.getItem("canopy.session")).toBeNull();
  });
});
