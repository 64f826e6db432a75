// One goal: what it aims for, its alignment both ways, the monthly trend against the target
// (hidden months are gaps), each benchmark's status, each organisation's progress, and the
// adopt / adapt flow for the tier below.
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { LineChart } from "@/components/charts/LineChart";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async } from "@/components/ui/States";
import { ChartOrTable } from "@/components/ui/ViewToggle";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { ROLE_TIERS } from "@/lib/auth/roles";
import { formatPeriod } from "@/lib/format";
import { invalidate, useQuery } from "@/lib/use-query";
import { goalsApi, type AdoptionRequest, type GoalPage } from "../api/goals";
import { AdoptForm } from "../components/AdoptForm";
import { BarLegend, GoalProgressBar, StatusBadge } from "../components/GoalProgressBar";
import { canAdopt, goalsHome, percent, progressLines, shownFigure, targetText } from "../lib/goals";
import "../goals.css";

export default function GoalDetail() {
  const { goalId = "" } = useParams();
  const api = useApi();
  const page = useQuery(`goals:page:${goalId}`, () => goalsApi.get(api, goalId));
  return <Async state={page} rows={8}>{(goal) => <GoalView goal={goal} />}</Async>;
}

function GoalView({ goal }: { goal: GoalPage }) {
  const { claims } = useRequiredSession();
  const home = goalsHome(claims.role);
  const tier = ROLE_TIERS[claims.role];
  const headline = goal.progress[0];
  return (
    <div className="page" data-testid="goal-page" data-goal={goal.goal_id}>
      <PageHeader title={goal.title} description={`${goal.org_name} · ${targetText(goal)}`} actions={<Link className="btn btn-secondary" to={home}>All goals</Link>} />
      <Card title="About this goal" testId="goal-about">
        <dl className="goal-facts">
          <Fact term="Owner" value={goal.owner} />
          <Fact term="Look-fors" value={goal.look_fors.map((l) => l.text).join("; ")} />
          <Fact term="Template" value={goal.template_title} />
          <Fact term="Start (baseline up to it)" value={goal.start_date} />
          <Fact term="Deadline" value={goal.deadline} />
          <Fact term="Baseline" value={shownFigure(headline?.baseline).text} testId="goal-baseline" />
        </dl>
        {goal.rationale && <p className="goal-meta">{goal.rationale}</p>}
        <Alignment goal={goal} home={home} />
      </Card>
      <Card title="Progress" testId="goal-progress-card">
        <div className="goal-bars">
          {goal.progress.map((p) => (
            <GoalProgressBar key={p.org} progress={p} target={goal.target_share} />
          ))}
        </div>
        <BarLegend />
        <Trend goal={goal} />
      </Card>
      {headline && <Benchmarks goal={goal} />}
      {goal.schools.length > 0 && (
        <Card title="Schools" testId="goal-schools">
          <div className="goal-bars">
            {goal.schools.map((p) => (
              <GoalProgressBar key={p.org} progress={p} target={goal.target_share} />
            ))}
          </div>
        </Card>
      )}
      {canAdopt(goal, tier, goal.children, claims.org_id) && <Adopt goal={goal} home={home} />}
      {goal.suppression.applied && (
        <p className="field-hint" data-testid="privacy-note">
          Region figures follow the small-cell rule (at least {goal.suppression.k} teachers per figure): hidden months are gaps and hidden districts show no number.
        </p>
      )}
    </div>
  );
}

function Fact({ term, value, testId }: { term: string; value: string; testId?: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{value || "—"}</dd>
    </div>
  );
}

function Alignment({ goal, home }: { goal: GoalPage; home: string }) {
  return (
    <div data-testid="goal-alignment-both-ways">
      {goal.parent && (
        <p data-testid="goal-parent">
          {goal.alignment === "adopted" ? "Adopted from " : "Adapted from "}
          <Link to={`${home}/${goal.parent.goal_id}`}>{`${goal.parent.org_name || goal.parent.org}: ${goal.parent.title}`}</Link>
          {` (target ${percent(goal.parent.target_share)} at level ${goal.parent.target_level}+)`}
        </p>
      )}
      {goal.children.length > 0 && (
        <>
          <h3>Aligned below</h3>
          <ul>
            {goal.children.map((c) => (
              <li key={c.goal_id} data-testid="goal-child" data-org={c.org} data-alignment={c.alignment}>
                <Link to={`${home}/${c.goal_id}`}>{c.org_name || c.org}</Link>
                {` ${c.alignment} it: target ${percent(c.target_share)} at level ${c.target_level}+ by ${c.deadline}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Trend({ goal }: { goal: GoalPage }) {
  const lines = progressLines(goal, goal.progress);
  const series = goal.progress[0]?.series ?? [];
  const periods = series.map((s) => ({ period: s.period, label: formatPeriod(s.period, true), long: formatPeriod(s.period) }));
  if (!periods.length) return null;
  return (
    <ChartOrTable
      label="Share at or above the level by month"
      chart={<LineChart lines={lines} periods={periods} yDomain={[0, 1]} yTicks={[0, 0.25, 0.5, 0.75, 1]} yFormat={(n) => `${Math.round(n * 100)}%`} label={`Share of ratings at level ${goal.target_level}+ by month, with the target`} />}
      table={
        <table className="data-table" data-testid="goal-trend-table">
          <caption className="visually-hidden">Share of ratings at or above the level, by month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {goal.progress.map((p) => <th key={p.org} scope="col">{p.name || p.org}</th>)}
            </tr>
          </thead>
          <tbody>
            {periods.map((period, i) => (
              <tr key={period.period}>
                <th scope="row">{period.long}</th>
                {goal.progress.map((p) => <td key={p.org}>{shownFigure(p.series?.[i]).text}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function Benchmarks({ goal }: { goal: GoalPage }) {
  const headline = goal.progress[0];
  if (!headline) return null;
  return (
    <Card title={`Benchmarks: ${headline.name || headline.org}`} testId="goal-benchmarks">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Expected on the path</th>
            <th scope="col">Figure</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {headline.benchmarks.map((b) => (
            <tr key={b.date} data-testid="goal-benchmark" data-date={b.date} data-status={b.status}>
              <td>{b.date}</td>
              <td>{percent(b.expected)}</td>
              <td>{b.point ? `${shownFigure(b.point).text} (${formatPeriod(b.point.period)})` : "—"}</td>
              <td><StatusBadge status={b.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function Adopt({ goal, home }: { goal: GoalPage; home: string }) {
  const api = useApi();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function save(body: AdoptionRequest) {
    setBusy(true);
    setError(null);
    try {
      const mine = await goalsApi.adopt(api, goal.goal_id, body);
      invalidate("goals:");
      navigate(`${home}/${mine.goal_id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Adopt or adapt this goal" testId="goal-adopt">
      <AdoptForm goal={goal} busy={busy} error={error} onSubmit={save} />
    </Card>
  );
}
