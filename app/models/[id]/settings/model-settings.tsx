"use client";
// The settings of one model: rename and visibility (EDITOR, OWNER), the weights of any version as a
// safetensors download (every reader), and delete after typing the model's name (OWNER), which says
// what goes with it. Changes go through GraphQL (lib/client/model-settings-operations.ts); a refused
// one shows the server's message.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { DELETE_MODEL_MUTATION, RENAME_MODEL_MUTATION, SET_MODEL_VISIBILITY_MUTATION } from "@/lib/client/model-settings-operations";
import { describeMutationError, type MutationError } from "@/lib/client/operations";
import { queryKeys } from "@/lib/client/query-keys";
import { formatBytes } from "../../../_components/format-bytes";
import { ErrorMessage } from "../../../_components/states";
import { ModelNav } from "../model-nav";

type Visibility = "PRIVATE" | "TEAM" | "PUBLIC";

export interface ModelSettingsProps {
  model: { id: string; name: string; visibility: Visibility; teamName: string };
  role: "OWNER" | "EDITOR" | "VIEWER" | null;
  canUpdate: boolean;
  canDelete: boolean;
  versions: { number: number; byteLength: number; createdAt: string }[];
  removes: { analyses: number; annotations: number; comments: number; claims: number; jobs: number };
}

const VISIBILITY: [Visibility, string][] = [
  ["PRIVATE", "Private: only you (the uploader) and the team's owners."],
  ["TEAM", "Team: every member of the team."],
  ["PUBLIC", "Public: everyone can read it, signed out too; downloading the weights needs an account."],
];

/** Runs a payload mutation; a refusal (`ok: false`) becomes an Error with the server's message. */
async function expectOk(run: Promise<{ ok: boolean; error?: MutationError | null }>): Promise<void> {
  const result = await run;
  if (!result.ok) throw new Error(result.error ? describeMutationError(result.error) : "The change was not made.");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function ModelSettingsView(props: ModelSettingsProps) {
  const { model, role } = props;
  return (
    <div className="page" style={{ maxWidth: 820 }}>
      <ModelNav id={model.id} name={model.name} current="settings" />
      <h1>Settings</h1>
      <p className="subtle">
        Team {model.teamName} · {role ? `you are ${role.toLowerCase()}` : "you are not a member of this team"}
        {props.canUpdate ? "" : " · your role may download the weights but not change this model"}
      </p>
      <RenameSection {...props} />
      <VisibilitySection {...props} />
      <DownloadSection {...props} />
      {props.canDelete ? <DeleteSection {...props} /> : null}
    </div>
  );
}

function RenameSection({ model, canUpdate }: ModelSettingsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState(model.name);
  const rename = useMutation({
    mutationFn: () => expectOk(gql(RENAME_MODEL_MUTATION, { input: { id: model.id, name } }).then((d) => d.renameModel)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.models() });
      router.refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate();
  };
  return (
    <section className="panel" aria-labelledby="rename-title" style={{ marginBottom: "1rem" }}>
      <h2 id="rename-title">Name</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="model-name">Model name</label>
          <input id="model-name" type="text" value={name} maxLength={120} disabled={!canUpdate} onChange={(e) => setName(e.target.value)} />
          <p className="hint">1 to 120 characters.</p>
        </div>
        <button type="submit" disabled={!canUpdate || rename.isPending || name.trim() === model.name || name.trim() === ""}>
          {rename.isPending ? "Renaming…" : "Rename"}
        </button>
      </form>
      {rename.isError ? <ErrorMessage error={rename.error} /> : null}
      {rename.isSuccess ? <p className="alert alert-ok" role="status">Renamed.</p> : null}
    </section>
  );
}

function VisibilitySection({ model, canUpdate }: ModelSettingsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [visibility, setVisibility] = useState<Visibility>(model.visibility);
  const save = useMutation({
    mutationFn: () => expectOk(gql(SET_MODEL_VISIBILITY_MUTATION, { input: { id: model.id, visibility } }).then((d) => d.setModelVisibility)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.models() });
      router.refresh();
    },
  });
  return (
    <section className="panel" aria-labelledby="visibility-title" style={{ marginBottom: "1rem" }}>
      <h2 id="visibility-title">Visibility</h2>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <fieldset disabled={!canUpdate} style={{ border: 0, padding: 0, margin: "0 0 0.75rem" }}>
          <legend className="sr-only">Who may see this model</legend>
          {VISIBILITY.map(([value, text]) => (
            <label key={value} style={{ fontWeight: 400 }}>
              <input type="radio" name="visibility" value={value} checked={visibility === value} onChange={() => setVisibility(value)} /> {text}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={!canUpdate || save.isPending || visibility === model.visibility}>
          {save.isPending ? "Saving…" : "Save visibility"}
        </button>
      </form>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      {save.isSuccess ? <p className="alert alert-ok" role="status">Visibility saved.</p> : null}
    </section>
  );
}

function DownloadSection({ model, versions }: ModelSettingsProps) {
  const [number, setNumber] = useState(versions[0]?.number ?? 1);
  const chosen = versions.find((v) => v.number === number);
  return (
    <section className="panel" aria-labelledby="download-title" style={{ marginBottom: "1rem" }}>
      <h2 id="download-title">Download the weights</h2>
      {versions.length === 0 ? (
        <p className="subtle">This model has no stored version.</p>
      ) : (
        <div className="row">
          <label htmlFor="download-version" style={{ margin: 0 }}>Version</label>
          <select id="download-version" style={{ width: "auto" }} value={number} onChange={(e) => setNumber(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v.number} value={v.number}>
                v{v.number} · {formatBytes(v.byteLength)} · {new Date(v.createdAt).toLocaleDateString()}
              </option>
            ))}
          </select>
          <a className="button secondary" href={`/api/models/${model.id}/weights?version=${number}`} download>
            Download v{number} (.safetensors{chosen ? `, ${formatBytes(chosen.byteLength)} of weights` : ""})
          </a>
        </div>
      )}
      <p className="hint">The file as it was uploaded (TransformerLens names); a training checkpoint comes as a safetensors file of its stored tensors.</p>
    </section>
  );
}

