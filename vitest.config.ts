import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: "@", replacement: root },
      // One graphql instance: Node loads @apollo/server's `graphql` import as the CJS main, while vite
      // would resolve ours to index.mjs (the "module" field), and graphql-js refuses a schema from
      // "another module or realm". Next bundles both the same way, so only tests need this.
      { find: /^graphql$/, replacement: "graphql/index.js" },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/engine/**/*.test.ts", "tests/lib/**/*.test.ts", "tests/app/**/*.test.ts", "tests/cli/**/*.test.ts", "tests/lint/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: "integration", include: ["tests/db/**/*.test.ts", "tests/graphql/**/*.test.ts", "tests/api/**/*.test.ts", "tests/jobs/**/*.test.ts", "tests/live/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
      {
        extends: true,
        // The first file's beforeAll may run `next build` (tests/helpers/browser.ts): 2–3 min on a quiet
        // machine, over 5 min on a loaded one, so hooks get longer than tests.
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], testTimeout: 300_000, hookTimeout: 900_000, fileParallelism: false },
      },
    ],
  },
});
