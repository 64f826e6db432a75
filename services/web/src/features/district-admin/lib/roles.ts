// The roles a district admin gives, and where each account belongs: district roles at the
// district, school roles at one of its schools (tenancy enforces the same rule).
import type { Role } from "@/lib/auth/roles";

export interface RoleChoice {
  role: Role;
  atSchool: boolean;
  does: string;
  /** The account is a teacher of the roster (tenancy links it by the roster id). */
  rosterTeacher?: boolean;
}

export const DISTRICT_ADMIN_GIVES: readonly RoleChoice[] = [
  { role: "district_leader", atSchool: false, does: "Sees the district's analytics and walkthroughs with names." },
  { role: "district_admin", atSchool: false, does: "Manages schools, the roster, users, templates and the region connection." },
  { role: "school_admin", atSchool: true, does: "The principal: sees their school's walkthroughs and manages its observers." },
  { role: "observer", atSchool: true, does: "A coach or assistant principal: runs walkthroughs at their school and assigned schools." },
  { role: "teacher", atSchool: true, rosterTeacher: true, does: "A teacher on the roster: reads the walkthroughs shared with them and answers once." },
];

/** The roles an account may change to: the same tier (a teacher account stays a teacher). */
export function roleChangesFor(role: Role): RoleChoice[] {
  if (role === "teacher") return [];
  const atSchool = DISTRICT_ADMIN_GIVES.find((c) => c.role === role)?.atSchool;
  return DISTRICT_ADMIN_GIVES.filter((c) => c.atSchool === atSchool && !c.rosterTeacher);
}
