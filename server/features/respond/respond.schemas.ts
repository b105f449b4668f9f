// Shapes of the public respondent endpoints.
import { z } from "../../lib/openapi";

export const INVALID_LINK = "This survey link is not valid. Check that the whole link was copied from the email.";

export const tokenParam = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,128}$/, INVALID_LINK)
    .openapi({
      param: { name: "token", in: "path" },
      description: "The secret from the emailed link `/s/<token>`. A malformed one answers 404, like an unknown one.",
      example: "q3Vd0bZ8m1-4kF7yXcA2LwQe9nRt5uJpHs6GiO0aZxE",
    }),
});

export const invitationSurvey = z
  .object({
    title: z.string().openapi({ example: "After your visit" }),
    definition: z.record(z.string(), z.unknown()).openapi({ description: "The SurveyJS JSON of the version the customer was invited to." }),
    variables: z
      .object({ customerName: z.string(), unitName: z.string(), agentName: z.string(), interactionDate: z.iso.datetime() })
      .partial()
      .openapi({ description: "What the survey's texts may pipe in as {customerName}, {unitName}, {agentName} and {interactionDate}; only what is known." }),
    locale: z.string().optional().openapi({ description: "The survey's language, when its definition names one.", example: "de" }),
    customerLocale: z.string().optional().openapi({
      description: "The customer's language (BCP 47), when their interactions gave one; the page then prefers it to the browser's languages.",
      example: "de-AT",
    }),
    progress: z
      .object({
        data: z.record(z.string(), z.unknown()),
        currentPage: z.number().int(),
        revision: z.number().int(),
      })
      .optional()
      .openapi({ description: "What the customer saved so far (on any tab or device), when there is anything." }),
  })
  .openapi("InvitationSurvey");

export const responseBody = z
  .object({
    data: z.unknown().openapi({
      description: "The answers, keyed by question name. Unknown keys are dropped; each answer must fit its question.",
      example: { nps: 9, csat: 4, comment: "Quick and friendly" },
    }),
  })
  .openapi("SurveyAnswers");

export const responseRecorded = z.object({ ok: z.literal(true) }).openapi("ResponseRecorded");

const page = (what: string) =>
  z
    .number({ error: `Send ${what} as a page number: 0 for the first page.` })
    .int(`Send ${what} as a whole page number.`)
    .min(0, `Send ${what} as a page number: 0 for the first page.`)
    .max(1000, `Send ${what} as a page number of this survey.`);

export const progressBody = z
  .object({
    data: z.record(z.string(), z.unknown(), { error: "Send the answers so far as an object: { \"question name\": answer }." }).openapi({
      description: "The answers so far, keyed by question name. Keys that are not questions of this version are dropped; answers are checked only on submit.",
      example: { nps: 9 },
    }),
    currentPage: page("currentPage").openapi({ example: 0 }),
    furthestPage: page("furthestPage").openapi({ example: 0 }),
    revision: z
      .number({ error: "Send the revision this save is based on: 0 for the first save." })
      .int("Send the revision as a whole number.")
      .min(0, "Send the revision this save is based on: 0 for the first save.")
      .openapi({ description: "The revision this save builds on (0 when nothing was saved yet). A stale one answers 409 with the saved answers." }),
  })
  .openapi("SurveyProgress");

export const progressSaved = z.object({ revision: z.number().int() }).openapi("SurveyProgressSaved");
