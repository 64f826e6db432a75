// TEMPORARY: analytics' OpenAPI document does not describe its responses yet ("Analytics:
// response schemas" is being added on another branch). These types are read from
// services/analytics/canopy_analytics (reports.py, coverage.py, figures.py, privacy/*.py,
// exports/schemas.py). Delete this file once the generated types describe the responses.

/** A share as the caller may see it: coded (top/bottom) at the region tier, exact for a district. */
export interface Share {
  value: number | null;
  display: string;
  coded: "top" | "bottom" | null;
}

/** A cell hidden by the small-cell rule: no number at all, only why. */
export interface SuppressedCell {
  suppressed: true;
  reasons: string[];
}

export interface RatingFigures {
  suppressed: false;
  n: number;
  teachers: number;
  mean_rating: number | null;
  share: Share | null;
}
export type RatingCell = RatingFigures | SuppressedCell;

export interface CountFigures {
  suppressed: false;
  walkthroughs: number;
  teachers_observed: number;
}
export type CountCell = CountFigures | SuppressedCell;

export type SuppressionBlock =
  | {
      applied: true;
      k: number;
      suppressed_cells: number;
      reasons: Record<string, string>;
      rule: string;
    }
  | { applied: false; why: string };

export interface TemplateInfo {
  template_id: string;
  title: string;
}

export interface IndicatorInfo {
  indicator: string;
  text: string;
  section: string;
}

export interface TrendPoint {
  period: string;
  start: string;
  end: string;
}
export type TrendPointCell = TrendPoint & RatingCell;

export interface TrendSeries extends IndicatorInfo {
  level: number;
  points: TrendPointCell[];
}

export interface TrendsResponse {
  template: TemplateInfo;
  org: string;
  granularity: string;
  filters: Record<string, string | number>;
  series: TrendSeries[];
  suppression: SuppressionBlock;
}

export type HeatmapCell = { indicator: string } & RatingCell;

export interface HeatmapRow {
  org: string;
  name: string;
  cells: HeatmapCell[];
}

export interface HeatmapResponse {
  template: TemplateInfo;
  period: string;
  by: "district" | "school";
  filters: Record<string, string | number>;
  indicators: IndicatorInfo[];
  rows: HeatmapRow[];
  suppression: SuppressionBlock;
}

export interface LevelShare {
  value: number;
  label: string;
  share: Share | null;
  count?: number;
}

export type DistributionIndicator = IndicatorInfo &
  (
    | { suppressed: false; n: number; teachers?: number; levels: LevelShare[] }
    | SuppressedCell
  );

export interface DistributionResponse {
  template: TemplateInfo;
  org: string;
  period: string;
  filters: Record<string, string | number>;
  indicators: DistributionIndicator[];
  suppression: SuppressionBlock;
}

export interface Reach {
  school_year: string;
  org: string;
  schools: number;
  schools_visited: number;
  share_schools_visited: Share | null;
  teachers_rostered: number;
  teachers_observed: CountCell;
  share_teachers_observed: Share | null;
}

export type CoveragePart = { org: string; name: string } & CountCell;

export interface CoverageBucket {
  period: string;
  start: string;
  end: string;
  total: CountCell;
  parts: CoveragePart[];
}

export interface CoverageResponse {
  org: string;
  granularity: string;
  over_time: CoverageBucket[];
  school_years: Reach[];
  suppression: SuppressionBlock;
}

export type SummaryDistrict = { district_id: string; name: string } & Reach;

export type SummaryIndicator = { indicator: string; text: string; level: number } & RatingCell;

export interface SummaryTemplate {
  template_id: string;
  title: string;
  indicators: SummaryIndicator[];
}

export interface SummaryResponse {
  org: string;
  name: string;
  school_year: string;
  totals: Reach;
  districts: SummaryDistrict[];
  walkthroughs_by_month: ({ period: string } & CountCell)[];
  templates: SummaryTemplate[];
  suppression: SuppressionBlock;
}

export interface PrivacyRuleResponse {
  k: number;
  minimum_k: number;
  bottom_code: number;
  top_code: number;
  coded_displays: { bottom: string; top: string };
  rules: string[];
  reasons: Record<string, string>;
  sources: { name: string; finding: string }[];
}

export interface ExportParameters {
  period: string | null;
  templates: string[];
  districts: string[];
  formats: string[];
  publish_to_partners: boolean;
}

export interface ExportFile {
  format: string;
  filename: string;
  bytes: number;
  sha256: string;
  download: string;
}

export interface ExportJob {
  export_id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: number;
  step: string;
  trigger: string;
  org: string;
  requested_by: string;
  requested_role: string;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  published_at: string | null;
  snapshot_id: string | null;
  parameters: ExportParameters;
  files: ExportFile[];
  error: string | null;
  privacy_rule: string;
}

export interface ExportList {
  exports: ExportJob[];
}

export interface ExportSchedule {
  region_id: string;
  cadence: string;
  topic: string;
  parameters: Pick<ExportParameters, "period" | "templates" | "districts">;
  set_by: string;
  set_at: string;
  next_run_at: string | null;
  last_run_at: string | null;
  last_export_id: string | null;
}
