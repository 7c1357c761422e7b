// Markdown of annotations, comments and findings, rendered to HTML that is safe to insert into a
// page. Rules: the source is bounded before it is parsed (length, and container nesting per line —
// micromark recurses per nesting level and takes ≈ 90 s and then overflows the stack on 64 000
// nested quotes, measured here); raw HTML in the source is never passed through (remark-rehype
// drops it) and the result goes through rehype-sanitize (GitHub's schema, without images, so a body
// cannot load anything from elsewhere), so scripts, `javascript:` links, event attributes and SVG
// never reach the page. Rendering is slow for adversarial text (≈ 1.5 s for 20 000 characters of
// table cells on this machine), so callers render once, at write time, and store the HTML.
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { BadInputError } from "@/lib/db/errors";

/** Longest Markdown source rendered (characters). */
export const MAX_MARKDOWN_CHARS = 20_000;

/** Deepest container nesting (block quotes and list levels on one line) rendered. */
export const MAX_MARKDOWN_NESTING = 16;

/** Deepest tree the renderer accepts after parsing (a second guard behind the per-line scan). */
const MAX_TREE_DEPTH = 4 * MAX_MARKDOWN_NESTING;

/** GitHub's sanitiser schema without `img`: nothing in a body loads a resource. */
const SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== "img" && tag !== "picture" && tag !== "source"),
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"] },
};

/** An href with a colon anywhere counts as absolute and must start with one of the schema's protocols. */
const ALLOWED_HREF = /^(https?:|mailto:|[^:]*$)/i;

interface HastNode {
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/**
 * Drops an href that holds a colon but no allowed scheme. rehype-sanitize reads a scheme only before
 * the first `?`, `#` or `/`, so `&#javascript:` passes it as a relative link; no link we render
 * needs a colon outside http(s)/mailto, so none keeps one. Iterative, like assertTreeDepth.
 */
function dropColonHrefs(root: HastNode): void {
  const stack: HastNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const href = node.properties?.href;
    if (typeof href === "string" && !ALLOWED_HREF.test(href)) delete node.properties!.href;
    for (const child of node.children ?? []) stack.push(child);
  }
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(() => (tree) => assertTreeDepth(tree as TreeNode))
  .use(remarkRehype)
  .use(rehypeSanitize, SCHEMA)
  .use(() => (tree) => dropColonHrefs(tree as HastNode))
  .use(rehypeStringify);

interface TreeNode {
  children?: TreeNode[];
}

/** Iterative depth check (a recursive one would be the very overflow it guards against). */
function assertTreeDepth(root: TreeNode): void {
  const stack: [TreeNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) throw new BadInputError(`Markdown nests deeper than ${MAX_TREE_DEPTH} levels.`, "body");
    for (const child of node.children ?? []) stack.push([child, depth + 1]);
  }
}

/**
 * The container nesting a line opens: `>` markers and list markers in its prefix, and its
 * indentation in steps of two columns (a nested list item is indented by its parent's marker width).
 */
function lineNesting(line: string): number {
  let depth = 0;
  let spaces = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ">") depth++;
    else if (c === " ") spaces++;
    else if (c === "\t") spaces += 4;
    else if ((c === "-" || c === "*" || c === "+") && line[i + 1] === " ") depth++;
    else break;
  }
  return depth + Math.floor(spaces / 2);
}

/** Refuses Markdown that is too long or nests too deeply, naming `field`. */
export function assertMarkdownBounds(source: string, field = "body"): void {
  if (source.length > MAX_MARKDOWN_CHARS) {
    throw new BadInputError(`${field} is ${source.length} characters; the limit is ${MAX_MARKDOWN_CHARS}.`, field);
  }
  let start = 0;
  let lineNumber = 1;
  while (start <= source.length) {
    const end = source.indexOf("\n", start);
    const line = source.slice(start, end === -1 ? source.length : end);
    if (lineNesting(line) > MAX_MARKDOWN_NESTING) {
      throw new BadInputError(`${field} line ${lineNumber} nests deeper than ${MAX_MARKDOWN_NESTING} levels (quotes, lists or indentation).`, field);
    }
    if (end === -1) break;
    start = end + 1;
    lineNumber++;
  }
}

/** Sanitised HTML of a bounded Markdown source; BadInputError (naming `field`) when out of bounds. */
export function renderMarkdown(source: string, field = "body"): string {
  assertMarkdownBounds(source, field);
  try {
    return String(processor.processSync(source));
  } catch (error) {
    if (error instanceof BadInputError) throw new BadInputError(error.message, field);
    throw error;
  }
}
