// Requests to better-auth's endpoints (lib/auth/auth.ts) as the app's own pages send them, for tests
// that run the real handler in process: a JSON POST from the app's origin, the session cookie a
// response sets, and an account signed up through the real sign-up with its cookie and actor.
import { getActor, type ActorDeps } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/policy";

/** The origin the tests' auth instances are configured with (`baseURL`). */
export const APP_ORIGIN = "http://localhost:3000";
/** Where better-auth's endpoints live. */
export const AUTH_BASE = `${APP_ORIGIN}/api/auth`;

/** A JSON POST to better-auth's `path` ("/sign-in/email") from the app's own origin; `headers` add or override. */
export function authPost(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${AUTH_BASE}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: APP_ORIGIN, ...headers }, body: JSON.stringify(body) });
}

/** The live session cookie a response sets (not one it clears): its `name=value` and its attributes, lower-cased. */
export function sessionSetCookie(response: Response): { pair: string; attributes: string[] } {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token=") && !/max-age=0/i.test(c));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  const [pair, ...attributes] = cookie.split(";").map((s) => s.trim());
  return { pair, attributes: attributes.map((a) => a.toLowerCase()) };
}

/** The `name=value` of the live session cookie a response sets. */
export function sessionCookie(response: Response): string {
  return sessionSetCookie(response).pair;
}

/** Signs an account up through better-auth's sign-up and resolves its cookie with the real getActor. */
export async function signUpWithCookie(t: ActorDeps, account: { email: string; password: string; name: string }): Promise<{ cookie: string; actor: Actor }> {
  const cookie = sessionCookie(await t.auth.handler(authPost("/sign-up/email", account)));
  const actor = await getActor(new Headers({ cookie }), t);
  if (!actor) throw new Error("the session cookie resolved to nobody");
  return { cookie, actor };
}
