"use client";
// Create (secret shown once), list and revoke the viewer's API tokens.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import type { TokenScope } from "@/lib/client/gql/graphql";
import { useViewer } from "@/lib/client/hooks";
import {
  API_TOKENS_QUERY,
  CREATE_API_TOKEN_MUTATION,
  REVOKE_API_TOKEN_MUTATION,
  describeMutationError,
} from "@/lib/client/operations";
import { queryKeys } from "@/lib/client/query-keys";
import { CopyButton } from "../_components/copy-button";
import { EmptyState, ErrorMessage, Loading, SignInPrompt } from "../_components/states";

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "never";
}

export function ApiTokens() {
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const signedIn = Boolean(viewer.data?.me);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const tokens = useQuery({
    queryKey: queryKeys.tokens(),
    queryFn: ({ signal }) => gql(API_TOKENS_QUERY, undefined, signal),
    enabled: signedIn,
  });

  const create = useMutation({
    mutationFn: (input: { name: string; scopes: TokenScope[] }) => gql(CREATE_API_TOKEN_MUTATION, { input }),
    onSuccess: ({ createApiToken: r }) => {
      if (!r.ok || !r.secret || !r.token) {
        setFormError(r.error ? describeMutationError(r.error) : "The token was not created.");
        return;
      }
      setFormError(null);
      setSecret({ name: r.token.name, value: r.secret });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens() });
    },
    onError: (e) => setFormError(e.message),
  });

  const revoke = useMutation({
    mutationFn: (id: string) => gql(REVOKE_API_TOKEN_MUTATION, { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });

  if (viewer.isPending) return <div className="page"><Loading what="your account" /></div>;
  if (viewer.isError) return <div className="page"><ErrorMessage error={viewer.error} /></div>;
  if (!signedIn) return <div className="page"><SignInPrompt action="manage API tokens" /></div>;

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const scopes: TokenScope[] = ["READ", ...(data.get("write") ? ["WRITE" as const] : []), ...(data.get("tokens") ? ["TOKENS" as const] : [])];
    setSecret(null);
    create.mutate({ name, scopes }, { onSuccess: () => form.reset() });
  }

  const list = tokens.data?.apiTokens ?? [];
  return (
    <div className="page" style={{ maxWidth: 860 }}>
      <h1>API tokens</h1>
      <p className="subtle">
        Scripts send a token as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/graphql</code> and <code>/api/models</code>. A token
        acts as you, in every team you belong to, for 90 days, with the scopes you tick (reading always). Try queries first in <Link href="/graphiql">GraphiQL</Link>, with its schema docs.
      </p>

      <form className="panel row" onSubmit={onCreate} style={{ marginTop: "1rem", alignItems: "flex-end" }}>
        <div style={{ flex: 1, minWidth: 220 }}>
          <label htmlFor="token-name">New token name</label>
          <input id="token-name" name="name" type="text" required maxLength={100} placeholder="e.g. analysis notebook" />
        </div>
        <label className="row" style={{ gap: "0.3rem" }}>
          <input type="checkbox" name="write" defaultChecked /> write (mutations, uploads)
        </label>
        <label className="row" style={{ gap: "0.3rem" }}>
          <input type="checkbox" name="tokens" /> manage tokens
        </label>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      {formError && <div className="alert alert-error" role="alert">{formError}</div>}
      {secret && (
        <div className="alert alert-ok" role="status">
          <p style={{ marginTop: 0 }}>
            Token <strong>{secret.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <div className="secret-row">
            <div className="secret" data-testid="token-secret">{secret.value}</div>
            <CopyButton value={secret.value} label="Copy token" />
          </div>
        </div>
      )}

      <h2>Your tokens</h2>
      {tokens.isPending ? (
        <Loading what="tokens" />
      ) : tokens.isError ? (
        <ErrorMessage error={tokens.error} />
      ) : list.length === 0 ? (
        <EmptyState title="No tokens yet">
          <p>Create one above to call the API from a script.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Token</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Scopes</th>
                <th>Expires</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td className="mono">{t.prefix}…</td>
                  <td>{when(t.createdAt)}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>{t.scopes.join(", ").toLowerCase()}</td>
                  <td>{when(t.expiresAt)}</td>
                  <td style={{ textAlign: "right" }}>
                    {t.revokedAt ? (
                      <span className="badge">revoked</span>
                    ) : (
                      <button type="button" className="danger" disabled={revoke.isPending} onClick={() => revoke.mutate(t.id)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoke.isError && <ErrorMessage error={revoke.error} />}
    </div>
  );
}
