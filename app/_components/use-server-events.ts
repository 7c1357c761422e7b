"use client";
// One Server-Sent Events stream of /api/events for a component: opened while `url` is set, closed
// on "end" (the row reached a final state), on "failure" (after telling onFailure) and on unmount.
// Rule: handlers are read from a ref, so a re-render never reopens the stream.
import { useEffect, useRef } from "react";

export interface ServerEventHandlers {
  /** Called with each parsed "progress" event. */
  onProgress(data: unknown): void;
  /** Called when the stream itself failed (not the job), with the server's message. */
  onFailure?(message: string): void;
}

export function useServerEvents(url: string | null, handlers: ServerEventHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    source.addEventListener("progress", (e) => ref.current.onProgress(JSON.parse((e as MessageEvent<string>).data)));
    source.addEventListener("end", () => source.close());
    source.addEventListener("failure", (e) => {
      ref.current.onFailure?.((JSON.parse((e as MessageEvent<string>).data) as { message: string }).message);
      source.close();
    });
    return () => source.close();
  }, [url]);
}
