// Adopt the goal of the tier above as it is, or adapt it with a target of your own; either way
// the link to it is recorded and shown on both goals.
import { useState, type FormEvent } from "react";
import { TextField } from "@/components/ui/Form";
import type { AdoptionRequest, Goal } from "../api/goals";
import { fieldErrors } from "./GoalForm";

export function AdoptForm({ goal, busy, error, onSubmit }: { goal: Goal; busy: boolean; error: unknown; onSubmit: (body: AdoptionRequest) => void }) {
  const [mode, setMode] = useState<"adopt" | "adapt">("adopt");
  const [share, setShare] = useState(String(Math.round(goal.target_share * 100)));
  const [deadline, setDeadline] = useState(goal.deadline);
  const [owner, setOwner] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(error), ...local };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!owner.trim()) {
      setLocal({ owner: "Who owns this goal here?" });
      return;
    }
    setLocal({});
    const adapted = mode === "adapt" ? { target_share: Number(share) / 100, deadline } : {};
    onSubmit({ mode, owner: owner.trim(), ...adapted });
  }

  return (
    <form onSubmit={submit} data-testid="adopt-form" noValidate>
      <fieldset className="checkbox-group">
        <legend>How</legend>
        <label className="check">
          <input type="radio" name="mode" checked={mode === "adopt"} onChange={() => setMode("adopt")} data-testid="adopt-mode-adopt" />
          Adopt as it is (same target and deadline)
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={mode === "adapt"} onChange={() => setMode("adapt")} data-testid="adopt-mode-adapt" />
          Adapt with our own target
        </label>
      </fieldset>
      <div className="form-grid">
        {mode === "adapt" && (
          <>
            <TextField label="Our target share (%)" type="number" min={1} max={100} value={share} onChange={(e) => setShare(e.target.value)} error={errors.target_share} data-testid="adopt-share" />
            <TextField label="Our deadline" type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} error={errors.deadline} data-testid="adopt-deadline" />
          </>
        )}
        <TextField label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} error={errors.owner} data-testid="adopt-owner" />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="adopt-submit">
        {mode === "adopt" ? "Adopt this goal" : "Adapt this goal"}
      </button>
    </form>
  );
}
