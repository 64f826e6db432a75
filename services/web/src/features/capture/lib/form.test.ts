import { describe, expect, it } from "vitest";
import { choicesOf, defaultTemplate, localIso, lookFors, missingParts, walkthroughBody } from "./form";
import { newDraft, searchTeachers } from "./records";
import type { OfflineKit, TemplateVersion } from "./types";

const levels = [1, 2, 3, 4].map((value) => ({ value, label: `L${value}`, descriptor: "" }));
const VERSION = {
  template_id: "t1",
  version_id: "v1",
  title: "Rubric",
  version_number: 1,
  assigned_at: "2026-09-01T00:00:00Z",
  assigned_by_type: "region",
  sections: [
    { key: "b", title: "Second", position: 1, indicators: [{ key: "yes", text: "Objective posted", required: false, tags: [], scale: { kind: "yes_no", levels: [] } }] },
    { key: "a", title: "First", position: 0, indicators: [{ key: "eng", text: "Students engaged", required: true, tags: [], scale: { kind: "levels", levels } }] },
  ],
} as unknown as TemplateVersion;

const KIT: OfflineKit = {
  owner: "u1",
  savedAt: "",
  schools: [{ id: "s1", name: "Oak", districtId: "d1" }],
  teachers: [
    { id: "t-a", givenName: "Ada", familyName: "Lovelace", schoolIds: ["s1"] },
    { id: "t-b", givenName: "Alan", familyName: "Turing", schoolIds: ["s2"] },
  ],
  templates: { s1: [VERSION] },
  classes: { "t-a": { subject: "math", gradeLevel: "5" } },
};

describe("the walkthrough form", () => {
  it("orders look-fors by section and offers each scale's choices", () => {
    const items = lookFors(VERSION);
    expect(items.map((i) => i.key)).toEqual(["eng", "yes"]);
    expect(choicesOf(items[0]!).map((c) => c.value)).toEqual([1, 2, 3, 4]);
    expect(choicesOf(items[1]!).map((c) => c.label)).toEqual(["Yes", "No"]);
  });

  it("starts from the roster's teacher, their last class and the school's template", () => {
    const draft = newDraft(KIT, KIT.schools[0]!, KIT.teachers[0]!);
    expect(draft).toMatchObject({ teacherName: "Ada Lovelace", subject: "math", gradeLevel: "5", versionId: "v1", state: "draft" });
    expect(draft.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("lists what is missing and then nothing", () => {
    const draft = newDraft(KIT, KIT.schools[0]!, KIT.teachers[0]!);
    expect(missingParts(draft, VERSION).map((m) => m.key)).toEqual(["ratings", "lf-eng"]);
    expect(missingParts({ ...draft, ratings: { eng: 3 } }, VERSION)).toEqual([]);
    const future = { ...draft, ratings: { eng: 3 }, observedAt: localIso(new Date(Date.now() + 3_600_000)) };
    expect(missingParts(future, VERSION).map((m) => m.key)).toEqual(["observed"]);
  });

  it("sends intake the device's id, the ratings, notes and sharing", () => {
    const draft = { ...newDraft(KIT, KIT.schools[0]!, KIT.teachers[0]!), ratings: { eng: 3 }, notes: { eng: " good ", yes: "" }, overall: "Well done", share: true, durationMinutes: 12 };
    expect(walkthroughBody(draft, VERSION)).toMatchObject({
      observation_id: draft.id,
      teacher_id: "t-a",
      template_version_id: "v1",
      duration_minutes: 12,
      ratings: [{ indicator_key: "eng", value: 3 }],
      notes: { overall: "Well done", by_indicator: { eng: "good" } },
      shared_with_teacher: true,
    });
  });

  it("writes local times with the device's offset", () => {
    expect(localIso(new Date(2026, 11, 1, 9, 5, 7))).toMatch(/^2026-12-01T09:05:07[+-]\d\d:\d\d$/);
  });

  it("finds teachers of the school by any part of the name", () => {
    expect(searchTeachers(KIT.teachers, "s1", "love").map((t) => t.id)).toEqual(["t-a"]);
    expect(searchTeachers(KIT.teachers, "s1", "turing")).toEqual([]);
  });

  it("uses the template given to the school most recently", () => {
    const older = { ...VERSION, version_id: "v0", assigned_at: "2026-01-01T00:00:00Z" } as TemplateVersion;
    expect(defaultTemplate([older, VERSION])?.version_id).toBe("v1");
  });
});

describe("refusals in the form's words", () => {
  it("names the form's field for intake's", async () => {
    const { fieldLabel } = await import("./form");
    expect(fieldLabel("observed_at")).toBe("Observed at");
    expect(fieldLabel("ratings[0].value")).toBe("Ratings");
    expect(fieldLabel(null)).toBeNull();
  });
});
