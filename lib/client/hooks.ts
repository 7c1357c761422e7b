"use client";
// Shared queries of the pages: who is signed in, their teams, and which team is current.
// Rule: the current team is resolved here once: the header's choice when it is still one of
// the viewer's teams, otherwise their first own team, otherwise the first (public) team.
import { useQuery } from "@tanstack/react-query";
import { gql, isUnauthenticated } from "./graphql";
import { VIEWER_QUERY, type TeamSummary, type Viewer } from "./operations";
import { useTeamSelection } from "./providers";
import { queryKeys } from "./query-keys";

/** Signed out is an answer, not an error: `teams` refuses anonymous callers, so that is mapped to no viewer. */
async function fetchViewer(signal: AbortSignal): Promise<Viewer> {
  try {
    return await gql(VIEWER_QUERY, undefined, signal);
  } catch (error) {
    if (isUnauthenticated(error)) return { me: null, teams: [] };
    throw error;
  }
}

export function useViewer() {
  return useQuery({ queryKey: queryKeys.me(), queryFn: ({ signal }) => fetchViewer(signal) });
}

export function resolveCurrentTeam(teams: TeamSummary[], chosenId: string | null): TeamSummary | null {
  return teams.find((t) => t.id === chosenId) ?? teams.find((t) => t.viewerRole !== null) ?? teams[0] ?? null;
}

/** The viewer query plus the team in use and a setter for it. */
export function useCurrentTeam() {
  const viewer = useViewer();
  const { teamId, setTeamId } = useTeamSelection();
  const team = viewer.data ? resolveCurrentTeam(viewer.data.teams, teamId) : null;
  return { viewer, team, setTeamId };
}
