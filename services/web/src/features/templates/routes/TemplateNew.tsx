// Authoring a new template: it starts as a draft owned by the region.
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { describeError } from "@/lib/api/errors";
import { useApi } from "@/lib/app-context";
import { invalidate } from "@/lib/use-query";
import { templatesApi, type Content } from "../api/templates";
import { TemplateEditor } from "@/components/templates/TemplateEditor";
import { emptyContent, problemsOf, toPayload } from "@/lib/templates/content";

export default function TemplateNew() {
  const api = useApi();
  const navigate = useNavigate();
  const [content, setContent] = useState<Content>(emptyContent);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = problemsOf(content);

  async function save() {
    setTried(true);
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const created = await templatesApi.create(api, toPayload(content));
      invalidate("templates:");
      navigate(`/region/templates/${created.template_id}`, { state: { saved: true } });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <PageHeader title="New template" description="Write the look-fors observers will rate. It stays a draft until you publish it." actions={<Link to="/region/templates">Back to templates</Link>} />
      <Card>
        <TemplateEditor value={content} onChange={setContent} problems={problems} showProblems={tried} />
        {tried && problems.length > 0 && <p className="field-error" role="alert">Fix {problems.length === 1 ? "the problem" : `the ${problems.length} problems`} above, then save.</p>}
        {error && <p className="field-error" role="alert">{error}</p>}
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={save} disabled={busy} data-testid="template-save">
            {busy ? "Saving…" : "Save draft"}
          </button>
        </div>
      </Card>
    </div>
  );
}
