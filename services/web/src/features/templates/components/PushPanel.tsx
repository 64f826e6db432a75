// Pushing a published version to all connected districts (including those that connect later)
// or to chosen ones, locked (a required standard) or open (districts may fork it).
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { SelectField } from "@/components/ui/Form";
import { describeError } from "@/lib/api/errors";
import { useApi } from "@/lib/app-context";
import { templatesApi, type Template } from "../api/templates";

/** `notice` is the outcome of the last push or withdrawal: kept by the parent, because the
 * panel starts afresh from the refetched template after each change. */
export function PushPanel({ template, districts, notice, onPushed }: { template: Template; districts: { id: string; name: string }[]; notice: string | null; onPushed: (notice: string) => void }) {
  const api = useApi();
  const versions = [...(template.versions ?? [])].filter((v) => !v.retired_at).sort((a, b) => (b.version_number ?? 0) - (a.version_number ?? 0));
  const current = template.assignment?.active ? template.assignment : null;
  const [version, setVersion] = useState<number>(versions[0]?.version_number ?? 1);
  const [locked, setLocked] = useState<boolean>(current?.locked ?? true);
  const [everyone, setEveryone] = useState<boolean>(!current?.target_ids?.length);
  const [chosen, setChosen] = useState<string[]>(current?.target_ids ?? []);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);

  if (!versions.length) return <p className="muted">Publish a version first; only published versions can be pushed.</p>;

  async function push() {
    if (!everyone && !chosen.length) {
      setState({ busy: false, error: "Choose at least one district, or push to all districts." });
      return;
    }
    setState({ busy: true });
    try {
      const result = await templatesApi.push(api, template.template_id ?? "", { version_number: version, locked, district_ids: everyone ? null : chosen, school_ids: null });
      setState({ busy: false });
      onPushed(`Version ${result.version_number} pushed ${result.locked ? "locked" : "open"} to ${everyone ? "all connected districts" : `${chosen.length} district${chosen.length === 1 ? "" : "s"}`}.`);
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }

  async function withdraw() {
    setState({ busy: true });
    try {
      await templatesApi.withdraw(api, template.template_id ?? "");
      setConfirmWithdraw(false);
      setState({ busy: false });
      onPushed("The push was withdrawn. Districts no longer use this template for new walkthroughs.");
    } catch (e) {
      setConfirmWithdraw(false);
      setState({ busy: false, error: describeError(e) });
    }
  }

  return (
    <div data-testid="push-panel">
      <div className="form-grid">
        <SelectField label="Version" value={version} onChange={(e) => setVersion(Number(e.target.value))} data-testid="push-version">
          {versions.map((v) => (
            <option key={v.version_number} value={v.version_number}>Version {v.version_number}</option>
          ))}
        </SelectField>
        <fieldset className="checkbox-group">
          <legend>Districts may</legend>
          <label className="check">
            <input type="radio" name="lock" checked={locked} onChange={() => setLocked(true)} data-testid="push-locked" /> Use it as is (locked: a required standard)
          </label>
          <label className="check">
            <input type="radio" name="lock" checked={!locked} onChange={() => setLocked(false)} data-testid="push-open" /> Adapt it (open: districts may fork it)
          </label>
        </fieldset>
        <fieldset className="checkbox-group">
          <legend>Push to</legend>
          <label className="check">
            <input type="radio" name="targets" checked={everyone} onChange={() => setEveryone(true)} data-testid="push-all" /> All connected districts, including those that connect later
          </label>
          <label className="check">
            <input type="radio" name="targets" checked={!everyone} onChange={() => setEveryone(false)} data-testid="push-chosen" /> Only these districts:
          </label>
          <div className="indent">
            {districts.map((d) => (
              <label key={d.id} className="check">
                <input type="checkbox" disabled={everyone} checked={chosen.includes(d.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, d.id] : chosen.filter((x) => x !== d.id))} />
                {d.name}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={push} disabled={state.busy} data-testid="push-submit">
          {current ? "Update the push" : "Push to districts"}
        </button>
        {current && (
          <button type="button" className="btn btn-secondary" onClick={() => setConfirmWithdraw(true)} disabled={state.busy} data-testid="push-withdraw">
            Withdraw the push
          </button>
        )}
      </div>
      {notice && <p className="notice notice-good" role="status" data-testid="push-result">{notice}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
      <ConfirmDialog open={confirmWithdraw} title="Withdraw this push?" confirmLabel="Withdraw" busy={state.busy} onConfirm={withdraw} onCancel={() => setConfirmWithdraw(false)}>
        <p>Districts and schools will stop using “{template.title}” for new walkthroughs. Walkthroughs already done keep their ratings, and the figures stay in your analytics.</p>
      </ConfirmDialog>
    </div>
  );
}
