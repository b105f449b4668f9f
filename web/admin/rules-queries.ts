// What the rules panel and the contact-rules page read and write: seen values, the dry run, rule changes,
// the organisation's contact rules and its units' time zones.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, read, segment } from "../shared/api-client";

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

export type SeenValues = InferResponseType<(typeof api.rules)["seen-values"]["$get"], 200>;
export type RuleBody = Json<(typeof api.surveys)[":id"]["rules"]["$post"]>;
export type RuleChanges = Json<(typeof api.surveys)[":id"]["rules"][":ruleId"]["$patch"]>;
export type DryRun = InferResponseType<(typeof api.surveys)[":id"]["rules"]["dry-run"]["$post"], 200>;
export type ContactRules = InferResponseType<(typeof api)["contact-rules"]["$get"], 200>;
export type ContactRulesBody = Json<(typeof api)["contact-rules"]["$put"]>;
export type Unit = InferResponseType<typeof api.units.$get, 200>["items"][number];

export const ruleKeys = {
  seen: ["rules", "seen-values"] as const,
  contact: ["contact-rules"] as const,
  units: ["units"] as const,
};

export const seenValuesQuery = queryOptions({
  queryKey: ruleKeys.seen,
  queryFn: ({ signal }) => read(api.rules["seen-values"].$get(undefined, { init: { signal } })),
  staleTime: 60_000,
});

export const contactRulesQuery = queryOptions({
  queryKey: ruleKeys.contact,
  queryFn: ({ signal }) => read(api["contact-rules"].$get(undefined, { init: { signal } })),
});

export const unitsQuery = infiniteQueryOptions({
  // Widened like the other paged lists, so the paged-list helper takes it.
  queryKey: ruleKeys.units as readonly unknown[],
  queryFn: ({ pageParam, signal }) => read(api.units.$get({ query: { cursor: pageParam, limit: "100" } }, { init: { signal } })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor ?? undefined,
});

export const ruleWrites = {
  change: (surveyId: string, ruleId: string, body: RuleChanges) =>
    read(api.surveys[":id"].rules[":ruleId"].$patch({ param: { id: segment(surveyId), ruleId: segment(ruleId) }, json: body })),
  remove: (surveyId: string, ruleId: string) => read(api.surveys[":id"].rules[":ruleId"].$delete({ param: { id: segment(surveyId), ruleId: segment(ruleId) } })),
  /** Tries a rule on the last 30 days; `ruleId` when trying changes to a saved one, so it samples as that rule does. */
  dryRun: (surveyId: string, body: RuleBody, ruleId?: string) =>
    read(api.surveys[":id"].rules["dry-run"].$post({ param: { id: segment(surveyId) }, query: { ruleId }, json: body })),
  saveContactRules: (body: ContactRulesBody) => read(api["contact-rules"].$put({ json: body })),
  setUnitTimeZone: (unitId: string, timeZone: string | null) => read(api.units[":id"]["time-zone"].$put({ param: { id: segment(unitId) }, json: { timeZone } })),
};
