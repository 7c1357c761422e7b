// The overview's Heads panel rendered to static markup with the head report already in the query
// cache (no browser, no network): a QUEUED or RUNNING report draws the job's progress bar (fraction,
// ETA, stage) in place of the head grid; a READY one draws the grid and no bar.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { headReportKey } from "@/app/models/[id]/head-report-query";
import { HeadsPanel } from "@/app/models/[id]/heads-panel";
import { queryKeys } from "@/lib/client/query-keys";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => undefined }) }));

function render(headReport: Record<string, unknown>): string {
  const client = new QueryClient();
  client.setQueryData(headReportKey("m1"), { model: { id: "m1", headReport } });
  client.setQueryData(queryKeys.headConsensus("m1"), { model: { headConsensus: [] } });
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(HeadsPanel, { id: "m1", name: "big", nLayers: 2, nHeads: 2 })));
}

const base = { message: null, modelVersion: 1, engineVersion: "e1", cached: false, thresholds: null, heads: [], composition: null, skipped: [] };

describe("HeadsPanel", () => {
  it("draws a running report's progress bar with fraction, ETA and stage instead of the grid", () => {
    const html = render({ ...base, status: "RUNNING", jobId: "j1", progress: { fraction: 0.25, etaSeconds: 30, stage: "composition" } });
    expect(html).toContain('data-testid="job-progress"');
    expect(html).toContain("Head report: computing — 25% · about 30 s left · composition");
    expect(html).not.toContain('data-testid="head-grid"');
  });

  it("draws a queued report waiting for a slot as a bar at 0%", () => {
    const html = render({ ...base, status: "QUEUED", jobId: "j1", progress: { fraction: 0, etaSeconds: null, stage: "waiting for a free slot" } });
    expect(html).toContain("Head report: queued — 0% · waiting for a free slot");
    expect(html).not.toContain('data-testid="head-grid"');
  });

  it("draws the grid and no bar once the report is READY", () => {
    const heads = ["0.0", "0.1", "1.0", "1.1"].map((name) => ({
      name, layer: Number(name[0]), head: Number(name[2]), previousToken: 0.1, duplicateToken: 0.1, induction: 0.1, inductionStripe: 0.1,
      ovCopying: 0.1, qkTokenPositivity: 0.1, qkPositionalPositivity: 0.1, labels: [],
    }));
    const html = render({ ...base, status: "READY", jobId: null, progress: null, heads, cached: true });
    expect(html).toContain('data-testid="head-grid"');
    expect(html).not.toContain('data-testid="job-progress"');
  });

  it("lists the scores a READY report left out, with the reason (a decision transformer's OV copying)", () => {
    const skipped = [{ score: "ovCopying", reason: "actions and inputs are not one vocabulary" }];
    const html = render({ ...base, status: "READY", jobId: null, progress: null, heads: [], cached: true, skipped });
    expect(html).toContain('data-testid="head-report-skipped"');
    expect(html).toContain("actions and inputs are not one vocabulary");
  });
});
