import { afterEach, describe, expect, it, vi } from "vitest";
import { registerNavigate, sendToSignIn } from "@/lib/auth/navigation";
import { sessionStore } from "@/lib/auth/session-store";
import { createApiClients, unwrap } from "./clients";
import { ApiError } from "./errors";

const CONFIG = {
  services: { tenancy: "http://t.test", templates: "http://tp.test", intake: "http://i.test", analytics: "http://a.test" },
};

function respond(status: number, body: unknown) {
  return vi.fn(async (_request: Request) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  registerNavigate(null);
  window.history.replaceState(null, "", "/");
});

describe("API clients", () => {
  it("sends the bearer token and never puts it in the URL", async () => {
    const fetchMock = respond(200, { org: "region:r" });
    vi.stubGlobal("fetch", fetchMock);
    const api = createApiClients(CONFIG, { token: () => "tok-123", onUnauthorized: vi.fn() });
    await api.analytics.GET("/v1/summary", {});
    const request = fetchMock.mock.calls[0]![0];
    expect(request.headers.get("Authorization")).toBe("Bearer tok-123");
    expect(request.url).toBe("http://a.test/v1/summary");
    expect(request.url).not.toContain("tok-123");
  });

  it("reports a 401 on a signed request as the end of the session", async () => {
    vi.stubGlobal("fetch", respond(401, { error: { status: 401, code: "unauthorized", message: "token expired" } }));
    const onUnauthorized = vi.fn();
    const api = createApiClients(CONFIG, { token: () => "old", onUnauthorized });
    await expect(unwrap(api.analytics.GET("/v1/summary", {}))).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it("does not treat a wrong password (unsigned 401) as an ended session", async () => {
    vi.stubGlobal("fetch", respond(401, { error: { message: "wrong email or password" } }));
    const onUnauthorized = vi.fn();
    const api = createApiClients(CONFIG, { token: () => null, onUnauthorized });
    await api.tenancy.POST("/v1/auth/token", { body: { email: "a@b.c", password: "x" } });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("turns the service's error body into a message naming the field", async () => {
    vi.stubGlobal("fetch", respond(422, { error: { status: 422, code: "validation_failed", message: "end is before start", field: "end" } }));
    const api = createApiClients(CONFIG, { token: () => "t", onUnauthorized: vi.fn() });
    const error = await unwrap(api.analytics.GET("/v1/summary", {})).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, message: "end is before start", field: "end" });
  });
});

describe("401 → sign-in", () => {
  it("forgets the session and goes to sign-in with the current path and filters as next", () => {
    window.history.replaceState(null, "", "/region/trends?template=t1&by=week");
    const navigate = vi.fn();
    registerNavigate(navigate);
    const signOut = vi.spyOn(sessionStore, "signOut");
    sendToSignIn("expired");
    expect(signOut).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(
      "/sign-in?next=%2Fregion%2Ftrends%3Ftemplate%3Dt1%26by%3Dweek&reason=expired",
      { replace: true },
    );
  });

  it("starts afresh after signing out on purpose", () => {
    window.history.replaceState(null, "", "/region/exports");
    const navigate = vi.fn();
    registerNavigate(navigate);
    sendToSignIn("signed-out");
    expect(navigate).toHaveBeenCalledWith("/sign-in?reason=signed-out", { replace: true });
  });
});
