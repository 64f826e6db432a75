// The analytics calls the Region screens make. Query parameters are typed by the generated
// client; the answers' types come from analytics-types.ts until the service describes them.
import type {
  CoverageResponse,
  DistributionResponse,
  HeatmapResponse,
  PrivacyRuleResponse,
  SummaryResponse,
  TrendsResponse,
} from "@/api/analytics-types";
import { unwrap, type ApiClients } from "@/lib/api/clients";
import { apiPeriod, rangeOf, type Filters } from "../lib/filters";

type Query = Record<string, string | undefined>;

function clean<T extends Query>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== "")) as T;
}

/** The slice filters every rating answer shares. */
export function sliceQuery(filters: Filters, templateId: string): Query {
  return clean({
    template_id: templateId,
    district_id: filters.district,
    school_id: filters.school,
    subject: filters.subject,
    grade_band: filters.grade,
  });
}

export function trendsQuery(filters: Filters, templateId: string, schoolYear: string): Query {
  const range = rangeOf(filters.period ?? `school_year:${schoolYear}`);
  return clean({
    ...sliceQuery(filters, templateId),
    granularity: filters.by ?? "month",
    start: range?.start,
    end: range?.end,
  });
}

export function heatmapQuery(filters: Filters, templateId: string, drill: boolean): Query {
  return clean({
    template_id: templateId,
    subject: filters.subject,
    grade_band: filters.grade,
    period: apiPeriod(filters.period),
    by: drill ? "school" : "district",
    district_id: drill ? filters.district : undefined,
  });
}

export function distributionQuery(filters: Filters, templateId: string): Query {
  return clean({ ...sliceQuery(filters, templateId), period: apiPeriod(filters.period) });
}

export function coverageQuery(filters: Filters, schoolYear: string): Query {
  const range = rangeOf(filters.period ?? `school_year:${schoolYear}`);
  return clean({
    granularity: filters.by ?? "month",
    start: range?.start,
    end: range?.end,
    district_id: filters.district,
  });
}

export function queryKey(name: string, query: Query): string {
  return `${name}?${new URLSearchParams(query as Record<string, string>).toString()}`;
}

// The generated paths type these query parameters; the responses are cast until analytics
// publishes its response schemas.
export const analyticsApi = {
  summary: (api: ApiClients) => unwrap(api.analytics.GET("/v1/summary", {})) as Promise<unknown> as Promise<SummaryResponse>,
  privacyRule: (api: ApiClients) =>
    unwrap(api.analytics.GET("/v1/privacy-rule", {})) as Promise<unknown> as Promise<PrivacyRuleResponse>,
  trends: (api: ApiClients, query: Query) =>
    unwrap(api.analytics.GET("/v1/trends", { params: { query: query as never } })) as Promise<unknown> as Promise<TrendsResponse>,
  heatmap: (api: ApiClients, query: Query) =>
    unwrap(api.analytics.GET("/v1/heatmap", { params: { query: query as never } })) as Promise<unknown> as Promise<HeatmapResponse>,
  distribution: (api: ApiClients, query: Query) =>
    unwrap(api.analytics.GET("/v1/distribution", { params: { query: query as never } })) as Promise<unknown> as Promise<DistributionResponse>,
  coverage: (api: ApiClients, query: Query) =>
    unwrap(api.analytics.GET("/v1/coverage", { params: { query: query as never } })) as Promise<unknown> as Promise<CoverageResponse>,
};

/** Districts and schools a region user may filter by (tenancy lists the connected ones). */
export async function listSchools(api: ApiClients, districtId: string) {
  const page = await unwrap(
    api.tenancy.GET("/v1/schools", { params: { query: { district_id: districtId, limit: 200 } } }),
  );
  return (page.items ?? []).map((s) => ({ id: s.id ?? "", name: s.name ?? "" }));
}
