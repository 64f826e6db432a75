// Loading, empty and error states: every screen says what is happening and what to do next.
import type { ReactNode } from "react";
import { describeError } from "@/lib/api/errors";

export function Skeleton({ height = 16, width = "100%", label }: { height?: number; width?: number | string; label?: string }) {
  return <div className="skeleton" style={{ height, width }} aria-hidden={label ? undefined : true} aria-label={label} />;
}

export function LoadingBlock({ label = "Loading", rows = 4 }: { label?: string; rows?: number }) {
  return (
    <div className="loading-block" role="status" aria-live="polite" data-testid="loading">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={i === 0 ? 28 : 16} width={i === 0 ? "40%" : `${90 - i * 12}%`} />
      ))}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
        <circle cx="20" cy="20" r="18" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="4 4" />
        <path d="M13 21h14M20 14v14" stroke="currentColor" strokeWidth="2" />
      </svg>
      <h2 className="state-title">{title}</h2>
      {children && <div className="empty-text">{children}</div>}
      {action}
    </div>
  );
}

export function ErrorState({ error, retry, title = "This could not be loaded" }: { error: unknown; retry?: () => void; title?: string }) {
  return (
    <div className="error-state" role="alert" data-testid="error-state">
      <h2 className="state-title">{title}</h2>
      <p>{describeError(error)}</p>
      {retry && (
        <button type="button" className="btn btn-secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Shows children when data is there; otherwise the loading or error state. */
export function Async<T>({
  state,
  children,
  rows,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
  rows?: number;
}) {
  if (state.error) return <ErrorState error={state.error} retry={state.reload} />;
  if (state.data === undefined) return <LoadingBlock rows={rows} />;
  return <>{children(state.data)}</>;
}
