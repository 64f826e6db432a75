// How numbers, periods and dates read on screen.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function formatInteger(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatMean(n: number | null | undefined): string {
  return n == null ? "–" : n.toFixed(2);
}

/** "month:2026-09" → "Sep 2026", "week:2026-09-14" → "Week of Sep 14, 2026",
 * "school_year:2026-2027" → "2026–27". */
export function formatPeriod(period: string, short = false): string {
  const [kind, key = ""] = period.split(":");
  if (kind === "month") {
    const [y, m] = key.split("-");
    const month = MONTHS[Number(m) - 1] ?? m;
    return short ? month ?? key : `${month} ${y}`;
  }
  if (kind === "week") {
    const [y, m, d] = key.split("-");
    const label = `${MONTHS[Number(m) - 1]} ${Number(d)}`;
    return short ? label : `Week of ${label}, ${y}`;
  }
  if (kind === "school_year") return short ? formatSchoolYear(key) : `School year ${formatSchoolYear(key)}`;
  if (kind === "term") {
    const [year, half] = key.split("/");
    return `${half === "fall" ? "Fall" : "Spring"} term ${formatSchoolYear(year ?? "")}`;
  }
  return period;
}

export function formatSchoolYear(key: string): string {
  const [a, b] = key.split("-");
  return a && b ? `${a}–${b.slice(2)}` : key;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-US", { dateStyle: "medium" });
}

/** A calendar day ("2027-01-03" → "Jan 3, 2027"), read as a day, not as a UTC instant, so no
 * time zone shifts it to the day before. */
export function formatDay(day: string | null | undefined): string {
  const [y, m, d] = (day ?? "").split("-");
  const month = MONTHS[Number(m) - 1];
  return y && month && d ? `${month} ${Number(d)}, ${y}` : day || "–";
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
