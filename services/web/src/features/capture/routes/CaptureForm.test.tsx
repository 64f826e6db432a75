import "fake-indexeddb/auto";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { beforeEach, describe, expect, it } from "vitest";
import { sessionStore } from "@/lib/auth/session-store";
import { fakeToken } from "@/lib/auth/token.test";
import { closeForTests, loadRecord, saveKit, saveRecord } from "../lib/db";
import { newDraft } from "../lib/records";
import type { OfflineKit, TemplateVersion } from "../lib/types";
import CaptureForm from "./CaptureForm";

const levels = [1, 2, 3].map((value) => ({ value, label: `Level ${value}`, descriptor: "" }));
const VERSION = {
  template_id: "t1",
  version_id: "v1",
  title: "Rubric",
  version_number: 1,
  sections: [{ key: "a", title: "A", position: 0, indicators: [{ key: "eng", text: "Students engaged", required: true, tags: [], scale: { kind: "levels", levels } }] }],
} as unknown as TemplateVersion;
const KIT: OfflineKit = {
  owner: "u1",
  savedAt: "",
  schools: [{ id: "s1", name: "Oak", districtId: "d1" }],
  teachers: [{ id: "t1", givenName: "Ada", familyName: "Lovelace", schoolIds: ["s1"] }],
  templates: { s1: [VERSION] },
  classes: { t1: { subject: "math", gradeLevel: "5" } },
};

beforeEach(() => {
  closeForTests();
  indexedDB.deleteDatabase("canopy-capture");
  sessionStore.signIn(fakeToken({ sub: "u1", role: "observer", org_id: "s1", org_tier: "school", exp: Math.floor(Date.now() / 1000) + 3600 }));
});

describe("the walkthrough form", () => {
  it("lists what is missing, saves every edit, and queues the walkthrough on submit", async () => {
    const draft = newDraft(KIT, KIT.schools[0]!, KIT.teachers[0]!);
    await saveKit(KIT);
    await saveRecord(draft);
    const router = createMemoryRouter(
      [
        { path: "/capture/:draftId", element: <CaptureForm /> },
        { path: "/capture", element: <p>start</p> },
      ],
      { initialEntries: [`/capture/${draft.id}`] },
    );
    render(<RouterProvider router={router} />);
    const user = userEvent.setup();

    await screen.findByRole("heading", { name: "Ada Lovelace" });
    expect(screen.getByTestId("capture-subject")).toHaveValue("math"); // from the last walkthrough
    await user.click(screen.getByTestId("capture-submit"));
    expect(screen.getByTestId("capture-missing")).toHaveTextContent("Rating: Students engaged");
    expect((await loadRecord(draft.id))?.state).toBe("draft");

    await user.click(screen.getByRole("radio", { name: /Level 2/ }));
    await waitFor(async () => expect((await loadRecord(draft.id))?.ratings).toEqual({ eng: 2 }));
    expect(screen.queryByTestId("capture-missing")).toBeNull();

    await user.click(screen.getByTestId("capture-share"));
    await user.click(screen.getByTestId("capture-submit"));
    await screen.findByText("start");
    const stored = await loadRecord(draft.id);
    expect(stored).toMatchObject({ state: "queued", share: true, ratings: { eng: 2 } });
    expect(stored?.durationMinutes).toBeGreaterThanOrEqual(1);
  });
});
