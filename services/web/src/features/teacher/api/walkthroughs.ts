// Intake calls for teachers and observers: walkthroughs in the caller's scope (a teacher: the
// ones shared with them; an observer or region coach: the ones they ran), the teacher's one
// acknowledgement, sharing with the teacher; and the roster names an observer may read.
import type { components } from "@/api/generated/intake";
import { unwrap, type ApiClients } from "@/lib/api/clients";

export type Walkthrough = components["schemas"]["WalkthroughOut"];
export type Acknowledgement = components["schemas"]["AcknowledgementOut"];

export interface WalkthroughList {
  items: Walkthrough[];
  total: number;
}

export const PAGE_SIZE = 50;
export const MAX_PAGE = 200; // intake answers at most 200 per page

const byId = (id: string) => ({ params: { path: { observation_id: id } } });

export const walkthroughsApi = {
  list: async (api: ApiClients, limit: number): Promise<WalkthroughList> => {
    const page = await unwrap(api.intake.GET("/v1/walkthroughs", { params: { query: { limit, offset: 0 } } }));
    return { items: page.items ?? [], total: page.total ?? 0 };
  },
  acknowledge: (api: ApiClients, id: string, reply: string): Promise<Acknowledgement> =>
    unwrap(api.intake.POST("/v1/walkthroughs/{observation_id}/acknowledgement", { ...byId(id), body: { reply: reply.trim() || null } })),
  share: (api: ApiClients, id: string): Promise<Walkthrough> =>
    unwrap(api.intake.PUT("/v1/walkthroughs/{observation_id}/sharing", { ...byId(id), body: { shared: true } })),
  /** Teacher names by id for the schools of these walkthroughs (what the observer may read). */
  teacherNames: async (api: ApiClients, walkthroughs: Walkthrough[]): Promise<Record<string, string>> => {
    const schools = new Map<string, string>();
    for (const w of walkthroughs) if (w.school_id && w.district_id) schools.set(w.school_id, w.district_id);
    const names: Record<string, string> = {};
    await Promise.all(
      [...schools].map(async ([school, district]) => {
        const { data } = await api.tenancy.GET("/v1/districts/{district_id}/teachers", {
          params: { path: { district_id: district }, query: { school_id: school, limit: 200 } },
        });
        for (const t of data?.items ?? []) if (t.id) names[t.id] = `${t.given_name ?? ""} ${t.family_name ?? ""}`.trim();
      }),
    );
    return names;
  },
};
