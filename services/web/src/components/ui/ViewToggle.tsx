// "Chart | Table": every chart has a table of the same numbers, one click (or key) away.
import { useId, useState, type ReactNode } from "react";

export function ChartOrTable({ label, chart, table, initial = "chart" }: { label: string; chart: ReactNode; table: ReactNode; initial?: "chart" | "table" }) {
  const [view, setView] = useState(initial);
  const id = useId();
  return (
    <div className="chart-or-table">
      <div className="segmented" role="group" aria-label={`${label}: show as`}>
        {(["chart", "table"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            aria-controls={id}
            onClick={() => setView(v)}
            data-testid={`view-${v}`}
          >
            {v === "chart" ? "Chart" : "Table"}
          </button>
        ))}
      </div>
      <div id={id}>{view === "chart" ? chart : table}</div>
    </div>
  );
}
