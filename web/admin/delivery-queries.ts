// What the delivery page reads and writes: a survey's invitations by state, their counts, the funnel, and retries.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, read, segment } from "../shared/api-client";

export type InvitationItem = InferResponseType<typeof api.invitations.$get, 200>["items"][number];
export type InvitationState = InvitationItem["state"];
export type InvitationCounts = InferResponseType<typeof api.invitations.counts.$get, 200>;
export type Funnel = InferResponseType<typeof api.analytics.funnel.$get, 200>;
export type FunnelStep = Funnel["steps"][number]["step"];
export type RetryResult = InferResponseType<typeof api.invitations.retry.$post, 200>;

export const invitationStates: InvitationState[] = ["scheduled", "sent", "delivered", "bounced", "failed", "expired", "answered", "cancelled"];

/** The funnel's filters as the page's URL holds them. */
export type FunnelScope = { ruleId?: string; unitId?: string; range?: "30d" | "90d" | "12m" | "quarter"; from?: string; to?: string };

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

export const deliveryKeys = {
  all: (surveyId: string) => ["delivery", surveyId] as const,
  list: (surveyId: string, state: InvitationState | undefined) => ["delivery", surveyId, "list", state ?? "all"] as const,
  counts: (surveyId: string) => ["delivery", surveyId, "counts"] as const,
  funnel: (surveyId: string, scope: FunnelScope) => ["delivery", surveyId, "funnel", scope] as const,
};

export const invitationsQuery = (surveyId: string, state: InvitationState | undefined) =>
  infiniteQueryOptions({
    // Widened as every paged list's key is, for the shared list hook.
    queryKey: deliveryKeys.list(surveyId, state) as readonly unknown[],
    queryFn: ({ pageParam, signal }) => read(api.invitations.$get({ query: { surveyId, state, cursor: pageParam, limit: "50" } }, withSignal(signal))),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Delivery moves on its own (the dispatcher, the provider's reports): a visit to the page asks again.
    staleTime: 0,
  });

export const countsQuery = (surveyId: string) =>
  queryOptions({
    queryKey: deliveryKeys.counts(surveyId),
    queryFn: ({ signal }) => read(api.invitations.counts.$get({ query: { surveyId } }, withSignal(signal))),
    staleTime: 0,
  });

export const funnelQuery = (surveyId: string, scope: FunnelScope) =>
  queryOptions({
    queryKey: deliveryKeys.funnel(surveyId, scope),
    queryFn: ({ signal }) => read(api.analytics.funnel.$get({ query: { surveyId, ...scope } }, withSignal(signal))),
    placeholderData: keepPreviousData,
  });

export const retry = {
  one: (id: string) => read(api.invitations[":id"].retry.$post({ param: { id: segment(id) } })),
  allFailed: (surveyId: string) => read(api.invitations.retry.$post({ json: { surveyId } })),
};
