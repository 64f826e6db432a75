// The visible timer: minutes and seconds in the room since the walkthrough started.
import { useElapsed } from "../lib/hooks";

export function Timer({ startedAt, running }: { startedAt: string; running: boolean }) {
  const seconds = useElapsed(startedAt, running);
  const mm = String(Math.floor(seconds / 60)).padStart(2, "0");
  const ss = String(seconds % 60).padStart(2, "0");
  return (
    <div role="timer" aria-label={`Time in the room: ${Math.floor(seconds / 60)} minutes`} data-testid="capture-timer">
      <span className="capture-timer">{mm}:{ss}</span>
    </div>
  );
}
