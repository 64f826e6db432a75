import type { Role } from "@/lib/auth/roles";

/** Who captures walkthroughs: intake's submitters. */
export const CAPTURE_ROLES: readonly Role[] = ["observer", "school_admin"];

export function mayCapture(role: Role): boolean {
  return CAPTURE_ROLES.includes(role);
}
