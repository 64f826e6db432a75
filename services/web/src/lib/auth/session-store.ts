// One session per tab, observable from React (useSyncExternalStore) and from the API layer.
import { clearSession, isExpired, loadSession, saveSession, type Session } from "./token";

type Listener = () => void;
let current: Session | null | undefined;
/** Why the last session ended, so every redirect to sign-in says the same thing. */
let ended: "expired" | "signed-out" | undefined;
const listeners = new Set<Listener>();

export const sessionStore = {
  get(): Session | null {
    if (current === undefined) current = loadSession();
    if (current && isExpired(current.claims)) {
      clearSession();
      current = null;
      ended = "expired";
    }
    return current;
  },
  signIn(token: string): Session | null {
    current = saveSession(token);
    ended = undefined;
    listeners.forEach((l) => l());
    return current;
  },
  signOut(reason: "expired" | "signed-out" = "signed-out"): void {
    ended = reason;
    clearSession();
    current = null;
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  endedBecause(): "expired" | "signed-out" | undefined {
    return ended;
  },
  /** The sign-in page has said why: later visits to a protected URL simply keep their path. */
  acknowledgeEnd(): void {
    ended = undefined;
  },
  /** For tests: forget what was read from storage. */
  reset(): void {
    current = undefined;
  },
};
