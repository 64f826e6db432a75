// Counts over time as columns. A hidden count is a short hatched stub marked "hidden" with its
// reason on hover and focus: it has no height because it has no number.
import { scaleBand, scaleLinear } from "d3-scale";
import { useId, useState } from "react";
import { ChartTooltip } from "./Tooltip";

export interface Column {
  key: string;
  label: string;
  long: string;
  state: "value" | "suppressed" | "empty";
  value: number | null;
  display: string;
  reason?: string;
}

const W = 760;
const M = { top: 12, right: 12, bottom: 36, left: 52 };

export function ColumnChart({ columns, label, height = 260, testId = "column" }: { columns: Column[]; label: string; height?: number; testId?: string }) {
  const [active, setActive] = useState<number | null>(null);
  const titleId = useId();
  const hatchId = `colhatch${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const max = Math.max(1, ...columns.map((c) => c.value ?? 0));
  const x = scaleBand<number>().domain(columns.map((_, i) => i)).range([M.left, W - M.right]).padding(0.22);
  const y = scaleLinear().domain([0, max]).nice().range([height - M.bottom, M.top]);
  const every = Math.max(1, Math.ceil(columns.length / 12));
  const activeCol = active !== null ? columns[active] : undefined;
  return (
    <div className="chart-box">
      <svg viewBox={`0 0 ${W} ${height}`} className="chart" role="group" aria-labelledby={titleId} data-testid={`${testId}-chart`}>
        <title id={titleId}>{label}</title>
        <defs>
          <pattern id={hatchId} patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
            <rect width="5" height="5" fill="#f1f3f5" />
            <line x1="0" y1="0" x2="0" y2="5" stroke="#5f6b76" strokeWidth="1.5" />
          </pattern>
        </defs>
        {y.ticks(5).map((t) => (
          <g key={t} className="gridline">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end">{t.toLocaleString("en-US")}</text>
          </g>
        ))}
        {columns.map((c, i) => {
          const bx = x(i) ?? 0;
          const bw = x.bandwidth();
          const common = {
            "data-testid": testId,
            "data-period": c.key,
            "data-state": c.state,
            ...(c.state === "value" ? { "data-value": String(c.value) } : {}),
            ...(c.state === "suppressed" ? { "data-suppressed": "true" } : {}),
            tabIndex: c.state === "value" ? -1 : 0,
            role: "img",
            "aria-label": `${c.long}: ${c.state === "value" ? c.display : c.reason ?? "no figure"}`,
            onMouseEnter: () => setActive(i),
            onMouseLeave: () => setActive(null),
            onFocus: () => setActive(i),
            onBlur: () => setActive(null),
          } as const;
          return (
            <g key={c.key}>
              {c.state === "value" && c.value !== null ? (
                <rect {...common} x={bx} width={bw} y={y(c.value)} height={Math.max(0, y(0) - y(c.value))} fill="#0072B2" rx={2} />
              ) : c.state === "suppressed" ? (
                <rect {...common} x={bx} width={bw} y={y(0) - 14} height={14} fill={`url(#${hatchId})`} stroke="#5f6b76" />
              ) : (
                <rect {...common} x={bx} width={bw} y={y(0) - 1} height={1} fill="#9aa3ad" />
              )}
              {i % every === 0 && (
                <text className="axis-label" x={bx + bw / 2} y={height - M.bottom + 18} textAnchor="middle">{c.label}</text>
              )}
            </g>
          );
        })}
      </svg>
      {activeCol && active !== null && (
        <ChartTooltip x={(((x(active) ?? 0) + x.bandwidth() / 2) / W) * 100} y={40}>
          <strong>{activeCol.long}</strong>
          <span>{activeCol.state === "value" ? `${activeCol.display} walkthroughs` : activeCol.reason}</span>
        </ChartTooltip>
      )}
    </div>
  );
}
