// Leaving for sign-in from outside React (the API layer, the expiry timer). The app registers
// the router's navigate function; before that, a full page load does the same.
import { signInTarget } from "./redirect";
import { sessionStore } from "./session-store";

type Navigate = (to: string, options?: { replace?: boolean }) => void;
let navigate: Navigate | null = null;

export function registerNavigate(fn: Navigate | null): void {
  navigate = fn;
}

function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** The session ended (401 or expiry): forget it and ask to sign in, keeping where we were. */
export function sendToSignIn(reason: "expired" | "signed-out" = "expired"): void {
  const target = signInTarget(currentPath(), reason);
  // The guards redirect too as soon as the session is gone; they read the same reason.
  sessionStore.signOut(reason);
  if (window.location.pathname === "/sign-in") return;
  if (navigate) navigate(target, { replace: true });
  else window.location.assign(target);
}
