// One template: edit its draft and publish it, its version history (and what it was forked
// from), push it to districts and see who holds which version.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi } from "@/lib/app-context";
import { formatDateTime } from "@/lib/format";
import { invalidate, useQuery } from "@/lib/use-query";
import { listOrgs, templatesApi, type Content, type Template } from "../api/templates";
import { Delivery } from "../components/Delivery";
import { Forks } from "../components/Forks";
import { PushPanel } from "../components/PushPanel";
import { StatusBadge } from "../components/PushStatus";
import { TemplateEditor } from "@/components/templates/TemplateEditor";
import { contentFromDraft, problemsOf, toPayload } from "@/lib/templates/content";

export default function TemplateDetail() {
  const { templateId = "" } = useParams();
  const api = useApi();
  const template = useQuery(`templates:one:${templateId}`, () => templatesApi.get(api, templateId));
  const orgs = useQuery("tenancy:orgs", () => listOrgs(api));
  const [pushNotice, setPushNotice] = useState<string | null>(null);
  return (
    <div className="page">
      <Async state={template} rows={8}>
        {(t) => (
          <>
            <PageHeader
              title={t.title || "Untitled template"}
              description={<><StatusBadge status={t.status} /> {t.versions?.length ?? 0} published version{t.versions?.length === 1 ? "" : "s"}</>}
              actions={<Link to="/region/templates">All templates</Link>}
            />
            <DraftCard template={t} onChanged={() => { invalidate("templates:"); template.reload(); }} />
            <Card title="Push to districts" testId="template-push">
              {orgs.data ? <PushPanel key={`${t.assignment?.version_number}-${t.versions?.length}`} template={t} districts={orgs.data.districts} notice={pushNotice} onPushed={(notice) => { setPushNotice(notice); invalidate("templates:"); template.reload(); }} /> : <Async state={orgs}>{() => null}</Async>}
            </Card>
            <Card title="Who has it" testId="template-delivery">
              {orgs.data && <Delivery template={t} orgs={orgs.data} version={`${t.assignment?.version_id}-${t.assignment?.updated_at}`} />}
            </Card>
            <Card title="Version history" testId="template-versions">
              <Versions template={t} />
            </Card>
            <Card title="Forks" testId="template-forks">
              <Forks template={t} districtName={(id) => orgs.data?.districts.find((d) => d.id === id)?.name ?? "a district"} />
            </Card>
          </>
        )}
      </Async>
    </div>
  );
}

function DraftCard({ template, onChanged }: { template: Template; onChanged: () => void }) {
  const api = useApi();
  const id = template.template_id ?? "";
  const [content, setContent] = useState<Content>(() => contentFromDraft(template.draft, template.title));
  const [dirty, setDirty] = useState(false);
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });
  useEffect(() => {
    setContent(contentFromDraft(template.draft, template.title));
    setDirty(false);
  }, [template.draft, template.title]);
  const problems = problemsOf(content);
  const latest = Math.max(0, ...(template.versions ?? []).map((v) => v.version_number ?? 0));

  async function run(action: () => Promise<unknown>, message: string) {
    setState({ busy: true });
    try {
      await action();
      setState({ busy: false, message });
      onChanged();
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }

  if (!template.draft) {
    return (
      <Card title="Draft" testId="template-draft">
        <p className="muted">Published versions never change. To make changes, start a new draft from the latest version.</p>
        <button type="button" className="btn btn-secondary" disabled={state.busy} onClick={() => run(() => templatesApi.startDraft(api, id, latest || null), "A new draft was started.")} data-testid="template-start-draft">
          Start a new draft from version {latest}
        </button>
        {state.message && <p className="notice notice-good" role="status" data-testid="template-result">{state.message}</p>}
        {state.error && <p className="field-error" role="alert">{state.error}</p>}
      </Card>
    );
  }

  const save = () => {
    setTried(true);
    if (problems.length) return;
    void run(async () => {
      await templatesApi.saveDraft(api, id, toPayload(content));
      setDirty(false);
    }, "Draft saved.");
  };
  const publish = () => {
    setTried(true);
    if (problems.length) return;
    void run(async () => {
      if (dirty) await templatesApi.saveDraft(api, id, toPayload(content));
      const v = await templatesApi.publish(api, id);
      setState({ busy: false, message: `Version ${v.version_number} published.` });
    }, `Version ${latest + 1} published. ${template.assignment?.active ? "Districts holding this template move to it." : "Push it to your districts below."}`);
  };

  return (
    <Card title={`Draft of version ${latest + 1}`} testId="template-draft">
      <TemplateEditor value={content} onChange={(c) => { setContent(c); setDirty(true); }} problems={problems} showProblems={tried} />
      {tried && problems.length > 0 && <p className="field-error" role="alert">Fix {problems.length === 1 ? "the problem" : `the ${problems.length} problems`} above first.</p>}
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={save} disabled={state.busy || !dirty} data-testid="template-save">Save draft</button>
        <button type="button" className="btn btn-primary" onClick={publish} disabled={state.busy} data-testid="template-publish">
          Publish version {latest + 1}
        </button>
        <span className="muted small">Publishing makes an unchangeable version; a pushed template moves districts to it.</span>
      </div>
      {state.message && <p className="notice notice-good" role="status" data-testid="template-result">{state.message}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </Card>
  );
}

function Versions({ template }: { template: Template }) {
  const versions = [...(template.versions ?? [])].sort((a, b) => (b.version_number ?? 0) - (a.version_number ?? 0));
  return (
    <>
      {template.derived_from && (
        <p data-testid="template-forked-from">Forked from another organisation's template (version id <code>{template.derived_from.version_id.slice(0, 8)}</code>).</p>
      )}
      {versions.length === 0 ? (
        <EmptyState title="No published versions yet">Publish the draft to create version 1.</EmptyState>
      ) : (
        <ul className="version-list">
          {versions.map((v) => (
            <li key={v.version_id} data-testid="template-version" data-version={v.version_number}>
              <strong>Version {v.version_number}</strong>
              <span>published {formatDateTime(v.published_at)}</span>
              {v.retired_at && <span className="muted">retired {formatDateTime(v.retired_at)}</span>}
              {template.assignment?.active && template.assignment.version_id === v.version_id && <span className="badge badge-info">pushed</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
