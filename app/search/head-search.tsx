"use client";
// The head search page: a form (label, annotation text, claim status, a score range, the partner
// K-composition in σ) kept in the URL, and a table of the heads found across every model the
// viewer may read (signed out: the PUBLIC ones), each linking to its head page. Results come from stored analyses only; models
// not analysed yet are named under the table with a link to open (and so analyse) them.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { useCurrentTeam } from "@/lib/client/hooks";
import { queryKeys } from "@/lib/client/query-keys";
import { SCORE_DEFINITIONS } from "@/lib/analysis/score-definitions";
import { BUILTIN_LABELS } from "@/lib/collab/label-names";
import { MAX_HEAD_SEARCH_FIRST, MAX_SEARCH_SIGMA, MAX_SEARCH_TEXT_CHARS } from "@/lib/collab/head-search-bounds";
import { EmptyState, ErrorMessage, Loading } from "../_components/states";
import { filterOfForm, formFromParams, paramsFromForm, type SearchForm } from "./search-params";
import { SEARCH_HEADS_QUERY } from "./search-query";
import { SearchResults } from "./search-results";
import styles from "./search.module.css";

export function HeadSearch() {
  const { viewer } = useCurrentTeam();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const applied = formFromParams(params);
  const [form, setForm] = useState<SearchForm>(applied);
  const query = paramsFromForm(applied);
  const signedIn = Boolean(viewer.data?.me);

  const results = useInfiniteQuery({
    queryKey: queryKeys.headSearch(query),
    queryFn: ({ pageParam, signal }) => gql(SEARCH_HEADS_QUERY, { filter: filterOfForm(applied), first: MAX_HEAD_SEARCH_FIRST, after: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.searchHeads.pageInfo.hasNextPage ? last.searchHeads.pageInfo.endCursor : undefined),
    enabled: !viewer.isPending && query !== "",
  });

  if (viewer.isPending) return <div className="page"><Loading what="your account" /></div>;

  const set = (key: keyof SearchForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next = paramsFromForm(form);
    router.push(next ? `${pathname}?${next}` : pathname);
  }
  const pages = results.data?.pages ?? [];
  const hits = pages.flatMap((p) => p.searchHeads.edges.map((e) => e.node));
  const notAnalysed = [...new Map(pages.flatMap((p) => p.searchHeads.notAnalysed).map((m) => [m.id, m])).values()];

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Search heads</h1>
          <p className="subtle">Heads of every model you can read{signedIn ? "" : " (signed out: the public ones)"}, found from their stored head reports, annotations and claims.</p>
        </div>
      </div>
      <form className={`card ${styles.form}`} onSubmit={onSubmit} aria-label="Search heads">
        <div className={styles.fields}>
          <div className="field">
            <label htmlFor="search-label">Label</label>
            <input id="search-label" type="text" list="search-labels" maxLength={40} placeholder="e.g. induction" value={form.label} onChange={set("label")} />
            <datalist id="search-labels">{BUILTIN_LABELS.map((l) => <option key={l} value={l} />)}</datalist>
            <p className="hint">An engine label or any annotation&apos;s label.</p>
          </div>
          <div className="field">
            <label htmlFor="search-text">Annotation text</label>
            <input id="search-text" type="search" maxLength={MAX_SEARCH_TEXT_CHARS} placeholder="contains…" value={form.text} onChange={set("text")} />
          </div>
          <div className="field">
            <label htmlFor="search-claims">Claims</label>
            <select id="search-claims" value={form.claims} onChange={set("claims")}>
              <option value="">any</option>
              <option value="PASSING">a passing claim</option>
              <option value="FAILING">a failing claim</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-score">Score</label>
            <select id="search-score" value={form.score} onChange={set("score")}>
              <option value="">none</option>
              {SCORE_DEFINITIONS.map((d) => <option key={d.key} value={d.key} title={d.definition}>{d.name}</option>)}
            </select>
            <div className={`row ${styles.range}`}>
              <input type="number" step="any" aria-label="Score at least" placeholder="min" value={form.min} onChange={set("min")} disabled={!form.score} />
              <input type="number" step="any" aria-label="Score at most" placeholder="max" value={form.max} onChange={set("max")} disabled={!form.score} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="search-sigma">Partner K-composition ≥ σ</label>
            <input id="search-sigma" type="number" step="any" min={-MAX_SEARCH_SIGMA} max={MAX_SEARCH_SIGMA} placeholder="e.g. 3" value={form.sigma} onChange={set("sigma")} />
            <p className="hint">Induction heads whose K-composition partner is this many baseline σ above random heads.</p>
          </div>
        </div>
        <div className="row">
          <button type="submit">Search</button>
          <button type="button" className="secondary" onClick={() => router.push(`${pathname}?label=induction&sigma=3`)}>Example: induction heads, partner &gt; 3σ</button>
        </div>
      </form>

      {query === "" ? (
        <EmptyState title="Choose what to look for">
          <p>Fill in one or more fields; a head must match all of them.</p>
        </EmptyState>
      ) : results.isPending ? (
        <Loading what="heads" />
      ) : results.isError ? (
        <ErrorMessage error={results.error} />
      ) : (
        <SearchResults hits={hits} notAnalysed={notAnalysed} scoreName={applied.score || null} />
      )}
      {results.hasNextPage && (
        <p>
          <button type="button" className="secondary" disabled={results.isFetchingNextPage} onClick={() => results.fetchNextPage()}>
            {results.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </p>
      )}
    </div>
  );
}
