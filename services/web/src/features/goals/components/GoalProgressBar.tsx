// One organisation's progress on a goal: its latest share as a bar, the target (solid mark) and
// where the path from the baseline expects it now (dashed mark). A hidden figure is a hatched
// bar with no number anywhere in the DOM.
import { Badge } from "@/components/ui/Layout";
import type { OrgProgress } from "../api/goals";
import { STATUS_LABELS, percent, shownFigure, statusTone } from "../lib/goals";

export function StatusBadge({ status }: { status: OrgProgress["status"] }) {
  return (
    <span data-testid="goal-status" data-status={status}>
      <Badge tone={statusTone(status)}>{STATUS_LABELS[status]}</Badge>
    </span>
  );
}

export function GoalProgressBar({ progress, target }: { progress: OrgProgress; target: number }) {
  const figure = shownFigure(progress.current);
  const name = progress.name || progress.org;
  const width = figure.state === "value" ? Math.round((progress.current?.value ?? 0) * 100) : 0;
  const label =
    figure.state === "value"
      ? `${name}: ${figure.text} against a target of ${percent(target)}`
      : figure.state === "suppressed"
        ? `${name}: hidden by the privacy rule`
        : `${name}: no walkthroughs yet`;
  return (
    <div
      className="goal-bar-row"
      data-testid="goal-progress"
      data-org={progress.org}
      data-state={figure.state}
      data-status={progress.status}
      {...(figure.state === "value" ? { "data-value": figure.text } : {})}
      {...(figure.state === "suppressed" ? { "data-suppressed": "true" } : {})}
    >
      <span className="goal-bar-name" title={name}>{name}</span>
      <div className="goal-bar" role="img" aria-label={label}>
        {figure.state === "suppressed" ? <div className="goal-bar-hidden" /> : <div className="goal-bar-fill" style={{ width: `${width}%` }} />}
        {progress.expected != null && <div className="goal-bar-expected" style={{ left: `${Math.round(progress.expected * 100)}%` }} />}
        <div className="goal-bar-target" style={{ left: `calc(${Math.round(target * 100)}% - 1px)` }} />
      </div>
      <span className="goal-bar-value">{figure.text}</span>
      <StatusBadge status={progress.status} />
    </div>
  );
}

export function BarLegend() {
  return (
    <div className="goal-legend" aria-hidden="true">
      <span><span className="swatch" style={{ background: "var(--brand)" }} />latest month</span>
      <span><span className="swatch" style={{ background: "#1f2933", width: 3 }} />target</span>
      <span><span className="swatch" style={{ borderLeft: "2px dashed #8a5a00", width: 0 }} />expected now</span>
      <span><span className="swatch goal-bar-hidden" style={{ position: "static" }} />hidden (privacy)</span>
    </div>
  );
}
