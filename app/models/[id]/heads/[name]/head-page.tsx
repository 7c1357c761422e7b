"use client";
// One head's page: every score with its one-line definition, its labels with their evidence, the OV
// and QK circuits' top entries as token tables, eigenvalues in the complex plane, singular values,
// the heads it composes with relative to the random-pair baseline, its skip-trigrams, and people's
// annotations of it (annotations-panel.tsx). Each part loads on its own query and shows its own progress.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { HeadCircuitsQuery, HeadCompositionQuery, HeadScoresQuery, HeadSpectraQuery } from "@/lib/client/gql/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import { ErrorMessage, Loading } from "../../../../_components/states";
import { CiteInFinding } from "../../../../findings/cite-in-finding";
import { ModelNav } from "../../model-nav";
import { AnnotationsPanel } from "./annotations-panel";
import { HEAD_CIRCUITS_QUERY, HEAD_COMPOSITION_QUERY, HEAD_SCORES_QUERY, HEAD_SPECTRA_QUERY } from "./head-queries";
import { CircuitTables, CompositionPartners, LabelEvidence, ScoreTable, SkipTrigrams, Spectra } from "./head-sections";

const TOP_K = 10;
const TRIGRAMS = 10;

export function HeadPage({ id, head }: { id: string; head: string }) {
  const key = (part: string) => [...queryKeys.model(id), "head", head, part] as const;
  const scores = useQuery({
    queryKey: key("scores"),
    queryFn: ({ signal }) => gql(HEAD_SCORES_QUERY, { id, head }, signal),
    refetchInterval: pollWhilePending((d: HeadScoresQuery) => [d.model?.head.scores, d.model?.head.labels]),
  });
  const circuits = useQuery({
    queryKey: key("circuits"),
    queryFn: ({ signal }) => gql(HEAD_CIRCUITS_QUERY, { id, head, topK: TOP_K }, signal),
    refetchInterval: pollWhilePending((d: HeadCircuitsQuery) => [d.model?.head.ov, d.model?.head.qk]),
  });
  const spectra = useQuery({
    queryKey: key("spectra"),
    queryFn: ({ signal }) => gql(HEAD_SPECTRA_QUERY, { id, head }, signal),
    refetchInterval: pollWhilePending((d: HeadSpectraQuery) => { const h = d.model?.head; return [h?.ovEigen, h?.qkEigen, h?.ovSvd, h?.qkSvd]; }),
  });
  const composition = useQuery({
    queryKey: key("composition"),
    queryFn: ({ signal }) => gql(HEAD_COMPOSITION_QUERY, { id, head, trigrams: TRIGRAMS }, signal),
    refetchInterval: pollWhilePending((d: HeadCompositionQuery) => { const h = d.model?.head; return [h?.q, h?.k, h?.v, h?.skipTrigrams]; }),
  });

  if (scores.isPending) return <div className="page"><Loading what={`head ${head}`} /></div>;
  if (scores.isError) return <div className="page"><ErrorMessage error={scores.error} /></div>;
  const model = scores.data.model;
  if (!model) return <div className="page"><p>Model not found. <Link href="/models">Back to the library</Link></p></div>;
  const base = `${model.name}-head-${head}`;
  const h = model.head;

  return (
    <div className="page" data-testid="head-page">
      <ModelNav id={id} name={model.name} current="head" head={head} />
      <h1>Head {head}</h1>
      <CiteInFinding modelId={id} kind="HEAD_CARD" params={{ head }} title={`Head ${head} of ${model.name}`} />
      <p className="subtle">Layer {h.layer}, head {h.index} of {model.name} ({model.config.nLayers} layer{model.config.nLayers === 1 ? "" : "s"} × {model.config.nHeads} heads).</p>

      <div className="figure-grid">
        <section aria-labelledby="scores-heading">
          <h2 id="scores-heading">Scores</h2>
          <ScoreTable name={base} envelope={h.scores} />
        </section>
        <section aria-labelledby="labels-heading">
          <h2 id="labels-heading">Labels and their evidence</h2>
          <LabelEvidence envelope={h.labels} />
        </section>
      </div>

      <section aria-labelledby="annotations-heading">
        <h2 id="annotations-heading">Annotations</h2>
        <AnnotationsPanel id={id} head={head} reportIndex={h.layer * model.config.nHeads + h.index} engineLabels={h.labels.result ? h.labels.result.map((l) => ({ label: l.label, score: l.score })) : null} />
      </section>

      <h2>OV and QK circuits</h2>
      {circuits.isError ? <ErrorMessage error={circuits.error} /> : null}
      {circuits.data?.model ? <CircuitTables name={base} head={circuits.data.model.head} /> : circuits.isPending ? <Loading what="the circuits" /> : null}

      <h2>Spectra</h2>
      {spectra.isError ? <ErrorMessage error={spectra.error} /> : null}
      {spectra.data?.model ? <Spectra name={base} head={spectra.data.model.head} /> : spectra.isPending ? <Loading what="the spectra" /> : null}

      <h2>Composition</h2>
      {composition.isError ? <ErrorMessage error={composition.error} /> : null}
      {composition.data?.model ? (
        <>
          <CompositionPartners id={id} name={base} head={composition.data.model.head} />
          {model.config.nLayers === 1 ? <SkipTrigrams name={base} envelope={composition.data.model.head.skipTrigrams} /> : null}
        </>
      ) : composition.isPending ? <Loading what="the composition" /> : null}
    </div>
  );
}
