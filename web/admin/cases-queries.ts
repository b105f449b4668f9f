// Follow-up cases: cache keys, the list by view and status, one case, the writes that work it, and the case settings.
import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, read, segment } from "../shared/api-client";

type CaseRoute = (typeof api.cases)[":id"];
export type CaseDetail = InferResponseType<CaseRoute["$get"], 200>;
export type CaseItem = InferResponseType<(typeof api.cases)["$get"], 200>["items"][number];
export type CaseEvent = CaseDetail["events"][number];
export type CaseStatus = CaseItem["status"];
export type CasePriority = CaseItem["priority"];
export type CaseSettings = InferResponseType<(typeof api)["case-settings"]["$get"], 200>;

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;
export type CaseChanges = Json<CaseRoute["$patch"]>;

export const caseViews = ["mine", "overdue", "unassigned", "all"] as const;
export type CaseView = (typeof caseViews)[number];
export const caseStatusFilters = ["active", "open", "contacted", "resolved", "unreachable", "closed", "all"] as const;
export type CaseStatusFilter = (typeof caseStatusFilters)[number];

export const caseKeys = {
  all: ["cases"] as const,
  lists: ["cases", "list"] as const,
  list: (view: CaseView, status: CaseStatusFilter) => ["cases", "list", view, status] as const,
  one: (id: string) => ["cases", "one", id] as const,
  settings: ["case-settings"] as const,
};

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

export const casesQuery = (view: CaseView, status: CaseStatusFilter) =>
  infiniteQueryOptions({
    queryKey: caseKeys.list(view, status) as readonly unknown[],
    queryFn: ({ pageParam, signal }) => read(api.cases.$get({ query: { view, status, limit: "25", cursor: pageParam } }, withSignal(signal))),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: caseKeys.one(id),
    queryFn: ({ signal }) => read(api.cases[":id"].$get({ param: { id: segment(id) } }, withSignal(signal))),
  });

export const caseSettingsQuery = queryOptions({
  queryKey: caseKeys.settings,
  queryFn: ({ signal }) => read(api["case-settings"].$get(undefined, withSignal(signal))),
});

const param = (id: string) => ({ id: segment(id) });
export const openCase = (responseId: string) => read(api.cases.$post({ json: { responseId } }));
export const changeCase = (id: string, body: CaseChanges) => read(api.cases[":id"].$patch({ param: param(id), json: body }));
export const addCaseNote = (id: string, body: string) => read(api.cases[":id"].notes.$post({ param: param(id), json: { body } }));
export const emailOutcome = (id: string, email: { subject: string; body: string }) => read(api.cases[":id"]["outcome-email"].$post({ param: param(id), json: email }));
export const sendResurvey = (id: string, surveyId: string) => read(api.cases[":id"].resurvey.$post({ param: param(id), json: { surveyId } }));
export const saveCaseSettings = (settings: CaseSettings) => read(api["case-settings"].$put({ json: settings }));

/** Every case write answers with the whole case: keep it, and let the lists read again. */
export async function keepCase(queryClient: QueryClient, detail: CaseDetail): Promise<void> {
  queryClient.setQueryData(caseKeys.one(detail.id), detail);
  await queryClient.invalidateQueries({ queryKey: caseKeys.lists });
}
