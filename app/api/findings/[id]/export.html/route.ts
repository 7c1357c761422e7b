// GET /api/findings/<id>/export.html[?token=<share token>]: the finding as one offline HTML file (lib/findings/html-download.ts).
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { handleFindingHtmlDownload } from "@/lib/findings/html-download";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleFindingHtmlDownload(request, (await params).id, { db: await getDb(), getActor: (r) => getActor(r) });
}
