// The district admin's home: the set-up checklist, each step done or not from the district's
// real state (tenancy's /setup), the next step highlighted with the way to do it.
import { Link } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async } from "@/components/ui/States";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { useQuery } from "@/lib/use-query";
import { consoleApi, type Setup as SetupState } from "../api/console";
import { STEP_COPY, isStepKey } from "../lib/checklist";
import "../district-admin.css";

export default function Setup() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const setup = useQuery(`tenancy:setup:${claims.org_id}`, () => consoleApi.setup(api, claims.org_id));
  return (
    <div className="page">
      <PageHeader title="Set up your district" description="What is done and what comes next. Each step reads your district as it is now." />
      <Async state={setup} rows={6}>
        {(s) => <Checklist setup={s} />}
      </Async>
    </div>
  );
}

function Checklist({ setup }: { setup: SetupState }) {
  const steps = (setup.steps ?? []).filter((s) => isStepKey(s.key));
  const done = steps.filter((s) => s.done).length;
  return (
    <Card title={setup.next ? `${done} of ${steps.length} steps done` : "Your district is set up"} testId="setup-checklist">
      {!setup.next && <p className="notice notice-good" role="status">Every step is done. Keep the roster current with a new import whenever your student information system changes.</p>}
      <ol className="checklist">
        {steps.map((step, n) => {
          const key = isStepKey(step.key) ? step.key : "schools";
          const copy = STEP_COPY[key];
          const next = setup.next === key;
          return (
            <li key={key} className="checklist-step" data-testid="setup-step" data-step={key} data-done={step.done ? "true" : "false"} data-next={next ? "true" : "false"}>
              <span className="checklist-mark" aria-hidden="true">{step.done ? "✓" : n + 1}</span>
              <div>
                <h2 className="checklist-title">
                  {copy.title}
                  <span className="visually-hidden">{step.done ? " (done)" : next ? " (next step)" : " (to do)"}</span>
                </h2>
                <p className="checklist-detail">{step.done ? step.detail : `${step.detail}. ${copy.todo}`}</p>
              </div>
              <Link className={`btn ${next ? "btn-primary" : "btn-secondary"} btn-small`} to={copy.path} data-testid={`setup-go-${key}`}>
                {step.done ? "Review" : copy.action}
              </Link>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
