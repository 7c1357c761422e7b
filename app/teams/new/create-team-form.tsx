"use client";
// The create-team form; the new team becomes the current one and the browser goes to its library.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { useViewer } from "@/lib/client/hooks";
import { CREATE_TEAM_MUTATION, describeMutationError } from "@/lib/client/operations";
import { useTeamSelection } from "@/lib/client/providers";
import { queryKeys } from "@/lib/client/query-keys";
import { ErrorMessage, Loading, SignInPrompt } from "../../_components/states";

export function CreateTeamForm({ welcome }: { welcome: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const { setTeamId } = useTeamSelection();
  const [error, setError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (input: { name: string; slug?: string }) => gql(CREATE_TEAM_MUTATION, { input }),
    onSuccess: async ({ createTeam: r }) => {
      if (!r.ok || !r.team) {
        setError(r.error ? describeMutationError(r.error) : "The team was not created.");
        return;
      }
      setTeamId(r.team.id);
      await queryClient.invalidateQueries({ queryKey: queryKeys.me() });
      router.push("/models");
    },
    onError: (e) => setError(e.message),
  });

  if (viewer.isPending) return <div className="page"><Loading what="your account" /></div>;
  if (viewer.isError) return <div className="page"><ErrorMessage error={viewer.error} /></div>;
  if (!viewer.data.me) return <div className="page"><SignInPrompt action="create a team" /></div>;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const slug = String(form.get("slug") ?? "").trim();
    setError(null);
    create.mutate({ name: String(form.get("name") ?? "").trim(), ...(slug ? { slug } : {}) });
  }

  return (
    <div className="page-narrow">
      <div className="panel">
        <h1>{welcome ? `Welcome, ${viewer.data.me.name}` : "New team"}</h1>
        <p className="subtle">
          {welcome ? "Models live in teams. Create one for yourself or your group; you can invite others later." : "You will be its owner."}
        </p>
        <form onSubmit={onSubmit} style={{ marginTop: "1.25rem" }}>
          <div className="field">
            <label htmlFor="team-name">Team name</label>
            <input id="team-name" name="name" type="text" required maxLength={100} placeholder="e.g. Induction heads lab" />
          </div>
          <div className="field">
            <label htmlFor="team-slug">Short name (optional)</label>
            <input id="team-slug" name="slug" type="text" pattern="[a-z0-9-]{2,48}" maxLength={48} placeholder="derived from the name" />
            <div className="hint">Lowercase letters, digits and dashes. Scripts use it as the team of an upload.</div>
          </div>
          {error && <div className="alert alert-error" role="alert">{error}</div>}
          <button type="submit" disabled={create.isPending} style={{ width: "100%" }}>
            {create.isPending ? "Creating…" : "Create team"}
          </button>
        </form>
      </div>
    </div>
  );
}
