// GraphQL Code Generator (`npm run codegen`): the client's typed documents from the printed schema.
// Rule: every query or mutation the browser sends is written once, as `graphql(`…`)` from
// "@/lib/client/gql", and its result and variable types are generated into lib/client/gql/ from
// schema.graphql, never written by hand. tests/lib/client/codegen.test.ts fails when the committed
// output is stale (regenerate with `npm run schema:print && npm run codegen`).
import type { CodegenConfig } from "@graphql-codegen/cli";

export const GENERATED_DIR = "lib/client/gql/";

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["app/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}", `!${GENERATED_DIR}**`],
  ignoreNoDocuments: false,
  generates: {
    [GENERATED_DIR]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents travel as strings (no graphql-js parser in the browser bundle).
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: false,
        scalars: { DateTime: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
