// Colour-blind-safe palettes. Lines: Okabe–Ito hues, darkened where needed for 3:1 contrast on
// white, plus a dash pattern per line so colour is never the only cue. Heat map: cividis (readable
// with every common colour-vision deficiency, monotone in lightness). Rating levels: a red–blue
// diverging scale (ColorBrewer RdBu), safe for red–green colour blindness.
import { scaleLinear } from "d3-scale";

export const LINE_COLOURS = ["#0072B2", "#D55E00", "#007A5E", "#AA4499", "#8C6D00", "#3A3A3A", "#5B8DB8"];
export const LINE_DASHES = ["", "6 3", "2 3", "8 3 2 3", "10 4", "3 6", "1 2"];

const CIVIDIS = ["#00224e", "#35456c", "#666970", "#948e77", "#c8b866", "#fee838"];

/** Colour for t in 0..1 along cividis. */
export function cividis(t: number): string {
  const clamped = Math.max(0, Math.min(1, t));
  const scale = scaleLinear<string>()
    .domain(CIVIDIS.map((_, i) => i / (CIVIDIS.length - 1)))
    .range(CIVIDIS);
  return scale(clamped);
}

/** Black or white text, whichever reads better on `hex`. */
export function textOn(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/i.exec(hex.trim());
  const [r, g, b] = m
    ? [m[1], m[2], m[3]].map((h) => parseInt(h ?? "0", 16))
    : rgb
      ? [rgb[1], rgb[2], rgb[3]].map(Number)
      : [255, 255, 255];
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
  // Contrast against black vs against white.
  // Pure black, not a soft black: in the middle of the ramp only pure black keeps 4.5:1.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000000" : "#ffffff";
}

const LEVEL_SCALES: Record<number, string[]> = {
  2: ["#CA0020", "#0571B0"],
  3: ["#CA0020", "#D9D9D9", "#0571B0"],
  4: ["#CA0020", "#F4A582", "#92C5DE", "#0571B0"],
  5: ["#CA0020", "#F4A582", "#E0E0E0", "#92C5DE", "#0571B0"],
  6: ["#B2182B", "#EF8A62", "#FDDBC7", "#D1E5F0", "#67A9CF", "#2166AC"],
};

export function levelColours(count: number): string[] {
  if (count <= 1) return ["#0571B0"];
  return LEVEL_SCALES[count] ?? LEVEL_SCALES[6]!.slice(0, count);
}
