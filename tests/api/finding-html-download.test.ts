// GET /api/findings/<id>/export.html through its handler (lib/findings/html-download.ts) on the
// test database: a PUBLIC finding downloads signed out as an attachment holding its frozen head
// card numbers (compared with the frozen value the database holds); a DRAFT, an unknown id, a
// revoked share token and a token of another finding all answer the same 404.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { demoModelsDir, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { addFindingFigure } from "@/lib/findings/figure-store";
import { figureNumber } from "@/lib/findings/figure-svg";
import { handleFindingHtmlDownload, htmlFileName } from "@/lib/findings/html-download";
import { createShareLink, revokeShareLink } from "@/lib/findings/share";
import { createFinding, setFindingVisibility } from "@/lib/findings/store";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith } from "../graphql/fixtures";

const t = useTestDatabase();
let editor: Actor;
let publicId: string, draftId: string;

const download = (id: string, actor: Actor | null, query = "") =>
  handleFindingHtmlDownload(new Request(`http://cb.test/api/findings/${id}/export.html${query}`), id, { db: t.db, getActor: async () => actor });

beforeAll(async () => {
  editor = await createTestUser(t.db, "html-editor");
  const teamId = await createTeamWith(t.db, "HTML lab", [[editor, "OWNER"]]);
  const u = uploadFromSafetensors(new Uint8Array(readFileSync(path.join(demoModelsDir(), "induction-2l", "model.safetensors"))));
  const modelId = (await createModelFromUpload(t.db, editor, { teamId, name: "induction-2l", config: u.config as unknown as Prisma.InputJsonObject, metadata: u.metadata, tensors: u.tensors, contentHash: u.contentHash })).model.id;
  const published = await createFinding(t.db, editor, { modelId, title: `1.0 </title><script>x</script>`, body: "See [the paper](https://example.org) and fig-1." });
  await addFindingFigure(t.db, editor, { findingId: published.id, kind: "HEAD_CARD", params: { head: "1.0" } });
  await setFindingVisibility(t.db, editor, { id: published.id, visibility: "PUBLIC" });
  publicId = published.id;
  draftId = (await createFinding(t.db, editor, { modelId, title: "draft" })).id;
}, 120_000);

describe("the offline HTML download", () => {
  it("answers a PUBLIC finding signed out, as an attachment with its frozen numbers", async () => {
    const res = await download(publicId, null);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="finding-1-0-title-script-x-script.html"`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    const figure = await t.db.findingFigure.findFirstOrThrow({ where: { findingId: publicId }, select: { frozen: true } });
    const scores = (figure.frozen as { scores: Record<string, number | null> }).scores;
    expect(Object.keys(scores).length).toBeGreaterThan(5);
    for (const v of Object.values(scores)) expect(html).toContain(`>${figureNumber(v)}<`);
    expect(html).toContain(`<span class="link">http://cb.test/findings/${publicId}</span>`);
    expect(html).not.toContain("<script>x");
    expect(html).toContain(`title="https://example.org"`);
  });

  it("answers the same 404 for a DRAFT (signed out), an unknown id, a revoked token and another finding's token", async () => {
    const { link, token } = await createShareLink(t.db, editor, publicId);
    expect((await download(publicId, null, `?token=${token}`)).status).toBe(200);
    expect((await download(draftId, null, `?token=${token}`)).status).toBe(404);
    await revokeShareLink(t.db, editor, link.id);
    const answers = [await download(draftId, null), await download("nosuchfinding0000", null), await download(publicId, null, `?token=${token}`)];
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "No finding with that id, or it is not shared with you." } });
    }
    expect((await download(draftId, editor)).status).toBe(200);
  });

  it("names the file from the title's letters and digits only", () => {
    expect(htmlFileName(`../../etc/passwd"; x=`)).toBe("finding-etc-passwd-x.html");
    expect(htmlFileName("Ünïcödé 1.4 — induction")).toBe("finding-unicode-1-4-induction.html");
    expect(htmlFileName("")).toBe("finding-untitled.html");
    expect(htmlFileName("a".repeat(300))).toBe(`finding-${"a".repeat(60)}.html`);
  });
});
