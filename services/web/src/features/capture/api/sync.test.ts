import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import type { ApiClients } from "@/lib/api/clients";
import { closeForTests, recordsOf, saveRecord } from "../lib/db";
import { newDraft, queued } from "../lib/records";
import type { OfflineKit } from "../lib/types";
import { rejectionOf, syncQueue } from "./sync";

const KIT: OfflineKit = {
  owner: "u1",
  savedAt: "",
  schools: [{ id: "s1", name: "Oak", districtId: "d1" }],
  teachers: [{ id: "t1", givenName: "Ada", familyName: "Lovelace", schoolIds: ["s1"] }],
  templates: {},
  classes: {},
};

function intake(answer: (items: { observation_id: string }[]) => Promise<Response>): { api: ApiClients; calls: number[] } {
  const calls: number[] = [];
  const api = {
    intake: {
      async POST(_path: string, { body }: { body: { walkthroughs: { observation_id: string }[] } }) {
        calls.push(body.walkthroughs.length);
        const response = await answer(body.walkthroughs);
        return { response, data: response.ok ? await response.json() : undefined };
      },
    },
  } as unknown as ApiClients;
  return { api, calls };
}

async function queue(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await saveRecord(queued({ ...newDraft(KIT, KIT.schools[0]!, KIT.teachers[0]!), ratings: { a: 1 } }, 10));
  }
}

const ok = (items: { observation_id: string }[]) =>
  new Response(JSON.stringify({ results: items.map((w, index) => ({ index, observation_id: w.observation_id, status: "created" })) }), { status: 200 });

beforeEach(() => {
  closeForTests();
  indexedDB.deleteDatabase("canopy-capture");
});

describe("sending the outbox", () => {
  it("sends the queue in batches of 200 and marks each sent", async () => {
    await queue(201);
    const { api, calls } = intake(async (items) => ok(items));
    expect(await syncQueue(api, "u1")).toEqual({ kind: "done", sent: 201, rejected: 0 });
    expect(calls).toEqual([200, 1]);
    expect(await recordsOf("u1", "queued")).toHaveLength(0);
  });

  it("keeps everything queued when the network drops, and sends it again later", async () => {
    await queue(3);
    const down = intake(async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await syncQueue(down.api, "u1")).toEqual({ kind: "offline" });
    expect(await recordsOf("u1", "queued")).toHaveLength(3);
    const up = intake(async (items) => ok(items));
    expect(await syncQueue(up.api, "u1")).toMatchObject({ kind: "done", sent: 3 });
  });

  it("keeps the queue for the next sign-in on a 401", async () => {
    await queue(2);
    const { api } = intake(async () => new Response("{}", { status: 401 }));
    expect(await syncQueue(api, "u1")).toEqual({ kind: "signed-out" });
    expect(await recordsOf("u1", "queued")).toHaveLength(2);
  });

  it("marks a refused walkthrough with intake's field and reason", async () => {
    await queue(1);
    const error = { status: 422, code: "invalid", message: "observed_at is in the future", field: "observed_at" };
    const { api } = intake(async (items) =>
      new Response(JSON.stringify({ results: [{ index: 0, observation_id: items[0]!.observation_id, status: "rejected", error }] })),
    );
    expect(await syncQueue(api, "u1")).toMatchObject({ rejected: 1 });
    const [rejected] = await recordsOf("u1", "rejected");
    expect(rejected?.rejection).toEqual({ field: "observed_at", message: "observed_at is in the future" });
  });

  it("names the fields of a validation refusal", () => {
    expect(rejectionOf({ message: "walkthrough validation failed; see fields", fields: { duration_minutes: ["Must be at most 600."] } })).toEqual({
      field: "duration_minutes",
      message: "duration_minutes: Must be at most 600.",
    });
  });
});
