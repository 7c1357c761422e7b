// Runs the `circuitboard` entry point in process, collecting what it writes (tests/cli).
import { main } from "@/lib/cli/main";

export async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}
