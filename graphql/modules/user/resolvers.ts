// Resolvers of the user domain: me, User.email, apiTokens, createApiToken, revokeApiToken.
// Rules: token secrets appear in exactly one response (createApiToken's payload); an email is shown
// only to its account and to OWNERs of a team the account is in (graphql/viewer.ts), wherever a
// User appears (members, authors, uploaders, job owners).
import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/auth/scopes";
import { createApiToken, DEFAULT_TOKEN_LIFETIME_DAYS, listApiTokensForActor, MAX_TOKEN_LIFETIME_DAYS, revokeApiToken, type ApiTokenSummary } from "@/lib/db/api-tokens";
import type { Resolver } from "../../context";
import { parseInput, payload, type Payload } from "../../payload";
import { viewerMaySeeEmailOf } from "../../viewer";

/** A User as the schema resolves it (`email` when the loader had it; User.email loads it otherwise). */
export interface UserParent {
  id: string;
  name: string;
  email?: string;
}

const lifetimeMessage = `expiresInDays: a token lives 1 to ${MAX_TOKEN_LIFETIME_DAYS} whole days.`;
const createApiTokenInput = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "A token name is at most 100 characters."),
  expiresInDays: z.number().int(lifetimeMessage).min(1, lifetimeMessage).max(MAX_TOKEN_LIFETIME_DAYS, lifetimeMessage).nullish()
    .transform((days) => days ?? DEFAULT_TOKEN_LIFETIME_DAYS),
  scopes: z.array(z.enum(TOKEN_SCOPES)).max(TOKEN_SCOPES.length, "scopes: list each scope once.").nullish()
    .refine((scopes) => !scopes || scopes.includes("READ"), "scopes: every token has READ.")
    .transform((scopes) => scopes ?? undefined),
});
const idArg = z.object({ id: z.string().min(1).max(100) });

const me: Resolver<unknown, object, UserParent | null> = (_p, _a, { actor }) =>
  actor ? { id: actor.userId, name: actor.name, email: actor.email } : null;

/** The email, or null when the viewer may not see it. */
const email: Resolver<UserParent, object, string | null> = async (user, _a, context) => {
  if (!(await viewerMaySeeEmailOf(context, user.id))) return null;
  if (user.email !== undefined) return user.email;
  const row = await context.db.user.findUnique({ where: { id: user.id }, select: { email: true } });
  return row?.email ?? null;
};

const apiTokens: Resolver<unknown, object, ApiTokenSummary[]> = (_p, _a, { db, actor }) => listApiTokensForActor(db, actor);

const createApiTokenMutation: Resolver<unknown, { input: unknown }, Payload<{ token: ApiTokenSummary; secret: string }>> = (_p, args, { db, actor }) =>
  payload(() => createApiToken(db, actor, parseInput(createApiTokenInput, args.input)));

const revokeApiTokenMutation: Resolver<unknown, { id: string }, Payload<{ token: ApiTokenSummary }>> = (_p, args, { db, actor }) =>
  payload(async () => ({ token: await revokeApiToken(db, actor, parseInput(idArg, args).id) }));

export const userResolvers = {
  Query: { me, apiTokens },
  User: { email },
  Mutation: { createApiToken: createApiTokenMutation, revokeApiToken: revokeApiTokenMutation },
};
