// Lines over time with honest gaps: a hidden (suppressed) or empty period breaks the line; it is
// never joined across, never drawn at zero. Hidden periods are marked below the axis with their
// reason, shown on hover and on keyboard focus. The chart is one tab stop; arrow keys move
// between points (left/right: periods, up/down: lines).
import { scaleLinear, scalePoint } from "d3-scale";
import { line as d3line } from "d3-shape";
import { useId, useState, type KeyboardEvent } from "react";
import { LINE_COLOURS, LINE_DASHES } from "./palette";
import { ChartTooltip } from "./Tooltip";

export interface ChartPoint {
  period: string;
  index: number;
  state: "value" | "suppressed" | "empty";
  value: number | null;
  display: string;
  reason?: string;
}

export interface ChartLine {
  key: string;
  label: string;
  points: ChartPoint[];
}

interface Props {
  lines: ChartLine[];
  periods: { period: string; label: string; long: string }[];
  yDomain: [number, number];
  yTicks: number[];
  yFormat: (n: number) => string;
  label: string;
  height?: number;
  /** What the hatched row under the axis is called, and its legend entry, when the gaps are not
   * (only) privacy decisions — e.g. region months not published yet (issue #19). */
  gapLabel?: { row: string; legend: string };
}

const W = 760;
const M = { top: 16, right: 16, bottom: 58, left: 48 };

