// What each role may open: the side navigation shows only these, and a route a role may not
// use says so in words instead of failing (the services still refuse it either way).
import { ROLE_TIERS, type Role } from "@/lib/auth/roles";

export interface NavItem {
  path: string;
  label: string;
  roles: readonly Role[];
  group: "Insights" | "Manage" | "Walkthroughs";
  /** What the route lets a person do, for the refusal page ("cannot manage templates"). */
  action: string;
  icon: string;
}

const REGION_READERS: readonly Role[] = ["region_admin", "region_leader"];
const REGION_ADMIN: readonly Role[] = ["region_admin"];
const DISTRICT_ADMIN: readonly Role[] = ["district_admin"];
const DISTRICT_READERS: readonly Role[] = ["district_admin", "district_leader"];
const SCHOOL_LEADERS: readonly Role[] = ["district_admin", "district_leader", "school_admin"];
const CAPTURERS: readonly Role[] = ["observer", "school_admin", "region_coach"];

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/region", label: "Overview", roles: REGION_READERS, group: "Insights", action: "see the network overview", icon: "home" },
  { path: "/region/trends", label: "Trends", roles: REGION_READERS, group: "Insights", action: "see trends", icon: "trend" },
  { path: "/region/heatmap", label: "Heat map", roles: REGION_READERS, group: "Insights", action: "see the heat map", icon: "grid" },
  { path: "/region/distribution", label: "Distribution", roles: REGION_READERS, group: "Insights", action: "see rating distributions", icon: "bars" },
  { path: "/region/coverage", label: "Coverage", roles: REGION_READERS, group: "Insights", action: "see coverage", icon: "pin" },
  { path: "/region/goals", label: "Goals", roles: REGION_READERS, group: "Insights", action: "see and set the region's goals", icon: "doc" },
  { path: "/region/templates", label: "Templates", roles: REGION_ADMIN, group: "Manage", action: "manage templates", icon: "doc" },
  { path: "/region/districts", label: "Districts & users", roles: REGION_ADMIN, group: "Manage", action: "manage districts and region users", icon: "link" },
  { path: "/region/exports", label: "Exports", roles: REGION_READERS, group: "Manage", action: "run exports", icon: "download" },
  // District admin console (issue #13).
  { path: "/district", label: "Set-up", roles: DISTRICT_ADMIN, group: "Manage", action: "set up the district", icon: "home" },
  { path: "/district/schools", label: "Schools", roles: DISTRICT_ADMIN, group: "Manage", action: "manage schools", icon: "grid" },
  { path: "/district/roster", label: "Roster", roles: DISTRICT_ADMIN, group: "Manage", action: "import the roster", icon: "download" },
  { path: "/district/teachers", label: "Teachers", roles: DISTRICT_ADMIN, group: "Manage", action: "manage the teacher roster", icon: "pin" },
  { path: "/district/users", label: "Users & roles", roles: DISTRICT_ADMIN, group: "Manage", action: "manage district users", icon: "info" },
  { path: "/district/connection", label: "Region connection", roles: DISTRICT_ADMIN, group: "Manage", action: "manage the region connection", icon: "link" },
  { path: "/district/templates", label: "Templates", roles: DISTRICT_ADMIN, group: "Manage", action: "manage district templates", icon: "doc" },
  { path: "/district/analytics", label: "District overview", roles: DISTRICT_READERS, group: "Insights", action: "see district analytics", icon: "home" },
  { path: "/district/analytics/trends", label: "Trends", roles: DISTRICT_READERS, group: "Insights", action: "see trends", icon: "trend" },
  { path: "/district/analytics/heatmap", label: "Heat map", roles: DISTRICT_READERS, group: "Insights", action: "see the heat map", icon: "grid" },
  { path: "/district/analytics/distribution", label: "Distribution", roles: DISTRICT_READERS, group: "Insights", action: "see rating distributions", icon: "bars" },
  { path: "/district/analytics/reach", label: "Reach", roles: DISTRICT_READERS, group: "Insights", action: "see reach over time", icon: "pin" },
  { path: "/district/goals", label: "Goals", roles: ["district_admin", "district_leader"], group: "Insights", action: "see and set the district's goals", icon: "doc" },
  { path: "/district/coverage", label: "Coverage", roles: SCHOOL_LEADERS, group: "Insights", action: "see coverage", icon: "pin" },
  { path: "/district/walkthroughs", label: "Walkthroughs", roles: SCHOOL_LEADERS, group: "Insights", action: "read walkthroughs", icon: "doc" },
  { path: "/district/region-coaches", label: "Region coaches", roles: ["district_admin", "district_leader"], group: "Manage", action: "assign region coaches", icon: "link" },
  { path: "/school/goals", label: "Goals", roles: ["school_admin"], group: "Insights", action: "see and set the school's goals", icon: "doc" },
  { path: "/capture", label: "New walkthrough", roles: CAPTURERS, group: "Walkthroughs", action: "capture walkthroughs", icon: "pin" },
  { path: "/capture/outbox", label: "Outbox", roles: CAPTURERS, group: "Walkthroughs", action: "capture walkthroughs", icon: "doc" },
  { path: "/teacher", label: "My feedback", roles: ["teacher"], group: "Walkthroughs", action: "see feedback shared with a teacher", icon: "doc" },
  { path: "/observer/walkthroughs", label: "My walkthroughs", roles: ["observer", "region_coach"], group: "Walkthroughs", action: "see the walkthroughs you ran", icon: "pin" },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/** The nav item a path belongs to (its longest matching prefix). */
export function itemForPath(pathname: string): NavItem | undefined {
  return [...NAV_ITEMS]
    .filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

export function mayOpen(role: Role, pathname: string): boolean {
  const item = itemForPath(pathname);
  return !item || item.roles.includes(role);
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  if (role === "teacher") return "/teacher";
  if (role === "district_admin") return "/district";
  if (role === "district_leader") return "/district/analytics";
  if (role === "school_admin") return "/district/coverage";
  if (CAPTURERS.includes(role)) return "/capture";
  return ROLE_TIERS[role] === "region" ? "/region" : "/welcome";
}
