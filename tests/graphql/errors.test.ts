// The one error rule (graphql/errors.ts): only errors written for the client reach it. A raw
// RangeError or TypeError of an engine invariant, and V8's own stack overflow, are masked as
// INTERNAL_SERVER_ERROR (and logged); zod errors, the data layer's typed errors and the engine's
// ModelFormatError keep their message as BAD_USER_INPUT.
import { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { formatError } from "@/graphql/errors";
import { BadInputError } from "@/lib/db/errors";
import { SafetensorsError } from "@/lib/engine/io/safetensors";
import { headReport } from "@/lib/engine/circuits/report";

const typeDefs = `type Query { rangeError: Int, engineRangeError: Int, stackOverflow: Int, typeError: Int, zod: Int, badInput: Int, format: Int }`;

function recurse(n: number): number {
  return recurse(n + 1) + 1;
}

const resolvers = {
  Query: {
    rangeError: () => {
      throw new RangeError("readStoredTensor: index 7 out of range for secret.W_Q [2, 3, 4]");
    },
    // A real engine invariant: the head report refuses a repeat length that does not fit n_ctx.
    engineRangeError: () => headReport({ config: { n_ctx: 2 } } as never, { repeatLength: 5 } as never),
    stackOverflow: () => recurse(0),
    typeError: () => (undefined as unknown as { x: number }).x,
    zod: () => z.object({ first: z.number().max(3, "first must be at most 3") }).parse({ first: 9 }),
    badInput: () => {
      throw new BadInputError("name is taken", "name");
    },
    format: () => {
      throw new SafetensorsError("tensor a: dtype I64 is not supported", "a");
    },
  },
};

let server: ApolloServer;
const logged = vi.spyOn(console, "error").mockImplementation(() => {});

beforeAll(async () => {
  server = new ApolloServer({ typeDefs, resolvers, formatError });
  await server.start();
});
afterAll(async () => {
  await server.stop();
  logged.mockRestore();
});

async function errorOf(field: string) {
  const res = await server.executeOperation({ query: `{ ${field} }` });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  const errors = res.body.singleResult.errors ?? [];
  expect(errors).toHaveLength(1);
  return errors[0];
}

describe("formatError", () => {
  it.each(["rangeError", "engineRangeError", "stackOverflow", "typeError"])("masks %s as a logged INTERNAL_SERVER_ERROR", async (field) => {
    logged.mockClear();
    const e = await errorOf(field);
    expect(e.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(e.message).toBe("Internal server error");
    expect(JSON.stringify(e)).not.toMatch(/secret|Maximum call stack|repeat length|undefined/);
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it("keeps zod, typed data-layer and engine format errors as BAD_USER_INPUT with their message", async () => {
    const zod = await errorOf("zod");
    expect(zod.extensions?.code).toBe("BAD_USER_INPUT");
    expect(zod.message).toBe("first: first must be at most 3");
    const bad = await errorOf("badInput");
    expect(bad.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.message).toBe("name is taken");
    const format = await errorOf("format");
    expect(format.extensions?.code).toBe("BAD_USER_INPUT");
    expect(format.message).toBe("tensor a: dtype I64 is not supported");
  });
});
