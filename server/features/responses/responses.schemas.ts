// Shapes of the response endpoints: the list a reviewer filters, and one response with all it followed.
import { invitationStatuses, sentimentLabels } from "../../../db/schema";
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";
import { answerListQuery, namedRef } from "../comments/comments.schemas";

export const responseListQuery = answerListQuery;
export const responseIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "4f1d…" }) });

const iso = z.iso.datetime();
const score = z
  .object({
    metric: z.string().openapi({ example: "nps" }),
    series: z.string().openapi({ example: "nps@0-10" }),
    question: z.string().openapi({ example: "nps" }),
    value: z.number(),
  })
  .openapi("ResponseScore");

export const responseItem = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    surveyTitle: z.string(),
    respondedAt: iso,
    imported: z.boolean().openapi({ description: "Imported from another tool rather than answered through an invitation." }),
    unit: namedRef,
    agent: namedRef,
    channel: z.string().nullable(),
    type: z.string().nullable(),
    scores: z.array(score).openapi({ description: "Every rated answer by meaning, in question order." }),
    comment: z.string().nullable().openapi({ description: "The first free-text answer, if any." }),
  })
  .openapi("ResponseListItem");
export type ResponseItem = z.infer<typeof responseItem>;
export const responsePage = pageOf(responseItem, "ResponsePage");

export const responseDetail = responseItem
  .omit({ comment: true })
  .extend({
    surveyVersion: z.number().int().nullable(),
    externalId: z.string().nullable().openapi({ description: "The other tool's id of an imported response." }),
    importedAt: iso.nullable(),
    answers: z
      .array(
        z.object({
          question: z.string().openapi({ example: "visit" }),
          title: z.string().openapi({ example: "What brought you in?" }),
          type: z.string().openapi({ example: "radiogroup" }),
          value: z.unknown().openapi({ description: "The answer as stored." }),
          text: z.string().openapi({ description: "The answer as the customer saw it (choice texts, not values).", example: "Opening an account" }),
        }),
      )
      .openapi({ description: "Every answer, in the order of the survey version answered." }),
    comments: z.array(z.object({ question: z.string(), text: z.string(), sentiment: z.number(), sentimentLabel: z.enum(sentimentLabels) })),
    interaction: z
      .object({
        externalId: z.string(),
        type: z.string(),
        channel: z.string(),
        unit: namedRef,
        agent: namedRef,
        occurredAt: iso,
        customer: z.object({ email: z.string(), name: z.string().nullable() }),
      })
      .nullable()
      .openapi({ description: "The interaction the invitation followed; null for an imported response." }),
    invitation: z
      .object({
        id: z.string(),
        status: z.enum(invitationStatuses),
        email: z.string(),
        sendAt: iso,
        sentAt: iso.nullable(),
        respondedAt: iso.nullable(),
        expiresAt: iso,
        providerId: z.string().nullable().openapi({ description: "The mail provider's id of the email sent." }),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: "The email history of the invitation answered; null for an imported response." }),
  })
  .openapi("ResponseDetail");
export type ResponseDetail = z.infer<typeof responseDetail>;
