// What the import pages read and write: a survey's published questions and one part of a responses file at a time;
// the interactions file's remembered mapping and the whole file in one request.
import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { InteractionInput, MappingTarget } from "../../server/features/interactions/interactions.schemas";
import type { ImportRow } from "../../server/features/response-import/response-import.schemas";
import { api, read, segment } from "../shared/api-client";
import { postJsonWithProgress, type UploadProgress } from "./import/upload";

export type { ImportRow, InteractionInput, MappingTarget, UploadProgress };

export type ImportTarget = InferResponseType<(typeof api.responses.import)[":surveyId"]["$get"], 200>;
export type ImportQuestion = ImportTarget["questions"][number];
// Rows are parsed one by one on the server, so the route's input type knows them only as unknown.
export type ImportBody = Omit<InferRequestType<typeof api.responses.import.$post>["json"], "responses"> & { responses: ImportRow[] };
export type ImportResult = Awaited<ReturnType<typeof sendImport>>;

export const importTargetQuery = (surveyId: string) =>
  queryOptions({
    queryKey: ["imports", "target", surveyId] as const,
    queryFn: ({ signal }) => read(api.responses.import[":surveyId"].$get({ param: { surveyId: segment(surveyId) } }, { init: { signal } })),
    // Publishing a new version changes the questions; ask again each time the page opens the survey.
    staleTime: 0,
    refetchOnWindowFocus: false,
  });

/** Checks (dryRun) or imports one part of a file; a 422 comes back as an ApiError whose errors name rows of this part. */
export const sendImport = (body: ImportBody) => read(api.responses.import.$post({ json: body }));

export type InteractionMapping = InferResponseType<typeof api.interactions.import.mapping.$get, 200>;
export type InteractionImportBody = Omit<InferRequestType<typeof api.interactions.import.$post>["json"], "interactions"> & { interactions: InteractionInput[] };
export type InteractionImportResult = InferResponseType<typeof api.interactions.import.$post, 200 | 201>;

export const interactionMappingQuery = queryOptions({
  queryKey: ["imports", "interaction-mapping"] as const,
  queryFn: ({ signal }) => read(api.interactions.import.mapping.$get(undefined, { init: { signal } })),
  staleTime: 0,
  refetchOnWindowFocus: false,
});

export const saveInteractionMapping = (mapping: Record<string, string>) => read(api.interactions.import.mapping.$put({ json: { mapping } }));

/** Checks (dryRun) or imports a whole file in one request, all or nothing; a 422's errors name rows by their place in `interactions`. */
export const sendInteractionImport = (body: InteractionImportBody, onProgress: (p: UploadProgress) => void) =>
  postJsonWithProgress<InteractionImportResult>("/api/interactions/import", body, onProgress);
