// What the goal screens compute from an answer: workspace paths, status words and tones,
// percents, the chart's lines (gaps for hidden months) and who may adopt what.
import type { ChartLine, ChartPoint } from "@/components/charts/LineChart";
import { ROLE_TIERS, type Role, type Tier } from "@/lib/auth/roles";
import type { Goal, GoalStatus, OrgProgress, ProgressPoint } from "../api/goals";

export function goalsHome(role: Role): string {
  return `/${ROLE_TIERS[role]}/goals`;
}

export const STATUS_LABELS: Record<GoalStatus, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  no_data: "No walkthroughs yet",
  suppressed: "Hidden (privacy)",
  upcoming: "Upcoming",
};

export function statusTone(status: GoalStatus): "good" | "warn" | "bad" | "neutral" | "info" {
  if (status === "on_track") return "good";
  if (status === "at_risk") return "warn";
  if (status === "off_track") return "bad";
  if (status === "upcoming") return "info";
  return "neutral";
}

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : `${Math.round(share * 100)}%`;
}

export function targetText(goal: Pick<Goal, "target_level" | "target_share" | "deadline">): string {
  return `≥ ${percent(goal.target_share)} of ratings at level ${goal.target_level}+ by ${goal.deadline}`;
}

/** The figure a progress row shows: the share, "Hidden" for a suppressed month, or a dash. */
export function shownFigure(point: ProgressPoint | null | undefined): { state: "value" | "suppressed" | "empty"; text: string } {
  if (!point) return { state: "empty", text: "—" };
  if (point.suppressed) return { state: "suppressed", text: "Hidden" };
  if (point.value === null || point.value === undefined) return { state: "empty", text: "—" };
  return { state: "value", text: point.display ?? percent(point.value) };
}

function chartPoint(point: ProgressPoint, index: number): ChartPoint {
  const figure = shownFigure(point);
  return {
    period: point.period,
    index,
    state: figure.state,
    value: figure.state === "value" ? (point.value ?? null) : null,
    display: figure.text,
    ...(figure.state === "suppressed" ? { reason: "hidden by the privacy rule (too few teachers)" } : {}),
  };
}

/** Each organisation's monthly shares as a chart line (hidden months are gaps), plus the target
 * and the expected path as lines of their own. */
export function progressLines(goal: Goal, progress: OrgProgress[]): ChartLine[] {
  const series = progress[0]?.series ?? [];
  const lines: ChartLine[] = progress.map((p) => ({
    key: p.org,
    label: p.name || p.org,
    points: (p.series ?? []).map(chartPoint),
  }));
  const path = pathLine(goal, progress[0]);
  if (path) lines.push(path);
  lines.push({
    key: "target",
    label: `Target ${percent(goal.target_share)}`,
    points: series.map((s, index) => ({ period: s.period, index, state: "value", value: goal.target_share, display: percent(goal.target_share) })),
  });
  return lines;
}

export function canAdopt(goal: Goal, tier: Tier, children: Goal["children"], orgId: string): boolean {
  const adopter = goal.tier === "region" ? "district" : goal.tier === "district" ? "school" : null;
  return adopter === tier && !children.some((c) => c.org === `${tier}:${orgId}`);
}

export function mayCreate(role: Role): boolean {
  return ["region_admin", "region_leader", "district_admin", "district_leader", "school_admin"].includes(role);
}

export function alignmentText(goal: Goal): string | null {
  if (!goal.parent) return null;
  const verb = goal.alignment === "adopted" ? "Adopted from" : "Adapted from";
  return `${verb} ${goal.parent.org_name || goal.parent.org}: ${goal.parent.title}`;
}

const DAY_MS = 86_400_000;

/** The status rule's straight line, from the baseline at the start to the target at the
 * deadline (the same line the API judges each figure against), over the months from the start. */
export function pathLine(goal: Goal, headline: OrgProgress | undefined): ChartLine | null {
  const baseline = headline?.baseline?.value;
  if (baseline === null || baseline === undefined || !headline?.series) return null;
  const start = Date.parse(goal.start_date);
  const span = (Date.parse(goal.deadline) - start) / DAY_MS;
  const points: ChartPoint[] = headline.series.map((s, index) => {
    const elapsed = (Date.parse(s.end) - start) / DAY_MS;
    if (elapsed < 0) return { period: s.period, index, state: "empty", value: null, display: "before the start" };
    const value = baseline + (goal.target_share - baseline) * Math.min(1, elapsed / span);
    return { period: s.period, index, state: "value", value, display: percent(value) };
  });
  return { key: "path", label: "Expected path", points };
}
