// The offline HTML export (lib/findings/html-export.ts): one file, no network, inert text. A finding
// with a hostile title, author, body and token texts is exported; the file must hold exactly one
// script element (the inert JSON data), no event attribute, no src, no external href, the hostile
// text only as escaped text, every figure with its frozen numbers, and the embedded document must
// parse back to the one exported.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/collab/markdown";
import type { FindingExport } from "@/lib/findings/export-format";
import { escapeXml, figureNumber } from "@/lib/findings/figure-svg";
import { findingHtml, inertJson, offlineBody } from "@/lib/findings/html-export";

const HOSTILE = `</title><script>alert("t")</script><img src=x onerror=alert(1)>`;
const BODY = [
  "Head 1.0 copies: see [the paper](https://transformer-circuits.pub/2021/framework/index.html) and [fig-1](#fig-1).",
  "<script>alert('body')</script> <svg onload=alert(2)></svg> <a href=\"javascript:alert(3)\">x</a>",
  "[js](javascript:alert(4)) ![img](https://evil.example/pixel.png) <iframe src=\"https://evil.example\"></iframe>",
].join("\n\n");

const doc: FindingExport = {
  format: "circuitboard-finding",
  formatVersion: 1,
  exportedAt: "2026-12-04T19:00:00.000Z",
  finding: { title: HOSTILE, body: BODY, model: { name: `induction-2l ${HOSTILE}`, version: 1, contentHash: "a".repeat(64) }, author: `Eve ${HOSTILE}` },
  figures: [
    {
      key: "fig-1", kind: "HEAD_CARD", params: { head: "1.0" }, engineVersion: "e1", frozenAt: "2026-12-04T18:00:00.000Z",
      value: {
        head: "1.0",
        scores: { previousToken: 0.0617, duplicateToken: 0.0412, induction: 0.4361, inductionStripe: 0.6843, ovCopying: 0.9921, qkTokenPositivity: 0.7113, qkPositionalPositivity: -0.6049, variedPeriodInduction: 0.5882, positionalInvariance: 0.3141, distanceFromUniform: null },
        labels: [{ label: "induction", score: 0.6843, partner: "0.0" }],
        repeatLength: 25,
      },
    },
    { key: "fig-2", kind: "COMPOSITION", params: { mode: "K" }, engineVersion: "e1", frozenAt: null, value: { mode: "K", heads: ["0.0", "1.0"], scores: [[0.1234, 0.3321], [null, 0.0555]], baseline: { mean: 0.17, std: 0.0123 } } },
    { key: "fig-3", kind: "ATTENTION", params: { head: "1.0", tokens: [1, 2] }, engineVersion: "e1", frozenAt: null, value: { head: "1.0", tokens: [{ id: 1, text: "<svg onload=alert(5)>" }, { id: 2, text: "]]></script>" }], pattern: [[1, 0], [0.25, 0.75]] } },
    { key: "fig-4", kind: "OV_TABLE", params: { head: "1.0", topK: 1 }, engineVersion: "e1", frozenAt: null, value: { head: "1.0", top: [{ source: { id: 3, text: "\"><a href=\"https://evil.example\">" }, output: { id: 3, text: "&amp;" }, value: 3.217 }] } },
    { key: "fig-5", kind: "HEAD_CARD", params: { head: "0.0" }, engineVersion: null, frozenAt: null, value: null },
  ],
};

const LINK = "http://127.0.0.1:3000/findings/abc123";
const html = findingHtml(doc, { bodyHtml: renderMarkdown(BODY), link: LINK });
/** Every start tag of the file (escaped text holds no raw "<", and the JSON data escapes it too). */
const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];

describe("findingHtml", () => {
  it("holds one script element, the inert JSON data, and no event attribute, src or iframe", () => {
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).toContain(`<script type="application/json" id="finding-data">`);
    expect(tags.length).toBeGreaterThan(50);
    expect(tags.filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /\s(?:src|srcset|action|formaction|xlink:href)\s*=/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /^<(iframe|img|object|embed|link|base|image|use|foreignObject)\b/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /javascript:/i.test(t))).toEqual([]);
  });

  it("names no address but the finding's own link, as text (no external href anywhere)", () => {
    expect(tags.flatMap((t) => [...t.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1])).filter((h) => !h.startsWith("#"))).toEqual([]);
    // The only addresses inside tags: the SVG namespace and the paper's, as a link's title.
    const urls = tags.flatMap((t) => [...t.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((m) => m[0]));
    const allowed = new Set(["http://www.w3.org/2000/svg", "https://transformer-circuits.pub/2021/framework/index.html"]);
    // The paper's address stays readable only as the link's title, never as an href.
    expect(html).toContain(`title="https://transformer-circuits.pub/2021/framework/index.html"`);
    expect(urls.filter((u) => !allowed.has(u))).toEqual([]);
    expect(html).toContain(`<span class="link">${LINK}</span>`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it("shows hostile title, author, model name and token texts only as escaped text", () => {
    expect(html).toContain(`<title>${escapeXml(HOSTILE)}</title>`);
    expect(html).toContain("&#60;/title&#62;&#60;script&#62;alert(&#34;t&#34;)&#60;/script&#62;");
    expect(html).not.toContain("<svg onload");
    expect(html).not.toContain(`"><a href="https://evil.example">`);
    // The token text "&amp;" is shown as those five characters, not as "&".
    expect(html).toContain("&#38;amp;");
  });

  it("draws every frozen figure with its numbers", () => {
    expect(html.match(/<figure /g)).toHaveLength(5);
    for (const n of [0.6843, 0.9921, -0.6049, 0.3321, 0.0555, 3.217]) expect(html, String(n)).toContain(`>${figureNumber(n)}<`);
    expect(figureNumber(-0.6049)).toBe("-0.6049");
    expect(html).toContain("random pairs 0.1700 ± 0.01230");
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain("Still being computed when exported: no values.");
  });

  it("embeds the export document, which parses back to the same object", () => {
    const data = /<script type="application\/json" id="finding-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(data).not.toMatch(/[<>&]/);
    expect(JSON.parse(data)).toEqual(doc);
  });
});

describe("the helpers", () => {
  it("inertJson escapes what could end the element, and keeps the value", () => {
    const value = { s: "</script><!-- & \u2028 \u2029" };
    const text = inertJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it("offlineBody drops absolute hrefs, keeps in-page ones", () => {
    expect(offlineBody(`<p><a href="https://x.example/a">a</a> <a href="//x.example">b</a> <a href="#fig-1">c</a> <a href="mailto:a@b.c">d</a></p>`)).toBe(
      `<p><a title="https://x.example/a">a</a> <a title="//x.example">b</a> <a href="#fig-1">c</a> <a title="mailto:a@b.c">d</a></p>`,
    );
  });

  it("escapeXml makes control characters and lone surrogates U+FFFD", () => {
    expect(escapeXml("a\u0000b\ud800c\udc00d\u{1F600}")).toBe("a\ufffdb\ufffdc\ufffdd\u{1F600}");
    expect(escapeXml(`<&>"'`)).toBe("&#60;&#38;&#62;&#34;&#39;");
  });
});
