// Where sign-in sends a person back to. Only same-app paths are accepted, so a crafted
// ?next= cannot send a signed-in person to another site.
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (next.startsWith("/sign-in")) return null;
  return next;
}

/** The sign-in URL that brings the person back to `path` (path + query) afterwards. */
export function signInPath(path: string, reason?: "expired" | "signed-out"): string {
  const params = new URLSearchParams();
  const next = safeNext(path);
  if (next && next !== "/") params.set("next", next);
  if (reason) params.set("reason", reason);
  const query = params.toString();
  return query ? `/sign-in?${query}` : "/sign-in";
}

/** Where to go when a session ends: signing out starts afresh; an ended session comes back to
 * the same screen and filters. */
export function signInTarget(path: string, reason: "expired" | "signed-out" | undefined): string {
  return reason === "signed-out" ? "/sign-in?reason=signed-out" : signInPath(path, reason);
}
