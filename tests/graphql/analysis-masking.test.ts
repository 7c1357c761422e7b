// Only client-written errors reach clients from an analysis (lib/analysis/client-error): a kind
// that fails with a RangeError (what V8's "Maximum call stack size exceeded" is) answers FAILED
// with "internal error (logged as <id>)", and the log holds the real message under that id; a
// BadInputError's message is still shown verbatim.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { clientMessage } from "@/lib/analysis/client-error";
import { getOrEnqueueAnalysis } from "@/lib/analysis/get-analysis";
import { defineAnalysisKind } from "@/lib/analysis/kinds";
import type { Actor } from "@/lib/auth/policy";
import { uploadFromSafetensors } from "@/lib/db/demo-models";
import { BadInputError } from "@/lib/db/errors";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { SafetensorsError } from "@/lib/engine/io/safetensors";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { tinyModel } from "@/tests/api/tiny-model";
import { createTeamWith } from "./fixtures";

const t = useTestDatabase();
let owner: Actor;
let modelId: string;

const SECRET = "engine invariant: row 7 of W_Q has 3 columns";
defineAnalysisKind({ kind: "test-range-error", params: z.object({}), compute: () => { throw new RangeError(SECRET); } });
defineAnalysisKind({ kind: "test-bad-input", params: z.object({}), compute: () => { throw new BadInputError("head 9 does not exist in layer 0", "head"); } });

beforeAll(async () => {
  owner = await createTestUser(t.db, "masker");
  const teamId = await createTeamWith(t.db, "Masking", [[owner, "OWNER"]]);
  const upload = uploadFromSafetensors(tinyModel());
  const created = await createModelFromUpload(t.db, owner, {
    teamId, name: "masked", config: upload.config as unknown as Prisma.InputJsonObject,
    metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash,
  });
  modelId = created.model.id;
});

afterEach(() => vi.restoreAllMocks());

describe("analysis error masking", () => {
  it("answers a RangeError inside a kind as a masked internal error and logs the real message under its id", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await getOrEnqueueAnalysis(t.db, owner, { modelId, kind: "test-range-error" }, { enforceCap: false, inProcessBytes: 1 << 30 });
    expect(state.status).toBe("FAILED");
    const message = (state as { message: string }).message;
    expect(message).toMatch(/^test-range-error: internal error \(logged as [0-9a-f]{8}\)$/);
    expect(message).not.toContain(SECRET);
    const id = /logged as ([0-9a-f]{8})/.exec(message)![1];
    const logged = log.mock.calls.find((args) => String(args[0]).includes(id));
    expect(logged).toBeDefined();
    expect(String((logged![1] as Error).message)).toBe(SECRET);
  });

  it("shows a BadInputError's message verbatim", async () => {
    const state = await getOrEnqueueAnalysis(t.db, owner, { modelId, kind: "test-bad-input" }, { enforceCap: false, inProcessBytes: 1 << 30 });
    expect(state).toMatchObject({ status: "FAILED", message: "test-bad-input: head 9 does not exist in layer 0" });
  });

  it("clientMessage (the job worker's rule too) keeps engine and zod messages and masks TypeError and stack overflows", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(clientMessage(new SafetensorsError("missing embed.W_E", "embed.W_E"), "t")).toBe("missing embed.W_E");
    expect(clientMessage(z.object({ a: z.number() }).safeParse({}).error, "t")).toContain("a");
    const overflow = (() => { try { return JSON.stringify(JSON.parse("[".repeat(20_000) + "]".repeat(20_000)), (_, v) => v); } catch (e) { return e; } })();
    for (const e of [new TypeError("Cannot read properties of undefined (reading 'length')"), new RangeError("Maximum call stack size exceeded"), overflow, "a string"]) {
      expect(clientMessage(e, "t")).toMatch(/^internal error \(logged as [0-9a-f]{8}\)$/);
    }
  });
});
