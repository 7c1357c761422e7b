"use client";
// What an editor of a finding does on its page: set its visibility, make and revoke share links
// (the secret shown once, with a copy button), and export it as Markdown, JSON or offline HTML.
// Readers get the export buttons only. The server decides every one (lib/findings, the policy).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CREATE_SHARE_LINK_MUTATION, EXPORT_FINDING_QUERY, REVOKE_SHARE_LINK_MUTATION, SET_FINDING_VISIBILITY_MUTATION, type FindingPageFields } from "@/lib/client/finding-operations";
import { gql } from "@/lib/client/graphql";
import { CopyButton } from "../_components/copy-button";

const VISIBILITIES = ["DRAFT", "TEAM", "PUBLIC"] as const;

function save(text: string, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function FindingExports({ id, token }: { id: string; token?: string }) {
  const [error, setError] = useState<string | null>(null);
  async function exportAs(format: "MARKDOWN" | "JSON") {
    setError(null);
    try {
      const data = await gql(EXPORT_FINDING_QUERY, { id, format });
      if (data.exportFinding === null) throw new Error("This finding cannot be exported by you.");
      save(data.exportFinding, `finding-${id}.${format === "JSON" ? "json" : "md"}`, format === "JSON" ? "application/json" : "text/markdown");
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  const html = `/api/findings/${id}/export.html${token ? `?token=${encodeURIComponent(token)}` : ""}`;
  return (
    <div className="row" data-testid="finding-exports">
      <a className="button secondary" href={html} download data-testid="export-html">Offline HTML</a>
      {token ? null : (
        <>
          <button type="button" className="secondary" onClick={() => void exportAs("MARKDOWN")}>Markdown</button>
          <button type="button" className="secondary" onClick={() => void exportAs("JSON")}>JSON</button>
        </>
      )}
      {error ? <span className="alert alert-error" role="alert">{error}</span> : null}
    </div>
  );
}

export function FindingControls({ finding, queryKey }: { finding: FindingPageFields; queryKey: readonly unknown[] }) {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = (payload: { ok: boolean; error?: { message: string } | null }) => {
    setError(payload.ok ? null : (payload.error?.message ?? "Refused."));
    void queryClient.invalidateQueries({ queryKey });
  };
  const onFail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const visibility = useMutation({
    mutationFn: (v: (typeof VISIBILITIES)[number]) => gql(SET_FINDING_VISIBILITY_MUTATION, { id: finding.id, visibility: v }),
    onSuccess: (d) => done(d.setFindingVisibility),
    onError: onFail,
  });
  const create = useMutation({
    mutationFn: () => gql(CREATE_SHARE_LINK_MUTATION, { findingId: finding.id }),
    onSuccess: (d) => {
      if (d.createShareLink.token) setSecret(`${window.location.origin}/findings/shared/${d.createShareLink.token}`);
      done(d.createShareLink);
    },
    onError: onFail,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => gql(REVOKE_SHARE_LINK_MUTATION, { id }),
    onSuccess: (d) => done(d.revokeShareLink),
    onError: onFail,
  });
  return (
    <section className="panel" aria-label="Sharing" data-testid="finding-controls" style={{ margin: "1rem 0" }}>
      <div className="row">
        <label htmlFor="finding-visibility" style={{ margin: 0 }}>Visibility</label>
        <select id="finding-visibility" value={finding.visibility} disabled={visibility.isPending} onChange={(e) => visibility.mutate(e.target.value as (typeof VISIBILITIES)[number])}>
          {VISIBILITIES.map((v) => <option key={v} value={v}>{v.toLowerCase()}</option>)}
        </select>
        <button type="button" disabled={create.isPending || finding.visibility === "DRAFT"} onClick={() => create.mutate()} title={finding.visibility === "DRAFT" ? "Publish it (team or public) to share it" : undefined}>
          Create share link
        </button>
      </div>
      {secret ? (
        <p className="alert alert-ok" data-testid="share-link">
          Anyone with this link can read the finding (shown once): <span className="mono">{secret}</span> <CopyButton value={secret} label="Copy link" />
        </p>
      ) : null}
      {finding.shareLinks.length > 0 ? (
        <ul data-testid="share-links">
          {finding.shareLinks.map((l) => (
            <li key={l.id}>
              Link made {new Date(l.createdAt).toLocaleString()}{" "}
              {l.revokedAt ? <span className="subtle">revoked {new Date(l.revokedAt).toLocaleString()}</span> : (
                <button type="button" className="link" disabled={revoke.isPending} onClick={() => revoke.mutate(l.id)}>Revoke</button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
    </section>
  );
}
