// Tenancy calls of the district admin console. The district is always the signed-in admin's
// own (the token's org_id): no screen takes a district id from the URL.
import type { components } from "@/api/generated/tenancy";
import { unwrap, type ApiClients } from "@/lib/api/clients";
import type { Role } from "@/lib/auth/roles";

type Schemas = components["schemas"];
export type Setup = Schemas["SetupOut"];
export type School = Schemas["SchoolOut"];
export type User = Schemas["UserOut"];
export type Teacher = Schemas["TeacherOut"];
export type RosterImport = Schemas["RosterImportDetailOut"];
export type ImportRow = Schemas["ImportRowOut"];
export type Connection = Schemas["ConnectionOut"];
export type Assignment = Schemas["ObserverOut"];

const MAX = 200; // one page holds a district's schools and staff; lists beyond it page

export interface UserQuery {
  search?: string;
  role?: Role;
  org_id?: string;
}

const district = (id: string) => ({ params: { path: { district_id: id } } });

export const consoleApi = {
  setup: (api: ApiClients, districtId: string): Promise<Setup> =>
    unwrap(api.tenancy.GET("/v1/districts/{district_id}/setup", district(districtId))),
  district: (api: ApiClients, districtId: string) => unwrap(api.tenancy.GET("/v1/districts/{district_id}", district(districtId))),

  schools: async (api: ApiClients, districtId: string): Promise<School[]> =>
    (await unwrap(api.tenancy.GET("/v1/schools", { params: { query: { district_id: districtId, limit: MAX } } }))).items ?? [],
  school: (api: ApiClients, schoolId: string): Promise<School> =>
    unwrap(api.tenancy.GET("/v1/schools/{school_id}", { params: { path: { school_id: schoolId } } })),
  addSchool: (api: ApiClients, districtId: string, name: string): Promise<School> =>
    unwrap(api.tenancy.POST("/v1/schools", { body: { district_id: districtId, name } })),
  renameSchool: (api: ApiClients, schoolId: string, name: string): Promise<School> =>
    unwrap(api.tenancy.PATCH("/v1/schools/{school_id}", { params: { path: { school_id: schoolId } }, body: { name } })),

  teachers: (api: ApiClients, districtId: string, search: string, offset: number) =>
    unwrap(
      api.tenancy.GET("/v1/districts/{district_id}/teachers", {
        params: { path: { district_id: districtId }, query: { limit: 50, offset, ...(search ? { search } : {}) } },
      }),
    ),

  schoolTeachers: async (api: ApiClients, districtId: string, schoolId: string, search: string) =>
    (
      await unwrap(
        api.tenancy.GET("/v1/districts/{district_id}/teachers", {
          params: { path: { district_id: districtId }, query: { limit: 50, school_id: schoolId, ...(search ? { search } : {}) } },
        }),
      )
    ).items ?? [],

  imports: async (api: ApiClients, districtId: string) =>
    (await unwrap(api.tenancy.GET("/v1/districts/{district_id}/roster-imports", { params: { path: { district_id: districtId }, query: { limit: 50 } } }))).items ?? [],
  importOne: (api: ApiClients, districtId: string, importId: string): Promise<RosterImport> =>
    unwrap(api.tenancy.GET("/v1/districts/{district_id}/roster-imports/{import_id}", { params: { path: { district_id: districtId, import_id: importId } } })),
  importRoster: (api: ApiClients, districtId: string, orgs: string, users: string, dryRun: boolean): Promise<RosterImport> =>
    unwrap(api.tenancy.POST("/v1/districts/{district_id}/roster-imports", { ...district(districtId), body: { orgs_csv: orgs, users_csv: users, dry_run: dryRun } })),

  users: async (api: ApiClients, query: UserQuery): Promise<User[]> =>
    (await unwrap(api.tenancy.GET("/v1/users", { params: { query: { limit: MAX, ...withoutEmpty(query) } } }))).items ?? [],
  user: (api: ApiClients, userId: string): Promise<User> => unwrap(api.tenancy.GET("/v1/users/{user_id}", { params: { path: { user_id: userId } } })),
  createUser: (api: ApiClients, body: { email: string; display_name: string; role: Role; org_id: string; teacher_id?: string }) =>
    unwrap(api.tenancy.POST("/v1/users", { body })),
  updateUser: (api: ApiClients, userId: string, body: { role?: Role; active?: boolean; display_name?: string }): Promise<User> =>
    unwrap(api.tenancy.PATCH("/v1/users/{user_id}", { params: { path: { user_id: userId } }, body })),
  observerSchools: async (api: ApiClients, userId: string): Promise<Assignment[]> =>
    (await unwrap(api.tenancy.GET("/v1/users/{user_id}/schools", { params: { path: { user_id: userId } } }))).items ?? [],
  schoolObservers: async (api: ApiClients, schoolId: string): Promise<Assignment[]> =>
    (await unwrap(api.tenancy.GET("/v1/schools/{school_id}/observers", { params: { path: { school_id: schoolId }, query: { limit: MAX } } }))).items ?? [],
  assign: (api: ApiClients, schoolId: string, userId: string) =>
    unwrap(api.tenancy.PUT("/v1/schools/{school_id}/observers/{user_id}", { params: { path: { school_id: schoolId, user_id: userId } } })),
  unassign: (api: ApiClients, schoolId: string, userId: string) =>
    unwrap(api.tenancy.DELETE("/v1/schools/{school_id}/observers/{user_id}", { params: { path: { school_id: schoolId, user_id: userId } } })),

  connections: async (api: ApiClients, districtId: string): Promise<Connection[]> =>
    (await unwrap(api.tenancy.GET("/v1/connections", { params: { query: { district_id: districtId, limit: 50 } } }))).items ?? [],
  accept: (api: ApiClients, id: string, version: string): Promise<Connection> =>
    unwrap(api.tenancy.POST("/v1/connections/{connection_id}/accept", { params: { path: { connection_id: id } }, body: { agreement_version: version } })),
  decline: (api: ApiClients, id: string): Promise<Connection> =>
    unwrap(api.tenancy.POST("/v1/connections/{connection_id}/decline", { params: { path: { connection_id: id } }, body: {} })),
  disconnect: (api: ApiClients, id: string): Promise<Connection> =>
    unwrap(api.tenancy.POST("/v1/connections/{connection_id}/disconnect", { params: { path: { connection_id: id } }, body: {} })),
};

function withoutEmpty(query: UserQuery): UserQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== "")) as UserQuery;
}
