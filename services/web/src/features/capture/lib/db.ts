// The device's store (IndexedDB through `idb`): one database for capture, read and written by
// every tab. Each write is announced on a BroadcastChannel so other tabs' screens follow.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { CaptureRecord, OfflineKit, WalkthroughState } from "./types";

const NAME = "canopy-capture";
const VERSION = 1;

interface CaptureDb extends DBSchema {
  kits: { key: string; value: OfflineKit };
  walkthroughs: {
    key: string;
    value: CaptureRecord;
    indexes: { byOwner: string; byOwnerState: [string, WalkthroughState] };
  };
}

let opening: Promise<IDBPDatabase<CaptureDb>> | null = null;

function db(): Promise<IDBPDatabase<CaptureDb>> {
  opening ??= openDB<CaptureDb>(NAME, VERSION, {
    upgrade(database) {
      database.createObjectStore("kits", { keyPath: "owner" });
      const walkthroughs = database.createObjectStore("walkthroughs", { keyPath: "id" });
      walkthroughs.createIndex("byOwner", "owner");
      walkthroughs.createIndex("byOwnerState", ["owner", "state"]);
    },
    blocking() {
      // A newer version of the app wants the database: let it, and open again next time.
      void opening?.then((d) => d.close());
      opening = null;
    },
  });
  return opening;
}

type Listener = () => void;
const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(NAME);
channel?.addEventListener("message", () => listeners.forEach((l) => l()));

function changed(): void {
  listeners.forEach((l) => l());
  channel?.postMessage("changed");
}

/** Called after every write here or in another tab. */
export function onStoreChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function saveKit(kit: OfflineKit): Promise<void> {
  await (await db()).put("kits", kit);
  changed();
}

export async function loadKit(owner: string): Promise<OfflineKit | undefined> {
  return (await db()).get("kits", owner);
}

export async function saveRecord(record: CaptureRecord): Promise<void> {
  await (await db()).put("walkthroughs", record);
  changed();
}

export async function saveRecords(records: CaptureRecord[]): Promise<void> {
  if (!records.length) return;
  const tx = (await db()).transaction("walkthroughs", "readwrite");
  await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  changed();
}

export async function loadRecord(id: string): Promise<CaptureRecord | undefined> {
  return (await db()).get("walkthroughs", id);
}

export async function deleteRecord(id: string): Promise<void> {
  await (await db()).delete("walkthroughs", id);
  changed();
}

export async function recordsOf(owner: string, state?: WalkthroughState): Promise<CaptureRecord[]> {
  const database = await db();
  const found = state
    ? await database.getAllFromIndex("walkthroughs", "byOwnerState", [owner, state])
    : await database.getAllFromIndex("walkthroughs", "byOwner", owner);
  return found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** For tests: forget the open connection (fake-indexeddb is reset between them). */
export function closeForTests(): void {
  void opening?.then((d) => d.close());
  opening = null;
}
