// Composition of the features' reactions to each other's events: the one place that knows who listens.
import { recordScores } from "./features/analytics/analytics.service";
import { openCasesFor } from "./features/cases/cases.service";
import { recordComments } from "./features/comments/comments.service";
import { markInvitationResponded } from "./features/invitations/invitations.service";
import { Reactions } from "./lib/service-context";

export function wireReactions(reactions = new Reactions()) {
  return reactions
    .on("response.recorded", (event, work) => markInvitationResponded(work, event))
    .on("response.recorded", (event, work) => recordScores(work, event))
    .on("response.recorded", (event, work) => recordComments(work, event))
    .on("response.recorded", (event, work) => openCasesFor(work, event));
}
