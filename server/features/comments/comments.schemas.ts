// Shapes of the comment endpoints, and the filters every list of answers takes (comments and responses).
import { sentimentLabels } from "../../../db/schema";
import { z } from "../../lib/openapi";
import { pageOf, pageQueryFields } from "../../lib/pagination";
import { filterFields, type Filters } from "../analytics/analytics.schemas";

export const scoreBands = ["promoter", "passive", "detractor", "low", "mid", "high"] as const;
export type ScoreBand = (typeof scoreBands)[number];

/** The filters of every list of answers: the analytics filters (survey, period, context), score band and text. */
export const answerFilterFields = {
  ...filterFields,
  band: z
    .enum(scoreBands, { error: "Choose a band: promoter, passive or detractor (by NPS), or low, mid or high (by CSAT)." })
    .optional()
    .openapi({ description: "By the response's NPS (promoter 9–10, passive 7–8, detractor 0–6) or CSAT (low 1–2, mid 3, high 4–5)." }),
  q: z.string().max(200, "Search for at most 200 characters.").optional().openapi({ description: "Text the answer contains, ignoring case.", example: "parking" }),
};

// As on the analytics endpoints: days compare as days, whatever time of day a full timestamp names.
const datesInOrder = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from.slice(0, 10) > q.to.slice(0, 10)) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose a “From” date before the “To” date." });
};

const commentFilterFields = {
  ...answerFilterFields,
  sentiment: z.enum(sentimentLabels, { error: "Choose a sentiment: positive, neutral or negative." }).optional(),
  theme: z.string().min(1, "Choose a theme by its name.").max(40, "Choose a theme by its name.").optional().openapi({ description: "A theme's name.", example: "Waiting time" }),
};

export const commentFilters = z.object(commentFilterFields).superRefine(datesInOrder);
export const commentsQuery = z.object({ ...commentFilterFields, ...pageQueryFields }).superRefine(datesInOrder);
export const answerListQuery = z.object({ ...answerFilterFields, ...pageQueryFields }).superRefine(datesInOrder);
export type AnswerFilters = Filters & { band?: ScoreBand; q?: string };
export type CommentFilters = AnswerFilters & { sentiment?: (typeof sentimentLabels)[number]; theme?: string };

export const namedRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const commentItem = z
  .object({
    id: z.string(),
    responseId: z.string(),
    surveyId: z.string(),
    question: z.string().openapi({ description: "The name of the question answered.", example: "comment" }),
    text: z.string(),
    sentiment: z.number().openapi({ description: "From −1 (most negative) to 1 (most positive).", example: 0.4 }),
    sentimentLabel: z.enum(sentimentLabels),
    themes: z.array(z.string()).openapi({ description: "The organisation's themes whose keywords the text contains.", example: ["Staff attitude"] }),
    respondedAt: z.iso.datetime(),
    unit: namedRef,
    agent: namedRef,
    channel: z.string().nullable(),
    type: z.string().nullable(),
    nps: z.number().int().nullable(),
    csat: z.number().int().nullable(),
  })
  .openapi("Comment");
export type CommentItem = z.infer<typeof commentItem>;
export const commentPage = pageOf(commentItem, "CommentPage");

export const themesSummary = z
  .object({
    total: z.number().int().openapi({ description: "Comments matching the filters." }),
    unthemed: z.number().int().openapi({ description: "Of those, the comments no theme matches." }),
    themes: z.array(
      z.object({
        name: z.string(),
        n: z.number().int(),
        share: z.number().openapi({ description: "Percentage (0–100) of the comments in this theme; a comment can be in several." }),
        examples: z.array(z.string()).openapi({ description: "Up to 3 of the newest comments in the theme." }),
      }),
    ),
  })
  .openapi("CommentThemesSummary", {
    example: { total: 40, unthemed: 6, themes: [{ name: "Waiting time", n: 14, share: 35, examples: ["The wait was far too long."] }] },
  });
export type ThemesSummary = z.infer<typeof themesSummary>;

const themeName = z
  .string({ error: "Name the theme." })
  .trim()
  .min(1, "Name the theme.")
  .max(40, "Name the theme in at most 40 characters.");
const keyword = z
  .string({ error: "Write each keyword as text." })
  .trim()
  .min(2, "Write each keyword with 2 to 40 characters.")
  .max(40, "Write each keyword with 2 to 40 characters.");

export const themesBody = z
  .object({
    themes: z
      .array(
        z.object({
          name: themeName,
          keywords: z.array(keyword, { error: "List the theme's keywords." }).min(1, "Give the theme at least one keyword.").max(30, "Give a theme at most 30 keywords."),
        }),
        { error: "Send the themes as a list." },
      )
      .min(1, "Keep at least one theme.")
      .max(20, "Keep at most 20 themes."),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.themes.forEach((t, i) => {
      const key = t.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["themes", i, "name"], message: `Another theme is already called “${t.name}”; give each theme its own name.` });
      seen.add(key);
    });
  })
  .openapi("CommentThemeChanges", { example: { themes: [{ name: "Waiting time", keywords: ["wait", "queue", "too long"] }] } });

export const themeList = z
  .object({
    themes: z.array(
      z.object({
        name: z.string(),
        keywords: z.array(z.string()),
        count: z.number().int().openapi({ description: "Comments of the last 90 days this theme matches." }),
      }),
    ),
  })
  .openapi("CommentThemes", { example: { themes: [{ name: "Waiting time", keywords: ["wait", "queue", "too long"], count: 14 }] } });
export type ThemeList = z.infer<typeof themeList>;
