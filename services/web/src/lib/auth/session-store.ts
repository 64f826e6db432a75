// One session per tab, observable from React (useSyncExternalStore) and from the API layer.
import { clearSession, isExpired, loadSession, saveSession, type Session } from "./token";

type Listener = () => void;
let current: Session | null | undefined;
const listeners = new Set<Listener>();

export const sessionStore = {
  get(): Session | null {
    if (current === undefined) current = loadSession();
    if (current && isExpired(current.claims)) {
      clearSession();
      current = null;
    }
    return current;
  },
  signIn(token: string): Session | null {
    current = saveSession(token);
    listeners.forEach((l) => l());
    return current;
  },
  signOut(): void {
    clearSession();
    current = null;
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** For tests: forget what was read from storage. */
  reset(): void {
    current = undefined;
  },
};
