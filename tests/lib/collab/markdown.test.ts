import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BadInputError } from "@/lib/db/errors";
import { MAX_MARKDOWN_CHARS, MAX_MARKDOWN_NESTING, renderMarkdown } from "@/lib/collab/markdown";
import { timeBoundMs } from "@/tests/helpers/time-bound";

/** Every attribute name in the HTML, and every tag name. */
/**
 * The tags, attribute names and href values of serialised HTML. hast-util-to-html escapes every `<`
 * of text as `&#x3C;` and quotes attribute values with `"` escaped, so each unescaped `<` opens a real
 * tag; text that merely looks like `href="…"` is not an attribute (fast-check counterexample
 * `<a href="javascript: onerror="x"`, rendered as text).
 */
function tagsAndAttributes(html: string): { tags: string[]; attributes: string[]; hrefs: string[] } {
  const tags: string[] = [];
  const attributes: string[] = [];
  const hrefs: string[] = [];
  for (const tag of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>"'/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    tags.push(tag[1].toLowerCase());
    for (const attribute of tag[2].matchAll(/\s([^\s=>"'/]+)(?:="([^"]*)")?/g)) {
      const name = attribute[1].toLowerCase();
      attributes.push(name);
      if (name === "href") hrefs.push(attribute[2] ?? "");
    }
  }
  return { tags, attributes, hrefs };
}

describe("renderMarkdown", () => {
  it("renders ordinary Markdown and GFM (emphasis, code, links, tables, task lists)", () => {
    const html = renderMarkdown("**1.4** is an *induction* head; see [the paper](https://transformer-circuits.pub/2021/framework).\n\n| head | score |\n|---|---|\n| 1.4 | 0.98 |\n\n- [x] checked\n\n`W_OV`");
    expect(html).toContain("<strong>1.4</strong>");
    expect(html).toContain("<em>induction</em>");
    expect(html).toContain('<a href="https://transformer-circuits.pub/2021/framework">the paper</a>');
    expect(html).toContain("<td>0.98</td>");
    expect(html).toContain('type="checkbox"');
    expect(html).toContain("<code>W_OV</code>");
  });

  it("drops script tags, raw HTML, event attributes and SVG payloads", () => {
    const hostile = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      '<svg onload="alert(1)"><script>alert(2)</script></svg>',
      '<a href="https://x" onclick="alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      "<style>body{display:none}</style>",
      '<div style="background:url(javascript:alert(1))">x</div>',
    ].join("\n\n");
    const html = renderMarkdown(hostile);
    const { tags, attributes } = tagsAndAttributes(html);
    for (const tag of ["script", "img", "svg", "iframe", "style", "a", "div"]) expect(tags).not.toContain(tag);
    expect(attributes.filter((a) => a.startsWith("on") || a === "style" || a === "src")).toEqual([]);
    expect(html).not.toMatch(/<script/i);
  });

  it("refuses javascript:, data: and vbscript: link targets (the text stays, the link goes)", () => {
    for (const target of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x"]) {
      const html = renderMarkdown(`[click](${target}) and <${target}>`);
      expect(html, target).not.toMatch(/href="(?!https?:|mailto:)/i);
      expect(html.toLowerCase(), target).not.toContain('href="javascript');
    }
  });

  it("drops Markdown images (no external loads) but keeps nothing executable", () => {
    const html = renderMarkdown('![tracker](https://evil.example/pixel.png "t") ![x](javascript:alert(1))');
    expect(tagsAndAttributes(html).tags).not.toContain("img");
  });

  it("refuses a megabyte of nesting quickly, naming the field, instead of parsing it", () => {
    for (const source of [">".repeat(1 << 20), "[".repeat(1 << 20), "- ".repeat(1 << 19)]) {
      const started = performance.now();
      expect(() => renderMarkdown(source, "body")).toThrow(BadInputError);
      expect(() => renderMarkdown(source, "body")).toThrow(/body is 1048576 characters; the limit is 20000/);
      expect(performance.now() - started).toBeLessThan(timeBoundMs(1000));
    }
  });

  it("refuses nesting deeper than the bound within the size limit, and renders nesting at the bound", () => {
    const deep = ">".repeat(MAX_MARKDOWN_NESTING + 1) + " too deep";
    expect(() => renderMarkdown(deep, "body")).toThrow(/line 1 nests deeper than 16 levels/);
    const deepList = Array.from({ length: MAX_MARKDOWN_NESTING + 2 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n");
    expect(() => renderMarkdown(deepList)).toThrow(BadInputError);
    const atBound = renderMarkdown(">".repeat(MAX_MARKDOWN_NESTING) + " fine");
    expect(atBound.match(/<blockquote>/g)?.length).toBe(MAX_MARKDOWN_NESTING);
  });

  it("renders the largest allowed adversarial inputs in bounded time", () => {
    const n = MAX_MARKDOWN_CHARS;
    for (const source of ["[a](".repeat(n / 4), "*a ".repeat(Math.floor(n / 3)), "`a ".repeat(Math.floor(n / 3))]) {
      const started = performance.now();
      renderMarkdown(source);
      // Measured ≈ 0.6–0.9 s on the loaded 2-core machine; 10× margin.
      expect(performance.now() - started).toBeLessThan(10_000);
    }
  });

  it("drops a link whose colon hides behind an entity or fragment (fast-check counterexample [a](&#javascript:))", () => {
    expect(renderMarkdown("[a](&#javascript:)")).toBe("<p><a>a</a></p>");
    expect(renderMarkdown("[a](#x:javascript:alert(1))")).toBe("<p><a>a</a></p>");
    expect(renderMarkdown("[a](https://example.org/a:b)")).toBe('<p><a href="https://example.org/a:b">a</a></p>');
  });

  it("reads text that looks like an attribute as text (fast-check counterexample)", () => {
    const html = renderMarkdown('<a href="javascript: onerror="x"');
    expect(tagsAndAttributes(html)).toEqual({ tags: ["p", "p"], attributes: [], hrefs: [] });
    expect(tagsAndAttributes('<p><a href="javascript:x" onclick="y">a</a></p>')).toEqual({ tags: ["p", "a", "a", "p"], attributes: ["href", "onclick"], hrefs: ["javascript:x"] });
  });

  it("never emits a script, an event attribute or a non-http(s)/mailto link for arbitrary input (property)", () => {
    const piece = fc.constantFrom("<script>", "</script>", "<svg ", "onload=", " onerror=\"x\"", "javascript:", "[a](", ")", "<a href=", ">", "\"", "'", "![", "](", "`", "<", "&#", "x", " ", "\n", "*", "|");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const html = renderMarkdown(parts.join(""));
        const { tags, attributes, hrefs } = tagsAndAttributes(html);
        expect(tags.filter((t) => ["script", "svg", "img", "iframe", "style"].includes(t))).toEqual([]);
        expect(attributes.filter((a) => a.startsWith("on") || a === "style")).toEqual([]);
        for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:|[^:]*$)/i);
        // Every "<" left in the output opens a tag this parser read: no raw markup slipped past it.
        expect((html.match(/</g) ?? []).length).toBe(tags.length);
      }),
      { numRuns: 300 },
    );
  });
});
