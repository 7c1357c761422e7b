// The root layout: one stylesheet, the React Query / current-team providers and the site header.
// Every page renders per request (connection()): the CSP nonce proxy.ts makes for each request must
// reach Next's scripts, and a page prerendered at build time would have none.
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/lib/client/providers";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Circuitboard", template: "%s · Circuitboard" },
  description: "Collaborative circuit analysis of attention-only transformers.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>
          <SiteHeader />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
