// Tenancy calls for the region admin: connections with districts, and the region's users.
import type { components } from "@/api/generated/tenancy";
import { unwrap, type ApiClients } from "@/lib/api/clients";

type Schemas = components["schemas"];
export type Connection = Schemas["ConnectionOut"];
export type User = Schemas["UserOut"];
export type NewUser = Schemas["UserIn"];

const byId = (id: string) => ({ params: { path: { connection_id: id } }, body: {} });

export const districtsApi = {
  connections: async (api: ApiClients): Promise<Connection[]> =>
    (await unwrap(api.tenancy.GET("/v1/connections", { params: { query: { limit: 200 } } }))).items ?? [],
  districts: async (api: ApiClients) =>
    ((await unwrap(api.tenancy.GET("/v1/districts", { params: { query: { limit: 200 } } }))).items ?? []).map((d) => ({ id: d.id ?? "", name: d.name ?? "" })),
  invite: (api: ApiClients, body: { district_id: string; agreement_text: string; agreement_version: string }): Promise<Connection> =>
    unwrap(api.tenancy.POST("/v1/connections", { body })),
  withdraw: (api: ApiClients, id: string): Promise<Connection> => unwrap(api.tenancy.POST("/v1/connections/{connection_id}/withdraw", byId(id))),
  disconnect: (api: ApiClients, id: string): Promise<Connection> => unwrap(api.tenancy.POST("/v1/connections/{connection_id}/disconnect", byId(id))),
  users: async (api: ApiClients, orgId: string): Promise<User[]> =>
    (await unwrap(api.tenancy.GET("/v1/users", { params: { query: { org_id: orgId, limit: 200 } } }))).items ?? [],
  createUser: (api: ApiClients, body: NewUser) => unwrap(api.tenancy.POST("/v1/users", { body })),
  setActive: (api: ApiClients, id: string, active: boolean): Promise<User> =>
    unwrap(api.tenancy.PATCH("/v1/users/{user_id}", { params: { path: { user_id: id } }, body: { active } })),
};
