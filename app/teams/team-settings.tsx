"use client";
// The current team's members (owners change roles and remove members), invitations (owners
// create them; the link is shown once) and, for members, its activity feed.
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { useCurrentTeam } from "@/lib/client/hooks";
import {
  REMOVE_MEMBER_MUTATION,
  SET_MEMBER_ROLE_MUTATION,
  TEAM_DETAIL_QUERY,
  describeMutationError,
  type Role,
} from "@/lib/client/operations";
import { queryKeys } from "@/lib/client/query-keys";
import { EmptyState, ErrorMessage, Loading, SignInPrompt } from "../_components/states";
import { Invitations } from "./invitations";
import { TeamActivity } from "./team-activity";

const ROLES: Role[] = ["OWNER", "EDITOR", "VIEWER"];

/** Leaving or removing cannot be undone from this page (it takes a new invitation): ask first. */
function confirmRemoval(question: string): boolean {
  return window.confirm(question);
}

export function TeamSettings() {
  const queryClient = useQueryClient();
  const { viewer, team } = useCurrentTeam();
  const detail = useQuery({
    queryKey: queryKeys.team(team?.id ?? ""),
    queryFn: ({ signal }) => gql(TEAM_DETAIL_QUERY, { id: team!.id }, signal),
    enabled: team !== null,
  });
  const change = useMutation({
    mutationFn: async (op: { kind: "role"; userId: string; role: Role } | { kind: "remove"; userId: string }) => {
      const result =
        op.kind === "role"
          ? (await gql(SET_MEMBER_ROLE_MUTATION, { input: { teamId: team!.id, userId: op.userId, role: op.role } })).setMemberRole
          : (await gql(REMOVE_MEMBER_MUTATION, { teamId: team!.id, userId: op.userId })).removeMember;
      if (!result.ok) throw new Error(result.error ? describeMutationError(result.error) : "The change was not made.");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.teams() }),
  });

  if (viewer.isPending) return <div className="page"><Loading what="your account" /></div>;
  if (viewer.isError) return <div className="page"><ErrorMessage error={viewer.error} /></div>;
  if (!viewer.data.me) return <div className="page"><SignInPrompt action="manage your team" /></div>;
  if (!team) {
    return (
      <div className="page">
        <EmptyState title="You are not in a team yet">
          <p><Link href="/teams/new">Create a team</Link>, or open an invitation link from a team owner.</p>
        </EmptyState>
      </div>
    );
  }

  const isOwner = team.viewerRole === "OWNER";
  const me = viewer.data.me;
  const members = detail.data?.team?.members ?? [];
  return (
    <div className="page" style={{ maxWidth: 900 }}>
      <div className="page-head">
        <div>
          <h1>{team.name}</h1>
          <p className="subtle">
            <span className="mono">{team.slug}</span> · {team.viewerRole ? `you are ${team.viewerRole.toLowerCase()}` : "public team (read-only)"}
          </p>
        </div>
        <Link href="/teams/new" className="button secondary">New team</Link>
      </div>

      <h2>Members</h2>
      {detail.isPending ? (
        <Loading what="members" />
      ) : detail.isError ? (
        <ErrorMessage error={detail.error} />
      ) : !team.viewerRole ? (
        // A public team the viewer is not in: its models are theirs to read, its members are not listed.
        <p className="subtle">
          You are not a member of {team.name}. It is a public team: every account can read its models, and only its members see who they
          are. To upload or train models of your own, <Link href="/teams/new">create a team</Link>.
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th>Name</th><th>Email</th><th>Role</th><th>Joined</th><th /></tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.user.id}>
                  <td>{m.user.name}{m.user.id === me.id ? " (you)" : ""}</td>
                  <td>{m.user.email ?? "—"}</td>
                  <td>
                    {isOwner ? (
                      <select
                        aria-label={`Role of ${m.user.name}`}
                        value={m.role}
                        disabled={change.isPending}
                        onChange={(e) => change.mutate({ kind: "role", userId: m.user.id, role: e.target.value as Role })}
                        style={{ width: "auto" }}
                      >
                        {ROLES.map((r) => <option key={r} value={r}>{r.toLowerCase()}</option>)}
                      </select>
                    ) : (
                      <span className="badge">{m.role.toLowerCase()}</span>
                    )}
                  </td>
                  <td>{new Date(m.joinedAt).toLocaleDateString()}</td>
                  <td style={{ textAlign: "right" }}>
                    {(isOwner || m.user.id === me.id) && (
                      <button type="button" className="danger" disabled={change.isPending} onClick={() => confirmRemoval(m.user.id === me.id ? `Leave ${team.name}?` : `Remove ${m.user.name} from ${team.name}?`) && change.mutate({ kind: "remove", userId: m.user.id })}>
                        {m.user.id === me.id ? "Leave" : "Remove"}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {change.isError && <ErrorMessage error={change.error} />}

      {isOwner && detail.data?.team && <Invitations teamId={team.id} invitations={detail.data.team.invitations} />}

      {team.viewerRole ? (
        <section aria-labelledby="activity-title">
          <h2 id="activity-title">Activity</h2>
          <TeamActivity teamId={team.id} />
        </section>
      ) : null}

      <h2>API tokens</h2>
      <p className="subtle">
        Tokens belong to your account and act in all your teams. <Link href="/settings">Manage your API tokens</Link>.
      </p>
    </div>
  );
}
