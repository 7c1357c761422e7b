// The annotation card rendered to static markup (react-dom/server, no browser): what a reader sees
// of one annotation — label chip, sanitised body, confidence, author, evidence, claim badges with
// current and written-against numbers, vote counts — and that Accept is offered to OWNERs only.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AnnotationCard } from "@/app/_components/collab/annotation-card";
import type { AnnotationFields } from "@/lib/client/collab-operations";
import type { Role } from "@/lib/client/operations";

const evaluation = (value: number, modelVersion: number) => ({
  status: value >= 0.8 ? ("PASS" as const) : ("FAIL" as const), value, threshold: 0.8, message: null, modelVersion, engineVersion: "e1", evaluatedAt: "2026-01-02T00:00:00.000Z",
});

const annotation: AnnotationFields = {
  id: "a1", modelId: "m1", head: "1.4", label: "induction", body: "copies **tokens**", bodyHtml: "<p>copies <strong>tokens</strong></p>",
  confidence: 0.85, accepted: true, version: 2, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-02T00:00:00.000Z",
  author: { id: "u1", name: "Alice Able" },
  evidence: [{ kind: "SCORE", resultId: "r1", pointer: "/heads/5/induction", caption: "induction score", found: true, value: 0.912345, truncated: false }],
  votes: { agree: 3, disagree: 1, viewerVote: "AGREE" },
  claims: [{
    id: "c1", spec: { metric: "ovCopying", head: "1.4", comparator: ">=", threshold: { value: 0.8 } }, description: "ovCopying(1.4) ≥ 0.8", status: "FAIL", version: 2, createdAt: "2026-01-01T00:00:00.000Z",
    current: evaluation(0.5, 2), written: evaluation(0.98, 1),
  }],
};

function render(role: Role | null, a: AnnotationFields = annotation, selfId = "u2"): string {
  const client = new QueryClient();
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(AnnotationCard, { modelId: "m1", annotation: a, role, selfId, members: [], onEdit: () => undefined })));
}

describe("AnnotationCard", () => {
  it("shows the label, the server's sanitised HTML, the confidence, the author and the evidence value", () => {
    const html = render("EDITOR");
    expect(html).toContain('data-testid="annotation-label">induction</span>');
    expect(html).toContain("<p>copies <strong>tokens</strong></p>");
    expect(html).toContain("confidence 85%");
    expect(html).toContain("by Alice Able");
    expect(html).toContain("induction score");
    expect(html).toContain("0.9123");
  });

  it("gives a failing claim a fail badge with the current numbers next to the ones it was written against", () => {
    const html = render("VIEWER");
    expect(html).toMatch(/data-status="FAIL"[^>]*><span[^>]*>fail<\/span>/);
    expect(html).toContain("now 0.500 ≥ 0.800 (v2)");
    expect(html).toContain("written against 0.980 ≥ 0.800 (v1)");
  });

  it("shows vote counts, marks the viewer's vote as pressed and the accepted mark", () => {
    const html = render("EDITOR");
    expect(html).toContain('data-testid="agree-count">3</span>');
    expect(html).toContain('data-testid="disagree-count">1</span>');
    expect(html).toMatch(/aria-pressed="true"[^>]*title="Agree"/);
    expect(html).toContain('data-testid="accepted-mark"');
  });

  it("offers Accept (or its withdrawal) to OWNERs only, and Edit and voting to EDITORs and OWNERs", () => {
    expect(render("OWNER")).toContain("Withdraw acceptance");
    expect(render("OWNER", { ...annotation, accepted: false })).toContain(">Accept</button>");
    for (const role of ["EDITOR", "VIEWER", null] as const) {
      expect(render(role, { ...annotation, accepted: false })).not.toContain(">Accept</button>");
    }
    expect(render("EDITOR")).toContain(">Edit</button>");
    expect(render("VIEWER")).not.toContain(">Edit</button>");
    expect(render("VIEWER")).toMatch(/disabled=""[^>]*title="Agree"/);
  });

  it("offers Delete to the annotation's author only (while they may write), and Add claim to EDITORs and OWNERs", () => {
    expect(render("EDITOR", annotation, "u1")).toContain(">Delete</button>");
    expect(render("OWNER", annotation, "u2")).not.toContain(">Delete</button>");
    expect(render("VIEWER", annotation, "u1")).not.toContain(">Delete</button>");
    expect(render("EDITOR")).toContain(">Add claim</button>");
    expect(render("VIEWER")).not.toContain(">Add claim</button>");
  });
});
