// Role matrix entries of graphql/modules/activity: a team's feed, for its members only. The lab is a
// private team (an outsider does not see the team at all); its feed holds at least the world's
// invitation, which is about no model.
import type { MatrixCase } from "./types";

export const activityCases: MatrixCase[] = [
  {
    covers: ["Team.activity"],
    query: `query($id: ID!) { team(id: $id) { activity(first: 5) { edges { node { id summary actorName } } } } }`,
    variables: (w) => ({ id: w.labId }),
    path: ["team", "activity", "edges"],
    expect: "some some some none",
  },
];
