// A finding opened through a share link (/findings/shared/[token]), by anyone holding it, signed
// out too; an unknown or revoked token (or a finding made a DRAFT again) is a 404.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { isDataError } from "@/lib/db/errors";
import { openSharedFinding } from "@/lib/findings/share";
import { SharedFindingPage } from "../../finding-page";

export const metadata: Metadata = { title: "Shared finding", referrer: "no-referrer" };

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token;
  try {
    await openSharedFinding(await getDb(), await getActor(await headers()), token);
  } catch (error) {
    if (isDataError(error)) notFound();
    throw error;
  }
  return <SharedFindingPage token={token} />;
}
