// One account: change its role (within its tier), deactivate or reactivate it, and for an
// observer the schools they may observe at. A change ends the person's earlier sign-ins.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { CheckboxGroup, SelectField } from "@/components/ui/Form";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { LoadingBlock } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { isRole, roleLabel, type Role } from "@/lib/auth/roles";
import { invalidate, useQuery } from "@/lib/use-query";
import { consoleApi, type User } from "../api/console";
import { LoadFailure } from "../components/Refusal";
import { roleChangesFor } from "../lib/roles";
import "../district-admin.css";

const BACK = { to: "/district/users", label: "Back to users" };

export default function UserDetail() {
  const { userId = "" } = useParams();
  const api = useApi();
  const user = useQuery(`tenancy:user:${userId}`, () => consoleApi.user(api, userId));
  if (user.error) return <LoadFailure error={user.error} retry={user.reload} what="user" back={BACK} />;
  if (!user.data) return <LoadingBlock rows={6} />;
  const changed = () => { invalidate("tenancy:users"); invalidate("tenancy:setup"); invalidate("tenancy:observers"); user.reload(); };
  return (
    <div className="page">
      <PageHeader
        title={user.data.display_name ?? "Account"}
        description={<>{user.data.email} · {roleLabel(user.data.role ?? "")} · {user.data.active ? <Badge tone="good">Active</Badge> : <Badge>Deactivated</Badge>}</>}
        actions={<Link to={BACK.to}>All users</Link>}
      />
      <RoleCard user={user.data} onChanged={changed} />
      {user.data.role === "observer" && <ObserverSchools user={user.data} onChanged={changed} />}
      <ActiveCard user={user.data} onChanged={changed} />
    </div>
  );
}

function RoleCard({ user, onChanged }: { user: User; onChanged: () => void }) {
  const api = useApi();
  const { claims } = useRequiredSession();
  const current = isRole(user.role) ? user.role : "teacher";
  const [role, setRole] = useState<Role>(current);
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: string }>({});
  const choices = roleChangesFor(current);
  const self = user.id === claims.sub;
  async function save() {
    setState({ busy: true });
    try {
      const updated = await consoleApi.updateUser(api, user.id ?? "", { role });
      setState({ done: `${updated.display_name} is now ${roleLabel(updated.role ?? "")}. Their earlier sign-ins ended: they sign in again and get the new role.` });
      onChanged();
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  return (
    <Card title="Role" testId="user-role">
      {self ? (
        <p className="muted">You cannot change your own role; another district admin can.</p>
      ) : choices.length === 0 ? (
        <p className="muted">A teacher account is linked to a roster teacher; its role does not change.</p>
      ) : (
        <div className="inline-form">
          <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} hint={choices.find((c) => c.role === role)?.does} data-testid="user-role-select">
            {choices.map((c) => <option key={c.role} value={c.role}>{roleLabel(c.role)}</option>)}
          </SelectField>
          <button type="button" className="btn btn-primary" disabled={state.busy || role === current} onClick={save} data-testid="user-role-save">Change role</button>
        </div>
      )}
      {state.done && <p className="notice notice-good" role="status" data-testid="user-role-result">{state.done}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </Card>
  );
}

function ObserverSchools({ user, onChanged }: { user: User; onChanged: () => void }) {
  const api = useApi();
  const { claims } = useRequiredSession();
  const userId = user.id ?? "";
  const assigned = useQuery(`tenancy:observers:of:${userId}`, () => consoleApi.observerSchools(api, userId));
  const schools = useQuery(`tenancy:schools:${claims.org_id}`, () => consoleApi.schools(api, claims.org_id));
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: string }>({});
  const [shown, setShown] = useState<string[] | null>(null); // what was ticked, while it saves
  if (!assigned.data || !schools.data) return <Card title="Schools"><LoadingBlock rows={3} /></Card>;
  const now = assigned.data.map((a) => a.school_id ?? "");
  const options = schools.data.map((s) => ({ value: s.id ?? "", label: s.id === user.org_id ? `${s.name} (their own school)` : s.name ?? "" }));

  async function change(next: string[]) {
    const added = next.filter((id) => !now.includes(id));
    const removed = now.filter((id) => !next.includes(id) && id !== user.org_id);
    setShown(next);
    setState({ busy: true });
    try {
      for (const id of added) await consoleApi.assign(api, id, userId);
      for (const id of removed) await consoleApi.unassign(api, id, userId);
      assigned.reload();
      onChanged();
      setState({ done: "Saved. The observer's next sign-in carries these schools." });
    } catch (e) {
      setShown(null);
      setState({ error: describeError(e) });
    }
  }
  return (
    <Card title="Schools they observe at" testId="observer-schools">
      <CheckboxGroup
        legend="Schools"
        name="observer-schools"
        hint="An observer always observes at their own school. Tick the other schools of your district they may visit."
        options={options}
        value={shown ?? [...new Set([...now, user.org_id ?? ""])]}
        onChange={(next) => void change([...new Set([...next, user.org_id ?? ""])])}
      />
      {state.busy && <p role="status">Saving…</p>}
      {state.done && !state.busy && <p className="notice notice-good" role="status" data-testid="observer-schools-result">{state.done}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </Card>
  );
}

function ActiveCard({ user, onChanged }: { user: User; onChanged: () => void }) {
  const api = useApi();
  const { claims } = useRequiredSession();
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  if (user.id === claims.sub) return null;
  async function toggle() {
    setState({ busy: true });
    try {
      await consoleApi.updateUser(api, user.id ?? "", { active: !user.active });
      setConfirming(false);
      setState({});
      onChanged();
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  return (
    <Card title="Access" testId="user-access">
      {user.active ? (
        <>
          <p>Deactivating ends every sign-in of {user.display_name} at once, in every part of Canopy. Their walkthroughs stay.</p>
          <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)} data-testid="user-deactivate">Deactivate account</button>
        </>
      ) : (
        <>
          <p>This account is deactivated: the person cannot sign in.</p>
          <button type="button" className="btn btn-secondary" disabled={state.busy} onClick={toggle} data-testid="user-reactivate">Reactivate account</button>
        </>
      )}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
      <ConfirmDialog open={confirming} title={`Deactivate ${user.display_name}?`} confirmLabel="Deactivate" busy={state.busy} onConfirm={toggle} onCancel={() => setConfirming(false)}>
        <p>They are signed out everywhere and cannot sign in until you reactivate the account.</p>
      </ConfirmDialog>
    </Card>
  );
}
