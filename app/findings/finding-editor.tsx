"use client";
// An editor's form on the finding page: the title and the Markdown body, saved at the version read
// (a stale save answers CONFLICT carrying the current finding, and ./finding-merge shows both and
// lets the editor merge), and a figure to add by kind and params.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ADD_FINDING_FIGURE_MUTATION, UPDATE_FINDING_MUTATION } from "@/lib/client/finding-operations";
import { conflictCurrent, gql } from "@/lib/client/graphql";
import type { FindingFigureKind } from "@/lib/client/gql/graphql";
import { BODY_MAX_CHARS, parseFindingConflict, TITLE_MAX_CHARS, type FindingCurrent, type FindingDraft } from "./finding-conflict";
import { FindingMerge } from "./finding-merge";

const KINDS: { kind: FindingFigureKind; example: string }[] = [
  { kind: "HEAD_CARD", example: `{"head": "1.0"}` },
  { kind: "COMPOSITION", example: `{"mode": "K"}` },
  { kind: "ATTENTION", example: `{"head": "1.0", "prompt": "a b c a b c"}` },
  { kind: "OV_TABLE", example: `{"head": "1.0", "topK": 10}` },
];

export function FindingEditor({ finding, queryKey }: { finding: { id: string; title: string; body: string; version: number }; queryKey: readonly unknown[] }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<FindingFigureKind>("HEAD_CARD");
  const [params, setParams] = useState(KINDS[0].example);
  const [conflict, setConflict] = useState<{ message: string; mine: FindingDraft; theirs: FindingCurrent } | null>(null);
  const after = (payload: { ok: boolean; error?: { message: string } | null }) => {
    setError(payload.ok ? null : (payload.error?.message ?? "Refused."));
    void queryClient.invalidateQueries({ queryKey });
  };
  const onError = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const save = useMutation({
    mutationFn: ({ version, ...v }: FindingDraft & { version: number }) => gql(UPDATE_FINDING_MUTATION, { input: { id: finding.id, expectedVersion: version, ...v } }),
    onSuccess: (d) => { setConflict(null); after(d.updateFinding); },
    onError: (e, { title, body }) => {
      const theirs = parseFindingConflict(conflictCurrent(e));
      if (!theirs) return onError(e);
      setError(null);
      setConflict({ message: e instanceof Error ? e.message : String(e), mine: { title, body }, theirs });
      // The page around the merge view shows the finding as it is now (the draft is kept here).
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  const add = useMutation({
    mutationFn: (p: unknown) => gql(ADD_FINDING_FIGURE_MUTATION, { input: { findingId: finding.id, kind, params: p, expectedVersion: finding.version } }),
    onSuccess: (d) => after(d.addFindingFigure),
    onError,
  });
  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({ title: String(form.get("title") ?? ""), body: String(form.get("body") ?? ""), version: finding.version });
  }
  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      add.mutate(JSON.parse(params) as unknown);
    } catch {
      setError("The params are not JSON, e.g. " + KINDS.find((k) => k.kind === kind)!.example);
    }
  }
  return (
    <details className="panel" style={{ margin: "1rem 0" }} data-testid="finding-editor">
      <summary>Edit</summary>
      {conflict ? (
        // Both "keep mine" and "save merged" write against the version the conflict reported.
        <FindingMerge key={conflict.theirs.version} {...conflict} busy={save.isPending}
          onSave={(draft) => save.mutate({ ...draft, version: conflict.theirs.version })}
          onTakeTheirs={() => { setConflict(null); void queryClient.invalidateQueries({ queryKey }); }} />
      ) : (
        <form onSubmit={onSave} key={finding.version}>
          <div className="field"><label htmlFor="finding-title">Title</label><input id="finding-title" name="title" defaultValue={finding.title} maxLength={TITLE_MAX_CHARS} required /></div>
          <div className="field"><label htmlFor="finding-body">Body (Markdown; cite figures by key, e.g. fig-1)</label><textarea id="finding-body" name="body" defaultValue={finding.body} rows={10} maxLength={BODY_MAX_CHARS} /></div>
          <button type="submit" disabled={save.isPending}>Save</button>
        </form>
      )}
      <form onSubmit={onAdd} className="row" style={{ marginTop: "1rem" }}>
        <label htmlFor="figure-kind" style={{ margin: 0 }}>Add a figure</label>
        <select id="figure-kind" value={kind} onChange={(e) => { const k = e.target.value as FindingFigureKind; setKind(k); setParams(KINDS.find((x) => x.kind === k)!.example); }}>
          {KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.kind.toLowerCase().replace("_", " ")}</option>)}
        </select>
        <input aria-label="Figure params (JSON)" className="mono" value={params} onChange={(e) => setParams(e.target.value)} style={{ minWidth: "18rem" }} />
        <button type="submit" disabled={add.isPending}>Add figure</button>
      </form>
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
    </details>
  );
}
