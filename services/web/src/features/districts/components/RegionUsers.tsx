// The region's own users and their roles: add a region admin, leader or coach, (de)activate.
import { useState, type FormEvent } from "react";
import { SelectField, TextField } from "@/components/ui/Form";
import { Badge, Card } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { ApiError, describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { roleLabel } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { districtsApi } from "../api/districts";

export function RegionUsers() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const users = useQuery(`tenancy:users:${claims.org_id}`, () => districtsApi.users(api, claims.org_id));
  const [state, setState] = useState<{ busy?: string; error?: string }>({});

  async function toggle(id: string, active: boolean) {
    setState({ busy: id });
    try {
      await districtsApi.setActive(api, id, active);
      users.reload();
      setState({});
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }

  return (
    <Card title="Region users" testId="region-users">
      <Async state={users} rows={3}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No region users">Add a region admin or leader below.</EmptyState>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">People who work at the region level</caption>
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <tr key={u.id} data-testid="region-user-row" data-role={u.role}>
                    <th scope="row">{u.display_name}{u.id === claims.sub && <span className="muted small"> (you)</span>}</th>
                    <td>{u.email}</td>
                    <td>{roleLabel(u.role ?? "")}</td>
                    <td>{u.active ? <Badge tone="good">Active</Badge> : <Badge>Deactivated</Badge>}<div className="muted small">since {formatDate(u.created_at)}</div></td>
                    <td>
                      {u.id !== claims.sub && (
                        <button type="button" className="btn btn-secondary btn-small" disabled={state.busy === u.id} onClick={() => toggle(u.id ?? "", !u.active)}>
                          {u.active ? "Deactivate" : "Reactivate"}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
      <NewUserForm regionId={claims.org_id} onCreated={users.reload} />
    </Card>
  );
}

const ROLE_HINTS = {
  region_admin: "Manages districts, users, templates and exports.",
  region_leader: "Sees region analytics and runs exports.",
  region_coach: "Runs walkthroughs at the schools a connected district assigns them to.",
};

function NewUserForm({ regionId, onCreated }: { regionId: string; onCreated: () => void }) {
  const api = useApi();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<"region_leader" | "region_admin" | "region_coach">("region_leader");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<{ busy: boolean; created?: { email: string; password?: string | null }; error?: string }>({ busy: false });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) found.email = "Enter the person's work email.";
    if (!name.trim()) found.display_name = "Enter the person's name.";
    setErrors(found);
    if (Object.keys(found).length) return;
    setState({ busy: true });
    try {
      const created = await districtsApi.createUser(api, { email: email.trim(), display_name: name.trim(), role, org_id: regionId });
      setState({ busy: false, created: { email: created.user?.email ?? email, password: created.generated_password } });
      setEmail("");
      setName("");
      onCreated();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.field ? { [e.field]: e.message } : e.fieldMessages);
      setState({ busy: false, error: describeError(e) });
    }
  }

  return (
    <form className="invite" onSubmit={submit} noValidate data-testid="new-user-form">
      <h3>Add a region user</h3>
      <div className="form-grid">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.display_name} autoComplete="off" />
        <TextField label="Work email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} autoComplete="off" />
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} hint={ROLE_HINTS[role]}>
          <option value="region_leader">Region leader</option>
          <option value="region_admin">Region admin</option>
          <option value="region_coach">Region coach</option>
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={state.busy}>{state.busy ? "Adding…" : "Add user"}</button>
      </div>
      {state.created && (
        <div className="notice notice-good" role="status">
          {state.created.email} can now sign in.
          {state.created.password && (
            <> Their first password, shown only this once: <code>{state.created.password}</code>. Share it privately.</>
          )}
        </div>
      )}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </form>
  );
}
