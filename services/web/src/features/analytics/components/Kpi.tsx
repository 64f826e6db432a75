import type { ReactNode } from "react";

export function Kpi({ label, value, detail, testId, dataValue }: { label: string; value: ReactNode; detail?: ReactNode; testId: string; dataValue?: string }) {
  return (
    <div className="kpi" data-testid={testId} data-value={dataValue}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {detail && <div className="kpi-detail">{detail}</div>}
    </div>
  );
}

/** A share as a small bar with its printed value (bars for coded shares sit at their band edge). */
export function ShareBar({ value, display, label }: { value: number | null; display: string; label: string }) {
  return (
    <span className="sharebar" role="img" aria-label={`${label}: ${display}`}>
      <span className="sharebar-track" aria-hidden="true">
        <span className="sharebar-fill" style={{ width: `${Math.round((value ?? 0) * 100)}%` }} />
      </span>
      <span className="sharebar-text" aria-hidden="true">{display}</span>
    </span>
  );
}
