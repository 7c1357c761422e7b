// @mentions while typing a comment: the handle a member answers to (lib/collab/comments.ts matches
// a member's name without spaces, or their email's local part, case-insensitively), the partial
// handle being typed before the caret, the members it could mean, and the text with one inserted.

/** Most suggestions listed under the comment box. */
export const MAX_MENTION_SUGGESTIONS = 6;

/** Longest handle the server honours (lib/collab/comments.ts mentionHandles). */
const MAX_HANDLE = 64;

export interface Mentionable {
  id: string;
  name: string;
}

/** The handle that notifies this member: their name without spaces. */
export function memberHandle(member: Mentionable): string {
  return member.name.replace(/\s+/g, "");
}

/** The "@part" right before the caret (start: index of the "@"), or null when the caret is not in one. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const m = new RegExp(`(?:^|[^\\w@.])@([A-Za-z0-9._-]{0,${MAX_HANDLE}})$`).exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[1].length - 1, query: m[1] };
}

/** Members whose handle or name starts with the query (case-insensitive), never oneself. */
export function mentionSuggestions<M extends Mentionable>(members: M[], query: string, selfId: string | null): M[] {
  const q = query.toLowerCase();
  return members
    .filter((m) => m.id !== selfId && (memberHandle(m).toLowerCase().startsWith(q) || m.name.toLowerCase().startsWith(q)))
    .slice(0, MAX_MENTION_SUGGESTIONS);
}

/** Replaces the "@part" starting at `start` (up to the caret) by "@handle " and gives the new caret. */
export function insertMention(text: string, start: number, caret: number, member: Mentionable): { text: string; caret: number } {
  const inserted = `@${memberHandle(member)} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
