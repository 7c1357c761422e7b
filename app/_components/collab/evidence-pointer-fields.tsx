"use client";
// The pointer helper of one evidence link, by its kind (./evidence-pointers): this head's score, a
// composition pair with a partner head, the rank of an OV/QK circuit entry, a prompt run's loss or
// a whole figure result. Each choice writes the link's pointer; the pointer stays editable by hand.
import { useState } from "react";
import { SCORE_DEFINITIONS } from "@/lib/analysis/score-definitions";
import { circuitEntryPointer, compositionPointer, MAX_ENTRY_RANK, parseHead, promptRunPointer, scorePointer, type PointerKind } from "./evidence-pointers";

export interface PointerFieldsProps {
  id: string;
  kind: PointerKind;
  /** The chosen stored result's analysis kind, if any. */
  sourceKind: string | null;
  head: string;
  reportIndex: number | null;
  /** Sets the pointer and, when the link has none, a caption. */
  onPointer: (pointer: string, caption: string) => void;
}

export function PointerFields({ id, kind, sourceKind, head, reportIndex, onPointer }: PointerFieldsProps) {
  const [mode, setMode] = useState<"Q" | "K" | "V">("K");
  const [partner, setPartner] = useState("");
  const [list, setList] = useState<"top" | "bottom">("top");
  const [rank, setRank] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  if (!sourceKind) return null;

  if (kind === "SCORE" && reportIndex !== null) {
    return (
      <div className="field">
        <label htmlFor={`${id}-score`}>This head&apos;s score</label>
        <select id={`${id}-score`} value="" onChange={(e) => e.target.value && onPointer(scorePointer(reportIndex, e.target.value), SCORE_DEFINITIONS.find((d) => d.key === e.target.value)!.name)}>
          <option value="">pick…</option>
          {SCORE_DEFINITIONS.map((d) => <option key={d.key} value={d.key}>{d.name}</option>)}
        </select>
      </div>
    );
  }
  if (kind === "COMPOSITION") {
    const apply = (m: typeof mode, p: string) => {
      const self = parseHead(head);
      const other = parseHead(p);
      if (!self || !other) return setProblem(p.trim() ? "Name the partner as layer.head, e.g. 0.1." : null);
      const pointer = compositionPointer(m, self, other);
      setProblem(pointer ? null : "Heads of one layer do not compose; pick a head of another layer.");
      if (pointer) onPointer(pointer, `${m}-composition ${other.layer < self.layer ? `${p.trim()} → ${head}` : `${head} → ${p.trim()}`}`);
    };
    return (
      <>
        <div className="field">
          <label htmlFor={`${id}-mode`}>Composition</label>
          <select id={`${id}-mode`} value={mode} onChange={(e) => { const m = e.target.value as typeof mode; setMode(m); apply(m, partner); }}>
            {(["Q", "K", "V"] as const).map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-partner`}>Partner head</label>
          <input id={`${id}-partner`} type="text" maxLength={9} placeholder="0.1" value={partner} onChange={(e) => { setPartner(e.target.value); apply(mode, e.target.value); }} />
          {problem ? <div className="hint" role="status">{problem}</div> : null}
        </div>
      </>
    );
  }
  if (kind === "OV_ENTRY" || kind === "QK_ENTRY") {
    const circuit = kind === "OV_ENTRY" ? "OV" : "QK";
    const apply = (l: typeof list, r: string) => {
      const pointer = circuitEntryPointer(l, Number(r));
      setProblem(pointer ? null : `The rank is a whole number from 1 to ${MAX_ENTRY_RANK}.`);
      if (pointer) onPointer(pointer, `${circuit} ${l} entry #${r}`);
    };
    return (
      <>
        {kind === "OV_ENTRY" ? (
          <div className="field">
            <label htmlFor={`${id}-list`}>Entries</label>
            <select id={`${id}-list`} value={list} onChange={(e) => { const l = e.target.value as typeof list; setList(l); apply(l, rank); }}>
              <option value="top">largest</option>
              <option value="bottom">smallest</option>
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-rank`}>{circuit} entry rank</label>
          <input id={`${id}-rank`} type="number" min={1} max={MAX_ENTRY_RANK} step={1} placeholder="1" value={rank} onChange={(e) => { setRank(e.target.value); apply(list, e.target.value); }} style={{ width: "6rem" }} />
          {problem ? <div className="hint" role="status">{problem}</div> : null}
        </div>
      </>
    );
  }
  if (kind === "PROMPT_RUN" || kind === "FIGURE") {
    const pointer = kind === "PROMPT_RUN" ? promptRunPointer(sourceKind) : "";
    return (
      <div className="field">
        <button type="button" className="secondary" data-testid={`${id}-whole`} onClick={() => onPointer(pointer, pointer === "/loss" ? "mean next-token loss" : sourceKind)}>
          {pointer === "/loss" ? "Cite its mean loss" : "Cite the whole result"}
        </button>
      </div>
    );
  }
  return null;
}
