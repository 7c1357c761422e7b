// A finding (/findings/[id]): looked up on the server with the policy (lib/findings): one the viewer
// may not read is a 404, or — signed out — a sign-in that comes back here.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { authHref } from "@/lib/client/next-path";
import { getDb } from "@/lib/db/client";
import { isDataError } from "@/lib/db/errors";
import { getFindingForActor } from "@/lib/findings/store";
import { FindingPage } from "../finding-page";

export const metadata: Metadata = { title: "Finding" };

const FindingId = z.string().regex(/^[a-z0-9]{8,64}$/i);

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const parsed = FindingId.safeParse((await params).id);
  if (!parsed.success) notFound();
  const actor = await getActor(await headers());
  try {
    await getFindingForActor(await getDb(), actor, parsed.data);
  } catch (error) {
    if (!isDataError(error)) throw error;
    if (!actor) redirect(authHref("sign-in", `/findings/${parsed.data}`));
    notFound();
  }
  return <FindingPage id={parsed.data} />;
}
