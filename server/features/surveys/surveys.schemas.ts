// Shapes of the survey endpoints.
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";

const title = z
  .string({ error: "Enter a title for the survey." })
  .trim()
  .min(1, "Enter a title for the survey.")
  .max(200, "Enter a title of at most 200 characters.")
  .openapi({ example: "After your visit" });
const definition = z
  .record(z.string(), z.unknown(), { error: "Send the definition as a SurveyJS JSON object: { … }." })
  .openapi({
    description:
      "A SurveyJS survey JSON. Rating questions may carry `metric`: `nps` (0-10), `csat` (1-5), `ces` (1-7), `loyalty` (1-5) or `dimension:<name>` (1-5 or 1-7, the name a lowercase slug of up to 40 characters); text and comment questions may carry `metric: \"comment\"`. Unsafe HTML in texts is removed on save.",
    example: { pages: [{ name: "p1", elements: [{ type: "rating", name: "nps", rateMin: 0, rateMax: 10, metric: "nps", title: "How likely are you to recommend us?" }] }] },
  });

export const surveyIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "0b7c…" }) });

export const createSurveyBody = z.object({ title, definition }).openapi("NewSurvey");
export const updateSurveyBody = z
  .object({ title: title.optional(), definition: definition.optional() })
  .refine((b) => b.title !== undefined || b.definition !== undefined, "Send a new title, a new definition or both.")
  .openapi("SurveyChanges");

export const surveyView = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(["draft", "published"]),
    latestVersion: z.number().int().nullable().openapi({ description: "The newest published version; null while only a draft exists." }),
    hasUnpublishedChanges: z.boolean(),
    definition: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Survey");
export type SurveyView = z.infer<typeof surveyView>;

const questionSeries = z
  .object({
    question: z.string().openapi({ example: "csat" }),
    metric: z.string().openapi({ example: "csat" }),
    series: z.string().openapi({ description: "The role on its scale; answers on another scale form another series.", example: "csat@1-5" }),
    min: z.number().int().openapi({ example: 1 }),
    max: z.number().int().openapi({ example: 5 }),
  })
  .openapi("QuestionSeries");

export const surveyDetail = surveyView
  .extend({
    publishedSeries: z.array(questionSeries).openapi({
      description: "The scored questions of the latest published version and their series (empty while only a draft exists), so an editor can say which changes start a new series.",
    }),
  })
  .openapi("SurveyDetail");

export const savedSurvey = surveyView
  .extend({
    sanitized: z.array(z.string()).openapi({ description: "JSON Pointers into the request of texts that lost unsafe HTML on save." }),
  })
  .openapi("SavedSurvey");

export const surveyPage = pageOf(surveyView, "SurveyPage");
export const publishedVersion = z.object({ version: z.number().int().openapi({ example: 1 }) }).openapi("PublishedVersion");
