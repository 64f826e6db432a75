// What the coverage screen shows, from intake's answer and tenancy's names: pure functions, so
// the browser tests and the unit tests read the same rules.
import type { Coverage } from "../api/insight";

export type CoverageWindow = "term" | `weeks:${number}`;
export const WINDOWS: { value: CoverageWindow; label: string }[] = [
  { value: "term", label: "This term" },
  { value: "weeks:2", label: "Last 2 weeks" },
  { value: "weeks:4", label: "Last 4 weeks" },
  { value: "weeks:6", label: "Last 6 weeks" },
  { value: "weeks:8", label: "Last 8 weeks" },
];

export function isWindow(value: string | null): value is CoverageWindow {
  return WINDOWS.some((w) => w.value === value);
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The `from`/`to` of a window ending `today`; "this term" leaves both to the service. */
export function windowRange(window: CoverageWindow, today: Date): { from?: string; to?: string } {
  if (window === "term") return {};
  const weeks = Number(window.slice("weeks:".length));
  return { from: isoDay(new Date(today.getTime() - (weeks * 7 - 1) * DAY_MS)), to: isoDay(today) };
}

export interface TeacherLine {
  teacherId: string;
  schoolId: string;
  name: string;
  walkthroughs: number;
  lastObservedOn: string | null;
}

/** Teachers with no walkthrough in the window: never observed first, then the longest ago,
 * then by name. */
export function notObserved(coverage: Coverage, names: Map<string, string>): TeacherLine[] {
  return (coverage.teachers ?? [])
    .filter((t) => (t.walkthroughs ?? 0) === 0)
    .map((t) => ({
      teacherId: t.teacher_id ?? "",
      schoolId: t.school_id ?? "",
      name: names.get(t.teacher_id ?? "") || "Teacher not on your roster",
      walkthroughs: 0,
      lastObservedOn: t.last_observed_on ?? null,
    }))
    .sort((a, b) => (a.lastObservedOn ?? "").localeCompare(b.lastObservedOn ?? "") || a.name.localeCompare(b.name));
}

export interface ObserverLine {
  observerId: string;
  schoolId: string;
  name: string;
  walkthroughs: number;
  assigned: boolean;
  /** Visits against the window's expectation (1 = on target), or null without a target. */
  progress: number | null;
}

export function observerLines(coverage: Coverage, names: Map<string, string>): ObserverLine[] {
  const expected = coverage.expected_per_observer ?? null;
  return (coverage.observers ?? [])
    .map((o) => ({
      observerId: o.observer_id ?? "",
      schoolId: o.school_id ?? "",
      name: names.get(o.observer_id ?? "") || observerLabel(o.observer_id ?? ""),
      walkthroughs: o.walkthroughs ?? 0,
      assigned: !!o.assigned,
      progress: expected ? (o.walkthroughs ?? 0) / expected : null,
    }))
    .sort((a, b) => a.walkthroughs - b.walkthroughs || a.name.localeCompare(b.name));
}

/** An observer whose account this role cannot list in tenancy (a principal: one from another school). */
export function observerLabel(id: string): string {
  return `Observer ${id.slice(0, 8)}`;
}
