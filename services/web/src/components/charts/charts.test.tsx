import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { HeatMap } from "./HeatMap";
import { LineChart, type ChartLine } from "./LineChart";

const REASON = "Hidden: fewer than 10 distinct teachers were observed in this cell.";
const LINE: ChartLine = {
  key: "discourse",
  label: "Students explain their thinking",
  points: [
    { period: "month:2026-09", index: 0, state: "value", value: 2.4, display: "2.40" },
    { period: "month:2026-10", index: 1, state: "value", value: 2.5, display: "2.50" },
    { period: "month:2026-11", index: 2, state: "suppressed", value: null, display: "Hidden", reason: REASON },
    { period: "month:2026-12", index: 3, state: "value", value: 2.9, display: "2.90" },
  ],
};
const PERIODS = LINE.points.map((p) => ({ period: p.period, label: p.period.slice(-2), long: p.period }));

function renderLine() {
  return render(<LineChart lines={[LINE]} periods={PERIODS} yDomain={[2, 3]} yTicks={[2, 3]} yFormat={String} label="Mean rating" />);
}

describe("LineChart", () => {
  it("breaks the line at a hidden point instead of joining across it or dropping to zero", () => {
    const { container } = renderLine();
    const path = container.querySelector('[data-testid="trend-line"] path')!.getAttribute("d")!;
    expect(path.match(/M/g)).toHaveLength(2); // two runs: Sep–Oct, then Dec
    const hidden = screen.getAllByTestId("trend-point").find((p) => p.dataset.suppressed === "true")!;
    expect(hidden.dataset.period).toBe("month:2026-11");
    expect(hidden.dataset.value).toBeUndefined();
    expect(hidden.getAttribute("aria-label")).toContain(REASON);
  });

  it("shows a hidden point's reason on keyboard focus, moving with the arrow keys", () => {
    renderLine();
    const first = screen.getAllByTestId("trend-point")[0]!;
    expect(first.getAttribute("tabindex")).toBe("0");
    fireEvent.focus(first);
    expect(screen.getByTestId("chart-tooltip").textContent).toContain("2.40");
    fireEvent.keyDown(first, { key: "ArrowRight" });
    fireEvent.keyDown(first, { key: "ArrowRight" });
    expect(screen.getByTestId("chart-tooltip").textContent).toContain(REASON);
  });

  it("names the gap row and its legend as told when the gaps are not privacy decisions", () => {
    const { container } = render(
      <LineChart lines={[LINE]} periods={PERIODS} yDomain={[2, 3]} yTicks={[2, 3]} yFormat={String} label="Mean rating" gapLabel={{ row: "pending", legend: "Not yet published (a gap in the line)" }} />,
    );
    expect(container.querySelector("text.axis-note")!.textContent).toBe("pending");
    expect(screen.getByText("Not yet published (a gap in the line)")).toBeTruthy();
    expect(screen.queryByText(/Hidden by the privacy rule/)).toBeNull();
  });
});

describe("HeatMap", () => {
  it("hatches hidden cells with their reason and prints every shown value", () => {
    render(
      <HeatMap
        caption="Heat map"
        columns={[{ key: "a", label: "A", title: "Look-for A" }, { key: "b", label: "B", title: "Look-for B" }]}
        domain={[2, 3]}
        rows={[
          { key: "d1", header: "District 1", label: "District 1", cells: [{ state: "value", value: 2.5, display: "2.50" }, { state: "suppressed", value: null, display: "Hidden", reason: REASON }] },
        ]}
      />,
    );
    const cells = screen.getAllByTestId("heat-cell");
    expect(cells.map((c) => [c.dataset.col, c.dataset.value ?? null, c.dataset.suppressed ?? null])).toEqual([
      ["a", "2.50", null],
      ["b", null, "true"],
    ]);
    expect(cells[1]!.className).toContain("heat-suppressed");
    expect(cells[1]!.getAttribute("tabindex")).toBe("0");
    expect(cells[1]!.getAttribute("aria-label")).toBe(`District 1, Look-for B: ${REASON}`);
    expect(cells[1]!.querySelector("[aria-hidden]")!.textContent).toBe("Hidden"); // no number drawn
  });
});
