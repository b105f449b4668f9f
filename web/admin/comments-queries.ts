// Comments with sentiment and themes, and the theme rules: cache keys, queries and the one write.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, read } from "../shared/api-client";
import { usePagedList } from "./ui/paged-list";

export type Comment = InferResponseType<typeof api.analytics.comments.$get, 200>["items"][number];
export type ThemeList = InferResponseType<typeof api.analytics.themes.$get, 200>;
export type ThemesSummary = InferResponseType<(typeof api.analytics)["comment-themes-summary"]["$get"], 200>;
export type SentimentLabel = Comment["sentimentLabel"];
export type ScoreBand = "promoter" | "passive" | "detractor" | "low" | "mid" | "high";

/** The filters of a list of answers; a segment filter may hold several values, as the API takes them. */
export type AnswerFilters = {
  surveyId?: string;
  from?: string;
  to?: string;
  unit?: string | string[];
  channel?: string | string[];
  agent?: string | string[];
  type?: string | string[];
  band?: ScoreBand;
  q?: string;
};
/** The same with one value a filter, as the Responses page carries them in its URL. */
export type SingleAnswerFilters = AnswerFilters & { unit?: string; channel?: string; agent?: string; type?: string };
export type CommentFilters = AnswerFilters & { sentiment?: SentimentLabel; theme?: string };

/** Only the filters that are set, so equal filters make equal cache keys and clean URLs. */
export function setFilters<T extends Record<string, unknown>>(filters: T): Partial<T> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

export const commentKeys = {
  all: ["comments"] as const,
  list: (filters: CommentFilters) => ["comments", "list", setFilters(filters)] as const,
  summary: (filters: CommentFilters) => ["comments", "summary", setFilters(filters)] as const,
  themes: ["comments", "themes"] as const,
};

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

export const commentsQuery = (filters: CommentFilters, limit = 20) =>
  infiniteQueryOptions({
    queryKey: [...commentKeys.list(filters), limit] as readonly unknown[],
    queryFn: ({ pageParam, signal }) =>
      read(api.analytics.comments.$get({ query: { ...setFilters(filters), limit: String(limit), cursor: pageParam } }, withSignal(signal))),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Comments matching the filters, newest first, a page at a time. */
export const useComments = (filters: CommentFilters, limit = 20) => usePagedList(commentsQuery(filters, limit));

export const themesSummaryQuery = (filters: CommentFilters) =>
  queryOptions({
    queryKey: commentKeys.summary(filters),
    queryFn: ({ signal }) => read(api.analytics["comment-themes-summary"].$get({ query: setFilters(filters) }, withSignal(signal))),
  });

export const themesQuery = queryOptions({
  queryKey: commentKeys.themes,
  queryFn: ({ signal }) => read(api.analytics.themes.$get(undefined, withSignal(signal))),
});

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

/** Replaces every theme rule; callers refresh `commentKeys.all`, since every comment's themes may change. */
export const saveThemes = (body: Json<typeof api.analytics.themes.$put>) => read(api.analytics.themes.$put({ json: body }));
