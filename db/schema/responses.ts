// Answers, one per invitation (or imported from another tool), with the context of the interaction they follow
// and every scored answer by meaning (a survey with two CSAT questions keeps both; `series` is the metric and its
// scale, so a trend survives survey versions and a change of scale starts a new one).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { invitations } from "./interactions";
import { organisations } from "./organisations";
import { agents, units } from "./staff-and-units";
import { surveyVersions, surveys } from "./surveys";

/** A rated answer kept with its response: the question, the series (role and scale) and the value. */
export type StoredScore = { question: string; metric: string; series: string; value: number };

export const responses = sqliteTable(
  "responses",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    // Null for a response imported from another tool: it answered no invitation of ours.
    invitationId: text("invitation_id").references(() => invitations.id),
    surveyId: text("survey_id").notNull().references(() => surveys.id),
    surveyVersionId: text("survey_version_id").notNull().references(() => surveyVersions.id),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    nps: integer("nps"),
    csat: integer("csat"),
    ces: integer("ces"),
    // Copied from the interaction when the answer is stored, so every breakdown reads the response alone.
    unitId: text("unit_id").references(() => units.id),
    agentId: text("agent_id").references(() => agents.id),
    // "kiosk" for an anonymous answer at a unit's counter; null for an invitation's or an import's.
    source: text("source", { enum: ["kiosk"] }),
    channel: text("channel"),
    interactionType: text("interaction_type"),
    interactionAt: utc("interaction_at"),
    // An imported response keeps the other tool's id (imports are idempotent on it) and the time it arrived
    // here; its createdAt is when the customer answered.
    externalId: text("external_id"),
    // Who answered, as far as we know: the invitation's address, or the one an import carried.
    customerEmail: text("customer_email"),
    // Every scored answer by meaning, in question order: what the rollups are rebuilt from.
    scores: text("scores", { mode: "json" }).$type<StoredScore[]>().notNull().default([]),
    importedAt: utc("imported_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("responses_invitation_unique").on(t.invitationId),
    uniqueIndex("responses_survey_external_unique").on(t.orgId, t.surveyId, t.externalId),
    index("responses_survey_created_idx").on(t.surveyId, t.createdAt),
    index("responses_org_created_idx").on(t.orgId, t.createdAt),
  ],
);

// What a customer has answered so far, saved as they go: resumed on any tab or device, never counted in an index.
// `revision` rises with each save, so a second tab's stale save is refused instead of overwriting newer answers.
export const partialResponses = sqliteTable(
  "partial_responses",
  {
    invitationId: text("invitation_id")
      .primaryKey()
      .references(() => invitations.id),
    orgId: text("org_id").notNull().references(() => organisations.id),
    surveyId: text("survey_id").notNull().references(() => surveys.id),
    surveyVersionId: text("survey_version_id").notNull().references(() => surveyVersions.id),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    // The page the customer is on, and the furthest page reached (for drop-off per question).
    currentPage: integer("current_page").notNull().default(0),
    furthestPage: integer("furthest_page").notNull().default(0),
    revision: integer("revision").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: utc("updated_at").notNull(),
  },
  (t) => [index("partial_responses_survey_idx").on(t.orgId, t.surveyId)],
);
