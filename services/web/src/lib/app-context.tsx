// What every screen needs from the app: the typed API clients, where the services are, and the
// signed-in session.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { ApiClients } from "./api/clients";
import { sessionStore } from "./auth/session-store";
import type { Session } from "./auth/token";
import type { AppConfig } from "./config";

interface AppContextValue {
  config: AppConfig;
  api: ApiClients;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider({ value, children }: { value: AppContextValue; children: ReactNode }) {
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApi outside AppProvider");
  return value;
}

export function useApi(): ApiClients {
  return useAppContext().api;
}

export function useConfig(): AppConfig {
  return useAppContext().config;
}

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}

/** The session inside the signed-in part of the app (the shell guarantees there is one). */
export function useRequiredSession(): Session {
  const session = useSession();
  if (!session) throw new Error("no session: the route should have sent you to sign-in");
  return session;
}
