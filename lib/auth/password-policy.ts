// Which passwords an account may have. Rule: a password is refused, with a message naming the rule,
// when it is shorter than MIN_PASSWORD_LENGTH or longer than MAX_PASSWORD_LENGTH, only whitespace,
// one character repeated, a short pattern repeated ("abcabcabca"), a run along the alphabet, the
// digits or a keyboard row ("abcdefghij", "9876543210", "qwertyuiop"), or a common password from
// lib/auth/common-passwords.ts ignoring case, spaces and digits or punctuation added around it.
// Pure (no Node or framework imports): the sign-up form reads MIN_PASSWORD_LENGTH too.
import { COMMON_PASSWORDS } from "./common-passwords";

/** Shortest password accepted on sign-up and password change. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted (bounds the hashing work one request can ask for). */
export const MAX_PASSWORD_LENGTH = 256;
/** A password made of one pattern this long or shorter, repeated, is refused. */
export const MAX_REPEATED_PATTERN = 4;

const KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS.flatMap((p) => [p, p.replace(/\s+/g, "")]));
  return common;
}

/** Whether `s` is a run along one of KEYBOARD_ROWS (either direction), or along character codes. */
function isSequence(s: string): boolean {
  const lower = s.toLowerCase();
  for (const row of KEYBOARD_ROWS) {
    const reversed = [...row].reverse().join("");
    if (row.includes(lower) || reversed.includes(lower)) return true;
  }
  const codes = [...lower].map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

/** Whether `s` is one pattern of at most MAX_REPEATED_PATTERN characters, repeated (the last copy may be cut short). */
function isRepeatedPattern(s: string): boolean {
  const chars = [...s];
  for (let period = 1; period <= MAX_REPEATED_PATTERN && period < chars.length; period++) {
    if (chars.every((c, i) => c === chars[i % period])) return true;
  }
  return false;
}

/** Whether `s`, without case, spaces and digits or punctuation around it, is a common password. */
function isCommon(s: string): boolean {
  const list = commonPasswords();
  const lower = s.toLowerCase().trim();
  const squeezed = lower.replace(/\s+/g, "");
  const core = squeezed.replace(/^[\d\W_]+|[\d\W_]+$/gu, "");
  return list.has(lower) || list.has(squeezed) || (core.length > 0 && list.has(core));
}

/** Why `password` is refused, as a message for the person choosing it, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `A password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (password.trim() === "") return "A password cannot be only spaces.";
  const squeezed = password.replace(/\s+/g, "");
  if (isRepeatedPattern(squeezed)) return "A password cannot be one character or a short pattern repeated.";
  if (isSequence(squeezed)) return "A password cannot be a simple sequence such as 1234567890, abcdefghij or qwertyuiop.";
  if (isCommon(password)) return "That password is among the most common ones; choose one that is harder to guess.";
  return null;
}
