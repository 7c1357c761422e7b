"use client";
// The findings about a model on its overview: what the viewer may read (a member its team's and
// public ones and their own drafts, anyone else the public ones), newest first, each a link.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { MODEL_FINDINGS_QUERY } from "@/lib/client/finding-operations";
import { gql } from "@/lib/client/graphql";
import { ErrorMessage, Loading } from "../../_components/states";

export function FindingsPanel({ modelId }: { modelId: string }) {
  const query = useQuery({ queryKey: ["findings", modelId], queryFn: ({ signal }) => gql(MODEL_FINDINGS_QUERY, { modelId }, signal) });
  if (query.isPending) return <Loading what="the findings" />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const findings = query.data.findings;
  if (findings.length === 0) return <p className="subtle">No findings about this model yet.</p>;
  return (
    <ul data-testid="model-findings">
      {findings.map((f) => (
        <li key={f.id}>
          <Link href={`/findings/${f.id}`}>{f.title}</Link> <span className="badge">{f.visibility.toLowerCase()}</span>{" "}
          <span className="subtle">version {f.modelVersion}{f.author ? ` · ${f.author.name}` : ""} · {new Date(f.updatedAt).toLocaleDateString()}</span>
        </li>
      ))}
    </ul>
  );
}
