// One look-for: its scale as large radio buttons (tap again on a chosen level to clear it), and
// an optional note.
import { useState } from "react";
import { Badge } from "@/components/ui/Layout";
import { choicesOf, type LookFor } from "../lib/form";

interface Props {
  item: LookFor;
  value: number | undefined;
  note: string;
  onRate: (value: number | undefined) => void;
  onNote: (text: string) => void;
}

export function LookForField({ item, value, note, onRate, onNote }: Props) {
  const [noting, setNoting] = useState(Boolean(note));
  const choices = choicesOf(item);
  const name = `lf-${item.key}`;
  return (
    <fieldset className="capture-lookfor" id={name} tabIndex={-1} data-testid="capture-lookfor" data-key={item.key} data-required={item.required}>
      <legend>
        {item.text} {item.required && <Badge tone="info">Required</Badge>}
      </legend>
      {choices.length ? (
        <div className="capture-scale">
          {choices.map((c) => (
            <label key={c.value} className="capture-level" title={c.descriptor || undefined}>
              <input
                type="radio"
                name={name}
                value={c.value}
                checked={value === c.value}
                onChange={() => onRate(c.value)}
                onClick={() => value === c.value && onRate(undefined)}
                data-testid="capture-level"
              />
              <span>
                {c.label}
                {item.scale.kind === "levels" && <small>{c.value}</small>}
              </span>
            </label>
          ))}
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${name}-count`}>Count</label>
          <input
            id={`${name}-count`}
            type="number"
            inputMode="numeric"
            min={item.scale.min ?? 0}
            max={item.scale.max ?? undefined}
            value={value ?? ""}
            onChange={(e) => onRate(e.target.value === "" ? undefined : Number(e.target.value))}
          />
        </div>
      )}
      {noting ? (
        <div className="field">
          <label htmlFor={`${name}-note`}>Note on this look-for</label>
          <textarea id={`${name}-note`} rows={2} maxLength={4000} value={note} onChange={(e) => onNote(e.target.value)} />
        </div>
      ) : (
        <button type="button" className="link-button small" onClick={() => setNoting(true)}>
          Add a note<span className="visually-hidden"> on {item.text}</span>
        </button>
      )}
    </fieldset>
  );
}
