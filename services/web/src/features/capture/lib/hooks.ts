// React's view of the device store and the sync runner: screens re-read when anything changes
// in this tab or another one.
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { syncStatus, type SyncStatus } from "../api/runner";
import { loadKit, loadRecord, onStoreChange, recordsOf } from "./db";
import type { CaptureRecord, OfflineKit } from "./types";

/** undefined while reading; null when the device holds nothing. */
function useStored<T>(read: () => Promise<T | undefined>, deps: unknown[]): T | null | undefined {
  const [value, setValue] = useState<T | null | undefined>(undefined);
  const load = useCallback(read, deps);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void load().then(
        (v) => live && setValue(v ?? null),
        () => live && setValue(null),
      );
    refresh();
    const stop = onStoreChange(refresh);
    return () => {
      live = false;
      stop();
    };
  }, [load]);
  return value;
}

export function useKit(owner: string): OfflineKit | null | undefined {
  return useStored(() => loadKit(owner), [owner]);
}

export function useRecords(owner: string): CaptureRecord[] | undefined {
  return useStored(() => recordsOf(owner), [owner]) ?? undefined;
}

export function useRecord(id: string): CaptureRecord | null | undefined {
  return useStored(() => loadRecord(id), [id]);
}

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(syncStatus.subscribe, syncStatus.get, syncStatus.get);
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

/** Seconds since `startedAt`, ticking once a second. */
export function useElapsed(startedAt: string | undefined, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return startedAt ? Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000)) : 0;
}
