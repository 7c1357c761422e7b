// The head search's filter as URL parameters (?label=induction&sigma=3), so a search is a link.
// Rule: this only maps names; every bound is checked by the API (lib/collab/head-search-filter),
// whose BAD_USER_INPUT message the page shows.
import type { HeadSearchFilter } from "@/lib/client/gql/graphql";

/** The form's fields, as strings (empty: not given). */
export interface SearchForm {
  label: string;
  text: string;
  claims: string;
  score: string;
  min: string;
  max: string;
  sigma: string;
}

export const FORM_KEYS = ["label", "text", "claims", "score", "min", "max", "sigma"] as const satisfies readonly (keyof SearchForm)[];

/** The form as the URL holds it. */
export function formFromParams(params: { get(key: string): string | null }): SearchForm {
  return Object.fromEntries(FORM_KEYS.map((k) => [k, params.get(k) ?? ""])) as unknown as SearchForm;
}

/** The URL query of a form (empty fields left out). */
export function paramsFromForm(form: SearchForm): string {
  const q = new URLSearchParams();
  for (const k of FORM_KEYS) if (form[k].trim()) q.set(k, form[k].trim());
  return q.toString();
}

const num = (s: string): number | null => (s.trim() === "" ? null : Number(s));

/** The API filter of a form (number fields come from number inputs, which give "" for anything else). */
export function filterOfForm(form: SearchForm): HeadSearchFilter {
  const filter: HeadSearchFilter = {};
  if (form.label.trim()) filter.label = form.label.trim();
  if (form.text.trim()) filter.text = form.text.trim();
  if (form.claims === "PASSING" || form.claims === "FAILING") filter.claimStatus = form.claims;
  if (form.score) filter.score = { name: form.score, min: num(form.min), max: num(form.max) };
  if (form.sigma.trim()) filter.partnerKComposition = { minSigma: Number(form.sigma) };
  return filter;
}
