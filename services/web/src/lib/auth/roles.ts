// Roles and tiers as tenancy puts them in every token (canopy_shared.contracts.vocabulary).
export const ROLES = [
  "region_admin",
  "region_leader",
  "region_coach",
  "district_admin",
  "district_leader",
  "school_admin",
  "observer",
  "teacher",
] as const;
export type Role = (typeof ROLES)[number];
export type Tier = "region" | "district" | "school";

export const ROLE_LABELS: Record<Role, string> = {
  region_admin: "Region admin",
  region_leader: "Region leader",
  region_coach: "Region coach",
  district_admin: "District admin",
  district_leader: "District leader",
  school_admin: "Principal",
  observer: "Observer",
  teacher: "Teacher",
};

export const ROLE_TIERS: Record<Role, Tier> = {
  region_admin: "region",
  region_leader: "region",
  region_coach: "region",
  district_admin: "district",
  district_leader: "district",
  school_admin: "school",
  observer: "school",
  teacher: "school",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}
