// The export form: period, templates, districts, formats and (region admins) publish to partners.
import { useState, type FormEvent } from "react";
import { CheckboxGroup, SelectField } from "@/components/ui/Form";
import type { components } from "@/api/generated/analytics";
import { FORMATS, type ExportFormat, type ExportRequest } from "../api/exports";

type Summary = components["schemas"]["Summary"];

export function periodChoices(schoolYear: string): { value: string; label: string }[] {
  const first = Number(schoolYear.slice(0, 4));
  const out = [
    { value: `school_year:${schoolYear}`, label: `School year ${first}–${String(first + 1).slice(2)}` },
    { value: `school_year:${first - 1}-${first}`, label: `School year ${first - 1}–${String(first).slice(2)}` },
  ];
  for (let i = 0; i < 12; i++) {
    const month = ((6 + i) % 12) + 1;
    const year = month >= 7 ? first : first + 1;
    const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
    out.push({ value: `month:${year}-${String(month).padStart(2, "0")}`, label: `${name} ${year}` });
  }
  return out;
}

export function ExportForm({ summary, canPublish, busy, onSubmit }: { summary: Summary; canPublish: boolean; busy: boolean; onSubmit: (body: ExportRequest) => void }) {
  const [period, setPeriod] = useState(`school_year:${summary.school_year}`);
  const [templates, setTemplates] = useState<string[]>([]);
  const [districts, setDistricts] = useState<string[]>([]);
  const [formats, setFormats] = useState<string[]>(FORMATS.map((f) => f.value));
  const [publish, setPublish] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!formats.length) {
      setError("Choose at least one format.");
      return;
    }
    setError(null);
    onSubmit({ period, templates, districts, formats: formats as ExportFormat[], publish_to_partners: canPublish && publish });
  }

  return (
    <form onSubmit={submit} data-testid="export-form" noValidate>
      <div className="form-grid">
        <SelectField label="Period" value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="export-period">
          {periodChoices(summary.school_year).map((p) => (
            <option key={p.value} value={p.value}>{p.label}</option>
          ))}
        </SelectField>
        <div />
        <CheckboxGroup
          legend="Templates"
          name="templates"
          hint="Leave all unticked for every template with walkthroughs."
          options={summary.templates.map((t) => ({ value: t.template_id, label: t.title || "Untitled template" }))}
          value={templates}
          onChange={setTemplates}
        />
        <CheckboxGroup
          legend="Districts"
          name="districts"
          hint="Leave all unticked for every connected district."
          options={summary.districts.map((d) => ({ value: d.district_id, label: d.name || d.district_id }))}
          value={districts}
          onChange={setDistricts}
        />
        <CheckboxGroup
          legend="Formats"
          name="formats"
          options={FORMATS.map((f) => ({ value: f.value, label: `${f.label} — ${f.hint}` }))}
          value={formats}
          onChange={setFormats}
        />
        {canPublish && (
          <fieldset className="checkbox-group">
            <legend>Partners</legend>
            <label className="check">
              <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} data-testid="export-publish" />
              Also publish the aggregate snapshot to the region's partner feed
            </label>
            <p className="field-hint">Partners receive the same suppressed figures, never names.</p>
          </fieldset>
        )}
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="export-submit">
          {busy ? "Starting…" : "Start export"}
        </button>
        <span className="muted small">Every file states the privacy rule; hidden figures stay hidden.</span>
      </div>
    </form>
  );
}
