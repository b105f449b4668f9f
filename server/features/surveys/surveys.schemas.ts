// Shapes of the survey endpoints.
import { z } from "../../lib/openapi";
import { pageOf, pageQueryFields } from "../../lib/pagination";

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
  .object({
    title: title.optional(),
    definition: definition.optional(),
    revision: z
      .number({ error: "Send the draft's revision as a whole number." })
      .int("Send the draft's revision as a whole number.")
      .min(1, "Send the draft's revision as a whole number.")
      .optional()
      .openapi({ description: "The draft's `revision` this change builds on; if someone saved since, 409 with `stale: true` and the newer `survey`." }),
  })
  .refine((b) => b.title !== undefined || b.definition !== undefined, "Send a new title, a new definition or both.")
  .openapi("SurveyChanges");

export const surveyView = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(["draft", "published"]),
    latestVersion: z.number().int().nullable().openapi({ description: "The newest published version; null while only a draft exists." }),
    hasUnpublishedChanges: z.boolean(),
    revision: z.number().int().openapi({ description: "Bumped by every saved change to the draft; send it back with the next change." }),
    closedAt: z.iso.datetime().nullable().openapi({ description: "When it was closed: no new invitations, open links say it has closed." }),
    archivedAt: z.iso.datetime().nullable().openapi({ description: "When it was archived: out of the lists, its answers and analytics kept." }),
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

export const surveyListQuery = z.object({
  ...pageQueryFields,
  archived: z.stringbool({ error: "Send archived as true or false." }).optional().openapi({ description: "true lists the archived surveys instead of the others." }),
});

export const versionList = z
  .object({ items: z.array(z.object({ version: z.number().int(), title: z.string(), publishedAt: z.iso.datetime() })) })
  .openapi("SurveyVersions");

const versionRef = z.union([z.literal("draft"), z.coerce.number({ error: "Name a version number or draft." }).int("Name a version number or draft.").min(1, "Name a version number or draft.")]);

export const diffQuery = z.object({
  from: versionRef.openapi({ description: "A version number, or `draft`.", example: "1" }),
  to: versionRef.openapi({ description: "A version number, or `draft`.", example: "draft" }),
});

export const surveyDiff = z
  .object({
    from: z.union([z.literal("draft"), z.number().int()]),
    to: z.union([z.literal("draft"), z.number().int()]),
    changes: z.array(
      z.object({
        kind: z.enum(["added", "removed", "reworded", "moved", "type", "scale", "choices", "required", "logic", "metric", "survey"]),
        question: z.string(),
        text: z.string(),
        breaksSeries: z.boolean().optional().openapi({ description: "The change ends or splits a metric's series: analytics keep earlier answers apart." }),
      }),
    ),
  })
  .openapi("SurveyDiff");

export const rollBackBody = z.object({ version: z.number({ error: "Name the version to go back to." }).int("Name the version to go back to.").min(1, "Name the version to go back to.") }).openapi("RollBack");

const localizedText = z.object({ default: z.string() }).catchall(z.string());
export const templateList = z
  .object({
    items: z.array(z.object({ id: z.string(), title: localizedText, description: localizedText, definition: z.record(z.string(), z.unknown()) })),
  })
  .openapi("SurveyTemplates");
