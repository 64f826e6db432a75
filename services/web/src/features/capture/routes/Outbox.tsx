// /capture/outbox — every walkthrough on this device by where it is: refused (with intake's
// field and reason, to fix and resend), waiting to be sent, not finished, and sent.
import { Link } from "react-router";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { EmptyState, LoadingBlock } from "@/components/ui/States";
import { useRequiredSession } from "@/lib/app-context";
import { requestSync } from "../api/runner";
import { StatusBar } from "../components/StatusBar";
import { fieldLabel } from "../lib/form";
import { useOnline, useRecords, useSyncStatus } from "../lib/hooks";
import type { CaptureRecord, WalkthroughState } from "../lib/types";
import "../components/capture.css";

const SENT_SHOWN = 50;

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
}

function Item({ record }: { record: CaptureRecord }) {
  return (
    <li data-testid="outbox-item" data-id={record.id} data-state={record.state}>
      <div>
        <strong>{record.teacherName}</strong> <span className="muted small">· {record.schoolName} · {when(record.observedAt)}</span>
        {record.state === "rejected" && record.rejection && (
          <div className="field-error" data-testid="outbox-reason" data-field={record.rejection.field ?? ""}>
            {record.rejection.field && <strong>{fieldLabel(record.rejection.field)}: </strong>}
            {record.rejection.message}
          </div>
        )}
        {record.state === "sent" && <div className="muted small">Sent {when(record.sentAt)}{record.share ? " · shared with the teacher" : ""}</div>}
      </div>
      {record.state === "rejected" && <Link className="btn btn-primary btn-small" to={`/capture/${record.id}`} data-testid="outbox-fix">Fix and resend</Link>}
      {record.state === "draft" && <Link className="btn btn-secondary btn-small" to={`/capture/${record.id}`}>Continue</Link>}
    </li>
  );
}

function Section({ title, state, records, children }: { title: string; state: WalkthroughState; records: CaptureRecord[]; children?: React.ReactNode }) {
  if (!records.length && !children) return null;
  return (
    <Card title={<>{title} <Badge>{records.length}</Badge></>} testId={`outbox-${state}`}>
      {children}
      {records.length > 0 && <ul className="capture-list">{records.map((r) => <Item key={r.id} record={r} />)}</ul>}
    </Card>
  );
}

function SendNow({ waiting }: { waiting: number }) {
  const online = useOnline();
  const sync = useSyncStatus();
  if (!waiting) return null;
  const last = sync.last;
  const why =
    !online ? "You are offline: they go as soon as the device is back online."
    : last?.kind === "signed-out" ? "Sign in again to send them."
    : last?.kind === "offline" ? "Canopy could not be reached; trying again shortly."
    : last?.kind === "refused" ? `Canopy answered ${last.status}; trying again shortly.`
    : "They are sent automatically.";
  return (
    <div className="form-actions" style={{ marginBottom: 8 }}>
      <span className="muted">{why}</span>
      <button type="button" className="btn btn-secondary" disabled={!online || sync.running} onClick={() => void requestSync()} data-testid="outbox-send">
        {sync.running ? "Sending…" : "Send now"}
      </button>
    </div>
  );
}

export default function Outbox() {
  const { claims } = useRequiredSession();
  const records = useRecords(claims.sub);
  const by = (state: WalkthroughState) => (records ?? []).filter((r) => r.state === state);
  const queued = by("queued");
  return (
    <div className="page capture" data-testid="capture-outbox">
      <PageHeader
        title="Outbox"
        description="Walkthroughs on this device. Nothing leaves it until Canopy has stored it."
        actions={<Link className="btn btn-primary" to="/capture" data-testid="capture-new">New walkthrough</Link>}
      />
      {records === undefined ? (
        <LoadingBlock />
      ) : records.length === 0 ? (
        <EmptyState title="Nothing here yet">Walkthroughs you capture on this device appear here until they are sent.</EmptyState>
      ) : (
        <>
          <StatusBar records={records} />
          <Section title="Needs a fix" state="rejected" records={by("rejected")} />
          <Section title="Waiting to send" state="queued" records={queued}>
            {queued.length > 0 && <SendNow waiting={queued.length} />}
          </Section>
          <Section title="Not finished" state="draft" records={by("draft")} />
          <Section title="Sent" state="sent" records={by("sent").slice(0, SENT_SHOWN)} />
        </>
      )}
    </div>
  );
}
