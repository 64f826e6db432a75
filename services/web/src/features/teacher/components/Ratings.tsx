// The look-fors of one walkthrough: what was looked for, the rating given (its level label where
// the scale has one), and the observer's note on it.
import type { Walkthrough } from "../api/walkthroughs";
import { lookForNotes } from "../lib/status";

export function Ratings({ walkthrough }: { walkthrough: Walkthrough }) {
  const notes = lookForNotes(walkthrough);
  return (
    <table className="data-table" data-testid="feedback-ratings">
      <caption className="visually-hidden">Look-fors and ratings</caption>
      <thead>
        <tr>
          <th scope="col">Look-for</th>
          <th scope="col">Rating</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {(walkthrough.ratings ?? []).map((r) => (
          <tr key={r.indicator_key} data-testid="feedback-rating" data-indicator={r.indicator_key} data-value={r.value}>
            <th scope="row">{r.indicator_text ?? r.indicator_key}</th>
            <td>{r.label ? `${r.label} (${r.value})` : r.value}</td>
            <td>{r.indicator_key && notes[r.indicator_key] ? notes[r.indicator_key] : <span className="muted">–</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
