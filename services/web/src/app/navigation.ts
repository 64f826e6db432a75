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

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/region", label: "Overview", roles: REGION_READERS, group: "Insights", action: "see the network overview", icon: "home" },
  { path: "/region/trends", label: "Trends", roles: REGION_READERS, group: "Insights", action: "see trends", icon: "trend" },
  { path: "/region/heatmap", label: "Heat map", roles: REGION_READERS, group: "Insights", action: "see the heat map", icon: "grid" },
  { path: "/region/distribution", label: "Distribution", roles: REGION_READERS, group: "Insights", action: "see rating distributions", icon: "bars" },
  { path: "/region/coverage", label: "Coverage", roles: REGION_READERS, group: "Insights", action: "see coverage", icon: "pin" },
  { path: "/region/templates", label: "Templates", roles: REGION_ADMIN, group: "Manage", action: "manage templates", icon: "doc" },
  { path: "/region/districts", label: "Districts & users", roles: REGION_ADMIN, group: "Manage", action: "manage districts and region users", icon: "link" },
  { path: "/region/exports", label: "Exports", roles: REGION_READERS, group: "Manage", action: "run exports", icon: "download" },
  { path: "/teacher", label: "My feedback", roles: ["teacher"], group: "Walkthroughs", action: "see feedback shared with a teacher", icon: "doc" },
  { path: "/district/region-coaches", label: "Region coaches", roles: ["district_admin", "district_leader"], group: "Manage", action: "assign region coaches", icon: "link" },
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
  if (role === "region_coach") return "/observer/walkthroughs";
  return ROLE_TIERS[role] === "region" ? "/region" : "/welcome";
}
