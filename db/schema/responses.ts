// Answers, one per invitation, with the context of the interaction they follow and every scored answer by meaning.
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { invitations } from "./interactions";
import { organisations } from "./organisations";
import { agents, units } from "./staff-and-units";
import { surveyVersions, surveys } from "./surveys";

export const responses = sqliteTable(
  "responses",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    invitationId: text("invitation_id").notNull().references(() => invitations.id),
    surveyId: text("survey_id").notNull().references(() => surveys.id),
    surveyVersionId: text("survey_version_id").notNull().references(() => surveyVersions.id),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    nps: integer("nps"),
    csat: integer("csat"),
    ces: integer("ces"),
    // Copied from the interaction when the answer is stored, so every breakdown reads the response alone.
    unitId: text("unit_id").references(() => units.id),
    agentId: text("agent_id").references(() => agents.id),
    channel: text("channel"),
    interactionType: text("interaction_type"),
    interactionAt: utc("interaction_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("responses_invitation_unique").on(t.invitationId),
    index("responses_survey_created_idx").on(t.surveyId, t.createdAt),
  ],
);

/**
 * One row per scored answer: a survey with two CSAT questions gives two rows. `series` is the metric and its
 * scale, so a trend survives survey versions and a change of scale starts a new one. The response's context
 * is copied here so an analytics query by metric, time and segment reads this table alone.
 */
export const responseScores = sqliteTable(
  "response_scores",
  {
    // A rowid, so rows append in the order answers arrive; a key on the random response id would scatter
    // every insert across the table (the response's own unique invitation already keeps them single).
    id: integer("id").primaryKey(),
    responseId: text("response_id").notNull().references(() => responses.id),
    orgId: text("org_id").notNull(),
    surveyId: text("survey_id").notNull(),
    metric: text("metric").notNull(),
    series: text("series").notNull(),
    question: text("question").notNull(),
    value: real("value").notNull(),
    respondedAt: utc("responded_at").notNull(),
    unitId: text("unit_id"),
    agentId: text("agent_id"),
    channel: text("channel"),
    interactionType: text("interaction_type"),
  },
  (t) => [
    index("response_scores_org_metric_time_idx").on(t.orgId, t.metric, t.respondedAt),
    index("response_scores_survey_metric_time_idx").on(t.surveyId, t.metric, t.respondedAt),
    index("response_scores_unit_metric_time_idx").on(t.orgId, t.unitId, t.metric, t.respondedAt),
    index("response_scores_agent_metric_time_idx").on(t.orgId, t.agentId, t.metric, t.respondedAt),
  ],
);
