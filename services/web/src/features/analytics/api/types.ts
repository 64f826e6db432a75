// The analytics answers, as the service's OpenAPI document describes them (generated types).
import type { components } from "@/api/generated/analytics";

type Schemas = components["schemas"];

export type Share = Schemas["Share"];
export type SuppressionBlock = Schemas["Suppression"];
export type CountCell = Schemas["CountCell"];
export type SummaryResponse = Schemas["Summary"];
export type SummaryTemplate = Schemas["TemplateSummary"];
export type TrendsResponse = Schemas["Trends"];
export type TrendSeries = Schemas["TrendSeries"];
export type HeatmapResponse = Schemas["Heatmap"];
export type DistributionResponse = Schemas["Distribution"];
export type CoverageResponse = Schemas["Coverage"];
export type PrivacyRuleResponse = Schemas["PrivacyRule"];

/** What every rating figure (trend point, heat-map cell, indicator summary) has in common. */
export type RatingCell = Pick<
  Schemas["TrendPoint"],
  "suppressed" | "reasons" | "n" | "teachers" | "mean_rating" | "share" | "unpublished" | "published_after"
>;
