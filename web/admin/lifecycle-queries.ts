// What the survey list and editor read and write about a survey's life: templates to start from, versions and
// their differences, rolling back, closing, archiving and deleting.
import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, read, segment } from "../shared/api-client";

export type SurveyTemplate = InferResponseType<(typeof api)["survey-templates"]["$get"], 200>["items"][number];
export type Version = InferResponseType<(typeof api.surveys)[":id"]["versions"]["$get"], 200>["items"][number];
export type SurveyDiff = InferResponseType<(typeof api.surveys)[":id"]["diff"]["$get"], 200>;
export type VersionRef = number | "draft";

export const lifecycleKeys = {
  templates: ["survey-templates"] as const,
  versions: (id: string) => ["surveys", "versions", id] as const,
  diffs: (id: string) => ["surveys", "diff", id] as const,
  diff: (id: string, from: VersionRef, to: VersionRef) => ["surveys", "diff", id, from, to] as const,
};

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

export const templatesQuery = queryOptions({
  queryKey: lifecycleKeys.templates,
  queryFn: ({ signal }) => read(api["survey-templates"].$get(undefined, withSignal(signal))),
  // Templates change only with a new release of the app.
  staleTime: Number.POSITIVE_INFINITY,
});

export const versionsQuery = (id: string) =>
  queryOptions({
    queryKey: lifecycleKeys.versions(id),
    queryFn: ({ signal }) => read(api.surveys[":id"].versions.$get({ param: { id: segment(id) } }, withSignal(signal))),
  });

export const diffQuery = (id: string, from: VersionRef, to: VersionRef) =>
  queryOptions({
    queryKey: lifecycleKeys.diff(id, from, to),
    queryFn: ({ signal }) => read(api.surveys[":id"].diff.$get({ param: { id: segment(id) }, query: { from: String(from), to: String(to) } }, withSignal(signal))),
  });

const param = (id: string) => ({ param: { id: segment(id) } });

export const lifecycle = {
  close: (id: string) => read(api.surveys[":id"].close.$post(param(id))),
  reopen: (id: string) => read(api.surveys[":id"].reopen.$post(param(id))),
  archive: (id: string) => read(api.surveys[":id"].archive.$post(param(id))),
  restore: (id: string) => read(api.surveys[":id"].restore.$post(param(id))),
  remove: (id: string) => read(api.surveys[":id"].$delete(param(id))),
  rollBack: (id: string, version: number) => read(api.surveys[":id"].rollback.$post({ ...param(id), json: { version } })),
};
