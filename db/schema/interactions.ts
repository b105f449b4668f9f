// Service interactions posted by systems of record, and the invitations (the outbox) they trigger.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { organisations } from "./organisations";
import { agents, units } from "./staff-and-units";
import { distributionRules, surveyVersions, surveys } from "./surveys";

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
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("interactions_org_external_unique").on(t.orgId, t.externalId),
    index("interactions_org_occurred_idx").on(t.orgId, t.occurredAt),
  ],
);

export const invitationStatuses = ["pending", "sent", "responded", "expired", "failed"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    surveyId: text("survey_id").notNull().references(() => surveys.id),
    surveyVersionId: text("survey_version_id").notNull().references(() => surveyVersions.id),
    interactionId: text("interaction_id").notNull().references(() => interactions.id),
    ruleId: text("rule_id").references(() => distributionRules.id),
    email: text("email").notNull(),
    name: text("name"),
    tokenHash: text("token_hash").notNull(),
    status: text("status", { enum: invitationStatuses }).notNull().default("pending"),
    sendAt: utc("send_at").notNull(),
    expiresAt: utc("expires_at").notNull(),
    // Outbox bookkeeping: a batch keeps its members across retries so its Idempotency-Key stays the same.
    batchId: text("batch_id"),
    leaseUntil: utc("lease_until"),
    retryAt: utc("retry_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    sentAt: utc("sent_at"),
    respondedAt: utc("responded_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    uniqueIndex("invitations_interaction_survey_unique").on(t.interactionId, t.surveyId),
    index("invitations_due_idx").on(t.status, t.sendAt),
    index("invitations_batch_idx").on(t.batchId),
    index("invitations_survey_sent_idx").on(t.surveyId, t.sentAt),
  ],
);
