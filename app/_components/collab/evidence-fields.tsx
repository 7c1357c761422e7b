"use client";
// The evidence links of the annotation form: each cites a stored result of the model (the
// evidence sources, read when the first link is added, listed by what suits the link's kind) by a
// JSON pointer that ./evidence-pointer-fields builds per kind: this head's score or a composition
// pair in a head report, an OV/QK circuit entry, a prompt run's loss, a whole figure result. Rule:
// the server checks that the result belongs to this model and resolves the pointer when the card
// is read; this only collects the fields.
import { useQuery } from "@tanstack/react-query";
import { EVIDENCE_SOURCES_QUERY } from "@/lib/client/collab-operations";
import type { EvidenceKind } from "@/lib/client/gql/graphql";
import { gql } from "@/lib/client/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import { EVIDENCE_KINDS, MAX_EVIDENCE_LINKS } from "@/lib/collab/evidence";
import { ErrorMessage } from "../states";
import styles from "./collab.module.css";
import { PointerFields } from "./evidence-pointer-fields";
import { suitsKind } from "./evidence-pointers";

export interface EvidenceDraft {
  kind: EvidenceKind;
  resultId: string;
  pointer: string;
  caption: string;
}

export interface EvidenceFieldsProps {
  modelId: string;
  /** The annotated head ("1.4"), the partner of a composition pair is read against. */
  head: string;
  links: EvidenceDraft[];
  onChange: (links: EvidenceDraft[]) => void;
  reportIndex: number | null;
}

export function EvidenceFields({ modelId, head, links, onChange, reportIndex }: EvidenceFieldsProps) {
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
        const suitable = list.filter((s) => suitsKind(l.kind, s.kind) || s.id === l.resultId);
        return (
          <div key={i} className={styles.claimDraft} data-testid="evidence-draft">
            <div className="field">
              <label htmlFor={`evidence-${i}-kind`}>Kind</label>
              <select id={`evidence-${i}-kind`} value={l.kind} onChange={(e) => { const kind = e.target.value as EvidenceKind; set(i, { kind, resultId: list.find((s) => suitsKind(kind, s.kind))?.id ?? "", pointer: "" }); }}>
                {EVIDENCE_KINDS.map((k) => <option key={k} value={k}>{k.toLowerCase().replace("_", " ")}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`evidence-${i}-result`}>Stored result</label>
              <select id={`evidence-${i}-result`} value={l.resultId} onChange={(e) => set(i, { resultId: e.target.value })}>
                <option value="">{sources.isPending ? "loading…" : suitable.length ? "choose…" : "none stored yet"}</option>
                {suitable.map((s) => <option key={s.id} value={s.id}>{s.kind} · v{s.modelVersion} · {new Date(s.createdAt).toLocaleString()}</option>)}
              </select>
            </div>
            <PointerFields key={`${l.kind}:${l.resultId}`} id={`evidence-${i}`} kind={l.kind} sourceKind={source?.kind ?? null} head={head} reportIndex={reportIndex}
              onPointer={(pointer, caption) => set(i, { pointer, caption: l.caption || caption })} />
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
        <button type="button" className="secondary" onClick={() => onChange([...links, { kind: "SCORE", resultId: list.find((s) => suitsKind("SCORE", s.kind))?.id ?? "", pointer: "", caption: "" }])}>Add evidence</button>
      ) : null}
    </fieldset>
  );
}
