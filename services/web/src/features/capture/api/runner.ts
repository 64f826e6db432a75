// Keeps the device and Canopy in step while the app is open: at sign-in it refreshes the
// offline kit and sends the outbox; it sends again when the browser comes back online, after
// every submit, and on a timer with a growing pause while something waits. Without a session
// (signed out, or the token expired offline) the queue simply waits for the next sign-in.
import type { ApiClients } from "@/lib/api/clients";
import { sessionStore } from "@/lib/auth/session-store";
import type { Session } from "@/lib/auth/token";
import { recordsOf, saveKit } from "../lib/db";
import { mayCapture } from "../lib/roles";
import { fetchKit } from "./kit";
import { syncQueue, type SyncOutcome } from "./sync";

export interface SyncStatus {
  running: boolean;
  last: SyncOutcome | null;
  lastAt: string | null;
  kit: "idle" | "loading" | "ready" | "failed";
}

const PAUSES_MS = [2_000, 5_000, 10_000, 30_000];
let status: SyncStatus = { running: false, last: null, lastAt: null, kit: "idle" };
const listeners = new Set<() => void>();
let api: ApiClients | null = null;
let timer: number | undefined;
let failures = 0;
let running: Promise<void> | null = null;
let again = false;

function setStatus(next: Partial<SyncStatus>): void {
  status = { ...status, ...next };
  listeners.forEach((l) => l());
}

export const syncStatus = {
  get: (): SyncStatus => status,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

function capturer(): Session | null {
  const session = sessionStore.get();
  return session && mayCapture(session.claims.role) ? session : null;
}

function schedule(ms: number): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void requestSync(), ms);
}

/** One pass at a time per tab; tabs take turns through a Web Lock where the browser has them. */
async function pass(client: ApiClients, owner: string): Promise<SyncOutcome> {
  const run = () => syncQueue(client, owner);
  return navigator.locks ? navigator.locks.request("canopy-capture-sync", run) : run();
}

async function runOnce(): Promise<void> {
  const session = capturer();
  if (!api || !session) return;
  setStatus({ running: true });
  const outcome = await pass(api, session.claims.sub).catch((): SyncOutcome => ({ kind: "offline" }));
  setStatus({ running: false, last: outcome, lastAt: new Date().toISOString() });
  const waiting = (await recordsOf(session.claims.sub, "queued")).length;
  if (outcome.kind === "done") failures = 0;
  else if (outcome.kind !== "signed-out") failures += 1;
  if (waiting && outcome.kind !== "signed-out") {
    schedule(PAUSES_MS[Math.min(failures, PAUSES_MS.length - 1)] ?? 30_000);
  }
}

/** Send the outbox now (or right after the pass that is running). */
export function requestSync(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await runOnce();
    } while (again);
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Read what this person needs offline and keep it on the device. */
export async function refreshKit(): Promise<void> {
  const session = capturer();
  if (!api || !session) return;
  setStatus({ kit: "loading" });
  try {
    await saveKit(await fetchKit(api, session.claims.sub));
    setStatus({ kit: "ready" });
  } catch {
    setStatus({ kit: "failed" }); // offline or refused: the kit kept from before stays
  }
}

/** Called once at start by the app. */
export function startCapture(clients: ApiClients): void {
  api = clients;
  let owner = capturer()?.claims.sub ?? null;
  const onSession = () => {
    const now = capturer()?.claims.sub ?? null;
    if (now && now !== owner) {
      void refreshKit();
      void requestSync();
    }
    owner = now;
  };
  sessionStore.subscribe(onSession);
  // Ask the browser not to evict the device's walkthroughs under storage pressure.
  void navigator.storage?.persist?.().catch(() => false);
  window.addEventListener("online", () => {
    failures = 0;
    void requestSync();
  });
  if (owner) {
    void refreshKit();
    void requestSync();
  }
}
