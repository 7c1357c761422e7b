"use client";
// The header's notification bell: the unread count on an SVG bell (emoji draw as boxes in headless
// Chromium), and a menu of the newest in-app notifications (mentions, failing claims). Opening an
// entry marks it read; "Mark all read" clears the count. The list is re-read on every signal of the
// viewer's live notification stream (Subscription.notificationSignals, lib/client/live.ts), on the
// model activity that can notify, and every 60 s as a fallback when no stream can be held.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { MARK_NOTIFICATIONS_READ_MUTATION, NOTIFICATIONS_QUERY } from "@/lib/client/collab-operations";
import { gql } from "@/lib/client/graphql";
import { useNotificationSignals } from "@/lib/client/live";
import { queryKeys } from "@/lib/client/query-keys";
import { BellIcon } from "./collab/icons";
import styles from "./notification-bell.module.css";
import { describeNotification } from "./notification-text";

/** How often the bell re-reads the count when no live signal told it to (the stream may be down). */
const NOTIFICATIONS_REFRESH_MS = 60_000;

/** Counts above this show as "99+". */
const MAX_SHOWN_COUNT = 99;

export function NotificationBell() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useNotificationSignals();
  const query = useQuery({
    queryKey: queryKeys.notifications(),
    queryFn: ({ signal }) => gql(NOTIFICATIONS_QUERY, undefined, signal),
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
  });
  const markRead = useMutation({
    mutationFn: (ids: string[] | null) => gql(MARK_NOTIFICATIONS_READ_MUTATION, { ids }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications() }),
  });
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => { document.removeEventListener("mousedown", close); document.removeEventListener("keydown", close); };
  }, [open]);

  const unread = query.data?.unreadNotificationCount ?? 0;
  const list = query.data?.notifications ?? [];
  return (
    <div className={styles.wrap} ref={ref}>
      <button type="button" className={styles.bell} aria-expanded={open} aria-haspopup="true" data-testid="notification-bell"
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"} onClick={() => setOpen((o) => !o)}>
        <BellIcon />
        {unread > 0 ? <span className={styles.count} data-testid="unread-count">{unread > MAX_SHOWN_COUNT ? `${MAX_SHOWN_COUNT}+` : unread}</span> : null}
      </button>
      {open ? (
        <div className={styles.menu} role="region" aria-label="Notifications" data-testid="notification-menu">
          <div className={styles.menuHead}>
            <strong>Notifications</strong>
            <button type="button" className="link" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate(null)}>Mark all read</button>
          </div>
          {list.length === 0 ? <p className={styles.empty}>Nothing yet. Mentions and failing claims show here.</p> : (
            <ul className={styles.list}>
              {list.map((n) => {
                const { text, href } = describeNotification(n);
                const body = <>{text}<span className={styles.when}>{new Date(n.createdAt).toLocaleString()}</span></>;
                const onOpen = () => { if (!n.readAt) markRead.mutate([n.id]); setOpen(false); };
                return (
                  <li key={n.id} className={`${styles.item} ${n.readAt ? "" : styles.unread}`} data-testid="notification">
                    {href ? <Link href={href} onClick={onOpen}>{body}</Link> : <a href="#" onClick={(e) => { e.preventDefault(); onOpen(); }}>{body}</a>}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
