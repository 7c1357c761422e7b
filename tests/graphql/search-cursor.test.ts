// Query.searchHeads across more models than one request scans (MAX_SEARCH_MODELS_SCANNED): a team
// of MAX + 35 cheap models (rows only, no weights; 2 layers × 3 heads each), head 1.2 annotated
// "induction" on six of them, two at the scan bound (the last model the first request looks at,
// and the first after it). Searching by that label, a page stops on the bound with fewer hits than
// `first` and `hasNextPage`, and following endCursor finds every annotated head exactly once, in
// id order — with pages bounded by the scan (first: 10) and by hits (first: 2).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { MAX_SEARCH_MODELS_SCANNED } from "@/lib/collab/head-search";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { gql } from "./harness";

const t = useTestDatabase();
const MODELS = MAX_SEARCH_MODELS_SCANNED + 35;
/** Positions (in model id order) of the models whose head 1.2 is annotated "induction". */
const ANNOTATED = [3, 57, MAX_SEARCH_MODELS_SCANNED - 1, MAX_SEARCH_MODELS_SCANNED, MAX_SEARCH_MODELS_SCANNED + 20, MODELS - 1];
let carol: Actor;
let expected: string[] = [];

const SEARCH = `query($filter: HeadSearchFilter, $first: Int, $after: String) {
  searchHeads(filter: $filter, first: $first, after: $after) { edges { node { head model { id } } } pageInfo { hasNextPage endCursor } scannedModels } }`;
interface Page { searchHeads: { edges: { node: { head: string; model: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; scannedModels: number } }

beforeAll(async () => {
  carol = await createTestUser(t.db, "carol");
  const teamId = await createTeamWith(t.db, "Many models", [[carol, "OWNER"]]);
  const ids: string[] = [];
  for (let i = 0; i < MODELS; i++) ids.push(await createModelRow(t.db, { teamId, name: `m-${i}`, createdBy: carol }));
  ids.sort();
  await t.db.headAnnotation.createMany({ data: ANNOTATED.map((p) => ({ modelId: ids[p], head: "1.2", label: "induction", confidence: 0.9, authorId: carol.userId })) });
  // A decoy on every other model: another label on the same head, which the filter must skip.
  await t.db.headAnnotation.createMany({ data: ids.filter((_, i) => i % 2 === 0).map((modelId) => ({ modelId, head: "1.2", label: "copying", confidence: 0.5, authorId: carol.userId })) });
  expected = ANNOTATED.map((p) => `${ids[p]}/1.2`);
}, 300_000);

async function allPages(first: number): Promise<{ seen: string[]; pages: Page["searchHeads"][] }> {
  const seen: string[] = [];
  const pages: Page["searchHeads"][] = [];
  let after: string | null = null;
  // Bounded: every page advances the scan by at least one model.
  for (let i = 0; i <= MODELS; i++) {
    const r: { data?: Page | null; errors?: unknown } = await gql<Page>(t.db, carol, SEARCH, { filter: { label: "induction" }, first, after });
    expect(r.errors).toBeUndefined();
    const page = r.data!.searchHeads;
    pages.push(page);
    seen.push(...page.edges.map((e) => `${e.node.model.id}/${e.node.head}`));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { seen, pages };
}

describe("searchHeads over more models than one request scans", () => {
  it("stops the first page at the scan bound with fewer hits than asked and a cursor to go on", async () => {
    const { seen, pages } = await allPages(10);
    const [page1] = pages;
    expect(page1.scannedModels).toBe(MAX_SEARCH_MODELS_SCANNED);
    expect(page1.edges.length).toBe(3); // positions 3, 57 and MAX − 1: the last model it scanned
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(pages.length).toBe(2);
    expect(pages[1].pageInfo.hasNextPage).toBe(false);
    expect(seen).toEqual(expected);
  });

  it("finds every annotated head once, in id order, when pages are bounded by hits too", async () => {
    const { seen, pages } = await allPages(2);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(ANNOTATED.length);
    expect(pages.every((p) => p.scannedModels <= MAX_SEARCH_MODELS_SCANNED)).toBe(true);
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });
});
