"use client";
// The evidence links of the annotation form: each cites a stored result of the model (the
// evidence sources, read when the first link is added) by a JSON pointer, e.g. this head's score
// in a head report (/heads/<index>/<score>) or a composition pair (/composition/K/0/0/1/4). Rule:
// the server checks that the result belongs to this model and resolves the pointer when the card
// is read; this only collects the fields.
import { useQuery } from "@tanstack/react-query";
import { EVIDENCE_SOURCES_QUERY } from "@/lib/client/collab-operations";
import type { EvidenceKind } from "@/lib/client/gql/graphql";
import { gql } from "@/lib/client/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import { SCORE_DEFINITIONS } from "@/lib/analysis/score-definitions";
import { EVIDENCE_KINDS, MAX_EVIDENCE_LINKS } from "@/lib/collab/evidence";
import { ErrorMessage } from "../states";
import styles from "./collab.module.css";

export interface EvidenceDraft {
  kind: EvidenceKind;
  resultId: string;
  pointer: string;
  caption: string;
}


export function EvidenceFields({ modelId, links, onChange, reportIndex }: { modelId: string; links: EvidenceDraft[]; onChange: (links: EvidenceDraft[]) => void; reportIndex: number | null }) {
  const sources = useQuery({
    queryKey: queryKeys.evidenceSources(modelId),
    queryFn: ({ signal }) => gql(EVIDENCE_SOURCES_QUERY, { id: modelId }, signal),
    enabled: links.length > 0,
  });
  const list = sources.data?.model?.evidenceSources ?? [];
  const set = (i: number, patch: Partial<EvidenceDraft>) => onChange(links.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset className={styles.claimDrafts} aria-label="Evidence">
      <legend>Evidence {links.length ? `(${links.length})` : ""}</legend>
      {sources.isError ? <ErrorMessage error={sources.error} /> : null}
      {links.map((l, i) => {
        const source = list.find((s) => s.id === l.resultId);
        return (
          <div key={i} className={styles.claimDraft} data-testid="evidence-draft">
            <div className="field">
              <label htmlFor={`evidence-${i}-kind`}>Kind</label>
              <select id={`evidence-${i}-kind`} value={l.kind} onChange={(e) => set(i, { kind: e.target.value as EvidenceKind })}>
                {EVIDENCE_KINDS.map((k) => <option key={k} value={k}>{k.toLowerCase().replace("_", " ")}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`evidence-${i}-result`}>Stored result</label>
              <select id={`evidence-${i}-result`} value={l.resultId} onChange={(e) => set(i, { resultId: e.target.value })}>
                <option value="">{sources.isPending ? "loading…" : list.length ? "choose…" : "none stored yet"}</option>
                {list.map((s) => <option key={s.id} value={s.id}>{s.kind} · v{s.modelVersion} · {new Date(s.createdAt).toLocaleString()}</option>)}
              </select>
            </div>
            {source?.kind === "head-report" && reportIndex !== null ? (
              <div className="field">
                <label htmlFor={`evidence-${i}-score`}>This head&apos;s score</label>
                <select id={`evidence-${i}-score`} value="" onChange={(e) => e.target.value && set(i, { pointer: `/heads/${reportIndex}/${e.target.value}`, caption: l.caption || SCORE_DEFINITIONS.find((d) => d.key === e.target.value)!.name })}>
                  <option value="">pick…</option>
                  {SCORE_DEFINITIONS.map((d) => <option key={d.key} value={d.key}>{d.name}</option>)}
                </select>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor={`evidence-${i}-pointer`}>Pointer</label>
              <input id={`evidence-${i}-pointer`} type="text" maxLength={300} placeholder="/heads/5/induction" value={l.pointer} onChange={(e) => set(i, { pointer: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`evidence-${i}-caption`}>Caption</label>
              <input id={`evidence-${i}-caption`} type="text" maxLength={200} value={l.caption} onChange={(e) => set(i, { caption: e.target.value })} />
            </div>
            <button type="button" className="link" onClick={() => onChange(links.filter((_, j) => j !== i))}>Remove</button>
          </div>
        );
      })}
      {links.length < MAX_EVIDENCE_LINKS ? (
        <button type="button" className="secondary" onClick={() => onChange([...links, { kind: "SCORE", resultId: list[0]?.id ?? "", pointer: "", caption: "" }])}>Add evidence</button>
      ) : null}
    </fieldset>
  );
}