export function LineChart({ lines, periods, yDomain, yTicks, yFormat, label, height = 320, gapLabel }: Props) {
  const [active, setActive] = useState<{ line: number; index: number } | null>(null);
  const [focusable, setFocusable] = useState({ line: 0, index: 0 });
  const [emphasis, setEmphasis] = useState<string | null>(null);
  const dimmed = (key: string) => emphasis !== null && emphasis !== key;
  const titleId = useId();
  const hatchId = `hatch${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const x = scalePoint<number>()
    .domain(periods.map((_, i) => i))
    .range([M.left, W - M.right])
    .padding(0.3);
  const y = scaleLinear().domain(yDomain).range([height - M.bottom, M.top]);
  const path = d3line<ChartPoint>()
    .defined((p) => p.state === "value" && p.value !== null)
    .x((p) => x(p.index) ?? 0)
    .y((p) => y(p.value ?? 0));
  const hiddenRowY = height - M.bottom + 40;
  const every = Math.max(1, Math.ceil(periods.length / 12));

  function move(event: KeyboardEvent) {
    const cur = active ?? focusable;
    let { line, index } = cur;
    if (event.key === "ArrowRight") index = Math.min(periods.length - 1, index + 1);
    else if (event.key === "ArrowLeft") index = Math.max(0, index - 1);
    else if (event.key === "ArrowDown") line = Math.min(lines.length - 1, line + 1);
    else if (event.key === "ArrowUp") line = Math.max(0, line - 1);
    else if (event.key === "Home") index = 0;
    else if (event.key === "End") index = periods.length - 1;
    else if (event.key === "Escape") return setActive(null);
    else return;
    event.preventDefault();
    setFocusable({ line, index });
    setActive({ line, index });
    const target = (event.currentTarget as SVGElement).querySelector<SVGElement>(`[data-key="${line}-${index}"]`);
    target?.focus();
  }

  const activePoint = active ? lines[active.line]?.points[active.index] : undefined;
  const activeLine = active ? lines[active.line] : undefined;
  const pointY = (p: ChartPoint) => (p.state === "value" && p.value !== null ? y(p.value) : hiddenRowY);

  return (
    <div className="chart-box">
      <svg viewBox={`0 0 ${W} ${height}`} className="chart" role="group" aria-labelledby={titleId} onKeyDown={move} data-testid="line-chart">
        <title id={titleId}>{`${label}. Use the arrow keys to read each point; hidden periods are marked below the axis.`}</title>
        {yTicks.map((t) => (
          <g key={t} className="gridline">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end">{yFormat(t)}</text>
          </g>
        ))}
        {periods.map((p, i) =>
          i % every === 0 ? (
            <text key={p.period} className="axis-label" x={x(i)} y={height - M.bottom + 18} textAnchor="middle">
              {p.label}
            </text>
          ) : null,
        )}
        {/* The row below the axis says what its marks are: hatched squares are hidden figures,
            small grey dots periods without walkthroughs (or not yet published). */}
        <text className="axis-note" x={M.left - 8} y={hiddenRowY} dy="0.32em" textAnchor="end">{gapLabel?.row ?? rowLabel(lines)}</text>
        <line className="hidden-row" x1={M.left} x2={W - M.right} y1={hiddenRowY} y2={hiddenRowY} />
        {lines.map((ln, li) => (
          <g key={ln.key} data-testid="trend-line" data-line={ln.key} opacity={dimmed(ln.key) ? 0.18 : 1}>
            <path d={path(ln.points) ?? ""} fill="none" stroke={LINE_COLOURS[li % LINE_COLOURS.length]} strokeWidth={2.25} strokeDasharray={LINE_DASHES[li % LINE_DASHES.length]} />
            {ln.points.map((p) => {
              const isFocus = focusable.line === li && focusable.index === p.index;
              const cx = x(p.index) ?? 0;
              const common = {
                "data-testid": "trend-point",
                "data-key": `${li}-${p.index}`,
                "data-line": ln.key,
                "data-period": p.period,
                "data-state": p.state,
                ...(p.state === "value" ? { "data-value": p.display } : {}),
                ...(p.state === "suppressed" ? { "data-suppressed": "true" } : {}),
                tabIndex: isFocus ? 0 : -1,
                role: "img",
                "aria-label": `${ln.label}, ${periods[p.index]?.long ?? p.period}: ${p.state === "value" ? p.display : p.reason ?? "no figure"}`,
                onMouseEnter: () => setActive({ line: li, index: p.index }),
                onMouseLeave: () => setActive(null),
                onFocus: () => setActive({ line: li, index: p.index }),
                onBlur: () => setActive(null),
                className: `point point-${p.state}`,
              } as const;
              if (p.state === "value" && p.value !== null) {
                return <circle key={p.index} {...common} cx={cx} cy={y(p.value)} r={periods.length > 20 ? 3 : 4} fill="#fff" stroke={LINE_COLOURS[li % LINE_COLOURS.length]} strokeWidth={2} />;
              }
              if (p.state === "suppressed") {
                return (
                  <g key={p.index} {...common}>
                    <rect x={cx - 5} y={hiddenRowY - 5} width={10} height={10} fill={`url(#${hatchId})`} stroke={LINE_COLOURS[li % LINE_COLOURS.length]} strokeWidth={1.5} />
                  </g>
                );
              }
              return <circle key={p.index} {...common} cx={cx} cy={hiddenRowY} r={2} fill="#9aa3ad" className="point point-empty" />;
            })}
          </g>
        ))}
        <defs>
          <pattern id={hatchId} patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">
            <rect width="4" height="4" fill="#f1f3f5" />
            <line x1="0" y1="0" x2="0" y2="4" stroke="#5f6b76" strokeWidth="1.5" />
          </pattern>
        </defs>
        {activePoint && activeLine && (
          <circle cx={x(activePoint.index) ?? 0} cy={pointY(activePoint)} r={9} className="focus-ring" pointerEvents="none" />
        )}
      </svg>
      {activePoint && activeLine && (
        <ChartTooltip x={((x(activePoint.index) ?? 0) / W) * 100} y={(pointY(activePoint) / height) * 100}>
          <strong>{activeLine.label}</strong>
          <span>{periods[activePoint.index]?.long}</span>
          <span>{activePoint.state === "value" ? activePoint.display : activePoint.reason}</span>
        </ChartTooltip>
      )}
      <ul className="legend" aria-label="Lines (choose one to highlight it)">
        {lines.map((ln, li) => (
          <li key={ln.key}>
            <button type="button" className="legend-button" aria-pressed={emphasis === ln.key} onClick={() => setEmphasis(emphasis === ln.key ? null : ln.key)} data-testid="legend-line" data-line={ln.key}>
              <svg width="28" height="10" aria-hidden="true"><line x1="0" x2="28" y1="5" y2="5" stroke={LINE_COLOURS[li % LINE_COLOURS.length]} strokeWidth="2.5" strokeDasharray={LINE_DASHES[li % LINE_DASHES.length]} /></svg>
              {ln.label}
            </button>
          </li>
        ))}
        <li>
          <svg width="12" height="12" aria-hidden="true"><rect x="1" y="1" width="10" height="10" fill={`url(#${hatchId}l)`} stroke="#5f6b76" /><defs><pattern id={`${hatchId}l`} patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)"><rect width="4" height="4" fill="#f1f3f5" /><line x1="0" y1="0" x2="0" y2="4" stroke="#5f6b76" strokeWidth="1.5" /></pattern></defs></svg>
          {gapLabel?.legend ?? "Hidden by the privacy rule (a gap in the line)"}
        </li>
      </ul>
    </div>
  );
}


function rowLabel(lines: { points: ChartPoint[] }[]): string {
  const states = new Set(lines.flatMap((ln) => ln.points.map((p) => p.state)));
  if (states.has("suppressed")) return states.has("empty") ? "hidden · none" : "hidden";
  return "no figure";
}
