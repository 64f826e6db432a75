// Where a walkthrough stands with its teacher: not shared yet, shared and awaiting an answer,
// acknowledged (with or without a reply).
import type { Walkthrough } from "../api/walkthroughs";

export type FeedbackStatus = "not_shared" | "awaiting" | "acknowledged" | "replied";

export function feedbackStatus(w: Walkthrough): FeedbackStatus {
  if (w.acknowledgement) return w.acknowledgement.reply ? "replied" : "acknowledged";
  return w.shared_with_teacher ? "awaiting" : "not_shared";
}

export const STATUS_LABELS: Record<FeedbackStatus, string> = {
  not_shared: "Not shared",
  awaiting: "Awaiting the teacher",
  acknowledged: "Acknowledged",
  replied: "Replied",
};

/** The overall feedback an observer wrote (intake keeps it as the overall note). */
export function overallFeedback(w: Walkthrough): string | null {
  const overall = (w.notes as { overall?: unknown } | null | undefined)?.overall;
  return typeof overall === "string" && overall.trim() ? overall : null;
}

/** Notes per look-for, by indicator key. */
export function lookForNotes(w: Walkthrough): Record<string, string> {
  const byIndicator = (w.notes as { by_indicator?: unknown } | null | undefined)?.by_indicator;
  if (!byIndicator || typeof byIndicator !== "object") return {};
  return Object.fromEntries(Object.entries(byIndicator).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export function awaitingCount(list: Walkthrough[]): number {
  return list.filter((w) => feedbackStatus(w) === "awaiting").length;
}
