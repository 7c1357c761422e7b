// Search across heads (/search): a form and a table of the heads found, each linking to its head page.
import type { Metadata } from "next";
import { Suspense } from "react";
import { HeadSearch } from "./head-search";

export const metadata: Metadata = { title: "Search heads" };

export default function SearchPage() {
  return (
    <Suspense>
      <HeadSearch />
    </Suspense>
  );
}
