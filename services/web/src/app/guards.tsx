// Route guards: no session → sign-in (keeping the path); a role that may not use a route → a page
// that says so and what to do instead.
import type { ReactNode } from "react";
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { useDocumentTitle } from "@/components/ui/Layout";
import { useSession } from "@/lib/app-context";
import { signInTarget } from "@/lib/auth/redirect";
import { sessionStore } from "@/lib/auth/session-store";
import { roleLabel, type Role } from "@/lib/auth/roles";
import { homeFor, itemForPath } from "./navigation";

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const target = signInTarget(`${location.pathname}${location.search}`, sessionStore.endedBecause());
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}

export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return null;
  if (!roles.includes(session.claims.role)) {
    const action = itemForPath(location.pathname)?.action ?? "open this page";
    return <RoleRefusal role={session.claims.role} action={action} />;
  }
  return children ? <>{children}</> : <Outlet />;
}

export function RoleRefusal({ role, action }: { role: Role; action: string }) {
  useDocumentTitle("Not available for your role");
  const admin = role.startsWith("region") ? "your region admin" : "your district admin";
  return (
    <div className="page narrow" data-testid="role-refusal">
      <h1 tabIndex={-1}>Your role ({roleLabel(role)}) cannot {action}</h1>
      <p className="lead">
        This page is for other roles. Canopy shows each role only what it may do; if you need this, ask {admin} to do
        it for you or to change your role.
      </p>
      <Link className="btn btn-primary" to={homeFor(role)}>
        Go to your overview
      </Link>
    </div>
  );
}

export function NotFound() {
  const session = useSession();
  useDocumentTitle("Page not found");
  return (
    <div className="page narrow" data-testid="not-found">
      <h1 tabIndex={-1}>This page does not exist</h1>
      <p className="lead">The address may be mistyped, or the page may have moved. Use the navigation to find what you need.</p>
      <Link className="btn btn-primary" to={session ? homeFor(session.claims.role) : "/sign-in"}>
        {session ? "Go to your overview" : "Sign in"}
      </Link>
    </div>
  );
}

export function HomeRedirect() {
  const session = useSession();
  return <Navigate to={session ? homeFor(session.claims.role) : "/sign-in"} replace />;
}

export function Welcome() {
  const session = useSession();
  return (
    <div className="page narrow" data-testid="welcome">
      <h1 tabIndex={-1}>Welcome to Canopy</h1>
      <p className="lead">
        The {session ? roleLabel(session.claims.role) : ""} workspace is coming to the web app soon. Until then, your
        organisation's Canopy administrator can help with walkthroughs, rosters and templates.
      </p>
    </div>
  );
}
