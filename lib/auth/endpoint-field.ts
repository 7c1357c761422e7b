// The one reading of "which field of this better-auth request carries the value a rule checks":
// email-rules and password-rules each map endpoints to a body field and check its string value.
// Rule: a path not in the map, a body that is not an object, or a value that is not a string yields
// null — a missing or non-string field is better-auth's own validation error, not the rule's.

/** The field `fields` names for `path` and its string value in `body`, or null when there is none to check. */
export function endpointStringField(fields: Readonly<Record<string, string>>, path: string, body: unknown): { field: string; value: string } | null {
  const field = Object.hasOwn(fields, path) ? fields[path] : undefined;
  if (!field || !body || typeof body !== "object") return null;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === "string" ? { field, value } : null;
}
