// The committed client types (lib/client/gql/) are exactly what GraphQL Code Generator makes from
// schema.graphql and the pages' documents today: a changed schema field or page query without
// `npm run codegen` fails here rather than as a runtime surprise in the browser.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config, { GENERATED_DIR } from "@/codegen";

describe("the generated GraphQL client (codegen.ts)", () => {
  it("matches a fresh `npm run codegen` file for file", async () => {
    const root = process.cwd();
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: root, silent: true, verbose: false }, false);
    const files = outputs.map((o) => path.relative(root, path.resolve(root, o.filename))).sort();
    expect(files).toEqual(["gql.ts", "graphql.ts", "index.ts"].map((f) => path.join(GENERATED_DIR, f)));
    for (const output of outputs) {
      const committed = readFileSync(path.resolve(root, output.filename), "utf8");
      expect(committed, `${output.filename} is stale: run \`npm run schema:print && npm run codegen\``).toBe(output.content);
    }
  }, 120_000);

  it("leaves no hand-written document string in the pages (every one goes through graphql())", () => {
    const root = process.cwd();
    const sources = ["app", "lib/client"]
      .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)))
      .filter((f) => /\.tsx?$/.test(f) && !f.startsWith(GENERATED_DIR));
    expect(sources.length).toBeGreaterThan(20);
    const untyped = sources.filter((f) => /\/\* GraphQL \*\/|`\s*(query|mutation|subscription)\s+\w+\s*[({]/.test(readFileSync(path.join(root, f), "utf8").replace(/graphql\(`/g, "")));
    expect(untyped).toEqual([]);
  });
});
