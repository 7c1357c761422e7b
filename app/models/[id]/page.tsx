// A model's overview (/models/[id]): the model is looked up and access-checked on the server
// (load-model.ts); the client component then loads the overview through GraphQL.
import type { Metadata } from "next";
import { loadModel } from "./load-model";
import { ModelOverview } from "./model-overview";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const model = await loadModel((await params).id);
  return { title: model.name };
}

export default async function ModelPage({ params }: Params) {
  const model = await loadModel((await params).id);
  return <ModelOverview id={model.id} />;
}
