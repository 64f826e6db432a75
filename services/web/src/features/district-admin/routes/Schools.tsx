// The district's schools: list, add one, open one to rename it and see its observers.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { TextField } from "@/components/ui/Form";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { ApiError, describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { formatDate } from "@/lib/format";
import { invalidate, useQuery } from "@/lib/use-query";
import { consoleApi } from "../api/console";
import "../district-admin.css";

export default function Schools() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const schools = useQuery(`tenancy:schools:${claims.org_id}`, () => consoleApi.schools(api, claims.org_id));
  return (
    <div className="page">
      <PageHeader title="Schools" description="Your district's schools. A roster import adds the schools in its orgs.csv; add others here." />
      <Card title="All schools" testId="schools-list">
        <Async state={schools} rows={5}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No schools yet">Add your first school below, or import your roster: its orgs.csv creates the schools.</EmptyState>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">Schools of your district</caption>
                <thead>
                  <tr><th scope="col">School</th><th scope="col">Roster id</th><th scope="col">Added</th></tr>
                </thead>
                <tbody>
                  {list.map((s) => (
                    <tr key={s.id} data-testid="school-row" data-school={s.id}>
                      <th scope="row"><Link to={`/district/schools/${s.id}`}>{s.name}</Link></th>
                      <td>{s.source_id ?? <span className="muted">added by hand</span>}</td>
                      <td>{formatDate(s.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
        <NewSchool districtId={claims.org_id} onAdded={() => { invalidate("tenancy:setup"); schools.reload(); }} />
      </Card>
    </div>
  );
}

function NewSchool({ districtId, onAdded }: { districtId: string; onAdded: () => void }) {
  const api = useApi();
  const [name, setName] = useState("");
  const [state, setState] = useState<{ busy?: boolean; error?: string; added?: string }>({});
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setState({ error: "Enter the school's name." });
    setState({ busy: true });
    try {
      const school = await consoleApi.addSchool(api, districtId, name.trim());
      setName("");
      setState({ added: school.name });
      onAdded();
    } catch (e) {
      setState({ error: e instanceof ApiError && e.fieldMessages.name ? e.fieldMessages.name : describeError(e) });
    }
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate data-testid="new-school-form">
      <TextField label="New school's name" value={name} onChange={(e) => setName(e.target.value)} error={state.error} autoComplete="off" data-testid="new-school-name" />
      <button type="submit" className="btn btn-primary" disabled={state.busy} data-testid="new-school-submit">{state.busy ? "Adding…" : "Add school"}</button>
      {state.added && <p className="notice notice-good" role="status">{state.added} was added.</p>}
    </form>
  );
}
