// Goals: every goal the workspace sees, each with its progress bars and status (a region goal:
// the region and each district, hidden where the privacy rule says so).
import { Link } from "react-router";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { useQuery } from "@/lib/use-query";
import { goalsApi, type Goal } from "../api/goals";
import { BarLegend, GoalProgressBar } from "../components/GoalProgressBar";
import { alignmentText, goalsHome, mayCreate, targetText } from "../lib/goals";
import "../goals.css";

export default function GoalsList() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const goals = useQuery("goals:list", () => goalsApi.list(api));
  const home = goalsHome(claims.role);
  return (
    <div className="page">
      <PageHeader
        title="Goals"
        description="Improvement goals measured by walkthroughs: what we aim for, and whether classrooms show it."
        actions={
          mayCreate(claims.role) && (
            <Link className="btn btn-primary" to={`${home}/new`} data-testid="goal-new">
              New goal
            </Link>
          )
        }
      />
      <Async state={goals} rows={6}>
        {(answer) =>
          answer.goals.length === 0 ? (
            <EmptyState title="No goals yet">
              Set a goal on one or more look-fors, or adopt one your region or district has set.
            </EmptyState>
          ) : (
            <div className="goal-list" data-testid="goal-list">
              {answer.goals.map((goal) => (
                <GoalCard key={goal.goal_id} goal={goal} home={home} />
              ))}
              <p className="field-hint" data-testid="goal-status-rule">{answer.status_rule}</p>
            </div>
          )
        }
      </Async>
    </div>
  );
}

function GoalCard({ goal, home }: { goal: Goal; home: string }) {
  const aligned = alignmentText(goal);
  return (
    <Card
      testId="goal-card"
      title={
        <Link to={`${home}/${goal.goal_id}`} data-testid="goal-link" data-goal={goal.goal_id}>
          {goal.title}
        </Link>
      }
      actions={<Badge tone="info">{`${goal.tier[0]?.toUpperCase()}${goal.tier.slice(1)} goal`}</Badge>}
    >
      <p className="goal-meta">
        {goal.org_name} · {targetText(goal)} · Owner: {goal.owner}
        {aligned && <> · <span data-testid="goal-alignment">{aligned}</span></>}
        {goal.children.length > 0 && <> · {goal.children.length} aligned below</>}
      </p>
      <div className="goal-bars">
        {goal.progress.map((p) => (
          <GoalProgressBar key={p.org} progress={p} target={goal.target_share} />
        ))}
      </div>
      <BarLegend />
    </Card>
  );
}
