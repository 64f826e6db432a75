// A small data hook: one answer per key, cached for the tab so going back to a screen or
// undoing a filter shows the last answer at once while a fresh one loads.
import { useCallback, useEffect, useRef, useState } from "react";

interface Entry {
  data: unknown;
  at: number;
}
const cache = new Map<string, Entry>();
const FRESH_MS = 30_000;

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function invalidate(prefix: string): void {
  for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
}

export function useQuery<T>(key: string | null, fetcher: () => Promise<T>): QueryState<T> {
  const cached = key ? (cache.get(key)?.data as T | undefined) : undefined;
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: unknown }>(
    { key, data: cached, error: undefined },
  );
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    if (!key) return;
    const entry = cache.get(key);
    if (entry && tick === 0 && Date.now() - entry.at < FRESH_MS) {
      setState({ key, data: entry.data as T, error: undefined });
      return;
    }
    let live = true;
    setState((s) => ({ key, data: s.key === key ? s.data : (entry?.data as T | undefined), error: undefined }));
    fetcherRef.current().then(
      (data) => {
        cache.set(key, { data, at: Date.now() });
        if (live) setState({ key, data, error: undefined });
      },
      (error: unknown) => {
        if (live) setState({ key, data: undefined, error });
      },
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => {
    if (key) cache.delete(key);
    setTick((t) => t + 1);
  }, [key]);

  const current = state.key === key;
  return {
    data: current ? state.data : cached,
    error: current ? state.error : undefined,
    loading: !!key && (!current || (state.data === undefined && state.error === undefined)),
    reload,
  };
}
