// Review packs: cache keys, the list, the pack due next, one pack, and the writes of the review's flow.
import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, read, segment } from "../shared/api-client";

type PackRoute = (typeof api)["review-packs"][":id"];
export type Pack = InferResponseType<PackRoute["$get"], 200>;
export type PackSummary = InferResponseType<(typeof api)["review-packs"]["$get"], 200>["items"][number];
export type PackDue = InferResponseType<(typeof api)["review-packs"]["due"]["$get"], 200>;
export type PackStatus = Pack["status"];
export type SnapshotKpi = Pack["snapshot"]["kpis"][number];
export type ActionItem = Pack["actions"][number];

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;
export type NewPack = Json<(typeof api)["review-packs"]["$post"]>;
export type PackChanges = Json<PackRoute["$patch"]>;
export type NewAction = Json<PackRoute["actions"]["$post"]>;
export type ActionChanges = Json<(typeof api)["action-items"][":id"]["$patch"]>;

export const reviewKeys = {
  all: ["review-packs"] as const,
  list: ["review-packs", "list"] as const,
  due: ["review-packs", "due"] as const,
  pack: (id: string) => ["review-packs", "one", id] as const,
};

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

export const packsQuery = infiniteQueryOptions({
  queryKey: reviewKeys.list as readonly unknown[],
  queryFn: ({ pageParam, signal }) => read(api["review-packs"].$get({ query: { cursor: pageParam } }, withSignal(signal))),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export const packDueQuery = queryOptions({
  queryKey: reviewKeys.due,
  queryFn: ({ signal }) => read(api["review-packs"].due.$get(undefined, withSignal(signal))),
});

export const packQuery = (id: string) =>
  queryOptions({
    queryKey: reviewKeys.pack(id),
    queryFn: ({ signal }) => read(api["review-packs"][":id"].$get({ param: { id: segment(id) } }, withSignal(signal))),
  });

export const preparePack = (body: NewPack) => read(api["review-packs"].$post({ json: body }));
export const changePack = (id: string, body: PackChanges) => read(api["review-packs"][":id"].$patch({ param: { id: segment(id) }, json: body }));
export const refreshPack = (id: string) => read(api["review-packs"][":id"].refresh.$post({ param: { id: segment(id) } }));
export const commentOnPack = (id: string, body: string) => read(api["review-packs"][":id"].comments.$post({ param: { id: segment(id) }, json: { body } }));
export const raiseAction = (id: string, body: NewAction) => read(api["review-packs"][":id"].actions.$post({ param: { id: segment(id) }, json: body }));
export const changeAction = (id: string, body: ActionChanges) => read(api["action-items"][":id"].$patch({ param: { id: segment(id) }, json: body }));

/** Every pack write answers with the whole pack: keep it, and let the list and the banner read again. */
export async function keepPack(queryClient: QueryClient, pack: Pack): Promise<void> {
  queryClient.setQueryData(reviewKeys.pack(pack.id), pack);
  await queryClient.invalidateQueries({ queryKey: reviewKeys.list });
  await queryClient.invalidateQueries({ queryKey: reviewKeys.due });
}
