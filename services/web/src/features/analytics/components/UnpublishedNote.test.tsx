import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { TrendSeries } from "../api/types";
import { UnpublishedNote } from "./UnpublishedNote";

type Point = TrendSeries["points"][number];
const point = (period: string, extra: Partial<Point> = {}): Point => ({ period, start: "2026-11-01", end: "2026-11-30", suppressed: false, ...extra });

describe("UnpublishedNote", () => {
  it("names unpublished months and their publication day as a person reads them", () => {
    render(
      <UnpublishedNote
        points={[point("month:2026-11"), point("month:2026-12", { suppressed: true, unpublished: true, published_after: "2027-01-03" })]}
      />,
    );
    const note = screen.getByTestId("trend-unpublished");
    expect(note.textContent).toContain("Dec 2026 (after Jan 3, 2027)");
    expect(note.textContent).not.toContain("month:");
    expect(note.dataset.periods).toBe("month:2026-12");
  });

  it("says nothing when every period is published", () => {
    const { container } = render(<UnpublishedNote points={[point("month:2026-11")]} />);
    expect(container.textContent).toBe("");
  });
});
