// The signed-in session: tenancy's RS256 access token and the claims the app reads from it.
// The token lives in sessionStorage only (never in a URL, a log or localStorage): it ends with
// the tab, and each tab signs in on its own.
import { isRole, type Role, type Tier } from "./roles";

export interface Claims {
  sub: string;
  role: Role;
  org_id: string;
  org_tier: Tier;
  district_id: string | null;
  region_id: string | null;
  exp: number; // seconds since the epoch
}

export interface Session {
  token: string;
  claims: Claims;
}

const STORAGE_KEY = "canopy.session";

function base64UrlDecode(part: string): string {
  const padded = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The claims of a token, or null when it is not a token this app can use. The signature is
 * checked by every service; the app only reads what to show. */
export function readClaims(token: string): Claims | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const raw = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
    if (!isRole(raw.role) || typeof raw.exp !== "number" || typeof raw.sub !== "string") {
      return null;
    }
    return {
      sub: raw.sub,
      role: raw.role,
      org_id: String(raw.org_id ?? ""),
      org_tier: (raw.org_tier as Tier) ?? "region",
      district_id: typeof raw.district_id === "string" ? raw.district_id : null,
      region_id: typeof raw.region_id === "string" ? raw.region_id : null,
      exp: raw.exp,
    };
  } catch {
    return null;
  }
}

/** Milliseconds until the session expires (negative when it has). A few seconds of margin so a
 * request never leaves with a token that dies on the way. */
export function msUntilExpiry(claims: Claims, now: number = Date.now()): number {
  return claims.exp * 1000 - now - 5_000;
}

export function isExpired(claims: Claims, now: number = Date.now()): boolean {
  return msUntilExpiry(claims, now) <= 0;
}

export function loadSession(storage: Storage = sessionStorage): Session | null {
  const token = storage.getItem(STORAGE_KEY);
  if (!token) return null;
  const claims = readClaims(token);
  if (!claims || isExpired(claims)) {
    storage.removeItem(STORAGE_KEY);
    return null;
  }
  return { token, claims };
}

export function saveSession(token: string, storage: Storage = sessionStorage): Session | null {
  const claims = readClaims(token);
  if (!claims) return null;
  storage.setItem(STORAGE_KEY, token);
  return { token, claims };
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(STORAGE_KEY);
}
