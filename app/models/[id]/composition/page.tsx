// A model's composition page (/models/[id]/composition): Q/K/V composition heatmaps against the
// random-pair baseline with the induction circuit highlighted. Access is checked on the server.
import type { Metadata } from "next";
import { Suspense } from "react";
import { loadModel } from "../load-model";
import { CompositionPage } from "./composition-page";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const model = await loadModel((await params).id);
  return { title: `Composition · ${model.name}` };
}

export default async function Page({ params }: Params) {
  const model = await loadModel((await params).id);
  return (
    <Suspense>
      <CompositionPage id={model.id} />
    </Suspense>
  );
}
