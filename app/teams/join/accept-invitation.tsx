"use client";
// Joins the team of an invitation link, after the user confirms.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { useViewer } from "@/lib/client/hooks";
import { ACCEPT_INVITATION_MUTATION, describeMutationError } from "@/lib/client/operations";
import { useTeamSelection } from "@/lib/client/providers";
import { queryKeys } from "@/lib/client/query-keys";
import { EmptyState, ErrorMessage, Loading, SignInPrompt } from "../../_components/states";

export function AcceptInvitation({ token }: { token: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const { setTeamId } = useTeamSelection();
  const accept = useMutation({
    mutationFn: (secret: string) => gql(ACCEPT_INVITATION_MUTATION, { token: secret }),
    onSuccess: async ({ acceptInvitation: r }) => {
      if (r.ok && r.team) {
        setTeamId(r.team.id);
        await queryClient.invalidateQueries({ queryKey: queryKeys.me() });
        router.push("/models");
      }
    },
  });

  if (!token) {
    return (
      <div className="page">
        <EmptyState title="This invitation link is incomplete">
          <p>Ask the team owner for a new link.</p>
        </EmptyState>
      </div>
    );
  }
  if (viewer.isPending) return <div className="page"><Loading what="your account" /></div>;
  if (viewer.isError) return <div className="page"><ErrorMessage error={viewer.error} /></div>;
  if (!viewer.data.me) {
    return (
      <div className="page">
        <SignInPrompt action="accept the invitation" next={`/teams/join?token=${encodeURIComponent(token)}`} />
      </div>
    );
  }

  const payload = accept.data?.acceptInvitation;
  return (
    <div className="page-narrow">
      <div className="panel">
        <h1>Join a team</h1>
        <p className="subtle">You were invited to a team on Circuitboard. Join it as {viewer.data.me.email}?</p>
        {payload && !payload.ok && payload.error && <div className="alert alert-error" role="alert">{describeMutationError(payload.error)}</div>}
        {accept.isError && <ErrorMessage error={accept.error} />}
        <div className="row">
          <button type="button" disabled={accept.isPending} onClick={() => accept.mutate(token)}>
            {accept.isPending ? "Joining…" : "Join the team"}
          </button>
          <Link href="/models">Not now</Link>
        </div>
      </div>
    </div>
  );
}
