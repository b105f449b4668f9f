// Queries for distribution rules, and the few set-based reads one distribution pass makes for a whole batch.
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import { insertStatements, type Db } from "../../../db/client";
import { chunk } from "../../lib/chunk";
import { keyset, type PageRequest } from "../../lib/pagination";
import { customers, distributionRules, interactions, invitations, organisations, ruleDecisions, surveyVersions, surveys, units } from "../../../db/schema";

export type RuleRow = typeof distributionRules.$inferSelect;
export type NewDecision = typeof ruleDecisions.$inferInsert;

export const insertRule = (db: Db, row: typeof distributionRules.$inferInsert) =>
  db.insert(distributionRules).values(row).returning().get();

/** A rule of this survey that is not deleted; undefined for another organisation's or survey's. */
export const findRule = (db: Db, orgId: string, surveyId: string, ruleId: string) =>
  db
    .select()
    .from(distributionRules)
    .where(and(eq(distributionRules.id, ruleId), eq(distributionRules.orgId, orgId), eq(distributionRules.surveyId, surveyId), isNull(distributionRules.deletedAt)))
    .get();

/** Changes a rule not deleted meanwhile; undefined when there was none to change. */
export const updateRule = (db: Db, orgId: string, ruleId: string, changes: Partial<typeof distributionRules.$inferInsert>) =>
  db
    .update(distributionRules)
    .set(changes)
    .where(and(eq(distributionRules.id, ruleId), eq(distributionRules.orgId, orgId), isNull(distributionRules.deletedAt)))
    .returning()
    .get();

export function listRulesForSurvey(db: Db, orgId: string, surveyId: string, page: PageRequest) {
  const k = keyset(distributionRules.createdAt, distributionRules.id, page.cursor);
  return db
    .select()
    .from(distributionRules)
    .where(and(eq(distributionRules.orgId, orgId), eq(distributionRules.surveyId, surveyId), isNull(distributionRules.deletedAt), k.where))
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
}

/** Active rules whose survey has a published version, with that version's id, oldest rule first. */
export const listLiveRules = (db: Db, orgId: string) =>
  db
    .select({ rule: distributionRules, versionId: surveyVersions.id })
    .from(distributionRules)
    .innerJoin(surveys, eq(surveys.id, distributionRules.surveyId))
    .innerJoin(surveyVersions, and(eq(surveyVersions.surveyId, surveys.id), eq(surveyVersions.version, surveys.latestVersion)))
    // A closed survey invites nobody new, whatever its rules say.
    .where(and(eq(distributionRules.orgId, orgId), eq(distributionRules.active, true), isNull(distributionRules.deletedAt), isNotNull(surveys.latestVersion), isNull(surveys.closedAt)))
    .orderBy(asc(distributionRules.createdAt), asc(distributionRules.id))
    .all();

/** The organisation's clock and contact rules. */
export const findContactSettings = (db: Db, orgId: string) =>
  db
    .select({
      timeZone: organisations.timeZone,
      contactGapDays: organisations.contactGapDays,
      quietStartMinute: organisations.quietStartMinute,
      quietEndMinute: organisations.quietEndMinute,
    })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .get();

/** Units with a time zone of their own (few per organisation). */
export const findUnitZones = (db: Db, orgId: string) =>
  db.select({ id: units.id, timeZone: units.timeZone }).from(units).where(and(eq(units.orgId, orgId), isNotNull(units.timeZone))).all();

/** Send times of surveys (not reminders) to these customers still standing or sent since `since`. */
export async function findContactHistory(db: Db, customerIds: string[], since: Date, maxSqlParams: number) {
  const out: { customerId: string | null; sendAt: Date }[] = [];
  // Six values besides the ids: the time, the sequence and four statuses.
  for (const part of chunk(customerIds, maxSqlParams - 6)) {
    out.push(
      ...(await db
        .select({ customerId: invitations.customerId, sendAt: invitations.sendAt })
        .from(invitations)
        .where(and(inArray(invitations.customerId, part), gt(invitations.sendAt, since), eq(invitations.sequence, 0), inArray(invitations.status, ["pending", "sent", "responded", "expired"])))
        .all()),
    );
  }
  return out;
}

