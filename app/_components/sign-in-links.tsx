"use client";
// "Sign in or create an account", both returning to the page they were shown on (?next=, validated
// by lib/client/next-path) unless another page is named.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { authHref } from "@/lib/client/next-path";

/** The current page's path and query, as a `next` to come back to. */
export function useHerePath(): string {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return search ? `${pathname}?${search}` : pathname;
}

export function SignInLinks({ next, action }: { next?: string; action?: string }) {
  const here = useHerePath();
  const back = next ?? here;
  return (
    <>
      <Link href={authHref("sign-in", back)}>Sign in</Link> or <Link href={authHref("sign-up", back)}>create an account</Link>
      {action ? ` to ${action}` : ""}.
    </>
  );
}
