// The district sets how many walkthroughs a week it expects of each observer.
import { useState } from "react";
import { useApi } from "@/lib/app-context";
import { describeError } from "@/lib/api/errors";
import { invalidate } from "@/lib/use-query";
import { insightApi } from "../api/insight";

export function TargetForm({ current, onSaved }: { current: number | null; onSaved: () => void }) {
  const api = useApi();
  const [value, setValue] = useState(current ? String(current) : "");
  const [state, setState] = useState<{ busy: boolean; error?: string; saved?: boolean }>({ busy: false });
  const save = async () => {
    setState({ busy: true });
    try {
      await insightApi.setTarget(api, Number(value));
      invalidate("insight:coverage");
      setState({ busy: false, saved: true });
      onSaved();
    } catch (error) {
      setState({ busy: false, error: describeError(error) });
    }
  };
  return (
    <form
      className="target-form"
      aria-label="Weekly target"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor="weekly-target">Walkthroughs a week per observer</label>
      <input
        id="weekly-target"
        type="number"
        min={1}
        max={50}
        required
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-describedby={state.error ? "weekly-target-error" : undefined}
        aria-invalid={state.error ? true : undefined}
        data-testid="target-input"
      />
      <button type="submit" className="btn btn-secondary" disabled={state.busy} data-testid="target-save">
        {state.busy ? "Saving…" : "Save target"}
      </button>
      {state.saved && <span role="status" className="muted small">Saved</span>}
      {state.error && (
        <span id="weekly-target-error" role="alert" className="field-error">
          {state.error}
        </span>
      )}
    </form>
  );
}
