"use client";
// The sign-in and sign-up form. On success the cached queries are dropped (they belonged to the
// previous visitor) and the browser goes to the library; on failure better-auth's message is shown.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { signIn, signUp } from "@/lib/client/auth";

/** The demo account `npm start` creates on an embedded install, offered on the sign-in page. */
export interface DemoLogin {
  email: string;
  password: string;
}

/** `next`: a validated same-site path to go to afterwards (see lib/client/next-path.ts). */
export function AuthForm({ mode, demo = null, next = null }: { mode: "sign-in" | "sign-up"; demo?: DemoLogin | null; next?: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      if (mode === "sign-up") await signUp({ name: String(form.get("name") ?? "").trim(), email, password });
      else await signIn({ email, password });
      queryClient.clear();
      router.push(next ?? (mode === "sign-up" ? "/teams/new?welcome=1" : "/models"));
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  function fillDemo() {
    if (!demo) return;
    (document.getElementById("email") as HTMLInputElement).value = demo.email;
    (document.getElementById("password") as HTMLInputElement).value = demo.password;
  }

  const signingUp = mode === "sign-up";
  return (
    <div className="page-narrow">
      <div className="panel">
        <h1>{signingUp ? "Create your account" : "Sign in"}</h1>
        <p className="subtle">
          {signingUp ? "Upload models and study their circuits with your team." : "Welcome back to Circuitboard."}
        </p>
        {demo && !signingUp && (
          <div className="alert alert-ok" data-testid="demo-login">
            Demo account: <span className="mono">{demo.email}</span> / <span className="mono">{demo.password}</span>{" "}
            <button type="button" className="link" onClick={fillDemo}>
              Fill in
            </button>
          </div>
        )}
        <form onSubmit={onSubmit} style={{ marginTop: "1.25rem" }}>
          {signingUp && (
            <div className="field">
              <label htmlFor="name">Name</label>
              <input id="name" name="name" type="text" autoComplete="name" required maxLength={100} />
            </div>
          )}
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete={signingUp ? "new-password" : "current-password"}
              required
              minLength={signingUp ? MIN_PASSWORD_LENGTH : undefined}
            />
            {signingUp && <div className="hint">At least {MIN_PASSWORD_LENGTH} characters, not a common password or a simple pattern.</div>}
          </div>
          {error && (
            <div className="alert alert-error" role="alert">
              {error}
            </div>
          )}
          <button type="submit" disabled={busy} style={{ width: "100%" }}>
            {busy ? "Please wait…" : signingUp ? "Create account" : "Sign in"}
          </button>
        </form>
        <p className="subtle" style={{ marginTop: "1rem", textAlign: "center" }}>
          {signingUp ? (
            <>
              Already have an account? <Link href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}>Sign in</Link>
            </>
          ) : (
            <>
              New here? <Link href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}>Create an account</Link>
            </>
          )}
        </p>
      </div>
    </div>
  );
}
