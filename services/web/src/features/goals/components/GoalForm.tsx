// Set a goal: look-fors of a template, the level and share aimed for, start (the baseline is the
// data up to it), deadline, owner and rationale. The API checks everything again and names the
// field it refuses; that message is shown beside the field.
import { useState, type FormEvent } from "react";
import { CheckboxGroup, SelectField, TextArea, TextField } from "@/components/ui/Form";
import { ApiError } from "@/lib/api/errors";
import type { GoalRequest, GoalTemplate } from "../api/goals";

function isoDay(offsetDays: number): string {
  const day = new Date(Date.now() + offsetDays * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out = { ...error.fieldMessages };
  if (error.field && !out[error.field]) out[error.field] = error.message;
  return out;
}

export function GoalForm({ templates, busy, error, onSubmit }: { templates: GoalTemplate[]; busy: boolean; error: unknown; onSubmit: (body: GoalRequest) => void }) {
  const [templateId, setTemplateId] = useState(templates[0]?.template_id ?? "");
  const template = templates.find((t) => t.template_id === templateId);
  const [lookFors, setLookFors] = useState<string[]>([]);
  const [level, setLevel] = useState("3");
  const [share, setShare] = useState("70");
  const [title, setTitle] = useState("");
  const [start, setStart] = useState(isoDay(0));
  const [deadline, setDeadline] = useState(isoDay(270));
  const [owner, setOwner] = useState("");
  const [rationale, setRationale] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(error), ...local };
  // A message goes away as soon as its field is changed.
  const edited = (field: string) => setLocal(({ [field]: _gone, ...rest }) => rest);
  const levels = template?.look_fors.find((l) => lookFors.includes(l.indicator))?.levels ?? template?.look_fors[0]?.levels ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!lookFors.length) problems.look_fors = "Choose at least one look-for.";
    if (!title.trim()) problems.title = "Give the goal a short title.";
    if (!owner.trim()) problems.owner = "Who owns this goal?";
    const percent = Number(share);
    if (!(percent > 0 && percent <= 100)) problems.target_share = "A share between 1 and 100 %.";
    setLocal(problems);
    if (Object.keys(problems).length) return;
    onSubmit({
      title: title.trim(),
      template_id: templateId,
      look_fors: lookFors,
      target_level: Number(level),
      target_share: percent / 100,
      start_date: start,
      deadline,
      owner: owner.trim(),
      ...(rationale.trim() ? { rationale: rationale.trim() } : {}),
    });
  }

  return (
    <form onSubmit={submit} data-testid="goal-form" noValidate>
      <div className="form-grid">
        <TextField label="Title" value={title} onChange={(e) => { setTitle(e.target.value); edited("title"); }} error={errors.title} data-testid="goal-title" placeholder="Students explain their thinking to peers" />
        <SelectField label="Template" value={templateId} onChange={(e) => { setTemplateId(e.target.value); setLookFors([]); }} error={errors.template_id} data-testid="goal-template">
          {templates.map((t) => (
            <option key={t.template_id} value={t.template_id}>{t.title || "Untitled template"}</option>
          ))}
        </SelectField>
        <div>
          <CheckboxGroup
            legend="Look-fors"
            name="look_fors"
            hint="The goal counts ratings of these look-fors, whichever template version recorded them."
            options={(template?.look_fors ?? []).map((l) => ({ value: l.indicator, label: l.text }))}
            value={lookFors}
            onChange={(keys) => { setLookFors(keys); edited("look_fors"); }}
          />
          {errors.look_fors && <div className="field-error" role="alert" data-testid="goal-error-look_fors">{errors.look_fors}</div>}
        </div>
        <div>
          <SelectField label="Counts a rating at or above" value={level} onChange={(e) => setLevel(e.target.value)} error={errors.target_level} data-testid="goal-level">
            {levels.map((l) => (
              <option key={l.value} value={String(l.value)}>{`${l.value} — ${l.label}`}</option>
            ))}
          </SelectField>
          <TextField label="Target share of ratings (%)" type="number" min={1} max={100} value={share} onChange={(e) => { setShare(e.target.value); edited("target_share"); }} error={errors.target_share} data-testid="goal-share" />
        </div>
        <TextField label="Start date" type="date" hint="The baseline is the data up to this day." value={start} onChange={(e) => setStart(e.target.value)} error={errors.start_date} data-testid="goal-start" />
        <TextField label="Deadline" type="date" hint="Benchmarks: every three months, and the deadline." value={deadline} onChange={(e) => setDeadline(e.target.value)} error={errors.deadline ?? errors.benchmarks} data-testid="goal-deadline" />
        <TextField label="Owner" value={owner} onChange={(e) => { setOwner(e.target.value); edited("owner"); }} error={errors.owner} data-testid="goal-owner" placeholder="Director of Teaching and Learning" />
        <TextArea label="Rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} error={errors.rationale} data-testid="goal-rationale" rows={3} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="goal-submit">
        {busy ? "Saving…" : "Set goal"}
      </button>
    </form>
  );
}
