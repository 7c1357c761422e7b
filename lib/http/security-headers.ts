// The Content-Security-Policy of every page, built per request by proxy.ts. Rule: scripts run only
// with this request's nonce ('strict-dynamic' lets those scripts load Next's chunks), never inline
// or through eval — except 'unsafe-eval' under `next dev`, which React's development build needs.
// style-src keeps 'unsafe-inline': the figures and the GraphiQL editor set `style` attributes, which
// a nonce cannot cover (and a nonce in style-src would make browsers ignore 'unsafe-inline').
// Framing is forbidden (frame-ancestors 'none'; next.config.js adds X-Frame-Options DENY for older
// browsers, nosniff and the referrer policy on every response, API routes included).

/** 16 random bytes, base64: unguessable and new for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The CSP header value for a page rendered with `nonce`. */
export function contentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "blob:", "data:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["worker-src", "'self'", "blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}
