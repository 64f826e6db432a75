// The set-up checklist's words and links: tenancy says which steps are done (from the district's
// real state); this says what each step is and where to do it.
export type StepKey = "schools" | "roster" | "users" | "observers" | "connection";

export interface StepCopy {
  title: string;
  todo: string;
  path: string;
  action: string;
}

export const STEP_COPY: Record<StepKey, StepCopy> = {
  schools: { title: "Add your schools", todo: "Add them one by one, or let the roster import create them from orgs.csv.", path: "/district/schools", action: "Add schools" },
  roster: { title: "Import your teacher roster", todo: "Upload your OneRoster 1.1 export; a dry run shows every row before anything changes.", path: "/district/roster", action: "Import the roster" },
  users: { title: "Invite your staff", todo: "Create accounts for district leaders, principals and observers (coaches).", path: "/district/users", action: "Add users" },
  observers: { title: "Give every school an observer", todo: "An observer runs walkthroughs at their own school and at the schools you assign.", path: "/district/users?role=observer", action: "Assign observers" },
  connection: { title: "Connect to your region (optional)", todo: "If your service center invites you, read the agreement and what it will see, then accept.", path: "/district/connection", action: "Review the connection" },
};

export function isStepKey(value: unknown): value is StepKey {
  return typeof value === "string" && value in STEP_COPY;
}
