// GET /api/findings/<id>/export.html (or ?token=<share token>): the finding as one offline HTML file
// (./html-export), as a download. Rules: read access as `finding(id)` (signed out: a PUBLIC one) or
// as `sharedFinding(token)`; a finding the caller may not read, an unknown id and a revoked token
// all answer the same 404; the file is built from the frozen values only; the answer is an
// attachment with a CSP that forbids everything but inline style, should a browser render it.
import type { Actor } from "../auth/policy";
import type { Db } from "../db/client";
import { isDataError } from "../db/errors";
import type { LoadedFinding } from "./access";
import { findingHtml } from "./html-export";
import { openSharedFinding } from "./share";
import { getFindingForActor } from "./store";
import { exportFindingJson } from "./transfer";

export interface HtmlDownloadDeps {
  db: Db;
  getActor(request: Request): Promise<Actor | null>;
}

/** The download's file name: the title's letters and digits, dashed, at most 60 characters. */
export function htmlFileName(title: string): string {
  const slug = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "").toLowerCase();
  return `finding-${slug || "untitled"}.html`;
}

function notFound(): Response {
  return Response.json({ error: { code: "NOT_FOUND", message: "No finding with that id, or it is not shared with you." } }, { status: 404 });
}

export async function handleFindingHtmlDownload(request: Request, id: string, deps: HtmlDownloadDeps): Promise<Response> {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  let finding: LoadedFinding;
  try {
    const actor = await deps.getActor(request);
    finding = token !== null ? await openSharedFinding(deps.db, actor, token) : await getFindingForActor(deps.db, actor, id);
  } catch (error) {
    if (isDataError(error)) return notFound();
    throw error;
  }
  if (token !== null && finding.row.id !== id) return notFound();
  const link = token !== null ? null : `${url.origin}/findings/${finding.row.id}`;
  const html = findingHtml(exportFindingJson(finding), { bodyHtml: finding.row.bodyHtml, link });
  return new Response(html, {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-disposition": `attachment; filename="${htmlFileName(finding.row.title)}"`,
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
