"use client";
// The page an invitation link opens: which team, who invited, with what role and until when
// (INVITATION_PREVIEW_QUERY, readable with the link's secret alone), then Join or Decline; an
// expired, withdrawn, used or declined invitation says so instead, and a signed-out visitor is
// sent through sign-in and back here.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { gql, GraphQLRequestError } from "@/lib/client/graphql";
import { useViewer } from "@/lib/client/hooks";
import { DECLINE_INVITATION_MUTATION, INVITATION_PREVIEW_QUERY, type InvitationPreviewFields } from "@/lib/client/invitation-operations";
import { ACCEPT_INVITATION_MUTATION, describeMutationError } from "@/lib/client/operations";
import { useTeamSelection } from "@/lib/client/providers";
import { queryKeys } from "@/lib/client/query-keys";
import { EmptyState, ErrorMessage, Loading, SignInPrompt } from "../../_components/states";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why an invitation that is not OPEN cannot be used, and what to do. */
const CLOSED: Record<Exclude<InvitationPreviewFields["status"], "OPEN">, [string, string]> = {
  EXPIRED: ["This invitation has expired", "Ask the team owner for a new link."],
  REVOKED: ["This invitation was withdrawn", "The team owner withdrew it. Ask them for a new link if you should join."],
  ACCEPTED: ["This invitation was already used", "An invitation link works once. If it was not you, ask the team owner for a new one."],
  DECLINED: ["This invitation was declined", "Ask the team owner for a new link if you change your mind."],
};

function expiryText(expiresAt: string): string {
  const at = new Date(expiresAt);
  const days = Math.ceil((at.getTime() - Date.now()) / DAY_MS);
  return `${at.toLocaleString()} (${days <= 1 ? "within a day" : `in ${days} days`})`;
}

function Offer({ preview }: { preview: InvitationPreviewFields }) {
  return (
    <dl className="invitation-offer">
      <dt>Team</dt><dd><strong>{preview.teamName}</strong></dd>
      <dt>Invited by</dt><dd>{preview.invitedByName ?? "an account that no longer exists"}</dd>
      <dt>Role</dt><dd><span className="badge">{preview.role.toLowerCase()}</span></dd>
      <dt>Expires</dt><dd>{expiryText(preview.expiresAt)}</dd>
      {preview.email ? <><dt>Only for</dt><dd>{preview.email}</dd></> : null}
    </dl>
  );
}

export function AcceptInvitation({ token }: { token: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const { setTeamId } = useTeamSelection();
  const preview = useQuery({
    queryKey: [...queryKeys.all, "invitation", token ?? ""],
    queryFn: ({ signal }) => gql(INVITATION_PREVIEW_QUERY, { token: token! }, signal),
    enabled: token !== null,
    retry: false,
  });
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
  const decline = useMutation({
    mutationFn: (secret: string) => gql(DECLINE_INVITATION_MUTATION, { token: secret }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...queryKeys.all, "invitation", token ?? ""] }),
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
  if (viewer.isPending || preview.isPending) return <div className="page"><Loading what="the invitation" /></div>;
  if (preview.isError) {
    if (preview.error instanceof GraphQLRequestError && preview.error.code === "NOT_FOUND") {
      return <div className="page"><EmptyState title={CLOSED.REVOKED[0]}><p>This link does not open any invitation: it was withdrawn, or it was copied incompletely.</p></EmptyState></div>;
    }
    return <div className="page"><ErrorMessage error={preview.error} /></div>;
  }
  const offer = preview.data.invitationPreview;
  if (offer.status !== "OPEN") {
    const [title, advice] = CLOSED[offer.status];
    return (
      <div className="page-narrow">
        <div className="panel">
          <h1>{title}</h1>
          <Offer preview={offer} />
          <p className="subtle">{advice}</p>
          <Link href="/models">Go to the library</Link>
        </div>
      </div>
    );
  }
  const me = viewer.data?.me ?? null;
  const failure = accept.data?.acceptInvitation.error ?? decline.data?.declineInvitation.error ?? null;
  return (
    <div className="page-narrow">
      <div className="panel">
        <h1>Join {offer.teamName}</h1>
        <p className="subtle">
          {offer.invitedByName ?? "A team owner"} invited you to join this team as {offer.role.toLowerCase()}.
        </p>
        <Offer preview={offer} />
        {!me ? (
          <SignInPrompt action="accept the invitation" next={`/teams/join?token=${encodeURIComponent(token)}`} />
        ) : offer.alreadyMember ? (
          <p className="alert alert-warn">You ({me.email}) are already a member of {offer.teamName}. <Link href="/models">Go to the library</Link></p>
        ) : (
          <>
            <p>Join as {me.email}?</p>
            {failure ? <div className="alert alert-error" role="alert">{describeMutationError(failure)}</div> : null}
            {accept.isError ? <ErrorMessage error={accept.error} /> : null}
            {decline.isError ? <ErrorMessage error={decline.error} /> : null}
            <div className="row">
              <button type="button" disabled={accept.isPending || decline.isPending} onClick={() => accept.mutate(token)}>
                {accept.isPending ? "Joining…" : "Join the team"}
              </button>
              <button type="button" className="danger" disabled={accept.isPending || decline.isPending} onClick={() => decline.mutate(token)}>
                {decline.isPending ? "Declining…" : "Decline"}
              </button>
              <Link href="/models">Not now</Link>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
