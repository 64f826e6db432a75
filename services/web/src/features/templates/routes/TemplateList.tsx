// The region's templates: status, versions, where each is pushed.
import { Link } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { useApi } from "@/lib/app-context";
import { formatDate } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { templatesApi } from "../api/templates";
import { PushStatus, StatusBadge } from "../components/PushStatus";

export default function TemplateList() {
  const api = useApi();
  const templates = useQuery("templates:list", () => templatesApi.list(api));
  return (
    <div className="page">
      <PageHeader
        title="Templates"
        description="Walkthrough templates your region authors, publishes and pushes to connected districts."
        actions={<Link className="btn btn-primary" to="/region/templates/new" data-testid="template-new">New template</Link>}
      />
      <Card>
        <Async state={templates} rows={5}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No templates yet" action={<Link className="btn btn-primary" to="/region/templates/new">Author your first template</Link>}>
                A template lists the look-fors observers rate in a walkthrough. Publish it, then push it to your districts.
              </EmptyState>
            ) : (
              <table className="data-table" data-testid="template-list">
                <caption className="visually-hidden">Your region's templates</caption>
                <thead>
                  <tr>
                    <th scope="col">Template</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">Versions</th>
                    <th scope="col">Pushed</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((t) => (
                    <tr key={t.template_id} data-testid="template-row" data-template={t.template_id}>
                      <th scope="row"><Link to={`/region/templates/${t.template_id}`}>{t.title || "Untitled template"}</Link></th>
                      <td><StatusBadge status={t.status} />{t.draft && t.status !== "draft" ? <span className="muted small"> + draft</span> : null}</td>
                      <td className="num">{t.versions?.length ?? 0}</td>
                      <td><PushStatus template={t} /></td>
                      <td>{formatDate(t.updated_at)}</td>
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
