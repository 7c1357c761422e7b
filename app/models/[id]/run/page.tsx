// A model's prompt explorer (/models/[id]/run?prompt=… or ?tokens=1,2,3): the run is in the URL,
// so every run has its own link. Access is checked on the server.
import type { Metadata } from "next";
import { Suspense } from "react";
import { loadModel } from "../load-model";
import { RunPage } from "./run-page";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const model = await loadModel((await params).id);
  return { title: `Prompt explorer · ${model.name}` };
}

export default async function Page({ params }: Params) {
  const model = await loadModel((await params).id);
  return (
    <Suspense>
      <RunPage id={model.id} />
    </Suspense>
  );
}
