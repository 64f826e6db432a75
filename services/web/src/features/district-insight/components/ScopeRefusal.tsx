// What a principal (or anyone) sees when a link asks for a school or walkthrough outside their
// scope: the service's refusal in words, and the way back. No figures are shown.
import { Link } from "react-router";
import { ApiError } from "@/lib/api/errors";
import { ErrorState } from "@/components/ui/States";

export function isScopeRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}

export function ScopeRefusal({ error, back, backLabel }: { error: ApiError; back: string; backLabel: string }) {
  const title = error.status === 404 ? "This walkthrough is not one you can see" : "This is outside what your role can see";
  return (
    <div className="scope-refusal" role="alert" data-testid="scope-refusal">
      <h2 className="state-title">{title}</h2>
      <p>{error.message}</p>
      <p className="muted">
        {error.status === 404
          ? "It may belong to another school or district, or the link may be mistyped."
          : "Principals see their own school; district staff see their district. Ask your district admin if you need more."}
      </p>
      <Link className="btn btn-secondary" to={back}>
        {backLabel}
      </Link>
    </div>
  );
}

export function InsightError({ error, retry, back, backLabel }: { error: unknown; retry: () => void; back: string; backLabel: string }) {
  return isScopeRefusal(error) ? <ScopeRefusal error={error} back={back} backLabel={backLabel} /> : <ErrorState error={error} retry={retry} />;
}
