// The job progress bar rendered to static markup (react-dom/server, no browser): fraction, time left
// and stage of a running job, the waiting stage of a queued one, the ETA wording, and which
// progress a page draws when a live SSE event and the last GraphQL answer disagree.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { currentProgress, formatEta, JobProgressBar, type JobProgressView } from "@/app/_components/job-progress";

const render = (progress: JobProgressView) => renderToStaticMarkup(createElement(JobProgressBar, { what: "Head report", progress }));

describe("JobProgressBar", () => {
  it("shows a running job's percentage, time left and stage, with a progress element at that value", () => {
    const html = render({ status: "RUNNING", fraction: 0.42, etaSeconds: 65, stage: "composition" });
    expect(html).toContain("Head report: computing — 42% · about 1 min 5 s left · composition");
    expect(html).toMatch(/<progress max="100" value="42" aria-label="Head report progress"/);
    expect(html).toContain('data-status="RUNNING"');
  });

  it("shows a queued job waiting for a slot without an ETA", () => {
    const html = render({ status: "QUEUED", fraction: 0, etaSeconds: 30, stage: "waiting for a free slot" });
    expect(html).toContain("Head report: queued — 0% · waiting for a free slot");
    expect(html).not.toContain("left");
  });
});

describe("formatEta", () => {
  it("words seconds, minutes and hours, and says nothing for an unknown ETA", () => {
    expect(formatEta(40.4)).toBe("about 40 s left");
    expect(formatEta(120)).toBe("about 2 min left");
    expect(formatEta(3 * 3600 + 3 * 60 + 10)).toBe("about 3 h 3 min left");
    expect(formatEta(null)).toBeNull();
    expect(formatEta(Number.NaN)).toBeNull();
  });
});

describe("currentProgress", () => {
  const answer = { status: "RUNNING", jobId: "j1", progress: { fraction: 0.1, etaSeconds: 90, stage: "forwardRepeated" } };
  it("prefers the live event of the same job while it is active", () => {
    expect(currentProgress(answer, { id: "j1", status: "RUNNING", fraction: 0.6, etaSeconds: 12, stage: "ovCopying", error: null }))
      .toEqual({ status: "RUNNING", fraction: 0.6, etaSeconds: 12, stage: "ovCopying" });
  });
  it("falls back to the answer for another job's event or an ended one, and draws nothing for a READY answer", () => {
    const fromAnswer = { status: "RUNNING", fraction: 0.1, etaSeconds: 90, stage: "forwardRepeated" };
    expect(currentProgress(answer, { id: "j2", status: "RUNNING", fraction: 0.9, etaSeconds: 1, stage: "labels", error: null })).toEqual(fromAnswer);
    expect(currentProgress(answer, { id: "j1", status: "SUCCEEDED", fraction: 1, etaSeconds: null, stage: "labels", error: null })).toEqual(fromAnswer);
    expect(currentProgress({ status: "READY" }, null)).toBeNull();
  });
});
