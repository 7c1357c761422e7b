"use client";
// "Add claim" on an annotation card: one claim draft sent to addClaim, which evaluates it at once;
// the card's claim list then shows its pass/fail badge (the mutation invalidates the model's
// collaboration queries), and the form says the status it was written with.
import { useState } from "react";
import { ADD_CLAIM_MUTATION } from "@/lib/client/collab-operations";
import { ErrorMessage } from "../states";
import { claimSpecOf, newClaimDraft, type ClaimDraft } from "./claim-draft";
import { ClaimFields } from "./claim-fields";
import styles from "./collab.module.css";
import { useCollabMutation } from "./use-collab-mutation";

export function AddClaim({ modelId, annotationId, head }: { modelId: string; annotationId: string; head: string }) {
  const [draft, setDraft] = useState<ClaimDraft | null>(null);
  const add = useCollabMutation(modelId, ADD_CLAIM_MUTATION);
  if (!draft) {
    return (
      <>
        <button type="button" className="secondary" onClick={() => { add.reset(); setDraft(newClaimDraft(head)); }}>Add claim</button>
        {add.data?.addClaim.claim ? <span className={styles.meta} data-testid="claim-added">claim added: {add.data.addClaim.claim.status.toLowerCase()}</span> : null}
      </>
    );
  }
  return (
    <form className={styles.form} aria-label="Add a claim" data-testid="add-claim"
      onSubmit={(e) => { e.preventDefault(); add.mutate({ annotationId, spec: claimSpecOf(draft) }, { onSuccess: () => setDraft(null) }); }}>
      <strong>A claim the engine checks</strong>
      <ClaimFields draft={draft} onChange={setDraft} idPrefix={`claim-${annotationId}`} />
      {add.isError ? <ErrorMessage error={add.error} /> : null}
      <div className={styles.actions}>
        <button type="submit" disabled={add.isPending}>Check and add</button>
        <button type="button" className="secondary" onClick={() => setDraft(null)}>Cancel</button>
      </div>
    </form>
  );
}
