// Shapes of the invitation endpoints: the delivery list, its counts, and retrying failed sends.
import { z } from "../../lib/openapi";
import { pageOf, pageQueryFields } from "../../lib/pagination";
import { cancelReasons, deliveryStates, invitationStatuses } from "../../../db/schema";

const chooseSurvey = "Choose a survey: add ?surveyId= to the address.";
const surveyId = z.string({ error: chooseSurvey }).min(1, chooseSurvey).openapi({ description: "The survey whose invitations to list.", example: "0b7c…" });

/**
 * Where an email stands as the delivery page shows it: the stored status, what the provider reported, and
 * whether its link has closed, read together. Order is the page's order of tabs.
 */
export const invitationStates = ["scheduled", "sent", "delivered", "bounced", "failed", "expired", "answered", "cancelled"] as const;
export type InvitationState = (typeof invitationStates)[number];

export const invitationListQuery = z.object({
  surveyId,
  state: z
    .enum(invitationStates, { error: `Choose a state: ${invitationStates.join(", ")}.` })
    .optional()
    .openapi({ description: "Only invitations in this state; all of them when left out.", example: "failed" }),
  ...pageQueryFields,
});

export const invitationCountsQuery = z.object({ surveyId });

const iso = z.iso.datetime();

const stateField = z.enum(invitationStates).openapi({
  description:
    "`scheduled` until emailed; then `sent`, `delivered` once the recipient's server took it, or `bounced` when it refused it; `answered` once the survey is; `expired` when its link closed unanswered; `failed` when the mail provider refused the send; `cancelled` when decided against before sending (see `cancelReason`).",
});
const reasonField = z
  .string()
  .nullable()
  .openapi({ description: "In words: the provider's reason for a failure or bounce, why it was cancelled, or why it is being retried." });

export const reminderView = z
  .object({
    id: z.string(),
    sequence: z.number().int().openapi({ description: "1 for the first reminder, 2 for the second." }),
    state: stateField,
    sendAt: iso,
    sentAt: iso.nullable(),
    cancelReason: z.enum(cancelReasons).nullable(),
    reason: reasonField,
  })
  .openapi("Reminder");

export const invitationView = z
  .object({
    id: z.string(),
    email: z.string().openapi({ example: "customer@example.org" }),
    status: z.enum(invitationStatuses).openapi({
      description: "`pending` until emailed, then `sent`; `expired` once its link has closed unanswered; `failed` when the mail provider refused it.",
    }),
    state: stateField,
    sendAt: iso.openapi({ description: "When it is due to be emailed." }),
    sentAt: iso.nullable(),
    respondedAt: iso.nullable(),
    expiresAt: iso,
    attempts: z.number().int().openapi({ description: "How many times sending was tried." }),
    lastError: z.string().nullable().openapi({ description: "The mail provider's last refusal, if any." }),
    delivery: z.enum(deliveryStates).nullable().openapi({ description: "What the provider last reported about the email." }),
    deliveryDetail: z.string().nullable().openapi({ description: "The provider's words with it, such as a bounce message." }),
    deliveredAt: iso.nullable(),
    visitedAt: iso.nullable().openapi({ description: "When the customer first opened the survey page (not the email: image proxies fake those)." }),
    cancelReason: z.enum(cancelReasons).nullable(),
    reason: reasonField,
    ruleId: z.string().nullable(),
    interaction: z
      .object({ externalId: z.string(), occurredAt: iso, type: z.string(), channel: z.string(), unit: z.string().nullable(), agent: z.string().nullable() })
      .openapi({ description: "The interaction that triggered it." }),
    reminders: z.array(reminderView).openapi({ description: "Its reminders, first one first." }),
  })
  .openapi("Invitation");
export type InvitationView = z.infer<typeof invitationView>;
export type ReminderView = z.infer<typeof reminderView>;

export const invitationPage = pageOf(invitationView, "InvitationPage");

export const invitationCounts = z
  .object({
    surveyId: z.string(),
    counts: z.object(Object.fromEntries(invitationStates.map((s) => [s, z.number().int()])) as Record<InvitationState, z.ZodNumber>),
    total: z.number().int(),
    retryable: z.number().int().openapi({ description: "Failed invitations whose link is still open: what “retry all” would send again." }),
  })
  .openapi("InvitationCounts", { description: "How many of the survey's invitations (not reminders) are in each state." });

export const invitationIdParam = z.object({
  id: z.string().min(1).openapi({ param: { name: "id", in: "path" }, example: "5d1e…" }),
});

export const retryAllBody = z.object({ surveyId });

export const retryResult = z
  .object({
    retried: z.number().int().openapi({ description: "Failed invitations put back in the outbox, due now." }),
    closed: z.number().int().openapi({ description: "Failed invitations left as they are because their link has closed." }),
  })
  .openapi("RetryResult");
