// Set a goal of your own organisation.
import { useState } from "react";
import { useNavigate } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { invalidate, useQuery } from "@/lib/use-query";
import { goalsApi, type GoalRequest } from "../api/goals";
import { GoalForm } from "../components/GoalForm";
import { goalsHome } from "../lib/goals";
import "../goals.css";

export default function GoalNew() {
  const api = useApi();
  const navigate = useNavigate();
  const { claims } = useRequiredSession();
  const templates = useQuery("goals:templates", () => goalsApi.templates(api));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save(body: GoalRequest) {
    setBusy(true);
    setError(null);
    try {
      const goal = await goalsApi.create(api, body);
      invalidate("goals:");
      navigate(`${goalsHome(claims.role)}/${goal.goal_id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <PageHeader title="New goal" description="Specific, measurable, time-bound: look-fors, a target level and share, a start and a deadline." />
      <Card>
        <Async state={templates} rows={6}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No template has walkthroughs yet">A goal is measured on walkthroughs: once some are in, their template appears here.</EmptyState>
            ) : (
              <GoalForm templates={list} busy={busy} error={error} onSubmit={save} />
            )
          }
        </Async>
      </Card>
    </div>
  );
}
