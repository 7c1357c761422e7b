"use client";
// A Markdown textarea with a Preview tab. The preview goes through the same renderer and sanitiser
// the server stores bodies with (lib/collab/markdown.ts), so what is previewed is what is shown;
// an out-of-bounds source shows the renderer's message instead.
import { useMemo, useState } from "react";
import { MAX_MARKDOWN_CHARS, renderMarkdown } from "@/lib/collab/markdown";
import styles from "./collab.module.css";

function preview(source: string): { html: string } | { error: string } {
  try {
    return { html: renderMarkdown(source) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function MarkdownField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  const [tab, setTab] = useState<"write" | "preview">("write");
  const rendered = useMemo(() => (tab === "preview" ? preview(value) : null), [tab, value]);
  return (
    <div>
      <div className={styles.tabs} role="tablist" aria-label={`${label}: write or preview`}>
        <label htmlFor={id} style={{ marginRight: "auto" }}>{label}</label>
        <button type="button" role="tab" className="link" aria-selected={tab === "write"} onClick={() => setTab("write")}>Write</button>
        <button type="button" role="tab" className="link" aria-selected={tab === "preview"} onClick={() => setTab("preview")}>Preview</button>
      </div>
      {tab === "write" ? (
        <textarea id={id} value={value} maxLength={MAX_MARKDOWN_CHARS} onChange={(e) => onChange(e.target.value)} placeholder="Markdown: **bold**, `code`, lists, links" />
      ) : rendered && "html" in rendered ? (
        <div className={styles.preview} data-testid="markdown-preview" dangerouslySetInnerHTML={{ __html: rendered.html || "<p><em>Nothing to preview.</em></p>" }} />
      ) : (
        <div className="alert alert-error" role="alert">{rendered?.error}</div>
      )}
    </div>
  );
}
