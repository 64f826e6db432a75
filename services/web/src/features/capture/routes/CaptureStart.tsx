// /capture — start a walkthrough in two taps (school, teacher), from what the device keeps, so it
// works the same with the network off; drafts in progress are listed to continue.
import { Link, useLocation, useNavigate } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { EmptyState, LoadingBlock } from "@/components/ui/States";
import { useRequiredSession } from "@/lib/app-context";
import { refreshKit } from "../api/runner";
import { StatusBar } from "../components/StatusBar";
import { TeacherPicker } from "../components/TeacherPicker";
import { saveRecord } from "../lib/db";
import { useKit, useRecords, useSyncStatus } from "../lib/hooks";
import { newDraft } from "../lib/records";
import type { KitSchool, KitTeacher, OfflineKit } from "../lib/types";
import "../components/capture.css";

export default function CaptureStart() {
  const { claims } = useRequiredSession();
  const kit = useKit(claims.sub);
  const records = useRecords(claims.sub) ?? [];
  const navigate = useNavigate();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  const start = async (k: OfflineKit, school: KitSchool, teacher: KitTeacher) => {
    const draft = newDraft(k, school, teacher);
    await saveRecord(draft);
    navigate(`/capture/${draft.id}`);
  };
  const drafts = records.filter((r) => r.state === "draft");

  return (
    <div className="page capture" data-testid="capture-start">
      <PageHeader
        title="New walkthrough"
        description="Pick the teacher; the form starts with their class and your school's template."
        actions={<Link className="btn btn-secondary" to="/capture/outbox" data-testid="capture-outbox-link">Outbox</Link>}
      />
      <StatusBar records={records} />
      {notice && <p className="notice notice-good" role="status" data-testid="capture-notice">{notice}</p>}
      {drafts.length > 0 && (
        <Card title="Not finished" testId="capture-drafts">
          <ul className="capture-list">
            {drafts.map((d) => (
              <li key={d.id}>
                <span>{d.teacherName} <span className="muted small">· {d.schoolName}</span></span>
                <Link className="btn btn-secondary btn-small" to={`/capture/${d.id}`}>Continue</Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card>{kit === undefined ? <LoadingBlock label="Opening" /> : kit ? <TeacherPicker kit={kit} onPick={(s, t) => void start(kit, s, t)} /> : <NoKit />}</Card>
    </div>
  );
}

function NoKit() {
  const sync = useSyncStatus();
  if (sync.kit === "loading" || sync.kit === "idle") return <LoadingBlock label="Getting your schools and rosters ready for offline use" />;
  return (
    <EmptyState
      title="This device has nothing to capture with yet"
      action={<button type="button" className="btn btn-primary" onClick={() => void refreshKit()}>Try again</button>}
    >
      Canopy keeps your schools, templates and rosters on the device after you sign in with the network on. Connect,
      then try again.
    </EmptyState>
  );
}
