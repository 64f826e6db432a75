// A heat map as a real table: rows (districts or schools) × columns (indicators). Colour is
// cividis by value, the number is always printed in the cell, and a hidden cell is hatched with
// its reason on hover and on keyboard focus.
import type { ReactNode } from "react";
import { cividis, textOn } from "./palette";

export interface HeatCellView {
  state: "value" | "suppressed" | "empty";
  value: number | null;
  display: string;
  reason?: string;
  detail?: string;
}

export interface HeatRowView {
  key: string;
  header: ReactNode;
  label: string;
  cells: HeatCellView[];
}

interface Props {
  caption: string;
  columns: { key: string; label: string; title: string }[];
  rows: HeatRowView[];
  domain: [number, number];
}

export function heatColour(cell: HeatCellView, domain: [number, number]): string | undefined {
  if (cell.state !== "value" || cell.value === null) return undefined;
  const [lo, hi] = domain;
  return cividis(hi === lo ? 0.5 : (cell.value - lo) / (hi - lo));
}

export function HeatMap({ caption, columns, rows, domain }: Props) {
  return (
    <div className="heatmap-scroll">
      <table className="heatmap" data-testid="heatmap">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="heat-corner">
              <span className="visually-hidden">Organisation</span>
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" title={c.title}>
                <span className="heat-col-label">{c.label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, i) => {
                const fill = heatColour(cell, domain);
                const column = columns[i];
                const text = cell.state === "value" ? cell.display : cell.state === "suppressed" ? "Hidden" : "–";
                const explain = cell.state === "value" ? cell.detail : cell.reason;
                return (
                  <td
                    key={column?.key ?? i}
                    className={`heat-cell heat-${cell.state}`}
                    style={fill ? { background: fill, color: textOn(fill) } : undefined}
                    data-testid="heat-cell"
                    data-row={row.key}
                    data-col={column?.key}
                    data-state={cell.state}
                    {...(cell.state === "value" ? { "data-value": cell.display } : {})}
                    {...(cell.state === "suppressed" ? { "data-suppressed": "true" } : {})}
                    tabIndex={cell.state === "value" ? undefined : 0}
                    aria-label={`${row.label}, ${column?.title ?? ""}: ${cell.state === "value" ? cell.display : explain ?? text}`}
                  >
                    <span aria-hidden="true">{text}</span>
                    {explain && (
                      <span className="heat-tip" role="tooltip">
                        <strong>{row.label}</strong> · {column?.title}
                        <br />
                        {explain}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The colour key: low to high along cividis, plus the hatched "hidden" swatch. */
export function HeatLegend({ domain, format, lowLabel, highLabel }: { domain: [number, number]; format: (n: number) => string; lowLabel: string; highLabel: string }) {
  const stops = Array.from({ length: 6 }, (_, i) => cividis(i / 5));
  return (
    <div className="heat-legend" aria-label="Colour key">
      <span>{lowLabel} {format(domain[0])}</span>
      <span className="heat-ramp" style={{ background: `linear-gradient(90deg, ${stops.join(", ")})` }} aria-hidden="true" />
      <span>{format(domain[1])} {highLabel}</span>
      <span className="heat-swatch heat-suppressed" aria-hidden="true" />
      <span>Hidden by the privacy rule</span>
      <span className="heat-swatch heat-empty" aria-hidden="true" />
      <span>No walkthroughs</span>
    </div>
  );
}
