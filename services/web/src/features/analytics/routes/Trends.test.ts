import { describe, expect, it } from "vitest";
import type { Line } from "../lib/cells";
import { yAxisFor } from "./Trends";

const line = (values: (number | null)[]): Line => ({
  key: "a",
  label: "A",
  points: values.map((value, index) => ({ period: `p${index}`, index, state: value === null ? "suppressed" : "value", value, display: String(value) })),
});

describe("trend axis", () => {
  it("zooms the mean axis to the shown figures, by half levels", () => {
    const axis = yAxisFor([line([2.18, null, 2.9])], "mean");
    expect(axis.domain).toEqual([2, 3]);
    expect(axis.ticks).toEqual([2, 2.25, 2.5, 2.75, 3]);
  });

  it("keeps shares on 0–100 %", () => {
    expect(yAxisFor([line([0.4, 0.6])], "share").domain).toEqual([0, 1]);
  });
});
