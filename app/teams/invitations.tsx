"use client";
// A team's open invitations and the form to invite someone; the join link is shown once.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { INVITE_MEMBER_MUTATION, describeMutationError, type InvitationFields, type Role } from "@/lib/client/operations";
import { queryKeys } from "@/lib/client/query-keys";
import { CopyButton } from "../_components/copy-button";
import { EmptyState } from "../_components/states";

export function Invitations({ teamId, invitations }: { teamId: string; invitations: InvitationFields[] }) {
  const queryClient = useQueryClient();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: (input: { teamId: string; email?: string; role: Role }) => gql(INVITE_MEMBER_MUTATION, { input }),
    onSuccess: ({ inviteMember: r }) => {
      if (!r.ok || !r.token) {
        setError(r.error ? describeMutationError(r.error) : "The invitation was not created.");
        return;
      }
      setError(null);
      setLink(`${window.location.origin}/teams/join?token=${encodeURIComponent(r.token)}`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams() });
    },
    onError: (e) => setError(e.message),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    setLink(null);
    invite.mutate({ teamId, role: String(form.get("role")) as Role, ...(email ? { email } : {}) });
  }

  return (
    <section>
      <h2>Invitations</h2>
      <form className="panel row" onSubmit={onSubmit} style={{ alignItems: "flex-end" }}>
        <div style={{ flex: 2, minWidth: 220 }}>
          <label htmlFor="invite-email">Email (optional)</label>
          <input id="invite-email" name="email" type="email" placeholder="only this account may accept" />
        </div>
        <div style={{ flex: 1, minWidth: 140 }}>
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" defaultValue="EDITOR">
            <option value="VIEWER">viewer</option>
            <option value="EDITOR">editor</option>
            <option value="OWNER">owner</option>
          </select>
        </div>
        <button type="submit" disabled={invite.isPending}>{invite.isPending ? "Inviting…" : "Create invitation"}</button>
      </form>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {link && (
        <div className="alert alert-ok" role="status">
          <p style={{ marginTop: 0 }}>Send this link to the invitee. It is shown only once.</p>
          <div className="secret-row">
            <div className="secret">{link}</div>
            <CopyButton value={link} label="Copy link" />
          </div>
        </div>
      )}
      <div style={{ marginTop: "1rem" }}>
        {invitations.length === 0 ? (
          <EmptyState title="No open invitations" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead><tr><th>For</th><th>Role</th><th>Created</th><th>Expires</th></tr></thead>
              <tbody>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email ?? "anyone with the link"}</td>
                    <td><span className="badge">{i.role.toLowerCase()}</span></td>
                    <td>{new Date(i.createdAt).toLocaleDateString()}</td>
                    <td>{new Date(i.expiresAt).toLocaleDateString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
