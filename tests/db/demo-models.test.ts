// Seeding the shipped demo models (lib/db/demo-models.ts) into the public Demo team of a fresh
// database: every models/<name>/ folder becomes one readable model whose stored tensors are the
// file's own bytes; a second seeding stores nothing; a broken folder is named and leaves no rows.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { DEMO_CURATOR_EMAIL, ensureDemoAccount } from "@/lib/db/demo";
import { demoModelsDir, seedDemoModels } from "@/lib/db/demo-models";
import { listModelsForActor } from "@/lib/db/models";
import { readStoredTensor } from "@/lib/db/tensors";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { handleModelUpload } from "@/lib/upload/handler";
import { tinyModel, uploadRequest } from "@/tests/api/tiny-model";
import { gql } from "@/tests/graphql/harness";
import { createTestUser, tableRowCounts, useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "cb-demo-models-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = readdirSync(demoModelsDir()).filter((n) => existsSync(path.join(demoModelsDir(), n, "model.safetensors"))).sort();

describe("seedDemoModels", () => {
  it("refuses to run before ensureDemoAccount has made the Demo team", async () => {
    await expect(seedDemoModels(t.db)).rejects.toThrow(/ensureDemoAccount/);
  });

  it("loads every shipped demo model into the public Demo team, readable by any account, tensors byte-identical to the files", async () => {
    expect(shipped.length).toBeGreaterThan(0);
    const demo = await ensureDemoAccount(t.db, t.auth, { passwordFile: path.join(dir, "pw") });
    const seeded = await seedDemoModels(t.db);
    expect(seeded.map((s) => s.name)).toEqual(shipped);
    expect(seeded.every((s) => s.created)).toBe(true);

    const newcomer = await createTestUser(t.db, "newcomer");
    const page = await listModelsForActor(t.db, newcomer, { first: 50 });
    expect(page.items.map((m) => m.name).sort()).toEqual(shipped);
    for (const m of page.items) expect(m.teamId).toBe(demo.teamId);

    for (const name of shipped) {
      const folder = path.join(demoModelsDir(), name);
      const file = readSafetensors(new Uint8Array(readFileSync(path.join(folder, "model.safetensors"))));
      const model = await t.db.model.findFirstOrThrow({ where: { name, teamId: demo.teamId }, include: { versions: true, tokenizer: true } });
      expect(model.versions).toHaveLength(1);
      if (existsSync(path.join(folder, "tokenizer.json"))) {
        const vocab = JSON.parse(readFileSync(path.join(folder, "tokenizer.json"), "utf8")) as string[];
        expect(model.tokenizer).toMatchObject({ kind: "vocab", vocabSize: vocab.length });
        expect(model.tokenizer!.data).toEqual(vocab);
      } else {
        // The decision transformer reads typed inputs, not tokens: no tokenizer, a DT config.
        expect(model.tokenizer).toBeNull();
        expect(model.config).toMatchObject({ attn_only: true, decision_transformer: { n_actions: 4, grid: { width: 5, height: 5, channels: ["agent"] } } });
      }
      for (const [tensorName, tensor] of file.tensors) {
        const stored = await readStoredTensor(t.db, model.versions[0].id, tensorName);
        expect(stored.shape).toEqual(tensor.shape);
        expect(Array.from(stored.data)).toEqual(Array.from(tensor.data));
      }
    }
  });

  it("is idempotent: seeding again recognises every file by its hash and writes no row", async () => {
    const before = await tableRowCounts(t.db);
    const again = await seedDemoModels(t.db);
    expect(again.map((s) => s.created)).toEqual(shipped.map(() => false));
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("lets the demo login read the Demo team's models but not delete them, and upload into its own Demo workspace", async () => {
    const demo = await ensureDemoAccount(t.db, t.auth, { passwordFile: path.join(dir, "pw") });
    const signIn = await t.auth.handler(new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: demo.email, password: demo.password }),
    }));
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const actor = await getActor(new Headers({ cookie }), { db: t.db, auth: t.auth });
    expect(actor?.userId).toBe(demo.userId);

    const curator = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_CURATOR_EMAIL } });
    const demoModels = await t.db.model.findMany({ where: { teamId: demo.teamId } });
    expect(demoModels.map((m) => m.createdById)).toEqual(demoModels.map(() => curator.id));
    const before = await tableRowCounts(t.db);
    const deleted = await gql<{ deleteModel: { ok: boolean; error: { message: string } | null } }>(
      t.db, actor, "mutation($id: ID!) { deleteModel(id: $id) { ok error { message } } }", { id: demoModels[0].id },
    );
    expect(deleted.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await tableRowCounts(t.db)).toEqual(before);

    const upload = await handleModelUpload(uploadRequest({ file: tinyModel(), name: "my first model", team: "demo-workspace" }, { cookie }), {
      db: t.db, getActor: (request) => getActor(request, { db: t.db, auth: t.auth }), maxBytes: 1024 * 1024,
    });
    expect(upload.status).toBe(201);
    const created = await t.db.model.findUniqueOrThrow({ where: { id: ((await upload.json()) as { id: string }).id } });
    expect(created).toMatchObject({ teamId: demo.workspaceTeamId, createdById: demo.userId });
  });

  it("names a folder whose model does not validate and stores nothing from it", async () => {
    const bad = path.join(dir, "models");
    mkdirSync(path.join(bad, "broken"), { recursive: true });
    const header = Buffer.from(JSON.stringify({ "embed.W_E": { dtype: "F32", shape: [4, 2], data_offsets: [0, 32] } }));
    const len = Buffer.alloc(8);
    len.writeUInt32LE(header.length, 0);
    writeFileSync(path.join(bad, "broken", "model.safetensors"), Buffer.concat([len, header, Buffer.alloc(32)]));
    const before = await tableRowCounts(t.db);
    await expect(seedDemoModels(t.db, { modelsDir: bad })).rejects.toThrow(/demo model broken .*could not be loaded/);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });
});
