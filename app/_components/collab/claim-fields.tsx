"use client";
// The fields of one claim draft (metric, heads, comparator, threshold, repeat length), shared by the
// annotation form (claims written with the annotation) and a card's "Add claim".
import styles from "./collab.module.css";
import { CLAIM_METRICS, isCompositionMetric, type ClaimDraft } from "./claim-draft";

export function ClaimFields({ draft, onChange, idPrefix }: { draft: ClaimDraft; onChange: (d: ClaimDraft) => void; idPrefix: string }) {
  const composition = isCompositionMetric(draft.metric);
  const set = <K extends keyof ClaimDraft>(key: K) => (e: { target: { value: string } }) => onChange({ ...draft, [key]: e.target.value as ClaimDraft[K] });
  return (
    <div className={styles.formRow} data-testid="claim-fields">
      <div className="field">
        <label htmlFor={`${idPrefix}-metric`}>Metric</label>
        <select id={`${idPrefix}-metric`} value={draft.metric}
          onChange={(e) => { const metric = e.target.value as ClaimDraft["metric"]; onChange({ ...draft, metric, thresholdKind: isCompositionMetric(metric) ? draft.thresholdKind : "value" }); }}>
          {CLAIM_METRICS.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      </div>
      {composition ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-from`}>From head</label>
          <input id={`${idPrefix}-from`} type="text" size={5} maxLength={9} value={draft.from} onChange={set("from")} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${idPrefix}-head`}>{composition ? "Into head" : "Head"}</label>
        <input id={`${idPrefix}-head`} type="text" size={5} maxLength={9} value={draft.head} onChange={set("head")} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-comparator`}>Is</label>
        <select id={`${idPrefix}-comparator`} value={draft.comparator} onChange={set("comparator")}>
          <option value=">=">≥</option>
          <option value="<=">≤</option>
        </select>
      </div>
      {composition ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-kind`}>Threshold</label>
          <select id={`${idPrefix}-kind`} value={draft.thresholdKind} onChange={set("thresholdKind")}>
            <option value="baselineStds">baseline mean + k·std</option>
            <option value="value">a value</option>
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${idPrefix}-threshold`}>{draft.thresholdKind === "baselineStds" ? "k" : "Value"}</label>
        <input id={`${idPrefix}-threshold`} type="number" step="any" value={draft.threshold} onChange={set("threshold")} />
      </div>
      {!composition ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-repeat`}>Repeat length</label>
          <input id={`${idPrefix}-repeat`} type="number" min={2} step={1} placeholder="default" value={draft.repeatLength} onChange={set("repeatLength")} />
        </div>
      ) : null}
    </div>
  );
}