export const insertDecisionsStatements = (rows: NewDecision[], maxSqlParams: number) =>
  insertStatements(ruleDecisions, rows, maxSqlParams).map((s) => ({ sql: `${s.sql} on conflict do nothing`, args: s.args }));


// The values pickers offer come from this many of the organisation's latest interactions, so the read stays
// bounded however long the organisation has been posting.
export const SEEN_VALUES_SCAN = 10_000;

/** Distinct types, channels, unit names and attribute keys among the latest interactions, each with a count. */
export async function findSeenValues(db: Db, orgId: string) {
  const recent = sql`select type, channel, unit, attributes from ${interactions} where ${interactions.orgId} = ${orgId} order by ${interactions.occurredAt} desc limit ${SEEN_VALUES_SCAN}`;
  const rows = await db.all<{ kind: "type" | "channel" | "unit" | "key" | "scanned"; value: string | null; n: number }>(sql`
    with recent as (${recent})
    select 'scanned' as kind, null as value, count(*) as n from recent
    union all select 'type', type, count(*) from recent group by type
    union all select 'channel', channel, count(*) from recent group by channel
    union all select 'unit', unit, count(*) from recent where unit is not null group by unit
    union all select 'key', j.key, count(*) from recent, json_each(recent.attributes) as j
      where recent.attributes is not null and json_type(recent.attributes) = 'object' group by j.key`);
  const names = await db.select({ name: units.name }).from(units).where(eq(units.orgId, orgId)).orderBy(asc(units.name)).limit(1000).all();
  return { rows, unitNames: names.map((u) => u.name) };
}

/** One page of the organisation's interactions in [from, to], oldest first, with their customer's zone and suppression. */
export function findInteractionsPage(db: Db, orgId: string, from: Date, to: Date, after: { at: Date; id: string } | undefined, limit: number) {
  return db
    .select({
      id: interactions.id,
      externalId: interactions.externalId,
      occurredAt: interactions.occurredAt,
      type: interactions.type,
      channel: interactions.channel,
      unit: interactions.unit,
      unitId: interactions.unitId,
      attributes: interactions.attributes,
      customerId: interactions.customerId,
      email: interactions.customerEmail,
      name: interactions.customerName,
      customerTimeZone: customers.timeZone,
      suppressed: sql<number>`exists (select 1 from suppressions s where s.customer_id = ${interactions.customerId} and s.lifted_at is null)`,
    })
    .from(interactions)
    .leftJoin(customers, eq(customers.id, interactions.customerId))
    .where(
      and(
        eq(interactions.orgId, orgId),
        gte(interactions.occurredAt, from),
        lte(interactions.occurredAt, to),
        after && or(gt(interactions.occurredAt, after.at), and(eq(interactions.occurredAt, after.at), gt(interactions.id, after.id))),
      ),
    )
    .orderBy(asc(interactions.occurredAt), asc(interactions.id))
    .limit(limit)
    .all();
}

/**
 * Send times of surveys (not reminders) since `since` to every customer with an interaction in [from, to], in one
 * statement however many customers: what contact rules weigh a dry run against. A saved rule's own are left out.
 */
export function findWindowContactHistory(db: Db, orgId: string, from: Date, to: Date, since: Date, excludeRuleId: string | undefined) {
  const windowCustomers = db
    .selectDistinct({ id: interactions.customerId })
    .from(interactions)
    .where(and(eq(interactions.orgId, orgId), gte(interactions.occurredAt, from), lte(interactions.occurredAt, to), isNotNull(interactions.customerId)));
  return db
    .select({ customerId: invitations.customerId, sendAt: invitations.sendAt })
    .from(invitations)
    .where(
      and(
        inArray(invitations.customerId, windowCustomers),
        gt(invitations.sendAt, since),
        eq(invitations.sequence, 0),
        inArray(invitations.status, ["pending", "sent", "responded", "expired"]),
        excludeRuleId ? or(isNull(invitations.ruleId), ne(invitations.ruleId, excludeRuleId)) : undefined,
      ),
    )
    .all();
}
