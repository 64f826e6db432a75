// Tenancy calls for a district's region coaches: who the connected region employs, which of the
// district's schools each may observe at, and the district admin's grant and revoke.
import type { components } from "@/api/generated/tenancy";
import { unwrap, type ApiClients } from "@/lib/api/clients";

export type RegionCoach = components["schemas"]["RegionCoachOut"];
export interface School {
  id: string;
  name: string;
}

const path = (schoolId: string, userId: string) => ({ params: { path: { school_id: schoolId, user_id: userId } } });

export const coachesApi = {
  coaches: async (api: ApiClients, districtId: string): Promise<RegionCoach[]> =>
    (
      await unwrap(
        api.tenancy.GET("/v1/districts/{district_id}/region-coaches", {
          params: { path: { district_id: districtId }, query: { limit: 200 } },
        }),
      )
    ).items ?? [],
  schools: async (api: ApiClients, districtId: string): Promise<School[]> =>
    ((await unwrap(api.tenancy.GET("/v1/schools", { params: { query: { district_id: districtId, limit: 200 } } }))).items ?? [])
      .map((s) => ({ id: s.id ?? "", name: s.name ?? "" }))
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })),
  assign: (api: ApiClients, schoolId: string, userId: string) =>
    unwrap(api.tenancy.PUT("/v1/schools/{school_id}/observers/{user_id}", path(schoolId, userId))),
  revoke: async (api: ApiClients, schoolId: string, userId: string): Promise<void> => {
    const { response, error } = await api.tenancy.DELETE("/v1/schools/{school_id}/observers/{user_id}", path(schoolId, userId));
    if (!response.ok) await unwrap(Promise.resolve({ error, response }));
  },
};
