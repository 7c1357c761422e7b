"use client";
// "Cite in finding" on a head or composition page: adds this figure (kind and params) to one of
// the viewer's editable findings about the model, or to a new one, then opens the finding. Shown
// only to signed-in viewers; the server decides whether they may write (EDITOR or OWNER).
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ADD_FINDING_FIGURE_MUTATION, CREATE_FINDING_MUTATION, MODEL_FINDINGS_QUERY } from "@/lib/client/finding-operations";
import { gql } from "@/lib/client/graphql";
import type { FindingFigureKind } from "@/lib/client/gql/graphql";
import { useViewer } from "@/lib/client/hooks";

const NEW = "new";

export function CiteInFinding({ modelId, kind, params, title }: { modelId: string; kind: FindingFigureKind; params: Record<string, unknown>; title: string }) {
  const router = useRouter();
  const signedIn = Boolean(useViewer().data?.me);
  const findings = useQuery({ queryKey: ["findings", modelId], queryFn: ({ signal }) => gql(MODEL_FINDINGS_QUERY, { modelId }, signal), enabled: signedIn });
  const [target, setTarget] = useState(NEW);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!signedIn) return null;
  const editable = (findings.data?.findings ?? []).filter((f) => f.canEdit);

  async function cite() {
    setBusy(true);
    setError(null);
    try {
      let findingId = target;
      if (target === NEW) {
        const created = await gql(CREATE_FINDING_MUTATION, { input: { modelId, title } });
        if (!created.createFinding.ok || !created.createFinding.finding) throw new Error(created.createFinding.error?.message ?? "Refused.");
        findingId = created.createFinding.finding.id;
      }
      const added = await gql(ADD_FINDING_FIGURE_MUTATION, { input: { findingId, kind, params } });
      if (!added.addFindingFigure.ok) throw new Error(added.addFindingFigure.error?.message ?? "Refused.");
      router.push(`/findings/${findingId}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <span className="row" data-testid="cite-in-finding" style={{ display: "inline-flex" }}>
      <select aria-label="Finding to cite in" value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value={NEW}>a new finding</option>
        {editable.map((f) => <option key={f.id} value={f.id}>{f.title}</option>)}
      </select>
      <button type="button" className="secondary" disabled={busy} onClick={() => void cite()}>Cite in finding</button>
      {error ? <span className="alert alert-error" role="alert">{error}</span> : null}
    </span>
  );
}
