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
    locale: z.string().optional().openapi({ description: "The survey's language, when its definition names one.", example: "de" }),
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
