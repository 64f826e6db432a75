// Users and roles: the district's and its schools' accounts, searched and filtered by role (the
// filters live in the URL); create an account with its first password shown once.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { SelectField, TextField } from "@/components/ui/Form";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { ApiError, describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { isRole, roleLabel, type Role } from "@/lib/auth/roles";
import { invalidate, useQuery } from "@/lib/use-query";
import { consoleApi, type School } from "../api/console";
import { RosterTeacherPicker } from "../components/RosterTeacherPicker";
import { DISTRICT_ADMIN_GIVES } from "../lib/roles";
import "../district-admin.css";

const FILTER_ROLES: Role[] = ["district_admin", "district_leader", "school_admin", "observer", "teacher"];

export default function Users() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const roleParam = params.get("role");
  const role = isRole(roleParam) ? roleParam : undefined;
  const [typed, setTyped] = useState(search);
  const users = useQuery(`tenancy:users:${claims.org_id}:${role ?? ""}:${search}`, () => consoleApi.users(api, { role, search }));
  const schools = useQuery(`tenancy:schools:${claims.org_id}`, () => consoleApi.schools(api, claims.org_id));
  const orgName = (id?: string) => (id === claims.org_id ? "District" : (schools.data ?? []).find((s) => s.id === id)?.name ?? "A school");
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <div className="page">
      <PageHeader title="Users & roles" description="Accounts of your district and its schools. Open one to change its role, its schools or to deactivate it." />
      <Card testId="users-list">
        <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); set("search", typed.trim()); }}>
          <div className="field">
            <label htmlFor="user-search">Search by name or email</label>
            <input id="user-search" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="user-search" />
          </div>
          <button type="submit" className="btn btn-secondary">Search</button>
          <SelectField label="Role" value={role ?? ""} onChange={(e) => set("role", e.target.value)} data-testid="user-role-filter">
            <option value="">Every role</option>
            {FILTER_ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
          </SelectField>
        </form>
        <Async state={users} rows={6}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No account matches">{search || role ? "Change the search or the role." : "Create the first account below."}</EmptyState>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">Accounts of your district and schools</caption>
                <thead>
                  <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Where</th><th scope="col">Status</th></tr>
                </thead>
                <tbody>
                  {list.map((u) => (
                    <tr key={u.id} data-testid="user-row" data-user={u.id} data-email={u.email} data-role={u.role}>
                      <th scope="row"><Link to={`/district/users/${u.id}`}>{u.display_name}</Link>{u.id === claims.sub && <span className="muted small"> (you)</span>}</th>
                      <td>{u.email}</td>
                      <td>{roleLabel(u.role ?? "")}</td>
                      <td>{orgName(u.org_id)}</td>
                      <td>{u.active ? <Badge tone="good">Active</Badge> : <Badge>Deactivated</Badge>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </Card>
      <Card title="Create an account" testId="new-user">
        <NewUser districtId={claims.org_id} schools={schools.data ?? []} onCreated={() => { invalidate("tenancy:users"); invalidate("tenancy:setup"); users.reload(); }} />
      </Card>
    </div>
  );
}

function NewUser({ districtId, schools, onCreated }: { districtId: string; schools: School[]; onCreated: () => void }) {
  const api = useApi();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("observer");
  const [school, setSchool] = useState("");
  const [teacherId, setTeacherId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<{ busy?: boolean; created?: { id: string; email: string; password?: string | null }; error?: string }>({});
  const choice = DISTRICT_ADMIN_GIVES.find((c) => c.role === role) ?? { role, atSchool: false, does: "" };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.display_name = "Enter the person's name.";
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) found.email = "Enter the person's work email.";
    if (choice.atSchool && !school) found.org_id = "Choose the school they work at.";
    if (choice.rosterTeacher && !teacherId) found.teacher_id = "Choose the teacher on the roster.";
    setErrors(found);
    if (Object.keys(found).length) return;
    setState({ busy: true });
    try {
      const created = await consoleApi.createUser(api, {
        email: email.trim(),
        display_name: name.trim(),
        role,
        org_id: choice.atSchool ? school : districtId,
        ...(choice.rosterTeacher ? { teacher_id: teacherId } : {}),
      });
      setState({ created: { id: created.user?.id ?? "", email: created.user?.email ?? email, password: created.generated_password } });
      setName("");
      setEmail("");
      setTeacherId("");
      onCreated();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.field ? { [e.field]: e.message } : e.fieldMessages);
      setState({ error: describeError(e) });
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="new-user-form">
      <div className="form-grid">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.display_name} autoComplete="off" data-testid="new-user-name" />
        <TextField label="Work email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} autoComplete="off" data-testid="new-user-email" />
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} hint={choice.does} data-testid="new-user-role">
          {DISTRICT_ADMIN_GIVES.map((c) => <option key={c.role} value={c.role}>{roleLabel(c.role)}</option>)}
        </SelectField>
        {choice.atSchool && (
          <SelectField label="School" value={school} onChange={(e) => { setSchool(e.target.value); setTeacherId(""); }} error={errors.org_id} data-testid="new-user-school">
            <option value="">Choose a school…</option>
            {schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </SelectField>
        )}
        {choice.rosterTeacher && (
          <RosterTeacherPicker
            districtId={districtId}
            schoolId={school}
            value={teacherId}
            error={errors.teacher_id}
            onPick={(teacher) => {
              setTeacherId(teacher?.id ?? "");
              if (teacher) {
                setName(teacher.name);
                if (teacher.email) setEmail(teacher.email);
              }
            }}
          />
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={state.busy} data-testid="new-user-submit">{state.busy ? "Creating…" : "Create account"}</button>
      </div>
      {state.created && (
        <div className="notice notice-good" role="status" data-testid="new-user-created" data-user={state.created.id}>
          {state.created.email} can now sign in. <Link to={`/district/users/${state.created.id}`}>Open the account</Link>.
          {state.created.password && (
            <> Their first password, shown only this once: <code data-testid="new-user-password">{state.created.password}</code>. Share it privately.</>
          )}
        </div>
      )}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </form>
  );
}
