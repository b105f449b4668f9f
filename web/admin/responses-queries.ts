// Individual responses: the filtered list and one response in full, and the filter choices they offer.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, read, segment } from "../shared/api-client";
import { setFilters, type AnswerFilters } from "./comments-queries";

export type ResponseItem = InferResponseType<typeof api.responses.$get, 200>["items"][number];
export type ResponseDetail = InferResponseType<(typeof api.responses)[":id"]["$get"], 200>;
export type FilterOptions = InferResponseType<typeof api.analytics.filters.$get, 200>;

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

export const responseKeys = {
  list: (filters: AnswerFilters) => ["responses", "list", setFilters(filters)] as const,
  one: (id: string) => ["responses", "one", id] as const,
  filterOptions: ["analytics", "filter-options"] as const,
};

export const responsesQuery = (filters: AnswerFilters) =>
  infiniteQueryOptions({
    queryKey: responseKeys.list(filters) as readonly unknown[],
    queryFn: ({ pageParam, signal }) => read(api.responses.$get({ query: { ...setFilters(filters), limit: "25", cursor: pageParam } }, withSignal(signal))),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const responseQuery = (id: string) =>
  queryOptions({
    queryKey: responseKeys.one(id),
    queryFn: ({ signal }) => read(api.responses[":id"].$get({ param: { id: segment(id) } }, withSignal(signal))),
  });

/** The organisation's units, staff, channels and interaction types, for the filter menus. */
export const filterOptionsQuery = queryOptions({
  queryKey: responseKeys.filterOptions,
  queryFn: ({ signal }) => read(api.analytics.filters.$get(undefined, withSignal(signal))),
  staleTime: 5 * 60_000,
});
