// What the import page reads and writes: a survey's published questions, and one part of a file at a time.
import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { ImportRow } from "../../server/features/response-import/response-import.schemas";
import { api, read, segment } from "../shared/api-client";

export type { ImportRow };

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
