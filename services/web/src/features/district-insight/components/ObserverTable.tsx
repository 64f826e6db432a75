// Each observer's visits in the window against what the district's weekly target expects.
import type { Coverage } from "../api/insight";
import { observerLines } from "../lib/coverage";

export function ObserverTable({ coverage, names, schoolName }: { coverage: Coverage; names: Map<string, string>; schoolName: (id: string) => string }) {
  const lines = observerLines(coverage, names);
  const expected = coverage.expected_per_observer ?? null;
  if (lines.length === 0) return <p className="muted">No observers are assigned to these schools yet, and nobody observed here in this window.</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">Walkthroughs per observer and school in this window</caption>
      <thead>
        <tr>
          <th scope="col">Observer</th>
          <th scope="col">School</th>
          <th scope="col" className="num">Walkthroughs</th>
          <th scope="col">Against target</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((o) => {
          const pct = o.progress === null ? null : Math.round(Math.min(o.progress, 1) * 100);
          const onTrack = o.progress !== null && o.progress >= 1;
          return (
            <tr key={`${o.observerId}:${o.schoolId}`} data-testid="observer-row" data-observer={o.observerId} data-school={o.schoolId} data-value={o.walkthroughs}>
              <th scope="row">
                {o.name}
                {!o.assigned && <span className="muted small"> (visiting)</span>}
              </th>
              <td>{schoolName(o.schoolId)}</td>
              <td className="num">{o.walkthroughs}</td>
              <td>
                {pct === null || expected === null ? (
                  <span className="muted">No target</span>
                ) : (
                  <span className="target-meter">
                    <span className="target-track" aria-hidden="true">
                      <span className={`target-fill${onTrack ? " on-track" : ""}`} style={{ width: `${pct}%` }} />
                    </span>
                    <span>{onTrack ? "On target" : `${o.walkthroughs} of ${expected}`}</span>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
