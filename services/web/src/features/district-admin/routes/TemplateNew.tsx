// Authoring a new district template: a draft owned by the district until published.
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { TemplateEditor } from "@/components/templates/TemplateEditor";
import { Card, PageHeader } from "@/components/ui/Layout";
import { describeError } from "@/lib/api/errors";
import { useApi } from "@/lib/app-context";
import { emptyContent, problemsOf, toPayload, type Content } from "@/lib/templates/content";
import { invalidate } from "@/lib/use-query";
import { districtTemplatesApi } from "../api/templates";

export default function TemplateNew() {
  const api = useApi();
  const navigate = useNavigate();
  const [content, setContent] = useState<Content>(emptyContent);
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  const problems = problemsOf(content);
  async function save() {
    setTried(true);
    if (problems.length) return;
    setState({ busy: true });
    try {
      const created = await districtTemplatesApi.create(api, toPayload(content));
      invalidate("templates:");
      navigate(`/district/templates/${created.template_id}`);
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  return (
    <div className="page">
      <PageHeader title="New district template" description="Write the look-fors your observers will rate. It stays a draft until you publish it." actions={<Link to="/district/templates">Back to templates</Link>} />
      <Card>
        <TemplateEditor value={content} onChange={setContent} problems={problems} showProblems={tried} />
        {tried && problems.length > 0 && <p className="field-error" role="alert">Fix {problems.length === 1 ? "the problem" : `the ${problems.length} problems`} above, then save.</p>}
        {state.error && <p className="field-error" role="alert">{state.error}</p>}
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={save} disabled={state.busy} data-testid="template-save">{state.busy ? "Saving…" : "Save draft"}</button>
        </div>
      </Card>
    </div>
  );
}
