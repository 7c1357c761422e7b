// GET /api/models/<id>/weights?version=N: a model version's safetensors file (lib/download/handler.ts).
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { handleWeightsDownload } from "@/lib/download/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleWeightsDownload(request, (await params).id, { db: await getDb(), getActor: (r) => getActor(r) });
}
