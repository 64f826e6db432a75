// The walkthrough form's rules, kept pure: the look-fors of a template version in order, the
// choices each scale offers, what is still missing, and the body intake receives.
import type { CaptureRecord, Indicator, TemplateVersion } from "./types";

export interface LookFor extends Indicator {
  section: string;
}

export interface Choice {
  value: number;
  label: string;
  descriptor: string;
}

export const SUBJECTS: { value: string; label: string }[] = [
  { value: "ela", label: "English language arts" },
  { value: "math", label: "Math" },
  { value: "science", label: "Science" },
  { value: "social_studies", label: "Social studies" },
  { value: "arts", label: "Arts" },
  { value: "physical_education", label: "Physical education" },
  { value: "world_languages", label: "World languages" },
  { value: "cte", label: "Career & technical" },
  { value: "special_education", label: "Special education" },
  { value: "other", label: "Other" },
];

export function subjectLabel(value: string): string {
  return SUBJECTS.find((s) => s.value === value)?.label ?? value;
}

/** The form's name for a field intake names in a refusal. */
export function fieldLabel(field: string | null): string | null {
  if (!field) return null;
  const top = field.split(/[.[]/)[0] ?? field;
  const labels: Record<string, string> = {
    observed_at: "Observed at",
    duration_minutes: "Minutes in the room",
    subject: "Subject",
    grade_level: "Grade",
    teacher_id: "Teacher",
    school_id: "School",
    ratings: "Ratings",
    notes: "Notes",
    template_id: "Template",
    template_version_id: "Template",
  };
  return labels[top] ?? field;
}

export const GRADES = ["PK", "K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
export const MAX_MINUTES = 600;
const FUTURE_SLACK_MS = 5 * 60_000; // intake's allowance for clocks that differ

export function lookFors(version: TemplateVersion | undefined): LookFor[] {
  if (!version?.sections) return [];
  return [...version.sections]
    .sort((a, b) => a.position - b.position)
    .flatMap((s) => s.indicators.map((i) => ({ ...i, section: s.title })));
}

/** The buttons a look-for offers: its levels; Yes/No; or a count's range (up to 10 buttons,
 * beyond that the form shows a number field). */
export function choicesOf(indicator: Indicator): Choice[] {
  const { kind, levels } = indicator.scale;
  if (kind === "levels") return [...levels].sort((a, b) => a.value - b.value);
  if (kind === "yes_no") {
    const named = new Map(levels.map((l) => [l.value, l]));
    return [1, 0].map((value) => ({
      value,
      label: named.get(value)?.label ?? (value ? "Yes" : "No"),
      descriptor: named.get(value)?.descriptor ?? "",
    }));
  }
  const low = indicator.scale.min ?? 0;
  const high = indicator.scale.max;
  if (high === null || high === undefined || high - low > 9) return [];
  return Array.from({ length: high - low + 1 }, (_, i) => ({ value: low + i, label: String(low + i), descriptor: "" }));
}

export function accepts(indicator: Indicator, value: number): boolean {
  const { kind, min, max } = indicator.scale;
  if (kind === "levels") return indicator.scale.levels.some((l) => l.value === value);
  if (kind === "yes_no") return value === 0 || value === 1;
  return Number.isInteger(value) && value >= (min ?? 0) && (max === null || max === undefined || value <= max);
}

export interface Missing {
  key: string; // the element to jump to
  text: string;
}

/** What stops this walkthrough from being submitted, in the order the form shows it. */
export function missingParts(
  record: CaptureRecord,
  version: TemplateVersion | undefined,
  now: number = Date.now(),
): Missing[] {
  const missing: Missing[] = [];
  if (Date.parse(record.observedAt) > now + FUTURE_SLACK_MS) {
    missing.push({ key: "observed", text: "When you observed: it is later than now" });
  }
  if (!version) missing.push({ key: "template", text: "A template (none is kept on this device for the school)" });
  if (!record.subject) missing.push({ key: "subject", text: "Subject" });
  if (!record.gradeLevel) missing.push({ key: "grade", text: "Grade" });
  if (version && !Object.keys(record.ratings).length) missing.push({ key: "ratings", text: "At least one rating" });
  for (const item of lookFors(version)) {
    const value = record.ratings[item.key];
    if (item.required && value === undefined) missing.push({ key: `lf-${item.key}`, text: `Rating: ${item.text}` });
  }
  const minutes = record.durationMinutes;
  if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES)) {
    missing.push({ key: "duration", text: `Minutes in the room (1 to ${MAX_MINUTES})` });
  }
  return missing;
}

/** Whole minutes since the start, at least 1 (a visit shorter than a minute still counts). */
export function minutesSince(startedAt: string, now: number = Date.now()): number {
  const minutes = Math.round((now - Date.parse(startedAt)) / 60_000);
  return Math.min(Math.max(minutes, 1), MAX_MINUTES);
}

/** A local time with the device's UTC offset, as intake wants it: 2026-12-01T09:30:00-06:00. */
export function localIso(date: Date): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** The body of POST /v1/walkthroughs (and of each batch item) for a submitted record. */
export function walkthroughBody(record: CaptureRecord, version: TemplateVersion | undefined): Record<string, unknown> {
  const keys = new Set(lookFors(version).map((l) => l.key));
  const known = (key: string) => !version || keys.has(key);
  const ratings = Object.entries(record.ratings)
    .filter(([key]) => known(key))
    .map(([indicator_key, value]) => ({ indicator_key, value }));
  const byIndicator = Object.fromEntries(
    Object.entries(record.notes).filter(([key, text]) => known(key) && text.trim()).map(([k, t]) => [k, t.trim()]),
  );
  const overall = record.overall.trim();
  const notes =
    overall || Object.keys(byIndicator).length
      ? { ...(overall ? { overall } : {}), ...(Object.keys(byIndicator).length ? { by_indicator: byIndicator } : {}) }
      : undefined;
  return {
    observation_id: record.id,
    school_id: record.schoolId,
    teacher_id: record.teacherId,
    template_id: record.templateId,
    template_version_id: record.versionId,
    observed_at: record.observedAt,
    duration_minutes: record.durationMinutes ?? minutesSince(record.startedAt),
    subject: record.subject,
    grade_level: record.gradeLevel,
    ratings,
    shared_with_teacher: record.share,
    ...(notes ? { notes } : {}),
  };
}

/** The template a school uses unless the person picks another: the one given to it most
 * recently (the school's own choice over a district's over a region's when given together). */
export function defaultTemplate(versions: TemplateVersion[]): TemplateVersion | undefined {
  const rank = (v: TemplateVersion) => ({ school: 0, district: 1, region: 2 })[v.assigned_by_type ?? ""] ?? 3;
  return [...versions]
    .filter((v) => !v.retired_at)
    .sort((a, b) => (b.assigned_at ?? "").localeCompare(a.assigned_at ?? "") || rank(a) - rank(b))[0];
}
