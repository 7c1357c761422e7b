"use client";
// The width of a figure's container, followed with a ResizeObserver, so scenes are laid out for
// the space they get (badges that fit at 1440 px and at 390 px) instead of being scaled down.
import { useEffect, useRef, useState } from "react";

export function useWidth<T extends HTMLElement>(fallback = 640) {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.getBoundingClientRect().width) || fallback);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width) || fallback));
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width] as const;
}
