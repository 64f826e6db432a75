// One school: rename it, and who may observe there (its own observers and those assigned from
// other schools of the district); assign or take back an observer.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { SelectField, TextField } from "@/components/ui/Form";
import { Card, PageHeader } from "@/components/ui/Layout";
import { EmptyState, LoadingBlock } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { invalidate, useQuery } from "@/lib/use-query";
import { consoleApi, type School, type User } from "../api/console";
import { LoadFailure } from "../components/Refusal";
import "../district-admin.css";

const BACK = { to: "/district/schools", label: "Back to your schools" };

export default function SchoolDetail() {
  const { schoolId = "" } = useParams();
  const api = useApi();
  const school = useQuery(`tenancy:school:${schoolId}`, () => consoleApi.school(api, schoolId));
  if (school.error) return <LoadFailure error={school.error} retry={school.reload} what="school" back={BACK} />;
  if (!school.data) return <LoadingBlock rows={6} />;
  return (
    <div className="page">
      <PageHeader title={school.data.name ?? "School"} description="Rename the school and choose who observes there." actions={<Link to={BACK.to}>All schools</Link>} />
      <Rename school={school.data} onDone={school.reload} />
      <Observers school={school.data} />
    </div>
  );
}

function Rename({ school, onDone }: { school: School; onDone: () => void }) {
  const api = useApi();
  const [name, setName] = useState(school.name ?? "");
  const [state, setState] = useState<{ busy?: boolean; error?: string; saved?: boolean }>({});
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setState({ error: "Enter the school's name." });
    setState({ busy: true });
    try {
      await consoleApi.renameSchool(api, school.id ?? "", name.trim());
      invalidate("tenancy:schools");
      setState({ saved: true });
      onDone();
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  return (
    <Card title="Name">
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField label="School name" value={name} onChange={(e) => setName(e.target.value)} error={state.error} data-testid="school-name" />
        <button type="submit" className="btn btn-secondary" disabled={state.busy} data-testid="school-rename">Save name</button>
        {state.saved && <p className="notice notice-good" role="status">Saved.</p>}
      </form>
      {school.source_id && <p className="muted small">From the roster (sourcedId {school.source_id}): a later import may rename it again.</p>}
    </Card>
  );
}

function Observers({ school }: { school: School }) {
  const api = useApi();
  const { claims } = useRequiredSession();
  const schoolId = school.id ?? "";
  const here = useQuery(`tenancy:observers:${schoolId}`, () => consoleApi.schoolObservers(api, schoolId));
  const observers = useQuery(`tenancy:users:${claims.org_id}:observer`, () => consoleApi.users(api, { role: "observer" }));
  const [choice, setChoice] = useState("");
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  const byId = new Map((observers.data ?? []).map((u) => [u.id, u]));
  const assigned = new Set((here.data ?? []).map((a) => a.user_id));
  const candidates = (observers.data ?? []).filter((u) => u.active && !assigned.has(u.id));

  async function change(action: () => Promise<unknown>) {
    setState({ busy: true });
    try {
      await action();
      invalidate("tenancy:setup");
      here.reload();
      setChoice("");
      setState({});
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  if (here.error || observers.error) return <Card title="Observers"><LoadFailure error={here.error ?? observers.error} retry={here.reload} what="school" back={BACK} /></Card>;
  if (!here.data || !observers.data) return <Card title="Observers"><LoadingBlock rows={3} /></Card>;
  return (
    <Card title="Observers" testId="school-observers">
      {here.data.length === 0 ? (
        <EmptyState title="No observer yet">Assign an observer below, or create one in Users &amp; roles.</EmptyState>
      ) : (
        <ul className="compact-list observer-list">
          {here.data.map((a) => {
            const user: User | undefined = byId.get(a.user_id);
            const own = user?.org_id === schoolId;
            return (
              <li key={a.user_id} data-testid="school-observer" data-user={a.user_id}>
                <Link to={`/district/users/${a.user_id}`}>{user?.display_name ?? "An observer"}</Link> <span className="muted">{user?.email}</span>{" "}
                {own ? (
                  <span className="muted small">(works at this school)</span>
                ) : (
                  <button type="button" className="btn btn-ghost btn-small" disabled={state.busy} onClick={() => change(() => consoleApi.unassign(api, schoolId, a.user_id ?? ""))}>
                    Take back<span className="visually-hidden"> {user?.display_name}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (choice) void change(() => consoleApi.assign(api, schoolId, choice)); }}>
        <SelectField label="Assign an observer of another school" value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="assign-observer-select">
          <option value="">Choose an observer…</option>
          {candidates.map((u) => <option key={u.id} value={u.id}>{u.display_name} ({u.email})</option>)}
        </SelectField>
        <button type="submit" className="btn btn-secondary" disabled={!choice || state.busy} data-testid="assign-observer-submit">Assign</button>
      </form>
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </Card>
  );
}
