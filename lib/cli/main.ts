/**
 * Entry point of the `circuitboard` command (bin/circuitboard.mjs runs it through tsx).
 * Rule: returns an exit code instead of exiting — 0 success, 1 runtime failure (missing or invalid
 * model file), 2 usage error — and writes only the requested JSON to stdout, errors to stderr.
 */
import { stat } from "node:fs/promises";
import { bestNodeKernels } from "../engine/backends/onnx";
import { type Kernels } from "../engine/linalg/kernels";
import { tsKernels } from "../engine/linalg/kernels-ts";
import { loadModelFile } from "../engine/io/model-file";
import { type AttnOnlyModel } from "../engine/transformer/weights";
import { CliError, parseArgs, UsageError } from "./args";
import { directPathCommand, skipTrigramsCommand } from "./circuit-commands";
import { analyze, circuits, run, type CommandContext } from "./commands";
import { writeJson } from "./json-out";
import { formatText } from "./text";
import { formatTrainText, trainCommand, TRAIN_USAGE } from "./train";

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export const USAGE = `usage: circuitboard <command> <model.safetensors> [options]

commands:
  analyze <model> [--tokens tokens.json] [--seed N] [--batch N] [--repeat-length L] [--baseline-samples N] [--json]
      per-head detector, copying and positivity scores, labels, Q/K/V composition
      (with --tokens, every detector and the induction stripe run on them; L from their repeat or --repeat-length)
  run <model> --tokens 1,2,3 [--top-k K] [--json]
  run <dt-model> --trajectory trajectory.json [--rtg-points N] [--json]
      (a decision transformer, DT-FORMAT.md: action logits, typed positions, patterns, attention-only share, RTG sweep)
      attention patterns [layer][head][query][key], logits [pos][vocab] (or the top K per position), attention-only share
  circuits <model> --head L.H [--ov-topk K] [--qk-topk K] [--json]
      top-k entries of the head's full OV and QK circuits
  direct-path <model> [--top-k K] [--per-token K] [--json]
      top bigrams of the direct path W_E W_U (overall, and per input token)
  skip-trigrams <model> [--head L.H] [--top-k K] [--json]
      top skip-trigrams "source … destination → output" of one head (default: every head)
      (grouped by vocab_segments when the model has them; a decision transformer: its typed skip-trigrams)
${TRAIN_USAGE}
Set CIRCUITBOARD_KERNELS=ts to force the pure-TypeScript kernels (default: onnxruntime when it loads).
See docs/CLI.md for every output key.
`;

const COMMANDS = { analyze, run, circuits, "direct-path": directPathCommand, "skip-trigrams": skipTrigramsCommand } as const;

async function loadModelArg(path: string | undefined, command: string): Promise<AttnOnlyModel> {
  if (!path) throw new UsageError(`${command}: missing <model.safetensors>`);
  try {
    await stat(path);
  } catch {
    throw new CliError(`no such file: ${path}`);
  }
  try {
    return await loadModelFile(path);
  } catch (e) {
    throw new CliError(`cannot load ${path}: ${(e as Error).message}`);
  }
}

async function pickKernels(): Promise<Kernels> {
  return process.env.CIRCUITBOARD_KERNELS === "ts" ? tsKernels : bestNodeKernels();
}

/** Runs one command line; returns the process exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let kernels: Kernels | undefined;
  try {
    const [command, ...rest] = argv;
    if (!command || command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(USAGE);
      return command ? 0 : 2;
    }
    if (command === "train") {
      const args = parseArgs(rest, ["json"]);
      const out = await trainCommand(args, io.stderr);
      io.stdout.write(args.flags.has("json") ? JSON.stringify(out) + "\n" : formatTrainText(out));
      return 0;
    }
    if (!(command in COMMANDS)) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    const args = parseArgs(rest, ["json"]);
    if (args.positional.length > 1) throw new UsageError(`${command}: unexpected argument ${JSON.stringify(args.positional[1])}`);
    const model = await loadModelArg(args.positional[0], command);
    kernels = await pickKernels();
    const ctx: CommandContext = { args, model, kernels };
    const out = await COMMANDS[command as keyof typeof COMMANDS](ctx);
    if (args.flags.has("json")) {
      writeJson(io.stdout, out);
      io.stdout.write("\n");
    } else io.stdout.write(formatText(command, out));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`circuitboard: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof CliError || e instanceof RangeError || e instanceof TypeError) {
      io.stderr.write(`circuitboard: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await kernels?.dispose?.();
  }
}
