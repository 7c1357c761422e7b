"use client";
// The form to annotate a head or edit an annotation: a label of the team's taxonomy (built-ins, then
// the team's own), Markdown with a preview, and a confidence. An edit is sent with the version it
// started from; a CONFLICT answer (someone else edited meanwhile) opens ConflictMerge with both
// versions, and the merged draft is resubmitted against the current version. Claims drafted here
// are added once the annotation is saved (addClaim evaluates each at once, so the card shows its
// badge); a refused claim keeps the form open on it, the annotation already saved. Evidence links
// cite the model's stored results (./evidence-fields) and are sent with the annotation.
import { useState } from "react";
import { ADD_CLAIM_MUTATION, CREATE_ANNOTATION_MUTATION, UPDATE_ANNOTATION_MUTATION, type AnnotationFields, type AnnotationLabelFields } from "@/lib/client/collab-operations";
import { conflictCurrent } from "@/lib/client/graphql";
import { ErrorMessage } from "../states";
import { claimSpecOf, newClaimDraft, type ClaimDraft } from "./claim-draft";
import { ClaimFields } from "./claim-fields";
import styles from "./collab.module.css";
import { ConflictMerge } from "./conflict-merge";
import { EvidenceFields, type EvidenceDraft } from "./evidence-fields";
import { EVIDENCE_KINDS } from "@/lib/collab/evidence";
import { MarkdownField } from "./markdown-field";
import { parseConflictCurrent, type AnnotationDraft } from "./merge";
import { useCollabMutation } from "./use-collab-mutation";

export interface AnnotationFormProps {
  modelId: string;
  head: string;
  labels: AnnotationLabelFields[];
  /** The annotation being edited, as read (its version is sent); null to create one. */
  editing: AnnotationFields | null;
  onDone: () => void;
  /** The head's row in a head report's `heads` (layer · n_heads + head), for evidence pointers. */
  reportIndex?: number | null;
}

type Conflict = AnnotationDraft & { version: number; evidence: EvidenceDraft[] };

const isEvidenceKind = (kind: string): kind is EvidenceDraft["kind"] => (EVIDENCE_KINDS as readonly string[]).includes(kind);

/** Confidence a new annotation starts at. */
const DEFAULT_CONFIDENCE = 0.7;

