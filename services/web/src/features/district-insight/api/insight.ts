// The calls the district and school screens make. Walkthroughs and coverage are intake's (by
// ids); people's names are tenancy's roster and accounts, joined here: names live only there.
import type { components as IntakeSchemas, paths as IntakePaths } from "@/api/generated/intake";
import { unwrap, type ApiClients } from "@/lib/api/clients";
import { ApiError } from "@/lib/api/errors";
import type { Claims } from "@/lib/auth/token";

type Schemas = IntakeSchemas["schemas"];
export type Coverage = Schemas["CoverageOut"];
export type Target = Schemas["TargetOut"];
export type Walkthrough = Schemas["WalkthroughOut"];
export type WalkthroughPage = Schemas["WalkthroughPage"];
export type WalkthroughQuery = NonNullable<IntakePaths["/v1/walkthroughs"]["get"]["parameters"]["query"]>;
export type DownloadBody = Schemas["DownloadIn"];
export type CoverageQuery = NonNullable<IntakePaths["/v1/coverage"]["get"]["parameters"]["query"]>;

export interface Teacher {
  id: string;
  name: string;
  schoolIds: string[];
}

export interface Directory {
  names: Map<string, string>;
  teachers: Teacher[];
}

export interface School {
  id: string;
  name: string;
}

/** Every page of a tenancy list (200 a page), up to a bound no district reaches. */
async function allPages<T>(fetchPage: (offset: number) => Promise<{ items?: T[]; total?: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0, page = 0; page < 100; page += 1) {
    const answer = await fetchPage(offset);
    const items = answer.items ?? [];
    out.push(...items);
    offset += items.length;
    if (!items.length || offset >= (answer.total ?? 0)) break;
  }
  return out;
}

export const insightApi = {
  coverage: (api: ApiClients, query: CoverageQuery): Promise<Coverage> =>
    unwrap(api.intake.GET("/v1/coverage", { params: { query } })),
  target: (api: ApiClients): Promise<Target> => unwrap(api.intake.GET("/v1/coverage/target", {})),
  setTarget: (api: ApiClients, weekly: number): Promise<Target> =>
    unwrap(api.intake.PUT("/v1/coverage/target", { body: { weekly_visits_per_observer: weekly } })),
  walkthroughs: (api: ApiClients, query: WalkthroughQuery): Promise<WalkthroughPage> =>
    unwrap(api.intake.GET("/v1/walkthroughs", { params: { query } })),
  walkthrough: (api: ApiClients, id: string): Promise<Walkthrough> =>
    unwrap(api.intake.GET("/v1/walkthroughs/{observation_id}", { params: { path: { observation_id: id } } })),
  setShared: (api: ApiClients, id: string, shared: boolean): Promise<Walkthrough> =>
    unwrap(
      api.intake.PUT("/v1/walkthroughs/{observation_id}/sharing", {
        params: { path: { observation_id: id } },
        body: { shared },
      }),
    ),
  schools: async (api: ApiClients, claims: Claims): Promise<School[]> => {
    if (claims.role === "school_admin") {
      // A principal's workspace is their school: never ask for the district's list.
      const own = await unwrap(api.tenancy.GET("/v1/schools/{school_id}", { params: { path: { school_id: claims.org_id } } }));
      return [{ id: own.id ?? claims.org_id, name: own.name ?? "Your school" }];
    }
    const districtId = claims.district_id ?? claims.org_id;
    const page = await unwrap(api.tenancy.GET("/v1/schools", { params: { query: { district_id: districtId, limit: 200 } } }));
    return (page.items ?? []).map((s) => ({ id: s.id ?? "", name: s.name ?? "" }));
  },
  /** Names by id: rostered teachers (removed ones too: old walkthroughs name them) and, for
   * district staff and principals, the accounts they may list (observers, principals). */
  directory: async (api: ApiClients, claims: Claims): Promise<Directory> => {
    const districtId = claims.district_id ?? claims.org_id;
    const teachers = await allPages((offset) =>
      unwrap(
        api.tenancy.GET("/v1/districts/{district_id}/teachers", {
          params: { path: { district_id: districtId }, query: { limit: 200, offset, include_removed: true } },
        }),
      ),
    );
    const people = teachers.map((t) => ({ id: t.id ?? "", name: `${t.given_name ?? ""} ${t.family_name ?? ""}`.trim(), schoolIds: (t.school_ids ?? []) as string[] }));
    const names = new Map(people.map((t) => [t.id, t.name]));
    if (claims.role === "district_admin" || claims.role === "district_leader" || claims.role === "school_admin") {
      const users = await allPages((offset) => unwrap(api.tenancy.GET("/v1/users", { params: { query: { limit: 200, offset } } })));
      for (const u of users) if (u.id && !u.teacher_id) names.set(u.id, u.display_name ?? "");
    }
    names.set(claims.sub, names.get(claims.sub) ?? "You");
    return { names, teachers: people.sort((a, b) => a.name.localeCompare(b.name)) };
  },
};

/** The district's walkthroughs as a file: a POST (the names travel in the body, never in a
 * URL), the token in a header, the answer handed to the browser as a download. */
export async function downloadWalkthroughs(intakeBase: string, token: string | null, body: DownloadBody): Promise<string> {
  const response = await fetch(`${intakeBase}/v1/walkthroughs/download`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => undefined));
  const name = `canopy-walkthroughs.${body.format}`;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return name;
}
