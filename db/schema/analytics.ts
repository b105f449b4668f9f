// Analytics' own records: rollups kept with every response, the satisfaction index's weights, comment themes
// and the comments with their sentiment.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { organisations, users } from "./organisations";
import { responses } from "./responses";

/**
 * The grains rollups are kept at: all answers, or one dimension, or every dimension at once (`cell`), by day
 * (or month) in the organisation's time zone. A query reads the smallest grain that covers its filters and
 * grouping; a month grain serves whole months of a range (see monthCover). Chosen by measurement (see
 * bench/analytics.ts): every grain costs a row per scored answer on the write path, and narrow grains answer the
 * dashboard in milliseconds.
 */
export const rollupGrains = ["all/day", "unit/day", "unit/month", "channel/day", "type/day", "agent/day", "agent/month", "cell/day"] as const;
export type RollupGrain = (typeof rollupGrains)[number];

/**
 * Sufficient statistics of one series' answers in one cell: n, Σx, Σx², and the answers at the top (`hi`:
 * promoters, top-2-box, CES agree) and bottom (`lo`: detractors, bottom-2-box) of its scale. Every figure
 * analytics shows (NPS counts, top-2-box, means, variances) comes from these.
 * `segment` is "" for `all`, the unit id, channel, interaction type or agent id for a one-dimension grain, and
 * unit, channel, agent and type joined by U+001F for `cell`.
 */
export const scoreRollups = sqliteTable(
  "score_rollups",
  {
    orgId: text("org_id").notNull(),
    grain: text("grain", { enum: rollupGrains }).notNull(),
    series: text("series").notNull(),
    // "2026-10-14" for a day grain, "2026-10" for a month grain.
    period: text("period").notNull(),
    surveyId: text("survey_id").notNull(),
    segment: text("segment").notNull(),
    n: integer("n").notNull(),
    sum: integer("sum").notNull(),
    sumSq: integer("sum_sq").notNull(),
    hi: integer("hi").notNull(),
    lo: integer("lo").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.grain, t.series, t.surveyId, t.period, t.segment] })],
);

export const pairGrains = ["day", "month"] as const;
export type PairGrain = (typeof pairGrains)[number];

/** Sums of cross-products of two series answered in the same response (a < b), by day and by month: driver correlations. */
export const pairRollups = sqliteTable(
  "pair_rollups",
  {
    orgId: text("org_id").notNull(),
    grain: text("grain", { enum: pairGrains }).notNull(),
    period: text("period").notNull(),
    surveyId: text("survey_id").notNull(),
    a: text("a").notNull(),
    b: text("b").notNull(),
    n: integer("n").notNull(),
    sumA: real("sum_a").notNull(),
    sumB: real("sum_b").notNull(),
    sumAa: real("sum_aa").notNull(),
    sumBb: real("sum_bb").notNull(),
    sumAb: real("sum_ab").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.grain, t.surveyId, t.period, t.a, t.b] })],
);

/** Invitations sent per day of sending, and how many of them were answered: the response rate by segment. */
export const invitationRollups = sqliteTable(
  "invitation_rollups",
  {
    orgId: text("org_id").notNull(),
    grain: text("grain", { enum: rollupGrains }).notNull(),
    period: text("period").notNull(),
    surveyId: text("survey_id").notNull(),
    segment: text("segment").notNull(),
    sent: integer("sent").notNull(),
    responded: integer("responded").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.grain, t.surveyId, t.period, t.segment] })],
);

/** Versions of the satisfaction index's weights by metric role; the newest is in force from its createdAt. */
export const indexWeights = sqliteTable(
  "index_weights",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    version: integer("version").notNull(),
    // { "nps": 1, "csat": 1, "dimension:time-taken": 0.5 }
    weights: text("weights", { mode: "json" }).$type<Record<string, number>>().notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("index_weights_org_version_unique").on(t.orgId, t.version)],
);

/** Keyword rules that sort comments into themes; an admin edits them and they apply to every comment at once. */
export const commentThemes = sqliteTable(
  "comment_themes",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    name: text("name").notNull(),
    keywords: text("keywords", { mode: "json" }).$type<string[]>().notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: utc("updated_at"),
  },
  (t) => [uniqueIndex("comment_themes_org_name_unique").on(t.orgId, t.name)],
);

export const sentimentLabels = ["positive", "neutral", "negative"] as const;
export type SentimentLabel = (typeof sentimentLabels)[number];

/** Each free-text answer of a response, with its sentiment worked out when it was stored. */
export const responseComments = sqliteTable(
  "response_comments",
  {
    id: integer("id").primaryKey(),
    responseId: text("response_id").notNull().references(() => responses.id),
    orgId: text("org_id").notNull(),
    surveyId: text("survey_id").notNull(),
    question: text("question").notNull(),
    text: text("text").notNull(),
    // -1 (most negative) to 1 (most positive).
    sentiment: real("sentiment").notNull(),
    sentimentLabel: text("sentiment_label", { enum: sentimentLabels }).notNull(),
    respondedAt: utc("responded_at").notNull(),
    unitId: text("unit_id"),
    agentId: text("agent_id"),
    channel: text("channel"),
    interactionType: text("interaction_type"),
  },
  (t) => [index("response_comments_org_time_idx").on(t.orgId, t.respondedAt), index("response_comments_response_idx").on(t.responseId)],
);
