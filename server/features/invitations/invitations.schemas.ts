// Shapes of the invitation endpoints.
import { z } from "../../lib/openapi";
import { pageOf, pageQueryFields } from "../../lib/pagination";
import { invitationStatuses } from "../../../db/schema";

const chooseSurvey = "Choose a survey: add ?surveyId= to the address.";

export const invitationListQuery = z.object({
  surveyId: z.string({ error: chooseSurvey }).min(1, chooseSurvey).openapi({ description: "The survey whose invitations to list.", example: "0b7c…" }),
  ...pageQueryFields,
});

const iso = z.iso.datetime();

export const invitationView = z
  .object({
    id: z.string(),
    email: z.string().openapi({ example: "customer@example.org" }),
    status: z.enum(invitationStatuses).openapi({
      description: "`pending` until emailed, then `sent`; `expired` once its link has closed unanswered; `failed` when the mail provider refused it.",
    }),
    sendAt: iso.openapi({ description: "When it is due to be emailed." }),
    sentAt: iso.nullable(),
    respondedAt: iso.nullable(),
    expiresAt: iso,
    attempts: z.number().int().openapi({ description: "How many times sending was tried." }),
    lastError: z.string().nullable().openapi({ description: "The mail provider's last refusal, if any." }),
    interaction: z
      .object({ externalId: z.string(), type: z.string(), channel: z.string(), unit: z.string().nullable(), agent: z.string().nullable() })
      .openapi({ description: "The interaction that triggered it." }),
  })
  .openapi("Invitation");
export type InvitationView = z.infer<typeof invitationView>;

export const invitationPage = pageOf(invitationView, "InvitationPage");
