// Small shared pieces for a query's states: loading, error (with a sign-in link when that is the
// fix), and an empty state with a call to action.
import type { ReactNode } from "react";
import { isUnauthenticated } from "@/lib/client/graphql";
import { SignInLinks } from "./sign-in-links";

export function Loading({ what }: { what: string }) {
  return <p className="subtle">Loading {what}…</p>;
}

export function ErrorMessage({ error }: { error: unknown }) {
  if (isUnauthenticated(error)) {
    return (
      <div className="alert alert-error" role="alert">
        You are not signed in. <SignInLinks />
      </div>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/** Shown where a page needs a signed-in account and there is none; `next` is where to come back to (default: this page). */
export function SignInPrompt({ action, next }: { action: string; next?: string }) {
  return (
    <EmptyState title="Sign in to continue">
      <p>
        <SignInLinks next={next} action={action} />
      </p>
    </EmptyState>
  );
}
