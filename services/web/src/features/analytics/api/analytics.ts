// The analytics calls the Region screens make, typed end to end by the generated client: the
// query builders produce the documented query types and the answers are the documented schemas.
import type { paths } from "@/api/generated/analytics";
import { unwrap, type ApiClients } from "@/lib/api/clients";
import { apiPeriod, rangeOf, type Filters } from "../lib/filters";
import type {
  CoverageResponse,
  DistributionResponse,
  HeatmapResponse,
  PrivacyRuleResponse,
  SummaryResponse,
  TrendsResponse,
} from "./types";

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type TrendsQuery = QueryOf<"/v1/trends">;
export type HeatmapQuery = QueryOf<"/v1/heatmap">;
export type DistributionQuery = QueryOf<"/v1/distribution">;
export type CoverageQuery = QueryOf<"/v1/coverage">;
type SliceQuery = Pick<TrendsQuery, "template_id" | "district_id" | "school_id" | "subject" | "grade_band">;

function clean<T extends object>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== "")) as T;
}

/** The slice filters every rating answer shares. Subject and grade band were checked against
 * the vocabulary when read from the URL (filtersFromQuery). */
export function sliceQuery(filters: Filters, templateId: string): SliceQuery {
  return clean({
    template_id: templateId,
    district_id: filters.district,
    school_id: filters.school,
    subject: filters.subject as SliceQuery["subject"],
    grade_band: filters.grade as SliceQuery["grade_band"],
  });
}

export function trendsQuery(filters: Filters, templateId: string, schoolYear: string): TrendsQuery {
  const range = rangeOf(filters.period ?? `school_year:${schoolYear}`);
  return clean({
    ...sliceQuery(filters, templateId),
    granularity: filters.by ?? "month",
    start: range?.start,
    end: range?.end,
  });
}

export function heatmapQuery(filters: Filters, templateId: string, drill: boolean): HeatmapQuery {
  const slice = sliceQuery(filters, templateId);
  return clean({
    template_id: templateId,
    subject: slice.subject,
    grade_band: slice.grade_band,
    period: apiPeriod(filters.period),
    by: drill ? "school" : "district",
    district_id: drill ? filters.district : undefined,
  });
}

export function distributionQuery(filters: Filters, templateId: string): DistributionQuery {
  return clean({ ...sliceQuery(filters, templateId), period: apiPeriod(filters.period) });
}

export function coverageQuery(filters: Filters, schoolYear: string): CoverageQuery {
  const range = rangeOf(filters.period ?? `school_year:${schoolYear}`);
  return clean({
    granularity: filters.by ?? "month",
    start: range?.start,
    end: range?.end,
    district_id: filters.district,
  });
}

/** A cache key for one answer: the endpoint and its query in a stable order. */
export function queryKey(name: string, query: object): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, String(v)] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b));
  return `analytics:${name}?${new URLSearchParams(entries).toString()}`;
}

export const analyticsApi = {
  summary: (api: ApiClients): Promise<SummaryResponse> => unwrap(api.analytics.GET("/v1/summary", {})),
  privacyRule: (api: ApiClients): Promise<PrivacyRuleResponse> => unwrap(api.analytics.GET("/v1/privacy-rule", {})),
  trends: (api: ApiClients, query: TrendsQuery): Promise<TrendsResponse> =>
    unwrap(api.analytics.GET("/v1/trends", { params: { query } })),
  heatmap: (api: ApiClients, query: HeatmapQuery): Promise<HeatmapResponse> =>
    unwrap(api.analytics.GET("/v1/heatmap", { params: { query } })),
  distribution: (api: ApiClients, query: DistributionQuery): Promise<DistributionResponse> =>
    unwrap(api.analytics.GET("/v1/distribution", { params: { query } })),
  coverage: (api: ApiClients, query: CoverageQuery): Promise<CoverageResponse> =>
    unwrap(api.analytics.GET("/v1/coverage", { params: { query } })),
};

/** The schools of one district, for the school filter (tenancy lists a region's connected ones). */
export async function listSchools(api: ApiClients, districtId: string) {
  const page = await unwrap(
    api.tenancy.GET("/v1/schools", { params: { query: { district_id: districtId, limit: 200 } } }),
  );
  return (page.items ?? []).map((s) => ({ id: s.id ?? "", name: s.name ?? "" }));
}
