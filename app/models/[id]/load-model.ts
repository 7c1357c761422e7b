// The model a page under /models/[id] may show, looked up on the server with the viewer's access
// checked by lib/db: a malformed id, a missing model and one the viewer may not see are all the
// same 404 (a private model's existence is never revealed). Signed out, a PUBLIC model shows (the
// policy lets anyone read it); any other redirects to sign-in, which returns to this page after.
// React's cache() makes it once per request (generateMetadata and the page share it).
import { headers } from "next/headers";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { NotFoundError, UnauthenticatedError } from "@/lib/db/errors";
import { getModelForActor } from "@/lib/db/models";
import { authHref, REQUEST_PATH_HEADER } from "@/lib/client/next-path";

/** Model ids are cuids (Prisma's `@default(cuid())`): letters and digits, no separators. */
const ModelId = z.string().regex(/^[a-z0-9]{8,64}$/i);

export const loadModel = cache(async (rawId: string) => {
  const parsed = ModelId.safeParse(rawId);
  if (!parsed.success) notFound();
  const requestHeaders = await headers();
  const actor = await getActor(requestHeaders);
  try {
    return await getModelForActor(await getDb(), actor, parsed.data);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof UnauthenticatedError) redirect(authHref("sign-in", requestHeaders.get(REQUEST_PATH_HEADER) ?? `/models/${parsed.data}`));
    throw error;
  }
});
