import { describe, expect, it } from "vitest";
import { drawScene, fitText, GLYPH_WIDTH, sceneToSvg, textWidth, type Canvas2D, type Scene } from "@/app/_components/figures/scene";
import { exportFileName, figureJson } from "@/app/_components/figures/export";

const scene: Scene = {
  width: 100,
  height: 50,
  title: "A <test> & its \"title\"",
  marks: [
    { kind: "rect", x: 1, y: 2, w: 3, h: 4, fill: "rgb(1, 2, 3)", key: "a", title: "cell a<b" },
    { kind: "line", x1: 0, y1: 0, x2: 10, y2: 10, stroke: "#000", dash: "4 3" },
    { kind: "circle", cx: 5, cy: 6, r: 2, fill: "red" },
    { kind: "text", x: 9, y: 9, text: "tok <|endoftext|>", size: 10, fill: "#111", anchor: "middle" },
  ],
};

describe("figure scenes", () => {
  it("measure monospace text as glyphs × advance width and cut it with an ellipsis to fit", () => {
    expect(textWidth("abcd", 10)).toBeCloseTo(4 * GLYPH_WIDTH * 10);
    expect(textWidth("λ→", 10)).toBeCloseTo(2 * GLYPH_WIDTH * 10);
    expect(fitText("induction", 10, 100)).toBe("induction");
    // 30 px at 10 px holds floor(30 / 6.02) = 4 glyphs: three letters and the ellipsis.
    expect(fitText("induction", 10, 30)).toBe("ind…");
    expect(fitText("induction", 10, 8)).toBe("");
  });

  it("export as a standalone SVG with every mark and all text escaped", () => {
    const svg = sceneToSvg(scene);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="100" height="50"/);
    expect(svg).toContain("<title>A &lt;test&gt; &amp; its &quot;title&quot;</title>");
    expect(svg).toContain('<rect x="1" y="2" width="3" height="4" fill="rgb(1, 2, 3)"><title>cell a&lt;b</title></rect>');
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toContain('<circle cx="5" cy="6" r="2" fill="red">');
    expect(svg).toContain(">tok &lt;|endoftext|&gt;</text>");
    expect(svg).not.toMatch(/<\|endoftext/);
  });

  it("draw every mark on a canvas context in order", () => {
    const calls: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (_t, prop: string) => (...args: unknown[]) => calls.push(`${prop}(${args.join(",")})`),
      set: (_t, prop: string, value) => (calls.push(`${prop}=${value}`), true),
    }) as unknown as Canvas2D;
    drawScene(ctx, scene);
    expect(calls).toContain("fillRect(1,2,3,4)");
    expect(calls).toContain("setLineDash(4,3)");
    expect(calls).toContain("arc(5,6,2,0,6.283185307179586)");
    expect(calls).toContain("textAlign=center");
    expect(calls).toContain("fillText(tok <|endoftext|>,9,9)");
  });

  it("name export files safely and write typed arrays as plain JSON arrays", () => {
    expect(exportFileName("induction-2l / composition K", "svg")).toBe("induction-2l-composition-K.svg");
    expect(exportFileName("../../etc", "png")).toBe("..-..-etc.png");
    expect(exportFileName("", "json")).toBe("figure.json");
    expect(JSON.parse(figureJson({ w: new Float32Array([0.5, 1]), n: 2 }))).toEqual({ w: [0.5, 1], n: 2 });
  });
});
