// A model's settings (/models/[id]/settings): rename, visibility, download the weights, delete. The
// model and what the viewer may do to it are decided on the server (lib/db/model-settings.ts); a
// model the viewer may not read is the same 404 as every model page (../load-model.ts). A signed-out
// visitor, who may browse a PUBLIC model, is sent through sign-in to settings (nothing here is theirs).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { getModelSettingsForActor } from "@/lib/db/model-settings";
import { authHref } from "@/lib/client/next-path";
import { loadModel } from "../load-model";
import { ModelSettingsView } from "./model-settings";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const model = await loadModel((await params).id);
  return { title: `Settings · ${model.name}` };
}

export default async function ModelSettingsPage({ params }: Params) {
  const model = await loadModel((await params).id);
  const actor = await getActor(await headers());
  if (!actor) redirect(authHref("sign-in", `/models/${model.id}/settings`));
  const s = await getModelSettingsForActor(await getDb(), actor, model.id);
  return (
    <ModelSettingsView
      model={{ id: s.model.id, name: s.model.name, visibility: s.model.visibility, teamName: s.model.team.name }}
      role={s.role}
      canUpdate={s.canUpdate}
      canDelete={s.canDelete}
      versions={s.versions.map((v) => ({ number: v.number, byteLength: v.byteLength, createdAt: v.createdAt.toISOString() }))}
      removes={s.removes}
    />
  );
}
