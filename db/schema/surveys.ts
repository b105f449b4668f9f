// Surveys: an editable draft plus immutable published versions, and their distribution rules.
import { integer, sqliteTable, text, uniqueIndex, index } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { organisations } from "./organisations";
import type { AttributeCondition } from "../../server/domain/distribution";

export type SurveyDefinition = Record<string, unknown>;


export const surveys = sqliteTable(
  "surveys",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    title: text("title").notNull(),
    draft: text("draft", { mode: "json" }).$type<SurveyDefinition>().notNull(),
    // The draft differs from the latest published version (or nothing is published yet).
    draftDirty: integer("draft_dirty", { mode: "boolean" }).notNull().default(true),
    latestVersion: integer("latest_version"),
    // Bumped by every change to the draft: a save based on an older one is refused, so two managers editing
    // the same draft see a conflict instead of overwriting each other.
    revision: integer("revision").notNull().default(1),
    // Closed: no new invitations, and open links say the survey has closed. Archived: out of the lists, its
    // answers and analytics kept.
    closedAt: utc("closed_at"),
    archivedAt: utc("archived_at"),
    createdAt: createdAt(),
    updatedAt: utc("updated_at").notNull().$defaultFn(() => new Date()),
  },
  (t) => [index("surveys_org_idx").on(t.orgId)],
);

export const surveyVersions = sqliteTable(
  "survey_versions",
  {
    id: id(),
    surveyId: text("survey_id").notNull().references(() => surveys.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    definition: text("definition", { mode: "json" }).$type<SurveyDefinition>().notNull(),
    publishedBy: text("published_by"),
    publishedAt: utc("published_at").notNull().$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("survey_versions_survey_version_unique").on(t.surveyId, t.version)],
);

export const distributionRules = sqliteTable(
  "distribution_rules",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    surveyId: text("survey_id").notNull().references(() => surveys.id),
    matchTypes: text("match_types", { mode: "json" }).$type<string[]>(),
    matchChannels: text("match_channels", { mode: "json" }).$type<string[]>(),
    matchUnits: text("match_units", { mode: "json" }).$type<string[]>(),
    matchAttributes: text("match_attributes", { mode: "json" }).$type<AttributeCondition[]>(),
    delayMinutes: integer("delay_minutes").notNull(),
    expiresAfterDays: integer("expires_after_days").notNull(),
    // Percent of customers invited, chosen by a hash of the rule and the address: a re-run decides the same.
    samplePercent: integer("sample_percent").notNull().default(100),
    // Days after the invitation (then after the first reminder) to remind a customer who has not answered.
    reminderDays: text("reminder_days", { mode: "json" }).$type<number[]>(),
    // Overrides the organisation's days between two surveys to one customer; null follows it.
    contactGapDays: integer("contact_gap_days"),
    // Paused rules (active false) decide nothing; deleted rules keep their row for the invitations they made.
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    deletedAt: utc("deleted_at"),
    createdAt: createdAt(),
    updatedAt: utc("updated_at"),
  },
  (t) => [index("distribution_rules_org_idx").on(t.orgId, t.active)],
);
