// One district template: edit and publish its draft, push a published version to the district's
// schools (all or chosen, locked or open), and its versions.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { TemplateEditor } from "@/components/templates/TemplateEditor";
import { CheckboxGroup } from "@/components/ui/Form";
import { Card, PageHeader } from "@/components/ui/Layout";
import { LoadingBlock } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { formatDateTime } from "@/lib/format";
import { contentFromDraft, problemsOf, toPayload, type Content } from "@/lib/templates/content";
import { invalidate, useQuery } from "@/lib/use-query";
import { consoleApi } from "../api/console";
import { districtTemplatesApi, type Template } from "../api/templates";
import { LoadFailure } from "../components/Refusal";
import "../district-admin.css";

const BACK = { to: "/district/templates", label: "Back to templates" };

export default function TemplateDetail() {
  const { templateId = "" } = useParams();
  const api = useApi();
  const template = useQuery(`templates:one:${templateId}`, () => districtTemplatesApi.get(api, templateId));
  if (template.error) return <LoadFailure error={template.error} retry={template.reload} what="template" back={BACK} />;
  if (!template.data) return <LoadingBlock rows={8} />;
  const t = template.data;
  const changed = () => { invalidate("templates:"); template.reload(); };
  return (
    <div className="page">
      <PageHeader title={t.title || "Untitled template"} description={<>{t.status} · {t.versions?.length ?? 0} published version{t.versions?.length === 1 ? "" : "s"}{t.derived_from ? " · forked from your region's template" : ""}</>} actions={<Link to={BACK.to}>All templates</Link>} />
      <Draft template={t} onChanged={changed} />
      {(t.versions?.length ?? 0) > 0 && <Push template={t} onPushed={changed} />}
      <Card title="Versions" testId="template-versions">
        {(t.versions ?? []).length === 0 ? <p className="muted">Publish the draft to make version 1.</p> : (
          <ul className="version-list">
            {[...(t.versions ?? [])].reverse().map((v) => (
              <li key={v.version_id} data-testid="template-version" data-version={v.version_number}>
                <strong>Version {v.version_number}</strong> <span>published {formatDateTime(v.published_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function Draft({ template, onChanged }: { template: Template; onChanged: () => void }) {
  const api = useApi();
  const id = template.template_id ?? "";
  const [content, setContent] = useState<Content>(() => contentFromDraft(template.draft, template.title));
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: string }>({});
  useEffect(() => setContent(contentFromDraft(template.draft, template.title)), [template.draft, template.title]);
  const problems = problemsOf(content);
  const next = (template.versions?.length ?? 0) + 1;
  async function run(action: () => Promise<unknown>, done: string) {
    setState({ busy: true });
    try {
      await action();
      setState({ done });
      onChanged();
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  if (!template.draft) {
    return (
      <Card title="Draft" testId="template-draft">
        <p className="muted">Published versions never change. Start a new draft from the latest version to make changes.</p>
        <button type="button" className="btn btn-secondary" disabled={state.busy} onClick={() => run(() => districtTemplatesApi.startDraft(api, id), "A new draft was started.")} data-testid="template-start-draft">Start a new draft</button>
        {state.error && <p className="field-error" role="alert">{state.error}</p>}
      </Card>
    );
  }
  const checked = (action: () => Promise<unknown>, done: string) => {
    setTried(true);
    if (!problems.length) void run(action, done);
  };
  return (
    <Card title={`Draft of version ${next}`} testId="template-draft">
      <TemplateEditor value={content} onChange={setContent} problems={problems} showProblems={tried} />
      {tried && problems.length > 0 && <p className="field-error" role="alert">Fix the problems above first.</p>}
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" disabled={state.busy} onClick={() => checked(() => districtTemplatesApi.saveDraft(api, id, toPayload(content)), "Draft saved.")} data-testid="template-save">Save draft</button>
        <button type="button" className="btn btn-primary" disabled={state.busy} onClick={() => checked(async () => { await districtTemplatesApi.saveDraft(api, id, toPayload(content)); await districtTemplatesApi.publish(api, id); }, `Version ${next} published.`)} data-testid="template-publish">Publish version {next}</button>
      </div>
      {state.done && <p className="notice notice-good" role="status" data-testid="template-result">{state.done}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </Card>
  );
}

function Push({ template, onPushed }: { template: Template; onPushed: () => void }) {
  const api = useApi();
  const { claims } = useRequiredSession();
  const schools = useQuery(`tenancy:schools:${claims.org_id}`, () => consoleApi.schools(api, claims.org_id));
  const [chosen, setChosen] = useState<string[]>([]);
  const [locked, setLocked] = useState(false);
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: string }>({});
  const pushed = template.assignment?.active ? template.assignment : null;
  async function push() {
    setState({ busy: true });
    try {
      const result = await districtTemplatesApi.pushToSchools(api, template.template_id ?? "", chosen.length ? chosen : null, locked);
      setState({ done: `Version ${result.version_number} pushed to ${chosen.length ? `${chosen.length} school${chosen.length === 1 ? "" : "s"}` : "every school"}${locked ? ", locked" : ""}.` });
      onPushed();
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  return (
    <Card title="Push to your schools" testId="template-push">
      {pushed && <p>Now pushed: version {pushed.version_number}{pushed.locked ? ", locked" : ", open"}, to {pushed.target_ids?.length ? `${pushed.target_ids.length} chosen schools` : "every school"}.</p>}
      {schools.data ? (
        <CheckboxGroup legend="Schools (none chosen: every school, including new ones)" name="push-schools" options={schools.data.map((s) => ({ value: s.id ?? "", label: s.name ?? "" }))} value={chosen} onChange={setChosen} />
      ) : <LoadingBlock rows={2} />}
      <label className="check"><input type="checkbox" checked={locked} onChange={(e) => setLocked(e.target.checked)} /> Locked: schools use it as it is</label>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={state.busy} onClick={push} data-testid="template-push-submit">Push the latest version</button>
      </div>
      {state.done && <p className="notice notice-good" role="status">{state.done}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </Card>
  );
}
