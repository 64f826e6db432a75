// One horizontal bar per row, split into its rating levels (shares of ratings). Each segment is
// labelled with its share when wide enough; the level names are in the legend and in every
// segment's accessible name.
import { levelColours, textOn } from "./palette";

export interface StackRow {
  key: string;
  label: string;
  state: "value" | "suppressed" | "empty";
  reason?: string;
  segments: { key: string; label: string; share: number; display: string }[];
}

export function StackedBars({ rows, levels, caption }: { rows: StackRow[]; levels: { key: string; label: string }[]; caption: string }) {
  const colours = levelColours(levels.length);
  const colourOf = (key: string) => colours[Math.max(0, levels.findIndex((l) => l.key === key))] ?? "#999";
  return (
    <div className="stacked" data-testid="stacked-bars">
      <p className="visually-hidden">{caption}</p>
      <ul className="legend" aria-label="Rating levels">
        {levels.map((l) => (
          <li key={l.key}>
            <span className="swatch" style={{ background: colourOf(l.key) }} aria-hidden="true" />
            {l.label}
          </li>
        ))}
      </ul>
      {rows.map((row) => (
        <div key={row.key} className="stack-row" data-testid="stack-row" data-row={row.key} data-state={row.state}>
          <div className="stack-label">{row.label}</div>
          {row.state === "value" ? (
            <div className="stack-bar" role="list" aria-label={row.label}>
              {row.segments.map((s) => {
                const bg = colourOf(s.key);
                return (
                  <div
                    key={s.key}
                    role="listitem"
                    className="stack-seg"
                    style={{ width: `${Math.max(0, s.share) * 100}%`, background: bg, color: textOn(bg) }}
                    aria-label={`${s.label}: ${s.display}`}
                    title={`${s.label}: ${s.display}`}
                    data-testid="stack-segment"
                    data-level={s.key}
                    data-value={s.display}
                  >
                    {s.share >= 0.08 ? s.display : ""}
                  </div>
                );
              })}
            </div>
          ) : (
            <div className={`stack-bar stack-${row.state}`} tabIndex={0} aria-label={`${row.label}: ${row.reason ?? "no figure"}`} data-suppressed={row.state === "suppressed" || undefined}>
              <span>{row.state === "suppressed" ? "Hidden" : "No ratings"}</span>
              <span className="heat-tip" role="tooltip">{row.reason}</span>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
