// What a district admin sees when an address names something outside their district (another
// district's school, user, import or template): the services answer "not found" and reveal
// nothing; the screen says so plainly and offers the way back.
import { Link } from "react-router";
import { useDocumentTitle } from "@/components/ui/Layout";
import { ApiError } from "@/lib/api/errors";
import { ErrorState } from "@/components/ui/States";

export function NotInYourDistrict({ what, back }: { what: string; back: { to: string; label: string } }) {
  useDocumentTitle(`No such ${what}`);
  return (
    <div className="page narrow" data-testid="district-refusal">
      <h1 tabIndex={-1}>This {what} is not in your district</h1>
      <p className="lead">
        Canopy shows each district only its own {what}s. The address may be mistyped, the {what} may have been removed, or it
        belongs to another district, whose data you cannot open.
      </p>
      <Link className="btn btn-primary" to={back.to}>
        {back.label}
      </Link>
    </div>
  );
}

/** A failed load: "not in your district" for a 404 (or a 403 on someone else's item), else the
 * usual error with a retry. */
export function LoadFailure({ error, retry, what, back }: { error: unknown; retry: () => void; what: string; back: { to: string; label: string } }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return <NotInYourDistrict what={what} back={back} />;
  return <ErrorState error={error} retry={retry} />;
}
