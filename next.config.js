// Sent on every response, API routes and static files included (pages also get their per-request
// CSP with frame-ancestors 'none' from proxy.ts): no MIME sniffing, no framing (for browsers that
// predate frame-ancestors), and no path or query (share tokens) in the Referer sent to other sites.
// Exported for scripts/serve.ts, which answers /api/graphql before Next and sends the same headers.
export const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // Native and WebAssembly packages load from node_modules at run time rather than being bundled.
  serverExternalPackages: ["onnxruntime-node", "@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm", "pg", "busboy"],
  // `npm test` type-checks the whole repository (tsc --noEmit); the build need not repeat it, which
  // keeps `npm start` on a fresh clone well inside its start-up budget on two cores.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
