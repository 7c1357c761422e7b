"use client";
// Lists the models of the current team (or of every team the viewer can see) as cards showing the
// config and the owner; the search box filters by name on the server, debounced while typing.
// Signed out, it lists the PUBLIC models (what the server answers a visitor) with a way to sign in.
import Link from "next/link";
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { useCurrentTeam } from "@/lib/client/hooks";
import { MODEL_LIST_QUERY } from "@/lib/client/operations";
import { queryKeys } from "@/lib/client/query-keys";
import { SignInLinks } from "../_components/sign-in-links";
import { EmptyState, ErrorMessage, Loading } from "../_components/states";
import { ModelCard } from "./model-card";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function ModelLibrary() {
  const { viewer, team } = useCurrentTeam();
  const [search, setSearch] = useState("");
  const [allTeams, setAllTeams] = useState(false);
  const term = useDebounced(search.trim(), 250);
  const signedIn = Boolean(viewer.data?.me);
  const everyTeam = allTeams || !signedIn;
  const teamId = everyTeam ? null : (team?.id ?? null);

  const models = useQuery({
    queryKey: queryKeys.modelList(teamId, term),
    queryFn: ({ signal }) => gql(MODEL_LIST_QUERY, { teamId, search: term || null, first: 60 }, signal),
    enabled: viewer.isSuccess && (everyTeam || team !== null),
    placeholderData: keepPreviousData,
  });

  if (viewer.isPending) return <div className="page"><Loading what="your account" /></div>;
  if (viewer.isError) return <div className="page"><ErrorMessage error={viewer.error} /></div>;

  const canUpload = team?.viewerRole === "OWNER" || team?.viewerRole === "EDITOR";
  const edges = models.data?.models.edges ?? [];
  // Public teams (the demo models) other than the current one: an empty library points to them.
  const publicTeams = viewer.data.teams.filter((t) => t.isPublic && t.id !== team?.id);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Model library</h1>
          <p className="subtle">
            {!signedIn ? "Public models, open to everyone." : allTeams ? "Models from every team you can see." : team ? `Models of ${team.name}.` : "You are not in a team yet."}
          </p>
        </div>
        <div className="row">
          <input
            type="search"
            className="search"
            placeholder="Search models by name"
            aria-label="Search models by name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          {signedIn ? (
            <label className="row" style={{ margin: 0, fontWeight: 400 }}>
              <input type="checkbox" checked={allTeams} onChange={(e) => setAllTeams(e.target.checked)} /> All teams
            </label>
          ) : null}
          {canUpload && (
            <Link href="/upload" className="button">
              Upload a model
            </Link>
          )}
        </div>
      </div>

      {!signedIn ? (
        <div className="alert alert-ok" data-testid="signed-out-banner">
          You are browsing as a visitor. <SignInLinks action="see your team's models, upload and annotate" />
        </div>
      ) : null}
      {!team && !everyTeam ? (
        <EmptyState title="No team yet">
          <p>Models belong to teams. <Link href="/teams/new">Create a team</Link> to upload your first model.</p>
        </EmptyState>
      ) : models.isPending ? (
        <Loading what="models" />
      ) : models.isError ? (
        <ErrorMessage error={models.error} />
      ) : edges.length === 0 ? (
        <EmptyState title={term ? `No model matches “${term}”` : "No models yet"}>
          {term ? (
            <p>Try another part of the name.</p>
          ) : !signedIn ? (
            <p>No model is public yet.</p>
          ) : canUpload ? (
            <p><Link href="/upload">Upload a safetensors file</Link> of an attention-only transformer, or <Link href="/train">train one here</Link>, to get started.</p>
          ) : (
            <p>Nobody has uploaded a model to this team yet.</p>
          )}
          {!term && !allTeams && publicTeams.length > 0 && (
            <p>
              Or look around first:{" "}
              <button type="button" className="link" onClick={() => setAllTeams(true)}>
                show the models of every team you can see
              </button>
              , {publicTeams.length === 1 ? `the public ${publicTeams[0].name} team` : `the public teams ${publicTeams.map((t) => t.name).join(", ")}`} included.
            </p>
          )}
        </EmptyState>
      ) : (
        <div className="cards" aria-busy={models.isFetching}>
          {edges.map(({ node }) => (
            <ModelCard key={node.id} model={node} />
          ))}
        </div>
      )}
    </div>
  );
}
