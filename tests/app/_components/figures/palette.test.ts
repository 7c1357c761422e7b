import { describe, expect, it } from "vitest";
import { colourAt, divergingPosition, luminance, textOn, unitPosition } from "@/app/_components/figures/palette";

describe("the figure palettes", () => {
  it("hit matplotlib's published viridis and cividis end colours and ColorBrewer PuOr's ends and centre", () => {
    expect(colourAt("viridis", 0)).toEqual([0x44, 0x01, 0x54]);
    expect(colourAt("viridis", 1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(colourAt("viridis", 0.5)).toEqual([0x21, 0x91, 0x8c]);
    expect(colourAt("cividis", 0)).toEqual([0x00, 0x22, 0x4e]);
    expect(colourAt("cividis", 1)).toEqual([0xfe, 0xe8, 0x38]);
    expect(colourAt("puor", 0)).toEqual([0x2d, 0x00, 0x4b]);
    expect(colourAt("puor", 0.5)).toEqual([0xf7, 0xf7, 0xf7]);
    expect(colourAt("puor", 1)).toEqual([0x7f, 0x3b, 0x08]);
  });

  it("interpolate halfway between two anchors and clamp outside [0, 1] (NaN gives the low end)", () => {
    // viridis anchors at 0 and 0.1 are #440154 and #482475: at 0.05 the rounded midpoint.
    expect(colourAt("viridis", 0.05)).toEqual([Math.round((0x44 + 0x48) / 2), Math.round((0x01 + 0x24) / 2), Math.round((0x54 + 0x75) / 2)]);
    expect(colourAt("viridis", -3)).toEqual(colourAt("viridis", 0));
    expect(colourAt("viridis", 7)).toEqual(colourAt("viridis", 1));
    expect(colourAt("cividis", Number.NaN)).toEqual(colourAt("cividis", 0));
  });

  it("rise in luminance monotonically for the sequential palettes (readable in grey and for colour-blind readers)", () => {
    for (const palette of ["viridis", "cividis"] as const) {
      const l = Array.from({ length: 101 }, (_, i) => luminance(colourAt(palette, i / 100)));
      for (let i = 1; i < l.length; i++) expect(l[i], `${palette} at ${i / 100}`).toBeGreaterThanOrEqual(l[i - 1] - 1e-3);
    }
  });

  it("picks dark text on light fills and white on dark fills", () => {
    expect(textOn(colourAt("viridis", 1))).toBe("#1b1f24");
    expect(textOn(colourAt("viridis", 0))).toBe("#ffffff");
  });

  it("places values on linear and diverging scales, clamped, with empty ranges at their neutral point", () => {
    expect(unitPosition(0.25, 0, 0.5)).toBe(0.5);
    expect(unitPosition(2, 0, 1)).toBe(1);
    expect(unitPosition(1, 1, 1)).toBe(0);
    expect(divergingPosition(-1, 2)).toBe(0.25);
    expect(divergingPosition(5, 2)).toBe(1);
    expect(divergingPosition(3, 0)).toBe(0.5);
  });
});
