// Uploading a model in browser tests: POST /api/models through a page's request context, so the
// upload carries that page's session cookie (and origin) as a signed-in user's script would.
// Rule: the upload must answer 201 (else the test fails showing the server's answer), and the new
// model's id is returned.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Longest an upload may take on a loaded machine. */
export const UPLOAD_TIMEOUT_MS = 120_000;

/** The safetensors file and tokenizer.json of a demo model the repo ships (`models/<demo>`). */
export function demoModelFiles(demo: string): { file: Buffer; tokenizer: Buffer } {
  const dir = path.resolve("models", demo);
  return { file: readFileSync(path.join(dir, "model.safetensors")), tokenizer: readFileSync(path.join(dir, "tokenizer.json")) };
}

/** Uploads `file` (with `tokenizer`, when given) as `name` into the team `team` (its slug) on `baseUrl`, as `page`'s user. */
export async function uploadThroughPage(page: Page, baseUrl: string, input: { name: string; team: string; file: Buffer; tokenizer?: Buffer }): Promise<string> {
  const res = await page.request.post(`${baseUrl}/api/models`, {
    multipart: {
      name: input.name, team: input.team,
      ...(input.tokenizer ? { tokenizer: { name: "tokenizer.json", mimeType: "application/json", buffer: input.tokenizer } } : {}),
      file: { name: "model.safetensors", mimeType: "application/octet-stream", buffer: input.file },
    },
    timeout: UPLOAD_TIMEOUT_MS,
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Uploads the demo model `demo` under `name` (default the demo's name) into team `team`, as `page`'s user. */
export function uploadDemoThroughPage(page: Page, baseUrl: string, team: string, demo: string, name = demo): Promise<string> {
  return uploadThroughPage(page, baseUrl, { name, team, ...demoModelFiles(demo) });
}
