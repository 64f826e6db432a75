// Online or not, what waits to be sent, and whether the device holds what it needs offline.
import { Link } from "react-router";
import { Badge } from "@/components/ui/Layout";
import { useOnline, useSyncStatus } from "../lib/hooks";
import type { CaptureRecord } from "../lib/types";

export function StatusBar({ records }: { records: CaptureRecord[] }) {
  const online = useOnline();
  const sync = useSyncStatus();
  const waiting = records.filter((r) => r.state === "queued").length;
  const rejected = records.filter((r) => r.state === "rejected").length;
  // The browser may think it is online on a network that goes nowhere: the last sync knows.
  const reachable = online && sync.last?.kind !== "offline";
  return (
    <div className="capture-status" data-testid="capture-status" data-online={reachable} data-waiting={waiting}>
      <Badge tone={reachable ? "good" : "warn"}>
        {reachable ? "Online" : online ? "Canopy not reachable: saving on this device" : "Offline: saving on this device"}
      </Badge>
      {waiting > 0 && (
        <Link to="/capture/outbox" data-testid="capture-waiting">
          {waiting} waiting to send{sync.running ? " (sending…)" : ""}
        </Link>
      )}
      {rejected > 0 && (
        <Link to="/capture/outbox" className="nowrap">
          <Badge tone="bad">{rejected} need{rejected === 1 ? "s" : ""} a fix</Badge>
        </Link>
      )}
      {sync.kit === "loading" && <span className="muted small">Updating schools and rosters…</span>}
    </div>
  );
}
