import type { ReactNode } from "react";

/** A tooltip placed over a chart at (x%, y%) of its box: shown for the hovered or focused mark. */
export function ChartTooltip({ x, y, children }: { x: number; y: number; children: ReactNode }) {
  const alignRight = x > 70;
  return (
    <div
      className="chart-tooltip"
      role="status"
      data-testid="chart-tooltip"
      style={{
        left: `${x}%`,
        top: `${y}%`,
        transform: `translate(${alignRight ? "calc(-100% - 10px)" : "10px"}, -50%)`,
      }}
    >
      {children}
    </div>
  );
}
