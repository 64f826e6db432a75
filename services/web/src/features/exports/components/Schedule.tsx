// The partner snapshot schedule: what is set, and (region admins) setting it.
import { useState } from "react";
import { SelectField } from "@/components/ui/Form";
import { Card } from "@/components/ui/Layout";
import { Async } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi } from "@/lib/app-context";
import { formatDateTime, formatPeriod } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { exportsApi, type Cadence, type Schedule } from "../api/exports";

const CADENCES: { value: Cadence; label: string }[] = [
  { value: "off", label: "Off" },
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
  { value: "monthly", label: "Monthly" },
];

export function ScheduleCard({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const schedule = useQuery("exports:schedule", () => exportsApi.schedule(api));
  return (
    <Card title="Partner snapshot schedule" testId="export-schedule">
      <p className="muted">
        A snapshot of the region's suppressed figures sent to partners on the region's feed, on a schedule. Partners never
        receive names.
      </p>
      <Async state={schedule} rows={2}>
        {(s) => <ScheduleBody schedule={s} canEdit={canEdit} onSaved={schedule.reload} />}
      </Async>
    </Card>
  );
}

function ScheduleBody({ schedule, canEdit, onSaved }: { schedule: Schedule | null; canEdit: boolean; onSaved: () => void }) {
  const api = useApi();
  const [cadence, setCadence] = useState<Cadence>(schedule?.cadence ?? "off");
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });
  async function save() {
    setState({ busy: true });
    try {
      await exportsApi.setSchedule(api, cadence);
      setState({ busy: false, message: cadence === "off" ? "Partner snapshots are off." : `Partner snapshots will be sent ${cadence}.` });
      onSaved();
    } catch (error) {
      setState({ busy: false, error: describeError(error) });
    }
  }
  return (
    <>
      {schedule ? (
        <dl className="facts" data-testid="schedule-facts">
          <div><dt>Cadence</dt><dd data-testid="schedule-cadence">{CADENCES.find((c) => c.value === schedule.cadence)?.label}</dd></div>
          <div><dt>Period</dt><dd>{schedule.parameters.period ? formatPeriod(schedule.parameters.period) : "The latest school year"}</dd></div>
          <div><dt>Next run</dt><dd>{formatDateTime(schedule.next_run_at)}</dd></div>
          <div><dt>Last run</dt><dd>{formatDateTime(schedule.last_run_at)}</dd></div>
          <div><dt>Feed</dt><dd><code>{schedule.topic}</code></dd></div>
        </dl>
      ) : (
        <p data-testid="schedule-none">No schedule is set: partners receive snapshots only when an export is published to them.</p>
      )}
      {canEdit ? (
        <div className="inline-form">
          <SelectField label="Send snapshots" value={cadence} onChange={(e) => setCadence(e.target.value as Cadence)} data-testid="schedule-cadence-select">
            {CADENCES.map((c) => (
              <option key={c.value} value={c.value}>{c.label}</option>
            ))}
          </SelectField>
          <button type="button" className="btn btn-secondary" onClick={save} disabled={state.busy} data-testid="schedule-save">
            {state.busy ? "Saving…" : "Save schedule"}
          </button>
        </div>
      ) : (
        <p className="muted small">Only a region admin can change the schedule.</p>
      )}
      {state.message && <p className="notice notice-good" role="status">{state.message}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </>
  );
}