function DeleteSection({ model, versions, removes }: ModelSettingsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState("");
  const remove = useMutation({
    mutationFn: () => expectOk(gql(DELETE_MODEL_MUTATION, { id: model.id }).then((d) => d.deleteModel)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.models() });
      router.push("/models");
    },
  });
  const bytes = versions.reduce((n, v) => n + v.byteLength, 0);
  return (
    <section className="panel" aria-labelledby="delete-title" style={{ borderColor: "#e6b3ae" }}>
      <h2 id="delete-title">Delete this model</h2>
      <p>Deleting removes, for good:</p>
      <ul>
        <li>{plural(versions.length, "version")} with {formatBytes(bytes)} of stored weights</li>
        <li>{plural(removes.analyses, "cached analysis result")} and {plural(removes.jobs, "analysis or training job")}</li>
        <li>{plural(removes.annotations, "head annotation")} with their revisions and votes, {plural(removes.claims, "claim")}, and {plural(removes.comments, "comment")}</li>
      </ul>
      <p className="subtle">The audit log keeps a line saying who deleted it. This cannot be undone.</p>
      <form onSubmit={(e) => { e.preventDefault(); if (typed === model.name) remove.mutate(); }}>
        <div className="field">
          <label htmlFor="delete-confirm">Type <strong className="mono">{model.name}</strong> to confirm</label>
          <input id="delete-confirm" type="text" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <button type="submit" className="danger" disabled={typed !== model.name || remove.isPending}>
          {remove.isPending ? "Deleting…" : "Delete this model"}
        </button>
      </form>
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
    </section>
  );
}
