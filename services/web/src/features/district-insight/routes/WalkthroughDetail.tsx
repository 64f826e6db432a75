// One walkthrough, read in full: who, where, when, every rating with its level and note, the
// overall note, and whether the teacher sees it (district staff and the principal may change that).
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { LoadingBlock } from "@/components/ui/States";
import { useApi } from "@/lib/app-context";
import { describeError } from "@/lib/api/errors";
import { formatDate, formatDateTime } from "@/lib/format";
import { invalidate } from "@/lib/use-query";
import { useDirectory, useWalkthrough } from "../api/hooks";
import { insightApi, type Walkthrough } from "../api/insight";
import { InsightError } from "../components/ScopeRefusal";
import { observerLabel } from "../lib/coverage";
import "../insight.css";

export default function WalkthroughDetail() {
  const { observationId = "" } = useParams();
  const walkthrough = useWalkthrough(observationId);
  const directory = useDirectory();
  if (walkthrough.error) {
    return (
      <div className="page">
        <PageHeader title="Walkthrough" />
        <InsightError error={walkthrough.error} retry={walkthrough.reload} back="/district/walkthroughs" backLabel="Back to the walkthroughs" />
      </div>
    );
  }
  if (!walkthrough.data || !directory.data) return <div className="page"><LoadingBlock rows={8} /></div>;
  return <Detail walkthrough={walkthrough.data} names={directory.data.names} />;
}

function Detail({ walkthrough: initial, names }: { walkthrough: Walkthrough; names: Map<string, string> }) {
  const api = useApi();
  const [w, setW] = useState(initial);
  const [sharing, setSharing] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const teacher = names.get(w.teacher_id ?? "") || "Teacher not on your roster";
  const notes = (w.notes ?? {}) as { overall?: string | null; by_indicator?: Record<string, string> };
  const toggle = async () => {
    setSharing({ busy: true });
    try {
      setW(await insightApi.setShared(api, w.observation_id ?? "", !w.shared_with_teacher));
      invalidate("insight:walkthroughs");
      setSharing({ busy: false });
    } catch (error) {
      setSharing({ busy: false, error: describeError(error) });
    }
  };
  return (
    <div className="page" data-testid="walkthrough-detail" data-id={w.observation_id}>
      <PageHeader
        title={`${teacher}, ${formatDate(`${w.observed_on}T12:00:00`)}`}
        description={`${w.school_name ?? "School"} · ${w.template_title ?? "Template"} v${w.version_number ?? "?"}`}
        actions={<Link className="btn btn-secondary" to="/district/walkthroughs">All walkthroughs</Link>}
      />
      <div className="grid-2">
        <Card title="Visit">
          <dl className="facts">
            <dt>Teacher</dt>
            <dd data-testid="detail-teacher">{teacher}</dd>
            <dt>Observer</dt>
            <dd data-testid="detail-observer">{names.get(w.observer_id ?? "") || observerLabel(w.observer_id ?? "")}</dd>
            <dt>School</dt>
            <dd>{w.school_name}</dd>
            <dt>Subject and grade</dt>
            <dd>{w.subject} · grade {w.grade_level}</dd>
            <dt>Length</dt>
            <dd>{w.duration_minutes} minutes</dd>
            <dt>Submitted</dt>
            <dd>{formatDateTime(w.submitted_at)}</dd>
          </dl>
        </Card>
        <Card title="Shared with the teacher">
          <p data-testid="shared-status" data-value={String(!!w.shared_with_teacher)}>
            {w.shared_with_teacher ? <Badge tone="good">Shared</Badge> : <Badge>Not shared</Badge>}{" "}
            {w.shared_with_teacher ? "The teacher can read this walkthrough." : "Only staff can read this walkthrough."}
          </p>
          <button type="button" className="btn btn-secondary" onClick={() => void toggle()} disabled={sharing.busy} data-testid="share-toggle">
            {w.shared_with_teacher ? "Stop sharing with the teacher" : "Share with the teacher"}
          </button>
          {sharing.error && <p role="alert" className="field-error">{sharing.error}</p>}
        </Card>
      </div>
      <Card title="Ratings" testId="ratings">
        <table className="data-table">
          <caption className="visually-hidden">Each look-for's rating and note</caption>
          <thead>
            <tr>
              <th scope="col">Look-for</th>
              <th scope="col" className="num">Rating</th>
              <th scope="col">Level</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {(w.ratings ?? []).map((r) => (
              <tr key={r.indicator_key} data-testid="rating-row" data-indicator={r.indicator_key} data-value={r.value}>
                <th scope="row">{r.indicator_text ?? r.indicator_key}</th>
                <td className="num">{r.value}</td>
                <td>{r.label ?? "–"}</td>
                <td data-testid="rating-note">{notes.by_indicator?.[r.indicator_key ?? ""] ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Overall note">
        {notes.overall ? <p className="note-block" data-testid="overall-note">{notes.overall}</p> : <p className="muted">No overall note.</p>}
      </Card>
    </div>
  );
}
