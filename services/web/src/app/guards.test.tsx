import { render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { sessionStore } from "@/lib/auth/session-store";
import { fakeToken } from "@/lib/auth/token.test";
import { RequireRole, RequireSession } from "./guards";

function signInAs(role: string) {
  sessionStore.signIn(fakeToken({ sub: "u", role, org_id: "r", org_tier: "region", region_id: "r", exp: Math.floor(Date.now() / 1000) + 3600 }));
}

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: "/sign-in", element: <p>sign-in page</p> },
      {
        path: "/",
        element: <RequireSession />,
        children: [
          { path: "region", element: <p>overview</p> },
          { path: "region/templates", element: <RequireRole roles={["region_admin"]}><p>templates</p></RequireRole> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

afterEach(() => {
  sessionStore.signOut();
  sessionStore.acknowledgeEnd();
});

describe("route guards", () => {
  it("tells a region leader their role cannot manage templates", () => {
    signInAs("region_leader");
    renderAt("/region/templates");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Your role (Region leader) cannot manage templates");
    expect(screen.queryByText("templates")).toBeNull();
  });

  it("lets a region admin in", () => {
    signInAs("region_admin");
    renderAt("/region/templates");
    expect(screen.getByText("templates")).toBeTruthy();
  });

  it("sends a visitor without a session to sign-in, keeping where they were going", async () => {
    const router = renderAt("/region?district=x");
    await screen.findByText("sign-in page");
    expect(router.state.location.search).toBe("?next=%2Fregion%3Fdistrict%3Dx");
  });
});

describe("after the session ends", () => {
  it("says the session expired and keeps the path", async () => {
    signInAs("region_leader");
    sessionStore.signOut("expired");
    const router = renderAt("/region?by=week");
    await screen.findByText("sign-in page");
    expect(router.state.location.search).toBe("?next=%2Fregion%3Fby%3Dweek&reason=expired");
  });
});
