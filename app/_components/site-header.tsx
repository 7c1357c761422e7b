"use client";
// The header on every page: brand, navigation, the team switcher, the notification bell and the
// account menu.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { signOut } from "@/lib/client/auth";
import { useCurrentTeam } from "@/lib/client/hooks";
import { authHref } from "@/lib/client/next-path";
import { NotificationBell } from "./notification-bell";
import { useHerePath } from "./sign-in-links";
import { TeamSwitcher } from "./team-switcher";

const NAV = [
  { href: "/models", label: "Library" },
  { href: "/search", label: "Search" },
  { href: "/upload", label: "Upload" },
  { href: "/train", label: "Train" },
  { href: "/teams", label: "Team" },
  { href: "/settings", label: "API tokens" },
  { href: "/graphiql", label: "GraphiQL" },
];

/** What a signed-out visitor can open: the library and the head search, of public models. */
const SIGNED_OUT_NAV = new Set(["/models", "/search"]);

export function SiteHeader() {
  const pathname = usePathname();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { viewer } = useCurrentTeam();
  const me = viewer.data?.me ?? null;
  const here = useHerePath();

  async function onSignOut() {
    await signOut().catch(() => undefined);
    queryClient.clear();
    router.push("/sign-in");
  }

  return (
    <header className="site-header">
      <Link href="/models" className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Circuitboard
      </Link>
      <nav className="site-nav" aria-label="Main">
        {(me ? NAV : NAV.filter((item) => SIGNED_OUT_NAV.has(item.href))).map((item) => (
          <Link key={item.href} href={item.href} aria-current={pathname.startsWith(item.href) ? "page" : undefined}>
            {item.label}
          </Link>
        ))}
      </nav>
      <div className="header-right">
        {me ? (
          <>
            <TeamSwitcher />
            <NotificationBell />
            <span title={me.email ?? undefined}>{me.name}</span>
            <button type="button" className="link" onClick={onSignOut}>
              Sign out
            </button>
          </>
        ) : viewer.isPending ? null : (
          <>
            <Link href={authHref("sign-in", here)}>Sign in</Link>
            <Link href={authHref("sign-up", here)} className="button">
              Sign up
            </Link>
          </>
        )}
      </div>
    </header>
  );
}
