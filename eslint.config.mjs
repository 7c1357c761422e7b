// Lint rules. The one that matters most: lib/engine is a pure library (DESIGN §2) — outside its
// I/O edge (lib/engine/io, lib/engine/backends) it may not import a framework, a database or Node.
import tseslint from "typescript-eslint";

const forbiddenInEngine = [
  "next", "next/*", "react", "react/*", "react-dom", "react-dom/*",
  "@prisma/*", "prisma", "pg", "@electric-sql/*", "graphql", "graphql/*", "@apollo/*",
  "node:*", "fs", "fs/*", "path", "os", "crypto", "worker_threads", "child_process", "stream", "url", "util",
  "onnxruntime-node",
];

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", ".data/**", "lib/db/generated/**", "lib/client/gql/**", "next-env.d.ts", "**/*.mjs", "**/*.cjs", "**/*.js"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["lib/engine/**/*.ts"],
    ignores: ["lib/engine/io/**", "lib/engine/backends/**"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: forbiddenInEngine, message: "lib/engine's core is framework-, database- and Node-free (DESIGN §2); put I/O in lib/engine/io or lib/engine/backends." }],
      }],
    },
  },
);
