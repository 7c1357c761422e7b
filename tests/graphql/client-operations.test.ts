// Every GraphQL document the pages send (the generated lib/client/gql/graphql.ts holds each one,
// fragments inlined) must validate against the served schema AND pass the depth/alias/cost
// limits: a page whose query the server refuses would only show up in the browser otherwise.
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import * as generated from "@/lib/client/gql/graphql";
import { gql } from "./harness";

const documents: [string, string][] = Object.entries(generated).flatMap(([name, value]) =>
  value instanceof generated.TypedDocumentString && /^\s*(query|mutation)\b/.test(value.toString()) ? [[name, value.toString()] as [string, string]] : [],
);

describe("the pages' GraphQL documents", () => {
  it("are found (so this test checks something)", () => {
    expect(documents.map(([name]) => name)).toEqual(
      expect.arrayContaining(["ViewerDocument", "ModelListDocument", "ModelDetailDocument", "CreateApiTokenDocument", "ModelHeadReportDocument"]),
    );
  });

  it.each(documents)("%s parses, validates and stays within the limits", async (_name, document) => {
    // Signed out, on no database: nothing executes past the access check, but parsing, schema
    // validation and the armor limits all run first and would answer GRAPHQL_* codes.
    const result = await gql({} as Db, null, document);
    const codes = (result.errors ?? []).map((e) => String(e.extensions?.code));
    expect(codes.filter((c) => c.startsWith("GRAPHQL_")), JSON.stringify(result.errors)).toEqual([]);
  });
});
