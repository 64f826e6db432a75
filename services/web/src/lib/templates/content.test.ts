import { describe, expect, it } from "vitest";
import { contentFromDraft, emptyContent, newIndicator, problemsOf, toPayload } from "./content";

describe("template content", () => {
  it("says what a new empty template still needs", () => {
    expect(problemsOf(emptyContent()).map((p) => p.message)).toEqual([
      "Give the template a title.",
      "Section 1: give it a title.",
      "Section 1, look-for 1: describe what an observer looks for.",
    ]);
  });

  it("refuses a scale with repeated or unnamed levels", () => {
    const indicator = newIndicator();
    indicator.text = "Students explain their thinking";
    indicator.scale.levels = [
      { value: 1, label: "Low", descriptor: "" },
      { value: 1, label: "", descriptor: "" },
    ];
    const content = { title: "T", description: "", sections: [{ key: null, title: "S", indicators: [indicator] }] };
    expect(problemsOf(content).map((p) => p.message)).toEqual([
      "Section 1, look-for 1: each level needs its own number.",
      "Section 1, look-for 1: name every level.",
    ]);
  });

  it("keeps keys and section order from a stored draft", () => {
    const content = contentFromDraft({
      title: "Walkthrough",
      description: "",
      base_version_id: null,
      sections: [
        { key: "b", title: "Second", position: 2, indicators: [] },
        { key: "a", title: "First", position: 1, indicators: [{ key: "a.x", text: "X", required: true, tags: [], scale: { kind: "yes_no", levels: [] } }] },
      ],
    });
    expect(content.sections?.map((s) => s.key)).toEqual(["a", "b"]);
    expect(content.sections?.[0]?.indicators?.[0]).toMatchObject({ key: "a.x", required: true, scale: { kind: "yes_no" } });
  });

  it("sends no levels for a yes/no look-for and trims text", () => {
    const indicator = { ...newIndicator(), text: "  Target posted  ", scale: { kind: "yes_no" as const, levels: [{ value: 1, label: "x", descriptor: "" }], min: null, max: null } };
    const payload = toPayload({ title: " T ", description: "", sections: [{ key: null, title: "S", indicators: [indicator] }] });
    expect(payload.title).toBe("T");
    expect(payload.sections?.[0]?.indicators?.[0]).toMatchObject({ text: "Target posted", scale: { kind: "yes_no", levels: [] } });
  });
});
