// Role matrix entries of graphql/modules/live: the activity stream (over SSE; its first result is
// the subscriber's own presence event) and who is looking at a model now.
import { SIGNED_IN_PUBLIC_READ, type MatrixCase } from "./types";

const ACTIVITY = `subscription($m: ID!) { modelActivity(modelId: $m) { modelId kind action actorId actorName } }`;

export const liveCases: MatrixCase[] = [
  { covers: ["Subscription.modelActivity", "ModelActivityEvent.actorName"], variant: "PRIVATE", query: ACTIVITY, variables: (w) => ({ m: w.privateModel }), expect: "ok ok NOT_FOUND NOT_FOUND" },
  { covers: ["Subscription.modelActivity", "ModelActivityEvent.actorName"], variant: "PUBLIC", query: ACTIVITY, variables: (w) => ({ m: w.publicModel }), expect: SIGNED_IN_PUBLIC_READ },
  // Every stream's first signal is RESYNC; only signed-in accounts may open one.
  { covers: ["Subscription.notificationSignals"], query: `subscription { notificationSignals { reason at } }`, expect: "ok ok ok ok" },
  { covers: ["Model.viewers"], variant: "PRIVATE", query: `query($id: ID!) { model(id: $id) { viewers { userId name } } }`, variables: (w) => ({ id: w.privateModel }), path: ["model", "viewers"], expect: "some some none none" },
  // Presence is shown to the model's team only: a reader of a PUBLIC model outside the team does not
  // learn who of a (possibly private) team is looking.
  { covers: ["Model.viewers"], variant: "PUBLIC", query: `query($id: ID!) { model(id: $id) { viewers { userId name } } }`, variables: (w) => ({ id: w.publicModel }), path: ["model", "viewers"], expect: "some some some none none none" },
];
