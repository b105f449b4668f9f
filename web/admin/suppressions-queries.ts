// The suppression list: cache keys, the paged query with its filters, and the two writes (add, lift).
import { infiniteQueryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, read, segment } from "../shared/api-client";

export type SuppressionEntry = InferResponseType<typeof api.suppressions.$get, 200>["items"][number];
export type SuppressionReason = SuppressionEntry["reason"];
type ListQuery = NonNullable<InferRequestType<typeof api.suppressions.$get>["query"]>;
export type SuppressionFilters = { reason?: SuppressionReason; status: NonNullable<ListQuery["status"]>; q?: string };

export const suppressionKeys = {
  all: ["suppressions"] as const,
  list: (filters: SuppressionFilters) => ["suppressions", "list", filters] as const,
};

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

export const suppressionsQuery = (filters: SuppressionFilters) =>
  infiniteQueryOptions({
    queryKey: suppressionKeys.list(filters) as readonly unknown[],
    queryFn: ({ pageParam, signal }) => read(api.suppressions.$get({ query: { ...filters, cursor: pageParam } }, withSignal(signal))),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

/** Callers refresh `suppressionKeys.all`: an added or lifted entry moves between the filtered lists. */
export const addSuppression = (body: Json<typeof api.suppressions.$post>) => read(api.suppressions.$post({ json: body }));
export const liftSuppression = (id: string, reason: string) => read(api.suppressions[":id"].lift.$post({ param: { id: segment(id) }, json: { reason } }));
