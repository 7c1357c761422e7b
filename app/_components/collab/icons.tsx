// Small inline SVG icons (emoji render as boxes in headless Chromium, and icons should inherit the
// text colour). Each is decorative (aria-hidden); the control around it carries the accessible name.

const common = { width: 16, height: 16, viewBox: "0 0 16 16", fill: "none", stroke: "currentColor", strokeWidth: 1.6, strokeLinecap: "round", strokeLinejoin: "round", "aria-hidden": true } as const;

export function BellIcon() {
  return (
    <svg {...common} width={18} height={18}>
      <path d="M4 11V7a4 4 0 0 1 8 0v4l1.2 1.5H2.8Z" />
      <path d="M6.5 14a1.6 1.6 0 0 0 3 0" />
    </svg>
  );
}

export function CheckIcon() {
  return (
    <svg {...common}>
      <path d="M3 8.5 6.5 12 13 4.5" />
    </svg>
  );
}

export function ThumbUpIcon() {
  return (
    <svg {...common}>
      <path d="M5 7v7H2.5V7Z" />
      <path d="M5 7l3-5a1.5 1.5 0 0 1 2 1.6L9.5 6h3.2a1.3 1.3 0 0 1 1.3 1.5l-1 5.3A1.5 1.5 0 0 1 11.5 14H5" />
    </svg>
  );
}

export function ThumbDownIcon() {
  return (
    <svg {...common} style={{ transform: "rotate(180deg)" }}>
      <path d="M5 7v7H2.5V7Z" />
      <path d="M5 7l3-5a1.5 1.5 0 0 1 2 1.6L9.5 6h3.2a1.3 1.3 0 0 1 1.3 1.5l-1 5.3A1.5 1.5 0 0 1 11.5 14H5" />
    </svg>
  );
}
