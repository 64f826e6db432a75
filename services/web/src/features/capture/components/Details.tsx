// The class and the visit: subject and grade (prefilled from the teacher's last walkthrough),
// the template when the school has more than one, when it happened and for how long.
import type { ReactNode } from "react";
import { GRADES, localIso, MAX_MINUTES, SUBJECTS } from "../lib/form";
import type { CaptureRecord, TemplateVersion } from "../lib/types";

interface Props {
  record: CaptureRecord;
  versions: TemplateVersion[];
  timerMinutes: number;
  onChange: (change: Partial<CaptureRecord>) => void;
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field" id={id}>
      <label htmlFor={`${id}-input`}>{label}</label>
      {children}
    </div>
  );
}

export function Details({ record, versions, timerMinutes, onChange }: Props) {
  const pickTemplate = (versionId: string) => {
    const v = versions.find((x) => x.version_id === versionId);
    if (v) onChange({ versionId: v.version_id ?? "", templateId: v.template_id ?? "", ratings: {}, notes: {} });
  };
  return (
    <div className="capture-grid">
      <Field id="subject" label="Subject">
        <select id="subject-input" value={record.subject} onChange={(e) => onChange({ subject: e.target.value })} data-testid="capture-subject">
          <option value="">Choose…</option>
          {SUBJECTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
        </select>
      </Field>
      <Field id="grade" label="Grade">
        <select id="grade-input" value={record.gradeLevel} onChange={(e) => onChange({ gradeLevel: e.target.value })} data-testid="capture-grade">
          <option value="">Choose…</option>
          {GRADES.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
      </Field>
      <Field id="duration" label="Minutes in the room">
        <input
          id="duration-input"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_MINUTES}
          placeholder={String(timerMinutes)}
          value={record.durationMinutes ?? ""}
          onChange={(e) => onChange({ durationMinutes: e.target.value === "" ? null : Number(e.target.value) })}
          aria-describedby="duration-hint"
          data-testid="capture-duration"
        />
        <span className="field-hint" id="duration-hint">Empty: the timer's {timerMinutes}</span>
      </Field>
      <Field id="observed" label="Observed at">
        <input
          id="observed-input"
          type="datetime-local"
          value={record.observedAt.slice(0, 16)}
          onChange={(e) => e.target.value && onChange({ observedAt: localIso(new Date(e.target.value)) })}
          data-testid="capture-observed"
        />
      </Field>
      {versions.length > 1 && (
        <Field id="template" label="Template">
          <select id="template-input" value={record.versionId} onChange={(e) => pickTemplate(e.target.value)} data-testid="capture-template">
            {versions.map((v) => (
              <option key={v.version_id} value={v.version_id}>{v.title} (v{v.version_number})</option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}
