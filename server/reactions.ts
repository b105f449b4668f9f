// Composition of the features' reactions to each other's events: the one place that knows who listens.
import { Reactions } from "./lib/service-context";

export function wireReactions(reactions = new Reactions()) {
  return reactions;
}
