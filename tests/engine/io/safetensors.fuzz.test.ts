// Property-based fuzzing of the safetensors parser and model validation (issue 7 item 9): hostile
// files (tests/helpers/fuzz-safetensors.ts) either load as a model or are refused with the
// engine's typed client error (ModelFormatError, with a message) — never a RangeError, TypeError
// or V8 stack overflow — and every case finishes within PER_CASE_MS and adds less than
// MAX_CASE_MEMORY_BYTES to peak RSS and to live memory (tests/helpers/memory-bound.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelFormatError } from "@/lib/engine/io/format-error";
import { parseSafetensorsHeader, readSafetensors } from "@/lib/engine/io/safetensors";
import { loadModel, validateModelHeader } from "@/lib/engine/transformer/weights";
import { assemble, BASE_KINDS, baseParts, byteEditedFile, fuzzRuns, hostileSafetensors, jsonText, mutatedHeaderFile, nested, nonObjectHeaderFile, Pairs } from "@/tests/helpers/fuzz-safetensors";
import { expectMemoryBounded, memoryMark, mib } from "@/tests/helpers/memory-bound";
import { timeBoundMs } from "@/tests/helpers/time-bound";

/** Longest one case may take (the slowest seen here is a few ms; a stall or a blow-up is seconds). */
const PER_CASE_MS = 200;

/** What the upload route and the CLI do with a file: header, model validation, tensors, model. */
function load(bytes: Uint8Array) {
  const header = parseSafetensorsHeader(bytes, bytes.length);
  validateModelHeader(header);
  const { tensors } = readSafetensors(bytes);
  return loadModel(tensors, { metadata: header.metadata });
}

type Outcome = { ok: true } | { ok: false; error: unknown };

function outcome(bytes: Uint8Array): Outcome {
  try {
    load(bytes);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

const stats = { cases: 0, loaded: 0, slowest: 0, largestGrowth: 0 };

/** The property: a model or a ModelFormatError with a message, within PER_CASE_MS and MAX_CASE_MEMORY_BYTES. */
function loadsOrRefuses(bytes: Uint8Array): void {
  const memory = memoryMark();
  const start = performance.now();
  const result = outcome(bytes);
  const ms = performance.now() - start;
  stats.cases++;
  stats.slowest = Math.max(stats.slowest, ms);
  if (result.ok) stats.loaded++;
  else {
    const { error } = result;
    if (!(error instanceof ModelFormatError)) throw new Error(`not a ModelFormatError: ${String(error)}`, { cause: error });
    expect(error.message.length).toBeGreaterThan(0);
  }
  expect(ms).toBeLessThan(timeBoundMs(PER_CASE_MS));
  expectMemoryBounded(memory, stats, `a ${bytes.length}-byte file`);
}

describe("safetensors fuzz", () => {
  it("loads the unmutated base files (the mutations start from valid models)", () => {
    for (const kind of BASE_KINDS) {
      const { entries, data } = baseParts(kind);
      expect(outcome(assemble(jsonText(new Pairs(entries)), data)).ok).toBe(true);
    }
  });

  it("refuses a deeply nested shape, dtype, offsets and metadata config with a ModelFormatError (JSON.stringify in a message overflowed the stack)", () => {
    const { entries, data } = baseParts("tiny");
    const deep = nested(100_000, "array");
    for (const field of ["shape", "dtype", "data_offsets"]) {
      const es = entries.map(([n, v], i) => (i === 1 ? [n, { ...(v as object), [field]: deep }] : [n, v]) as [string, unknown]);
      const r = outcome(assemble(jsonText(new Pairs(es)), data));
      expect(r.ok ? "loaded" : r.error).toBeInstanceOf(ModelFormatError);
    }
    for (const key of ["n_layers", "eps", "normalization_type", "positional_embedding_type"]) {
      const config = jsonText(new Pairs([[key, deep]]));
      const es = entries.map(([n, v]) => (n === "__metadata__" ? [n, { config }] : [n, v]) as [string, unknown]);
      const r = outcome(assemble(jsonText(new Pairs(es)), data));
      expect(r.ok ? "loaded" : r.error).toBeInstanceOf(ModelFormatError);
    }
  });

  it("refuses a decision transformer whose state.grid is null with a ModelFormatError (it read null.width: a TypeError)", () => {
    const { entries, data } = baseParts("dt");
    const es = entries.map(([n, v]) => {
      if (n !== "__metadata__") return [n, v] as [string, unknown];
      const meta = v as Record<string, string>;
      const spec = JSON.parse(meta.decision_transformer) as { state: Record<string, unknown> };
      spec.state.grid = null;
      return [n, { ...meta, decision_transformer: JSON.stringify(spec) }] as [string, unknown];
    });
    const r = outcome(assemble(jsonText(new Pairs(es)), data));
    expect(r.ok ? "loaded" : r.error).toBeInstanceOf(ModelFormatError);
    expect(r.ok ? "" : (r.error as Error).message).toMatch(/state\.grid must be an object/);
  });

  it("mutated headers: 4 000 cases", () => {
    fc.assert(fc.property(mutatedHeaderFile, loadsOrRefuses), fuzzRuns(4000));
  });

  it("headers that are not objects or nest 300 000 deep: 1 000 cases", () => {
    fc.assert(fc.property(nonObjectHeaderFile, loadsOrRefuses), fuzzRuns(1000));
  });

  it("byte-level edits of whole files (header, length field and data): 3 000 cases", () => {
    fc.assert(fc.property(byteEditedFile, loadsOrRefuses), fuzzRuns(3000));
  });

  it("all kinds mixed: 1 000 cases, then reports the counts", () => {
    fc.assert(fc.property(hostileSafetensors, loadsOrRefuses), fuzzRuns(1000));
    console.info(`[safetensors fuzz] ${stats.cases} cases, ${stats.loaded} loaded, slowest ${stats.slowest.toFixed(1)} ms, largest memory growth ${mib(stats.largestGrowth)}`);
    expect(stats.cases).toBeGreaterThanOrEqual(9000);
  });
});