export function AnnotationForm({ modelId, head, labels, editing, onDone, reportIndex = null }: AnnotationFormProps) {
  const [draft, setDraft] = useState<AnnotationDraft>(() =>
    editing ? { label: editing.label, body: editing.body, confidence: editing.confidence } : { label: labels.find((l) => l.name !== "unknown")?.name ?? "unknown", body: "", confidence: DEFAULT_CONFIDENCE });
  const [readVersion, setReadVersion] = useState(editing?.version ?? 0);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [claims, setClaims] = useState<ClaimDraft[]>([]);
  const [evidence, setEvidence] = useState<EvidenceDraft[]>(() => (editing?.evidence ?? []).map(({ kind, resultId, pointer, caption }) => ({ kind, resultId, pointer, caption })));
  /** The annotation once saved while a claim of it was refused (a resubmission only adds the claims). */
  const [savedId, setSavedId] = useState<string | null>(null);
  const [claimError, setClaimError] = useState<unknown>(null);
  const create = useCollabMutation(modelId, CREATE_ANNOTATION_MUTATION);
  const update = useCollabMutation(modelId, UPDATE_ANNOTATION_MUTATION);
  const addClaim = useCollabMutation(modelId, ADD_CLAIM_MUTATION);
  const busy = create.isPending || update.isPending || addClaim.isPending;

  /** Adds the drafted claims to the saved annotation, in order; stops on the first refusal. */
  async function sendClaims(annotationId: string) {
    for (let i = 0; i < claims.length; i++) {
      try {
        await addClaim.mutateAsync({ annotationId, spec: claimSpecOf(claims[i]) });
      } catch (error) {
        setClaims(claims.slice(i));
        setSavedId(annotationId);
        setClaimError(error);
        return;
      }
    }
    onDone();
  }
  const builtin = labels.filter((l) => l.builtin);
  const team = labels.filter((l) => !l.builtin);

  function send(d: AnnotationDraft, version: number, links: EvidenceDraft[] = evidence) {
    setClaimError(null);
    if (savedId) {
      void sendClaims(savedId);
      return;
    }
    if (!editing) {
      create.mutate({ input: { modelId, head, label: d.label, body: d.body, confidence: d.confidence, evidence: links } }, { onSuccess: (data) => sendClaims(data.createAnnotation.annotation!.id) });
      return;
    }
    update.mutate({ input: { id: editing.id, version, label: d.label, body: d.body, confidence: d.confidence, evidence: links } }, {
      onSuccess: () => sendClaims(editing.id),
      onError: (error) => {
        const current = parseConflictCurrent(conflictCurrent(error));
        // The current links as the form holds them (a kind the schema does not know is dropped).
        if (current) setConflict({ label: current.label, body: current.body, confidence: current.confidence, version: current.version, evidence: current.evidence.filter((l): l is EvidenceDraft => isEvidenceKind(l.kind)) });
      },
    });
  }

  if (conflict) {
    return (
      <ConflictMerge mine={{ ...draft, evidence }} theirs={conflict} busy={busy} onCancel={onDone}
        onResubmit={(merged, links) => { setDraft(merged); setEvidence(links); setReadVersion(conflict.version); setConflict(null); update.reset(); send(merged, conflict.version, links); }} />
    );
  }
  const error = create.error ?? (update.error && !conflictCurrent(update.error) ? update.error : null);

  return (
    <form className={styles.form} aria-label={editing ? "Edit annotation" : "Annotate this head"} data-testid="annotation-form"
      onSubmit={(e) => { e.preventDefault(); send(draft, readVersion); }}>
      <strong>{editing ? `Edit ${editing.author?.name ?? ""}’s annotation (v${readVersion})` : `Annotate head ${head}`}</strong>
      <div className={styles.formRow}>
        <div className="field">
          <label htmlFor="annotation-label">Label</label>
          <select id="annotation-label" value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value })}>
            <optgroup label="Shared taxonomy">{builtin.map((l) => <option key={l.name} value={l.name}>{l.name}</option>)}</optgroup>
            {team.length > 0 ? <optgroup label="Team labels">{team.map((l) => <option key={l.name} value={l.name} title={l.description}>{l.name}</option>)}</optgroup> : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="annotation-confidence">Confidence {Math.round(draft.confidence * 100)}%</label>
          <input id="annotation-confidence" type="range" min={0} max={1} step={0.05} value={draft.confidence} onChange={(e) => setDraft({ ...draft, confidence: Number(e.target.value) })} />
        </div>
      </div>
      <MarkdownField id="annotation-body" label="Text" value={draft.body} onChange={(body) => setDraft({ ...draft, body })} />
      <EvidenceFields modelId={modelId} head={head} links={evidence} onChange={setEvidence} reportIndex={reportIndex} />
      <fieldset className={styles.claimDrafts} aria-label="Claims to add">
        <legend>Claims the engine checks {claims.length ? `(${claims.length})` : ""}</legend>
        {claims.map((c, i) => (
          <div key={i} className={styles.claimDraft} data-testid="claim-draft">
            <ClaimFields draft={c} idPrefix={`new-claim-${i}`} onChange={(next) => setClaims(claims.map((x, j) => (j === i ? next : x)))} />
            <button type="button" className="link" onClick={() => setClaims(claims.filter((_, j) => j !== i))}>Remove</button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setClaims([...claims, newClaimDraft(head)])}>Add a claim</button>
      </fieldset>
      {savedId ? <p className={styles.meta}>The annotation is saved; fix the claim below and submit again to add it.</p> : null}
      {claimError ? <ErrorMessage error={claimError} /> : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>{editing ? "Save" : "Add annotation"}</button>
        <button type="button" className="secondary" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
