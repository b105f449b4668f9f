// Surveys: an editable draft plus immutable published versions, and their distribution rules.
import { integer, sqliteTable, text, uniqueIndex, index } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { organisations } from "./organisations";

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
    delayMinutes: integer("delay_minutes").notNull(),
    expiresAfterDays: integer("expires_after_days").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("distribution_rules_org_idx").on(t.orgId, t.active)],
);
