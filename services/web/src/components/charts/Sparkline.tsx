// A small line of recent values with gaps where figures are hidden or missing.
import { scaleLinear } from "d3-scale";
import { line as d3line } from "d3-shape";

export function Sparkline({ values, domain, label, width = 120, height = 32 }: { values: (number | null)[]; domain?: [number, number]; label: string; width?: number; height?: number }) {
  const x = scaleLinear().domain([0, Math.max(1, values.length - 1)]).range([3, width - 3]);
  const known = values.filter((v): v is number => v !== null);
  const lo = Math.min(...known), hi = Math.max(...known);
  const y = scaleLinear()
    .domain(domain ?? (known.length ? [lo - 0.15, hi + 0.15] : [0, 1]))
    .range([height - 3, 3]);
  const path = d3line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => x(i))
    .y((v) => y(v ?? 0));
  const lastIndex = values.reduce<number>((last, v, i) => (v !== null ? i : last), -1);
  const last = lastIndex >= 0 ? values[lastIndex] : null;
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="sparkline" data-testid="sparkline">
      <path d={path(values) ?? ""} fill="none" stroke="#0072B2" strokeWidth={1.75} />
      {last != null && <circle cx={x(lastIndex)} cy={y(last)} r={2.5} fill="#0072B2" />}
    </svg>
  );
}
