import { describe, expect, it } from "vitest";
import { awaitingCount, feedbackStatus, lookForNotes, overallFeedback } from "./status";

const base = { observation_id: "w1", shared_with_teacher: true, acknowledgement: null };

describe("feedbackStatus", () => {
  it("tells not shared, awaiting, acknowledged and replied apart", () => {
    expect(feedbackStatus({ ...base, shared_with_teacher: false })).toBe("not_shared");
    expect(feedbackStatus(base)).toBe("awaiting");
    expect(feedbackStatus({ ...base, acknowledgement: { reply: null } })).toBe("acknowledged");
    expect(feedbackStatus({ ...base, acknowledgement: { reply: "Thanks" } })).toBe("replied");
    expect(awaitingCount([base, { ...base, acknowledgement: { reply: null } }])).toBe(1);
  });
});

describe("notes", () => {
  it("reads the overall feedback and the per look-for notes, ignoring blanks", () => {
    const w = { ...base, notes: { overall: "Clear target.", by_indicator: { "cfu.q": "Good wait time", x: 3 } } };
    expect(overallFeedback(w)).toBe("Clear target.");
    expect(lookForNotes(w)).toEqual({ "cfu.q": "Good wait time" });
    expect(overallFeedback({ ...base, notes: { overall: "  " } })).toBeNull();
    expect(lookForNotes({ ...base, notes: null })).toEqual({});
  });
});
