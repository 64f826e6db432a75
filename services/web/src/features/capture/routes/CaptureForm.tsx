// /capture/:draftId — the walkthrough form. Every change is written to the device at once, so
// closing the tab, a dead battery or an expired session loses nothing; submit puts it in the
// outbox, which sends it when Canopy can be reached.
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { EmptyState, LoadingBlock } from "@/components/ui/States";
import { Card, useDocumentTitle } from "@/components/ui/Layout";
import { useRequiredSession } from "@/lib/app-context";
import { requestSync } from "../api/runner";
import { Details } from "../components/Details";
import { LookForField } from "../components/LookForField";
import { MissingList } from "../components/Missing";
import { Timer } from "../components/Timer";
import { deleteRecord, saveRecord } from "../lib/db";
import { fieldLabel, lookFors, minutesSince, missingParts } from "../lib/form";
import { useKit, useRecord } from "../lib/hooks";
import { edited, queued } from "../lib/records";
import type { CaptureRecord, OfflineKit } from "../lib/types";
import "../components/capture.css";

export default function CaptureForm() {
  const { draftId = "" } = useParams();
  const { claims } = useRequiredSession();
  const stored = useRecord(draftId);
  const kit = useKit(claims.sub);
  useDocumentTitle("Walkthrough");
  if (stored === undefined || kit === undefined) return <LoadingBlock label="Opening the walkthrough" />;
  if (!stored || stored.owner !== claims.sub) {
    return (
      <div className="page capture">
        <EmptyState title="This walkthrough is not on this device" action={<Link className="btn btn-primary" to="/capture">New walkthrough</Link>} />
      </div>
    );
  }
  return <WalkthroughForm key={stored.id} initial={stored} kit={kit} />;
}

function WalkthroughForm({ initial, kit }: { initial: CaptureRecord; kit: OfflineKit | null }) {
  const [record, setRecord] = useState(initial);
  const [tried, setTried] = useState(false);
  const navigate = useNavigate();
  const versions = kit?.templates[record.schoolId] ?? [];
  const version = versions.find((v) => v.version_id === record.versionId);
  const editable = record.state === "draft" || record.state === "rejected";
  const items = lookFors(version);
  const missing = missingParts(record, version);
  const timerMinutes = minutesSince(record.startedAt);

  const change = (part: Partial<CaptureRecord>) => {
    const next = edited(record, part);
    setRecord(next);
    void saveRecord(next);
  };
  const submit = async () => {
    setTried(true);
    if (missing.length) {
      document.getElementById("capture-missing-anchor")?.focus();
      return;
    }
    const done = queued(record, record.durationMinutes ?? timerMinutes);
    await saveRecord(done);
    void requestSync();
    const notice = `Walkthrough of ${record.teacherName} saved. ${navigator.onLine ? "Sending it now." : "It will be sent when you are back online."}`;
    navigate("/capture", { state: { notice } });
  };
  const discard = async () => {
    if (!window.confirm("Discard this walkthrough? What you entered is deleted from this device.")) return;
    await deleteRecord(record.id);
    navigate("/capture");
  };

  return (
    <div className="page capture" data-testid="capture-form" data-id={record.id} data-state={record.state}>
      <div className="capture-head">
        <div>
          <h1 tabIndex={-1} id="page-title">{record.teacherName}</h1>
          <div className="muted">{record.schoolName}{version ? ` · ${version.title}` : ""}</div>
        </div>
        <Timer startedAt={record.startedAt} running={record.state === "draft"} />
      </div>
      {record.rejection && record.state === "rejected" && (
        <div className="capture-rejected" role="alert" data-testid="capture-rejection">
          <strong>Canopy refused this walkthrough{record.rejection.field ? ` (${fieldLabel(record.rejection.field)})` : ""}:</strong>{" "}
          {record.rejection.message}. Fix it below and resend.
        </div>
      )}
      {!editable && (
        <p className="notice" data-testid="capture-locked">
          {record.state === "sent" ? "Sent to Canopy." : "Submitted: waiting to be sent."}{" "}
          <Link to="/capture/outbox">Open the outbox</Link>
        </p>
      )}
      <fieldset disabled={!editable} className="plain-fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <legend className="visually-hidden">Walkthrough of {record.teacherName}</legend>
        <Card>
          <Details record={record} versions={versions} timerMinutes={timerMinutes} onChange={change} />
        </Card>
        {!version && <p className="notice notice-warn">This device keeps no template for {record.schoolName}. Sign in with the network on to fetch it.</p>}
        {items.map((item) => (
          <LookForField
            key={item.key}
            item={item}
            value={record.ratings[item.key]}
            note={record.notes[item.key] ?? ""}
            onRate={(value) => {
              const ratings = { ...record.ratings };
              if (value === undefined) delete ratings[item.key];
              else ratings[item.key] = value;
              change({ ratings });
            }}
            onNote={(text) => change({ notes: { ...record.notes, [item.key]: text } })}
          />
        ))}
        <Card title="Finish">
          <div className="field">
            <label htmlFor="overall-note">Overall note and feedback</label>
            <textarea
              id="overall-note"
              rows={4}
              maxLength={10000}
              value={record.overall}
              onChange={(e) => change({ overall: e.target.value })}
              aria-describedby="overall-hint"
              data-testid="capture-overall"
            />
            <span className="field-hint" id="overall-hint">When you share, the teacher reads this as your feedback.</span>
          </div>
          <label className="check">
            <input type="checkbox" checked={record.share} onChange={(e) => change({ share: e.target.checked })} data-testid="capture-share" />
            Share with the teacher (ratings and feedback)
          </label>
          <div id="capture-missing-anchor" tabIndex={-1}>
            {(tried || missing.length <= 3) && <MissingList missing={missing} />}
          </div>
          {editable && (
            <div className="capture-submit">
              <button type="button" className="btn btn-primary" onClick={() => void submit()} data-testid="capture-submit">
                {record.state === "rejected" ? "Resend" : "Submit"}
              </button>
              <button type="button" className="btn btn-danger-outline" onClick={() => void discard()}>
                Discard
              </button>
              {!tried && missing.length > 3 && <span className="muted small">{missing.length} things still to do</span>}
            </div>
          )}
        </Card>
      </fieldset>
    </div>
  );
}
