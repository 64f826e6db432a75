import type { Role } from "@/lib/auth/roles";

/** Who captures walkthroughs: intake's submitters (a region coach at the schools a district
 * assigned them; tenancy and intake give their device only those schools and rosters). */
export const CAPTURE_ROLES: readonly Role[] = ["observer", "school_admin", "region_coach"];

export function mayCapture(role: Role): boolean {
  return CAPTURE_ROLES.includes(role);
}
