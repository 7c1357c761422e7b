"use client";
// A button that copies a secret (an API token, an invitation or share link) to the clipboard and
// says so ("Copied") for a moment. Where the Clipboard API is missing (a page served over plain
// http from another machine) it falls back to the older execCommand("copy") on a hidden textarea;
// where that fails too, it shows the text in a selected field with a hint to press Ctrl+C / ⌘C.
import { useEffect, useRef, useState } from "react";

/** How long "Copied" stays on the button. */
export const COPIED_FEEDBACK_MS = 2000;

type CopyState = "idle" | "copied" | "manual";

/** Copies through a selected, off-screen textarea; true when the browser says it copied. */
function copyWithTextarea(value: string): boolean {
  const area = document.createElement("textarea");
  area.value = value;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "-1000px";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

async function copyText(value: string): Promise<boolean> {
  if (typeof navigator !== "undefined" && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(value);
      return true;
    } catch {
      // Refused (no permission, not focused): the older path may still work.
    }
  }
  return copyWithTextarea(value);
}

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<CopyState>("idle");
  const manual = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), COPIED_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);
  useEffect(() => {
    if (state === "manual") manual.current?.select();
  }, [state]);

  return (
    <span className="copy-button" aria-live="polite">
      <button type="button" className="secondary" onClick={async () => setState((await copyText(value)) ? "copied" : "manual")}>
        {state === "copied" ? "Copied ✓" : label}
      </button>
      {state === "manual" ? (
        <span className="hint" style={{ display: "block" }}>
          This browser would not copy: the text is selected below, press Ctrl+C (⌘C on a Mac).
          <input ref={manual} type="text" readOnly value={value} aria-label="Text to copy" onFocus={(e) => e.currentTarget.select()} />
        </span>
      ) : null}
    </span>
  );
}
