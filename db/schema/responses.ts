// Answers, one per invitation, with the metric values pulled out for aggregation.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { invitations } from "./interactions";
import { organisations } from "./organisations";
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
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("responses_invitation_unique").on(t.invitationId),
    index("responses_survey_created_idx").on(t.surveyId, t.createdAt),
  ],
);
