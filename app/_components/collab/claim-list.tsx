// The executable claims of an annotation, each with its pass/fail badge and the numbers behind it:
// the current evaluation next to the one it was written against (graphql/modules/claims).
import type { ClaimFields } from "@/lib/client/collab-operations";
import styles from "./collab.module.css";

type Evaluation = NonNullable<ClaimFields["current"]>;

/** "0.912 ≥ 0.800 (v2)" — the value, the comparison and the model version; the message on ERROR. */
export function describeEvaluation(e: Evaluation | null | undefined, comparator: string): string {
  if (!e) return "not evaluated";
  if (e.status === "ERROR") return e.message ?? "could not be evaluated";
  if (e.status === "PENDING") return `computing (v${e.modelVersion})`;
  const value = e.value == null ? "—" : e.value.toFixed(3);
  const threshold = e.threshold == null ? "—" : e.threshold.toFixed(3);
  return `${value} ${comparator} ${threshold} (v${e.modelVersion})`;
}

function comparatorOf(spec: unknown): string {
  const c = spec && typeof spec === "object" ? (spec as { comparator?: unknown }).comparator : undefined;
  return c === "<=" ? "≤" : "≥";
}

export function ClaimList({ claims }: { claims: ClaimFields[] }) {
  if (claims.length === 0) return null;
  return (
    <ul className={styles.claims} aria-label="Claims" data-testid="claims">
      {claims.map((c) => {
        const cmp = comparatorOf(c.spec);
        return (
          <li key={c.id} className={styles.claim} data-testid="claim" data-status={c.status}>
            <span className={`${styles.status} ${styles[c.status]}`}>{c.status === "PASS" ? "pass" : c.status === "FAIL" ? "fail" : c.status.toLowerCase()}</span>
            <span className="mono">{c.description}</span>
            <span className={styles.meta} title={c.current ? `engine ${c.current.engineVersion}, ${new Date(c.current.evaluatedAt).toLocaleString()}` : undefined}>
              now {describeEvaluation(c.current, cmp)}
            </span>
            <span className={styles.meta} title={c.written ? `engine ${c.written.engineVersion}` : undefined}>· written against {describeEvaluation(c.written, cmp)}</span>
          </li>
        );
      })}
    </ul>
  );
}
