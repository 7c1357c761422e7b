// The links between a model's views, each its own URL: overview, composition, prompt explorer,
// the head page when one is open, and settings for those who may change the model. The current view is marked with aria-current. It also holds
// the model's live stream and presence (model-presence.tsx), so every view of a model is live.
import Link from "next/link";
import { ModelPresence } from "./model-presence";
import { ModelSettingsLink } from "./model-settings-link";

export type ModelView = "overview" | "composition" | "run" | "head" | "settings";

export function ModelNav({ id, name, current, head }: { id: string; name: string; current: ModelView; head?: string }) {
  const links: [ModelView, string, string][] = [
    ["overview", `/models/${id}`, "Overview"],
    ["composition", `/models/${id}/composition`, "Composition"],
    ["run", `/models/${id}/run`, "Prompt explorer"],
  ];
  return (
    <nav className="model-nav" aria-label={`Views of ${name}`}>
      <Link href="/models" className="subtle">Library</Link>
      <span className="subtle">/</span>
      <strong>{name}</strong>
      {links.map(([view, href, text]) => (
        <Link key={view} href={href} aria-current={view === current ? "page" : undefined}>{text}</Link>
      ))}
      {head ? <span aria-current="page">Head {head}</span> : null}
      <ModelSettingsLink id={id} current={current === "settings"} />
      <ModelPresence id={id} />
    </nav>
  );
}
