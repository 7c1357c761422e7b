// lib/auth/password-policy.ts: each rule refuses what it names and lets ordinary passphrases through.
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "@/lib/auth/common-passwords";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from "@/lib/auth/password-policy";

describe("passwordProblem", () => {
  it("refuses passwords shorter than the minimum of 10 characters (counted as characters, not UTF-16 units)", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblem("password")).toMatch(/at least 10 characters/);
    expect(passwordProblem("Zq8#rT2!m")).toMatch(/at least 10 characters/);
    expect(passwordProblem("🦊🦊🦊🐙🐙🐙🦀🦀🦀")).toMatch(/at least 10 characters/);
    expect(passwordProblem("Zq8#rT2!mW")).toBeNull();
  });

  it("refuses an overlong password", () => {
    expect(passwordProblem("x7Kp".repeat(MAX_PASSWORD_LENGTH / 4) + "Q")).toMatch(/at most 256 characters/);
  });

  it("refuses whitespace only", () => {
    expect(passwordProblem("          ")).toBe("A password cannot be only spaces.");
    expect(passwordProblem("\t \n        ")).toBe("A password cannot be only spaces.");
  });

  it("refuses one character or a short pattern repeated", () => {
    for (const p of ["aaaaaaaaaa", "1111111111", "ababababab", "abcabcabca", "Ab1!Ab1!Ab1!", "a a a a a a a a a a"]) {
      expect(passwordProblem(p), p).toMatch(/one character or a short pattern repeated/);
    }
  });

  it("refuses runs along the alphabet, the digits or a keyboard row, either way", () => {
    for (const p of ["abcdefghij", "ABCDEFGHIJKL", "1234567890", "0987654321", "qwertyuiop", "poiuytrewq", "lmnopqrstu"]) {
      expect(passwordProblem(p), p).toMatch(/simple sequence/);
    }
  });

  it("refuses common passwords ignoring case, spaces, and digits or punctuation added around them", () => {
    for (const p of ["password123", "Password123", "PASSWORD2024!", "correct horse battery staple", "CorrectHorseBatteryStaple", "  iloveyou1234  ", "!!qwerty123!!", "welcome12345"]) {
      expect(passwordProblem(p), p).toMatch(/most common/);
    }
  });

  it("keeps a list of a few hundred common passwords, all lower case", () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(300);
    expect(COMMON_PASSWORDS.every((p) => p === p.toLowerCase())).toBe(true);
    expect(COMMON_PASSWORDS).toContain("password");
    expect(COMMON_PASSWORDS).toContain("password123");
    expect(COMMON_PASSWORDS).toContain("correct horse battery staple");
  });

  it("accepts ordinary passphrases and random passwords", () => {
    for (const p of ["purple elephants juggle", "induction heads form", "Tr0ub4dor&3-extended", "demo-3kQ9_xZp2LmA", "grüne Äpfel im Herbst"]) {
      expect(passwordProblem(p), p).toBeNull();
    }
  });
});
