import { describe, expect, it } from "vitest";
import { cividis, levelColours, textOn } from "./palette";

function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const parts = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : colour.match(/\d+/g)!.map(Number);
  const [r, g, b] = parts.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("text on coloured cells", () => {
  it("keeps WCAG AA contrast (4.5:1) everywhere along the heat-map ramp", () => {
    for (let i = 0; i <= 200; i++) {
      const fill = cividis(i / 200);
      expect(contrast(fill, textOn(fill))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("keeps it on every rating-level colour", () => {
    for (const n of [2, 3, 4, 5, 6]) for (const fill of levelColours(n)) expect(contrast(fill, textOn(fill))).toBeGreaterThanOrEqual(4.5);
  });
});
