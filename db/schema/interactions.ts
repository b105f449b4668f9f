// Service interactions posted by systems of record, and the invitations (the outbox) they trigger.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { decisionOutcomes, type Attributes } from "../../server/domain/distribution";
import { customers } from "./customers";
import { organisations } from "./organisations";
import { agents, units } from "./staff-and-units";
import { distributionRules, surveyVersions, surveys } from "./surveys";

// A system of record may reopen or cancel an interaction after posting it; either cancels its unsent invitations.
export const interactionStatuses = ["closed", "reopened", "cancelled"] as const;
export type InteractionStatus = (typeof interactionStatuses)[number];

export const interactions = sqliteTable(
  "interactions",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    externalId: text("external_id").notNull(),
    occurredAt: utc("occurred_at").notNull(),
    type: text("type").notNull(),
    channel: text("channel").notNull(),
    customerEmail: text("customer_email").notNull(),
    customerName: text("customer_name"),
    // The names as posted; unitId and agentId are the records they name. The text stays until a later
    // migration can drop it: dropping a column rebuilds this table, which invitations reference.
    unit: text("unit"),
    agent: text("agent"),
    unitId: text("unit_id").references(() => units.id),
    agentId: text("agent_id").references(() => agents.id),
    // Null only on rows stored before customers existed (the migration links them).
    customerId: text("customer_id").references(() => customers.id),
    status: text("status", { enum: interactionStatuses }).notNull().default("closed"),
    attributes: text("attributes", { mode: "json" }).$type<Attributes>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("interactions_org_external_unique").on(t.orgId, t.externalId),
    index("interactions_org_occurred_idx").on(t.orgId, t.occurredAt),
    index("interactions_customer_idx").on(t.customerId),
  ],
);

// `pending` is scheduled and unsent; `cancelled` was decided against before sending (see cancelReason).
export const invitationStatuses = ["pending", "sent", "responded", "expired", "failed", "cancelled"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];
export const cancelReasons = ["answered", "unsubscribed", "suppressed", "interaction", "expired", "parent-unsent", "survey-closed"] as const;
export type CancelReason = (typeof cancelReasons)[number];
// What the provider's webhook last said about the email; opens and clicks are kept apart, never counted.
export const deliveryStates = ["delivered", "delayed", "bounced", "complained", "suppressed", "failed"] as const;
export type DeliveryState = (typeof deliveryStates)[number];

/**
 * The outbox: one row per email. Sequence 0 is the invitation, whose token is the survey link; 1 and 2 are
 * reminders, rows of their own that point at it (parentId) and link to its survey.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    surveyId: text("survey_id").notNull().references(() => surveys.id),
    surveyVersionId: text("survey_version_id").notNull().references(() => surveyVersions.id),
    interactionId: text("interaction_id").notNull().references(() => interactions.id),
    ruleId: text("rule_id").references(() => distributionRules.id),
    customerId: text("customer_id").references(() => customers.id),
    sequence: integer("sequence").notNull().default(0),
    parentId: text("parent_id"),
    email: text("email").notNull(),
    name: text("name"),
    tokenHash: text("token_hash").notNull(),
    status: text("status", { enum: invitationStatuses }).notNull().default("pending"),
    sendAt: utc("send_at").notNull(),
    expiresAt: utc("expires_at").notNull(),
    // Outbox bookkeeping: a batch keeps its members across retries so its Idempotency-Key stays the same.
    batchId: text("batch_id"),
    leaseUntil: utc("lease_until"),
    // Set when the batch went to the provider with an outcome not yet known: until a definite answer clears it,
    // the batch is resent as it was (same members, same key), so a crash sends nothing twice.
    handedAt: utc("handed_at"),
    retryAt: utc("retry_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    sentAt: utc("sent_at"),
    respondedAt: utc("responded_at"),
    cancelReason: text("cancel_reason", { enum: cancelReasons }),
    delivery: text("delivery", { enum: deliveryStates }),
    deliveryDetail: text("delivery_detail"),
    deliveredAt: utc("delivered_at"),
    // The customer opened the survey page (not the email: image proxies fake those).
    visitedAt: utc("visited_at"),
    emailOpenedAt: utc("email_opened_at"),
    emailClickedAt: utc("email_clicked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    uniqueIndex("invitations_interaction_survey_sequence_unique").on(t.interactionId, t.surveyId, t.sequence),
    index("invitations_customer_send_idx").on(t.customerId, t.sendAt),
    index("invitations_parent_idx").on(t.parentId),
    index("invitations_provider_idx").on(t.providerId),
    index("invitations_due_idx").on(t.status, t.sendAt),
    index("invitations_batch_idx").on(t.batchId),
    index("invitations_survey_sent_idx").on(t.surveyId, t.sentAt),
  ],
);


// What each live rule decided for each interaction it matched: the funnel's "matched … scheduled" steps.
export const ruleDecisions = sqliteTable(
  "rule_decisions",
  {
    ruleId: text("rule_id").notNull().references(() => distributionRules.id),
    interactionId: text("interaction_id").notNull().references(() => interactions.id),
    orgId: text("org_id").notNull().references(() => organisations.id),
    surveyId: text("survey_id").notNull().references(() => surveys.id),
    unitId: text("unit_id"),
    occurredAt: utc("occurred_at").notNull(),
    outcome: text("outcome", { enum: decisionOutcomes }).notNull(),
    decidedAt: utc("decided_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.interactionId] }), index("rule_decisions_survey_idx").on(t.orgId, t.surveyId, t.occurredAt)],
);

// Webhook deliveries from the mail provider, kept by their event id so a replay changes nothing.
export const deliveryEvents = sqliteTable(
  "delivery_events",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id"),
    invitationId: text("invitation_id"),
    type: text("type").notNull(),
    occurredAt: utc("occurred_at").notNull(),
    detail: text("detail"),
    receivedAt: utc("received_at").notNull(),
  },
  (t) => [index("delivery_events_invitation_idx").on(t.invitationId)],
);
