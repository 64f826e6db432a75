// Sending the outbox: every queued walkthrough of the signed-in person goes to intake's batch
// endpoint (200 at most per request) with the id made on this device, so a retry after a
// dropped connection answers "unchanged" instead of storing it twice. Nothing leaves the queue
// until intake has answered for it.
import type { ApiClients } from "@/lib/api/clients";
import { recordsOf, saveRecords } from "../lib/db";
import { walkthroughBody } from "../lib/form";
import type { CaptureRecord, Rejection } from "../lib/types";

export const BATCH_SIZE = 200;

export type SyncOutcome =
  | { kind: "done"; sent: number; rejected: number }
  | { kind: "offline" } // the request never got an answer: try again later
  | { kind: "signed-out" } // 401: the queue waits for the next sign-in
  | { kind: "refused"; status: number }; // the batch as a whole was refused (5xx, 413)

interface ItemAnswer {
  index?: number;
  status?: string;
  error?: Record<string, unknown>;
}

/** The field and reason intake gave for one refused walkthrough. */
export function rejectionOf(error: Record<string, unknown> | undefined): Rejection {
  const detail = (error?.error as Record<string, unknown> | undefined) ?? error ?? {};
  const fields = detail.fields as Record<string, unknown> | undefined;
  const problems = (detail.problems as { field?: string; message?: string }[] | undefined) ?? [];
  const fieldNames = fields ? Object.keys(fields) : [];
  const field = (detail.field as string | undefined) ?? problems[0]?.field ?? fieldNames[0] ?? null;
  const reasons = problems.map((p) => p.message).filter(Boolean);
  if (fields) reasons.push(...Object.entries(fields).map(([k, v]) => `${k}: ${[v].flat().join(" ")}`));
  const message = reasons.length ? reasons.join("; ") : String(detail.message ?? "Refused by Canopy");
  return { field, message };
}

function applyAnswers(chunk: CaptureRecord[], answers: ItemAnswer[], now: string): CaptureRecord[] {
  return chunk.map((record, index) => {
    const answer = answers.find((a) => a.index === index) ?? answers[index];
    const attempts = record.attempts + 1;
    if (answer?.status === "created" || answer?.status === "unchanged") {
      return { ...record, state: "sent", sentAt: now, attempts, rejection: null, updatedAt: now };
    }
    if (answer?.status === "rejected") {
      return { ...record, state: "rejected", attempts, rejection: rejectionOf(answer.error), updatedAt: now };
    }
    return { ...record, attempts }; // no answer for it: it stays queued
  });
}

async function sendChunk(api: ApiClients, chunk: CaptureRecord[]): Promise<SyncOutcome | ItemAnswer[]> {
  let response: Response;
  let data: { results?: ItemAnswer[] } | undefined;
  try {
    const body = { walkthroughs: chunk.map((r) => walkthroughBody(r, undefined)) };
    ({ response, data } = await api.intake.POST("/v1/walkthroughs/batch", { body }));
  } catch {
    return { kind: "offline" };
  }
  if (response.status === 401) return { kind: "signed-out" };
  if (!response.ok) return { kind: "refused", status: response.status };
  return data?.results ?? [];
}

/** One pass over the person's queue, oldest first. */
export async function syncQueue(api: ApiClients, owner: string): Promise<SyncOutcome> {
  const queued = (await recordsOf(owner, "queued")).sort((a, b) =>
    (a.submittedAt ?? "").localeCompare(b.submittedAt ?? ""),
  );
  let sent = 0;
  let rejected = 0;
  for (let start = 0; start < queued.length; start += BATCH_SIZE) {
    const chunk = queued.slice(start, start + BATCH_SIZE);
    const answers = await sendChunk(api, chunk);
    if (!Array.isArray(answers)) return answers;
    const updated = applyAnswers(chunk, answers, new Date().toISOString());
    await saveRecords(updated);
    sent += updated.filter((r) => r.state === "sent").length;
    rejected += updated.filter((r) => r.state === "rejected").length;
  }
  return { kind: "done", sent, rejected };
}
