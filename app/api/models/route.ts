// POST /api/models (DESIGN §5, contract): multipart `file` (safetensors), optional `tokenizer`,
// `name`, `team` (id or slug, before the file). Streams into the database, all-or-nothing.
// 201 `{ id, name, config, warnings, duplicate: false }`; 200 with `duplicate: true` when the team
// already holds this exact content; 4xx `{ error: { message, tensor?, field? } }` naming the fault.
// Size limit: $CIRCUITBOARD_MAX_UPLOAD_BYTES (default 2 GiB), beyond it a 413.
// Once the upload has committed, the model's head report is started (a background job for a model
// above 64 KiB of weights), so its overview finds it running or ready.
import { getActor } from "@/lib/auth/actor";
import { startHeadReportAfterUpload } from "@/lib/analysis/head-report";
import { getDb } from "@/lib/db/client";
import { handleModelUpload } from "@/lib/upload/handler";
import { maxUploadBytes } from "@/lib/upload/limits";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const db = await getDb();
  return handleModelUpload(request, {
    db, getActor: (r) => getActor(r), maxBytes: maxUploadBytes(),
    afterCommit: (result, actor) => startHeadReportAfterUpload(db, actor, result.id),
  });
}
