import { Link, useRouteError } from "react-router";

/** A screen that failed to load (often a new release replaced its chunk): say what to do. */
export function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <div className="page narrow" role="alert" data-testid="route-error">
      <h1>Something went wrong on this page</h1>
      <p className="lead">Reload the page to try again. If Canopy was just updated, a reload fetches the new version.</p>
      <p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Reload
        </button>{" "}
        <Link to="/">Go to your overview</Link>
      </p>
    </div>
  );
}
