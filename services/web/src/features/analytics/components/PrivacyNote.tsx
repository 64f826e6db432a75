// The published privacy rule in plain words (GET /v1/privacy-rule), beside every region figure.
import type { SuppressionBlock } from "../api/types";
import { usePrivacyRule } from "../api/hooks";

export function PrivacyNote({ suppression, compact = false }: { suppression?: SuppressionBlock; compact?: boolean }) {
  const rule = usePrivacyRule();
  if (suppression && !suppression.applied) {
    // The district workspace says so once, in its banner (ExactFiguresBanner).
    return null;
  }
  const k = rule.data?.k ?? (suppression?.applied ? suppression.k : undefined);
  const codes = rule.data?.coded_displays;
  const hidden = suppression?.applied ? suppression.suppressed_cells : undefined;
  return (
    <aside className="privacy-note" aria-label="How figures are protected" data-testid="privacy-note">
      <p>
        <strong>Trends, not names.</strong>{" "}
        {k !== undefined ? (
          <>
            A figure is shown only when at least <strong data-testid="privacy-k">{k}</strong> different teachers were
            observed.
          </>
        ) : (
          "Figures for small groups are hidden."
        )}{" "}
        Hidden figures are hatched, with the reason on hover or focus; other figures are hidden too when they could be used
        to work one out by subtraction.
        {codes && <> Shares below {codes.bottom.slice(1)} show as {codes.bottom} and shares of {codes.top.slice(1)} or more as {codes.top}.</>}
        {hidden !== undefined && (
          <>
            {" "}
            <span data-testid="suppressed-count" data-value={hidden}>
              {hidden === 0 ? "Nothing is hidden on this screen." : `${hidden} figure${hidden === 1 ? " is" : "s are"} hidden on this screen.`}
            </span>
          </>
        )}
      </p>
      {!compact && rule.data && (
        <details>
          <summary>The full published rule</summary>
          <ul>
            {rule.data.rules.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <p className="muted">Based on: {rule.data.sources.map((s) => s.name).join("; ")}.</p>
        </details>
      )}
    </aside>
  );
}
