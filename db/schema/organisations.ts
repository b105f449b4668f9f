// Organisations, their people, sessions, one-time links, API keys and request throttles.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CaseRules } from "../../server/domain/case-rules";
import type { CasePriority, SlaPolicy } from "../../server/domain/case-sla";
import { createdAt, id, utc } from "./columns";

// `agent` is staff: they see their own feedback and scorecard and work the cases assigned to them, nothing else.
export const roles = ["admin", "manager", "reviewer", "agent"] as const;
export type Role = (typeof roles)[number];

export const organisations = sqliteTable("organisations", {
  id: id(),
  name: text("name").notNull(),
  // IANA name; the organisation's own clock for reports and, later, quiet hours.
  timeZone: text("time_zone").notNull().default("UTC"),
  // Contact rules: at most one survey per customer every N days, across surveys; nothing sent in quiet hours
  // (minutes after local midnight, start to end, in the customer's zone, else the unit's, else this one).
  contactGapDays: integer("contact_gap_days").notNull().default(30),
  quietStartMinute: integer("quiet_start_minute").default(21 * 60),
  quietEndMinute: integer("quiet_end_minute").default(8 * 60),
  // The interactions CSV import's column mapping, remembered for the next file.
  interactionImportMapping: text("interaction_import_mapping", { mode: "json" }).$type<Record<string, string>>(),
  createdAt: createdAt(),
  // Follow-up cases: which answers open one and how long each priority has; null means the defaults.
  caseRules: text("case_rules", { mode: "json" }).$type<CaseRules>(),
  caseSla: text("case_sla", { mode: "json" }).$type<Record<CasePriority, SlaPolicy>>(),
  // How often the service-quality review meets: the weekly digest names the pack due next.
  reviewPeriod: text("review_period", { enum: ["month", "quarter"] }).notNull().default("quarter"),
});

export const users = sqliteTable(
  "users",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name"),
    role: text("role", { enum: roles }).notNull(),
    // Empty (it never verifies) until an invited person sets a password from their link. Not made
    // nullable: SQLite would rebuild the table, which other tables reference.
    passwordHash: text("password_hash").notNull(),
    invitedBy: text("invited_by"),
    deactivatedAt: utc("deactivated_at"),
    createdAt: createdAt(),
    // For an agent: the staff record (agents.id) whose feedback and cases are theirs. Not a declared reference:
    // staff records live in a module that already depends on this one.
    agentId: text("agent_id"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_org_idx").on(t.orgId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: utc("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sessions_token_hash_unique").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").references(() => users.id),
    lastUsedAt: utc("last_used_at"),
    revokedAt: utc("revoked_at"),
    revokedBy: text("revoked_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_key_hash_unique").on(t.keyHash), index("api_keys_org_idx").on(t.orgId)],
);

export const userTokenPurposes = ["invite", "reset"] as const;

// Emailed one-time links: an invitation to set a first password, or a password reset.
export const userTokens = sqliteTable(
  "user_tokens",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: userTokenPurposes }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: utc("expires_at").notNull(),
    usedAt: utc("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("user_tokens_token_hash_unique").on(t.tokenHash), index("user_tokens_user_idx").on(t.userId)],
);

// Fixed-window counters for throttling (sign-in failures, public endpoints); a table, so Node and
// Workers share one limiter without another service.
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});
