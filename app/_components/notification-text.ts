// What one in-app notification says and where it leads. Notification.data is JSON written by
// lib/collab (comments.ts notifyMentions, claim-store.ts on a claim that starts failing); it is read
// defensively here, since an older row may lack a field.

export interface NotificationLike {
  kind: string;
  data: unknown;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): string => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : "—");

/** The sentence and the link of a notification. */
export function describeNotification(n: NotificationLike): { text: string; href: string | null } {
  const d = (n.data && typeof n.data === "object" ? n.data : {}) as Record<string, unknown>;
  const modelId = str(d.modelId);
  const model = modelId ? `/models/${encodeURIComponent(modelId)}` : null;
  if (n.kind === "mention") {
    const onHead = d.target === "HEAD" ? str(d.targetId) : null;
    const where = onHead ? `on head ${onHead}` : d.target === "ANNOTATION" ? "on an annotation" : "in a comment";
    return { text: `${str(d.by) ?? "Someone"} mentioned you ${where}`, href: model && onHead ? `${model}/heads/${onHead}` : model };
  }
  if (n.kind === "claim-failing") {
    const head = str(d.head);
    const claim = str(d.claim);
    const version = typeof d.modelVersion === "number" ? ` (v${d.modelVersion})` : "";
    return { text: `Your claim ${claim ? `${claim} ` : ""}now fails: ${num(d.value)} against ${num(d.threshold)}${version}`, href: model && head ? `${model}/heads/${head}` : model };
  }
  return { text: n.kind, href: model };
}
