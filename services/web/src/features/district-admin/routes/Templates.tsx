// Templates: what the region pushed (locked standards, open ones to fork) and the district's own
// templates (author, publish, push to its schools).
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { formatDate } from "@/lib/format";
import { invalidate, useQuery } from "@/lib/use-query";
import { districtTemplatesApi, type Received } from "../api/templates";
import "../district-admin.css";

export default function Templates() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const received = useQuery(`templates:received:${claims.org_id}`, () => districtTemplatesApi.received(api, claims.org_id));
  const own = useQuery(`templates:own:${claims.org_id}`, () => districtTemplatesApi.own(api));
  return (
    <div className="page">
      <PageHeader title="Templates" description="The walkthrough forms your observers use." actions={<Link className="btn btn-primary" to="/district/templates/new" data-testid="template-new">New template</Link>} />
      <Card title="From your region" testId="received-templates">
        <Async state={received} rows={3}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="Nothing from a region">A connected region's pushed templates appear here.</EmptyState>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">Templates your region pushed to your district</caption>
                <thead>
                  <tr><th scope="col">Template</th><th scope="col">Version</th><th scope="col">Kind</th><th scope="col">Since</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
                </thead>
                <tbody>
                  {list.map((t) => <ReceivedRow key={t.assignment_id ?? t.version_id} template={t} onForked={() => { invalidate("templates:own"); own.reload(); }} />)}
                </tbody>
              </table>
            )
          }
        </Async>
      </Card>
      <Card title="Your district's templates" testId="own-templates">
        <Async state={own} rows={3}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No templates of your own" action={<Link to="/district/templates/new">Write one</Link>}>Write one, or fork an open template from your region.</EmptyState>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">Your district's own templates</caption>
                <thead>
                  <tr><th scope="col">Template</th><th scope="col">Status</th><th scope="col">Versions</th><th scope="col">Pushed to schools</th></tr>
                </thead>
                <tbody>
                  {list.map((t) => (
                    <tr key={t.template_id} data-testid="own-template-row" data-template={t.template_id} data-forked={t.derived_from ? "true" : "false"}>
                      <th scope="row"><Link to={`/district/templates/${t.template_id}`}>{t.title || "Untitled template"}</Link>{t.derived_from && <span className="muted small"> (forked)</span>}</th>
                      <td>{t.status}</td>
                      <td>{t.versions?.length ?? 0}</td>
                      <td>{t.assignment?.active ? `version ${t.assignment.version_number}${t.assignment.locked ? ", locked" : ""}` : "not pushed"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </Card>
    </div>
  );
}

function ReceivedRow({ template, onForked }: { template: Received; onForked: () => void }) {
  const api = useApi();
  const navigate = useNavigate();
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  async function fork() {
    setState({ busy: true });
    try {
      const copy = await districtTemplatesApi.fork(api, template.template_id ?? "", `${template.title} (district copy)`);
      onForked();
      navigate(`/district/templates/${copy.template_id}`);
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  return (
    <tr data-testid="received-template-row" data-template={template.template_id} data-locked={template.locked ? "true" : "false"}>
      <th scope="row">{template.title}</th>
      <td>{template.version_number}</td>
      <td>{template.locked ? <Badge tone="warn">Locked standard</Badge> : <Badge tone="info">Open to fork</Badge>}</td>
      <td>{formatDate(template.assigned_at)}</td>
      <td>
        {template.locked ? (
          <span className="muted small">Used as pushed</span>
        ) : (
          <button type="button" className="btn btn-secondary btn-small" disabled={state.busy} onClick={fork} data-testid="template-fork">
            Fork<span className="visually-hidden"> {template.title}</span>
          </button>
        )}
        {state.error && <div className="field-error" role="alert">{state.error}</div>}
      </td>
    </tr>
  );
}
