import { fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import type { RosterImport } from "../api/console";
import { ImportReport } from "./ImportReport";
import { LoadFailure } from "./Refusal";

const DRY_RUN: RosterImport = {
  id: "i1",
  dry_run: true,
  applied: false,
  report: {
    summary: { teachers_rostered: 1, schools_created: 1 },
    errors: [{ file: "users.csv", line: 3, source_id: "t-9", field: "orgSourcedIds", message: "unknown school s-9" }],
    rows: [
      { file: "orgs.csv", line: 2, source_id: "s-1", outcome: "added", name: "Oak Elementary", detail: "new school", field: null },
      { file: "users.csv", line: 2, source_id: "t-1", outcome: "added", name: "Ada Abbott", detail: "new teacher", field: null },
      { file: "users.csv", line: 3, source_id: "t-9", outcome: "rejected", name: null, detail: "unknown school s-9", field: "orgSourcedIds" },
    ],
    rows_omitted: 0,
  },
};

describe("a roster import's report", () => {
  it("lists each row with what it does, and why a rejected row is refused", () => {
    render(<ImportReport record={DRY_RUN} />);
    const rows = screen.getAllByTestId("import-row");
    expect(rows.map((r) => r.dataset.outcome)).toEqual(["added", "added", "rejected"]);
    expect(rows[2]?.textContent).toContain("orgSourcedIds: unknown school s-9");
    const rejected = screen.getAllByTestId("import-summary").find((li) => li.dataset.key === "rejected");
    expect(rejected?.dataset.value).toBe("1");
  });

  it("shows only the rows of one outcome when asked", () => {
    render(<ImportReport record={DRY_RUN} />);
    fireEvent.click(screen.getByRole("button", { name: "Rejected (1)" }));
    expect(screen.getAllByTestId("import-row").map((r) => r.dataset.sourceId)).toEqual(["t-9"]);
  });
});

describe("an address outside the district", () => {
  it("says the item is not in your district for a not-found answer, without its data", () => {
    render(
      <MemoryRouter>
        <LoadFailure error={new ApiError(404, { error: { message: "no school with this id is visible to you" } })} retry={() => {}} what="school" back={{ to: "/district/schools", label: "Back" }} />
      </MemoryRouter>,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("This school is not in your district");
  });

  it("offers a retry for any other failure", () => {
    render(<LoadFailure error={new ApiError(503, undefined)} retry={() => {}} what="school" back={{ to: "/", label: "Back" }} />);
    expect(screen.getByTestId("error-state")).toBeTruthy();
  });
});
