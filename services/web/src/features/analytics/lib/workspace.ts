// The analytics screens serve two workspaces: the region's (suppressed figures across connected
// districts) and a district's own (exact figures, its schools). The path says which.
import { useLocation } from "react-router";

export type AnalyticsTier = "region" | "district";

export interface Workspace {
  tier: AnalyticsTier;
  /** Where the overview lives; the other screens are `${base}/trends` etc. */
  base: string;
}

export const DISTRICT_ANALYTICS_BASE = "/district/analytics";

export function workspaceFor(pathname: string): Workspace {
  return pathname === DISTRICT_ANALYTICS_BASE || pathname.startsWith(`${DISTRICT_ANALYTICS_BASE}/`)
    ? { tier: "district", base: DISTRICT_ANALYTICS_BASE }
    : { tier: "region", base: "/region" };
}

export function useWorkspace(): Workspace {
  return workspaceFor(useLocation().pathname);
}
