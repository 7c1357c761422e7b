// A head's page (/models/[id]/heads/[name], e.g. /models/…/heads/1.4): the model is looked up and
// access-checked on the server; the head name must look like "L.H" (the API checks it against the
// model's shape and answers BAD_USER_INPUT naming the shape when it does not exist).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadModel } from "../../load-model";
import { HeadPage } from "./head-page";

type Params = { params: Promise<{ id: string; name: string }> };

/** "L.H" with small non-negative integers (the API bounds them by the model's shape). */
const HEAD_NAME = /^(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})$/;

function headName(raw: string): string {
  const name = decodeURIComponent(raw);
  if (!HEAD_NAME.test(name)) notFound();
  return name;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id, name } = await params;
  const model = await loadModel(id);
  return { title: `Head ${headName(name)} · ${model.name}` };
}

export default async function Page({ params }: Params) {
  const { id, name } = await params;
  const model = await loadModel(id);
  return <HeadPage id={model.id} head={headName(name)} />;
}
