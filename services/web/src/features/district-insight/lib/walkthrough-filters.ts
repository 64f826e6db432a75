// The walkthrough list's filters live in the URL query (shareable, kept through sign-in), and
// map one to one onto intake's GET /v1/walkthroughs query.
import type { WalkthroughQuery } from "../api/insight";

export interface WalkthroughFilters {
  school?: string;
  teacher?: string;
  observer?: string;
  template?: string;
  from?: string;
  to?: string;
  shared?: "true" | "false";
  offset?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const PAGE_SIZE = 25;

export function filtersFrom(params: URLSearchParams): WalkthroughFilters {
  const id = (name: string) => {
    const value = params.get(name);
    return value && UUID.test(value) ? value : undefined;
  };
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : undefined;
  };
  const shared = params.get("shared");
  const offset = Number(params.get("offset") ?? 0);
  return {
    school: id("school"),
    teacher: id("teacher"),
    observer: id("observer"),
    template: id("template"),
    from: day("from"),
    to: day("to"),
    shared: shared === "true" || shared === "false" ? shared : undefined,
    offset: Number.isInteger(offset) && offset > 0 ? offset : undefined,
  };
}

export function toParams(filters: WalkthroughFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") out.set(key, String(value));
  return out;
}

/** The filters without paging, as intake's query (the download sends the same). */
export function filterQuery(filters: WalkthroughFilters): Omit<WalkthroughQuery, "limit" | "offset"> {
  const query: Omit<WalkthroughQuery, "limit" | "offset"> = {};
  if (filters.school) query.school_id = filters.school;
  if (filters.teacher) query.teacher_id = filters.teacher;
  if (filters.observer) query.observer_id = filters.observer;
  if (filters.template) query.template_id = filters.template;
  if (filters.from) query.observed_from = filters.from;
  if (filters.to) query.observed_to = filters.to;
  if (filters.shared) query.shared_with_teacher = filters.shared === "true";
  return query;
}

export function listQuery(filters: WalkthroughFilters): WalkthroughQuery {
  return { ...filterQuery(filters), limit: PAGE_SIZE, offset: filters.offset ?? 0 };
}
