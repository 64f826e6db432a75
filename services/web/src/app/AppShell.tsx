// The signed-in frame: header (organisation, person, role, sign-out), side navigation filtered
// by role, and the page. A skip link jumps over the navigation.
import { useEffect, useRef, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigation } from "react-router";
import { Icon } from "@/components/ui/Icon";
import { unwrap } from "@/lib/api/clients";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { sendToSignIn } from "@/lib/auth/navigation";
import { roleLabel } from "@/lib/auth/roles";
import { msUntilExpiry } from "@/lib/auth/token";
import { useQuery } from "@/lib/use-query";
import { navFor } from "./navigation";

function useOrgName(): { person?: string; org?: string } {
  const api = useApi();
  const { claims } = useRequiredSession();
  const me = useQuery(`me:${claims.sub}`, () => unwrap(api.tenancy.GET("/v1/me")));
  const org = useQuery(`org:${claims.org_id}`, async () => {
    if (claims.org_tier === "region") {
      const r = await unwrap(api.tenancy.GET("/v1/regions/{region_id}", { params: { path: { region_id: claims.org_id } } }));
      return r.name;
    }
    if (claims.org_tier === "district") {
      const d = await unwrap(api.tenancy.GET("/v1/districts/{district_id}", { params: { path: { district_id: claims.org_id } } }));
      return d.name;
    }
    const s = await unwrap(api.tenancy.GET("/v1/schools/{school_id}", { params: { path: { school_id: claims.org_id } } }));
    return s.name;
  });
  return { person: me.data?.display_name, org: org.data };
}

function useExpiryTimer(): void {
  const { claims } = useRequiredSession();
  useEffect(() => {
    // Browsers cap timers at ~24.8 days; tokens live far shorter.
    const ms = Math.min(Math.max(msUntilExpiry(claims), 0), 2 ** 31 - 1);
    const timer = window.setTimeout(() => sendToSignIn("expired"), ms);
    return () => window.clearTimeout(timer);
  }, [claims]);
}

/** After moving to another screen, put focus on its heading so a screen reader announces it and
 * the next Tab starts at the top of the new content. */
function useFocusOnNavigate(): void {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      const heading = document.querySelector<HTMLElement>("#main h1");
      (heading ?? document.getElementById("main"))?.focus({ preventScroll: false });
    }, 50);
    return () => window.clearTimeout(timer);
  }, [location.pathname]);
}

export function AppShell() {
  const { claims } = useRequiredSession();
  const { person, org } = useOrgName();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  useExpiryTimer();
  useFocusOnNavigate();
  const navigation = useNavigation();
  useEffect(() => setNavOpen(false), [location.pathname]);
  useEffect(() => {
    if (!navOpen) return;
    const close = (e: KeyboardEvent) => e.key === "Escape" && setNavOpen(false);
    window.addEventListener("keydown", close);
    return () => window.removeEventListener("keydown", close);
  }, [navOpen]);
  const items = navFor(claims.role);
  const groups = [...new Set(items.map((i) => i.group))];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={navOpen}
          aria-controls="sidenav"
          onClick={() => setNavOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">Menu</span>
        </button>
        <div className="brand">
          <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#1d4e46" /><path d="M16 6c-5 0-9 3.6-9 8.2 0 3.3 2.2 5.6 5.6 6.2V26h6.8v-5.6c3.4-.6 5.6-2.9 5.6-6.2C25 9.6 21 6 16 6z" fill="#9fd8c4" /></svg>
          <span>Canopy</span>
        </div>
        <div className="org" data-testid="header-org">{org ?? "\u00a0"}</div>
        <div className="who">
          <span className="who-name" data-testid="header-person">{person ?? ""}</span>
          <span className="role-chip" data-testid="header-role">{roleLabel(claims.role)}</span>
          <button type="button" className="btn btn-ghost" onClick={() => sendToSignIn("signed-out")} data-testid="sign-out">
            <Icon name="out" size={16} /> Sign out
          </button>
        </div>
      </header>
      {navigation.state === "loading" && <div className="route-progress" role="progressbar" aria-label="Opening the page" />}
      <div className="shell-body">
        <nav id="sidenav" className={`sidenav${navOpen ? " open" : ""}`} aria-label="Main" data-testid="sidenav">
          {groups.map((group) => (
            <div key={group} className="nav-group">
              <div className="nav-group-title">{group}</div>
              <ul>
                {items
                  .filter((i) => i.group === group)
                  .map((item) => (
                    <li key={item.path}>
                      <NavLink to={item.path} end={item.path === "/region" || item.path === "/district" || item.path === "/district/analytics" || item.path === "/capture"} data-testid={`nav-${item.path.split("/").pop()}`}>
                        <Icon name={item.icon} />
                        {item.label}
                      </NavLink>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
