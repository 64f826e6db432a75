// The analytics filters live in the URL query string, so a view can be bookmarked, shared and
// restored after signing in again. Unknown or malformed values are dropped, never sent on.

export const SUBJECTS = [
  "ela",
  "math",
  "science",
  "social_studies",
  "arts",
  "physical_education",
  "world_languages",
  "cte",
  "special_education",
  "other",
] as const;
export const SUBJECT_LABELS: Record<(typeof SUBJECTS)[number], string> = {
  ela: "English language arts",
  math: "Mathematics",
  science: "Science",
  social_studies: "Social studies",
  arts: "Arts",
  physical_education: "Physical education",
  world_languages: "World languages",
  cte: "Career & technical education",
  special_education: "Special education",
  other: "Other",
};
export const GRADE_BANDS = ["PK-2", "3-5", "6-8", "9-12"] as const;
export const GRANULARITIES = ["week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const METRICS = ["mean", "share"] as const;
export type Metric = (typeof METRICS)[number];

export interface Filters {
  template?: string;
  district?: string;
  school?: string;
  subject?: string;
  grade?: string;
  /** school_year:YYYY-YYYY | term:YYYY-YYYY/fall|spring | month:YYYY-MM | week:YYYY-MM-DD */
  period?: string;
  by?: Granularity;
  metric?: Metric;
  /** Trends: one look-for, one line per district. */
  compare?: "districts";
  /** The look-for compared (an indicator key of the template). */
  indicator?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERIOD =
  /^(school_year:\d{4}-\d{4}|term:\d{4}-\d{4}\/(fall|spring)|month:\d{4}-(0[1-9]|1[0-2])|week:\d{4}-\d{2}-\d{2})$/;
const KEYS = ["template", "district", "school", "subject", "grade", "period", "by", "metric", "compare", "indicator"] as const;
const INDICATOR_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function filtersFromQuery(params: URLSearchParams): Filters {
  const uuid = (key: string) => {
    const value = params.get(key);
    return value && UUID.test(value) ? value.toLowerCase() : undefined;
  };
  const period = params.get("period");
  const filters: Filters = {
    template: uuid("template"),
    district: uuid("district"),
    school: uuid("school"),
    subject: pick(params.get("subject"), SUBJECTS),
    grade: pick(params.get("grade"), GRADE_BANDS),
    period: period && PERIOD.test(period) ? period : undefined,
    by: pick(params.get("by"), GRANULARITIES),
    metric: pick(params.get("metric"), METRICS),
    compare: pick(params.get("compare"), ["districts"] as const),
    indicator: INDICATOR_KEY.test(params.get("indicator") ?? "") ? (params.get("indicator") as string) : undefined,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Filters;
}

/** The query string for `filters`, in a stable order, leaving out what is not set. */
export function filtersToQuery(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** Change some filters. A school belongs to a district: changing the district clears it. */
export function withFilters(current: Filters, change: Partial<Filters>): Filters {
  const next: Filters = { ...current, ...change };
  if ("district" in change && change.district !== current.district && !("school" in change)) {
    delete next.school;
  }
  for (const key of KEYS) if (!next[key]) delete next[key];
  return next;
}

// ---- periods --------------------------------------------------------------------------------

const SCHOOL_YEAR_START_MONTH = 7; // July, as canopy_shared.contracts.vocabulary

export function schoolYearOf(day: Date): string {
  const y = day.getUTCFullYear();
  const start = day.getUTCMonth() + 1 >= SCHOOL_YEAR_START_MONTH ? y : y - 1;
  return `${start}-${start + 1}`;
}

export interface DateRange {
  start: string; // YYYY-MM-DD
  end: string;
}

const DAY_MS = 86_400_000;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Weeks belong to the month of their Thursday (the API's rule, which snaps a range outwards to
 * whole weeks). A month-long range must therefore start at its first such week and end with its
 * last, or the API would add a week of the neighbouring month, and with it a neighbouring year. */
export function monthAligned(start: string, end: string): DateRange {
  const first = new Date(`${start}T00:00:00Z`);
  const firstWeekday = (first.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const from = firstWeekday > 3 ? new Date(first.getTime() + (7 - firstWeekday) * DAY_MS) : first;
  const last = new Date(`${end}T00:00:00Z`);
  const lastWeekday = (last.getUTCDay() + 6) % 7;
  const to = lastWeekday < 3 ? new Date(last.getTime() - (lastWeekday + 1) * DAY_MS) : last;
  return { start: isoDay(from), end: isoDay(to) };
}

/** The dates a period covers, for the trends and coverage APIs. A term is half a school year:
 * fall July–December, spring January–June. */
export function rangeOf(period: string): DateRange | null {
  const range = calendarRange(period);
  return range && !period.startsWith("week:") ? monthAligned(range.start, range.end) : range;
}

function calendarRange(period: string): DateRange | null {
  const [kind, key = ""] = period.split(":");
  if (kind === "school_year") {
    const first = Number(key.slice(0, 4));
    return { start: `${first}-07-01`, end: `${first + 1}-06-30` };
  }
  if (kind === "term") {
    const [year = "", half] = key.split("/");
    const first = Number(year.slice(0, 4));
    return half === "fall"
      ? { start: `${first}-07-01`, end: `${first}-12-31` }
      : { start: `${first + 1}-01-01`, end: `${first + 1}-06-30` };
  }
  if (kind === "month") {
    const [y, m] = key.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { start: `${key}-01`, end: `${key}-${String(last).padStart(2, "0")}` };
  }
  if (kind === "week") {
    const start = new Date(`${key}T00:00:00Z`);
    const end = new Date(start.getTime() + 6 * 86_400_000);
    return { start: key, end: end.toISOString().slice(0, 10) };
  }
  return null;
}

/** The API's single-bucket period (heat map, distribution): a term has no bucket of its own, so
 * it is answered for its school year. */
export function apiPeriod(period: string | undefined): string | undefined {
  if (!period) return undefined;
  if (period.startsWith("term:")) return `school_year:${period.slice(5, 14)}`;
  return period;
}

/** The periods a person can choose: the school year, its two terms and its months. */
export function periodOptions(schoolYear: string, withTerms: boolean): { value: string; label: string }[] {
  const first = Number(schoolYear.slice(0, 4));
  const years = [schoolYear, `${first - 1}-${first}`];
  const out: { value: string; label: string }[] = [];
  for (const year of years) {
    const y0 = Number(year.slice(0, 4));
    out.push({ value: `school_year:${year}`, label: `School year ${y0}–${String(y0 + 1).slice(2)}` });
    if (withTerms) {
      out.push({ value: `term:${year}/fall`, label: `Fall term ${y0}` });
      out.push({ value: `term:${year}/spring`, label: `Spring term ${y0 + 1}` });
    }
    if (year === schoolYear && !withTerms) {
      for (let i = 0; i < 12; i++) {
        const month = ((SCHOOL_YEAR_START_MONTH - 1 + i) % 12) + 1;
        const y = month >= SCHOOL_YEAR_START_MONTH ? y0 : y0 + 1;
        const key = `${y}-${String(month).padStart(2, "0")}`;
        const name = new Date(Date.UTC(y, month - 1, 1)).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
        out.push({ value: `month:${key}`, label: `${name} ${y}` });
      }
    }
  }
  return out;
}
