// The review process: KPIs with targets, follow-up cases that close the loop with a customer, competitor and
// industry benchmarks, and the periodic review pack with its frozen figures, comments and action items.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { invitations } from "./interactions";
import { organisations, users } from "./organisations";
import { responses } from "./responses";
import { agents, units } from "./staff-and-units";
import { surveys } from "./surveys";

export const kpiDirections = ["higher", "lower"] as const;
export const reviewPeriods = ["month", "quarter"] as const;
export type ReviewPeriod = (typeof reviewPeriods)[number];
export const kpiStatuses = ["green", "amber", "red", "no-data"] as const;

/**
 * A target for one figure over a review period: an analytics metric (`nps`, `csat`, `index`, `dimension:<name>`,
 * `response-rate`, ...) or a case figure (`case-on-time`, `case-resolve-median`, `case-resolve-p90`), in a scope.
 */
export const kpis = sqliteTable(
  "kpis",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    name: text("name").notNull(),
    metric: text("metric").notNull(),
    // Null: every survey of the organisation.
    surveyId: text("survey_id").references(() => surveys.id),
    unitId: text("unit_id").references(() => units.id),
    channel: text("channel"),
    target: real("target").notNull(),
    warning: real("warning").notNull(),
    direction: text("direction", { enum: kpiDirections }).notNull(),
    period: text("period", { enum: reviewPeriods }).notNull(),
    // The status the last weekly digest reported, so the next one tells only what changed.
    digestStatus: text("digest_status", { enum: kpiStatuses }),
    createdBy: text("created_by").references(() => users.id),
    archivedAt: utc("archived_at"),
    createdAt: createdAt(),
    updatedAt: utc("updated_at"),
  },
  (t) => [uniqueIndex("kpis_org_name_unique").on(t.orgId, t.name)],
);

export const caseTriggers = ["nps-detractor", "csat-low", "dimension-low", "complaint-theme", "manual"] as const;
export type CaseTrigger = (typeof caseTriggers)[number];
export const casePriorities = ["urgent", "high", "normal", "low"] as const;
export const caseStatuses = ["open", "contacted", "resolved", "unreachable"] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** A follow-up of one response: owned by a person, due by the SLA of its priority, closed when the customer is told. */
export const cases = sqliteTable(
  "cases",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    // Per organisation, from 1: what people say on the phone ("case 42").
    number: integer("number").notNull(),
    responseId: text("response_id")
      .notNull()
      .references(() => responses.id),
    unitId: text("unit_id").references(() => units.id),
    agentId: text("agent_id").references(() => agents.id),
    customerEmail: text("customer_email"),
    customerName: text("customer_name"),
    trigger: text("trigger", { enum: caseTriggers }).notNull(),
    // Why it opened, in words: "NPS 3 (detractor)", "Comment about waiting time".
    reason: text("reason").notNull(),
    priority: text("priority", { enum: casePriorities }).notNull(),
    // Null while nobody is assigned: the unit's managers see it as theirs to assign.
    ownerId: text("owner_id").references(() => users.id),
    status: text("status", { enum: caseStatuses }).notNull().default("open"),
    rootCause: text("root_cause"),
    dueAt: utc("due_at").notNull(),
    contactedAt: utc("contacted_at"),
    closedAt: utc("closed_at"),
    escalatedAt: utc("escalated_at"),
    resurveyInvitationId: text("resurvey_invitation_id").references(() => invitations.id),
    openedBy: text("opened_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: utc("updated_at"),
  },
  (t) => [
    uniqueIndex("cases_org_number_unique").on(t.orgId, t.number),
    // One case per response: a second rule or a second click finds the case already open.
    uniqueIndex("cases_response_unique").on(t.responseId),
    index("cases_org_status_due_idx").on(t.orgId, t.status, t.dueAt),
    index("cases_owner_idx").on(t.ownerId),
  ],
);

export const caseEventKinds = ["opened", "note", "status", "assigned", "email", "resurvey", "escalated", "root-cause"] as const;
export type CaseEventKind = (typeof caseEventKinds)[number];

/** A case's history: notes, status changes, emails to the customer (kept whole), escalations. */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: id(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    orgId: text("org_id").notNull(),
    kind: text("kind", { enum: caseEventKinds }).notNull(),
    authorId: text("author_id").references(() => users.id),
    body: text("body"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.createdAt)],
);

/** A competitor's or the industry's figure over time, entered by hand or imported, each point with its source. */
export const benchmarkSeries = sqliteTable(
  "benchmark_series",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["competitor", "industry"] }).notNull(),
    metric: text("metric").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("benchmark_series_org_name_unique").on(t.orgId, t.name, t.metric)],
);

export const benchmarkPoints = sqliteTable(
  "benchmark_points",
  {
    seriesId: text("series_id")
      .notNull()
      .references(() => benchmarkSeries.id, { onDelete: "cascade" }),
    // The day the figure describes (its period's end), YYYY-MM-DD.
    asOf: text("as_of").notNull(),
    value: real("value").notNull(),
    source: text("source").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.asOf] })],
);

export const packStatuses = ["draft", "in-review", "closed"] as const;
export type PackStatus = (typeof packStatuses)[number];

/** One period's service-quality review: its figures frozen at `frozenAt`, discussed, concluded and closed. */
export const reviewPacks = sqliteTable(
  "review_packs",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    title: text("title").notNull(),
    period: text("period", { enum: reviewPeriods }).notNull(),
    // The organisation's days, first and last, both included (as the analytics filters take them).
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    unitId: text("unit_id").references(() => units.id),
    channel: text("channel"),
    status: text("status", { enum: packStatuses }).notNull().default("draft"),
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    frozenAt: utc("frozen_at").notNull(),
    summary: text("summary"),
    createdBy: text("created_by").references(() => users.id),
    closedAt: utc("closed_at"),
    createdAt: createdAt(),
    updatedAt: utc("updated_at"),
  },
  (t) => [index("review_packs_org_period_idx").on(t.orgId, t.fromDay)],
);

export const packComments = sqliteTable(
  "pack_comments",
  {
    id: id(),
    packId: text("pack_id")
      .notNull()
      .references(() => reviewPacks.id),
    orgId: text("org_id").notNull(),
    authorId: text("author_id").references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("pack_comments_pack_idx").on(t.packId, t.createdAt)],
);

/** What a review decided to do; open items come back in every later pack until they are done. */
export const actionItems = sqliteTable(
  "action_items",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    packId: text("pack_id")
      .notNull()
      .references(() => reviewPacks.id),
    title: text("title").notNull(),
    ownerId: text("owner_id").references(() => users.id),
    dueOn: text("due_on"),
    status: text("status", { enum: ["open", "done"] }).notNull().default("open"),
    doneAt: utc("done_at"),
    createdAt: createdAt(),
    updatedAt: utc("updated_at"),
  },
  (t) => [index("action_items_org_status_idx").on(t.orgId, t.status)],
);

/** Which weekly digest each manager has been sent, so a second tick in the same week sends nothing. */
export const digestSends = sqliteTable(
  "digest_sends",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    week: text("week").notNull(),
    sentAt: utc("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.week] })],
);

/** A manager's units: a manager with rows here sees and works those units' cases only; without any, the whole organisation. */
export const userUnits = sqliteTable(
  "user_units",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] }), index("user_units_unit_idx").on(t.unitId)],
);
