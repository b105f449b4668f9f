// Queries for follow-up cases: who may see which, the facts of the response a case follows, its history, the
// people it may go to, and the raw statements that open a case inside another feature's unit of work.
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, RawStatement } from "../../../db/client";
import { agents, caseEvents, cases, interactions, invitations, organisations, responses, surveyVersions, surveys, units, userUnits, users, type CaseStatus } from "../../../db/schema";
import { keyset, type PageRequest } from "../../lib/pagination";

export const findOrganisation = (db: Db, orgId: string) =>
  db
    .select({ name: organisations.name, timeZone: organisations.timeZone, caseRules: organisations.caseRules, caseSla: organisations.caseSla })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .get();

export const saveSettings = (db: Db, orgId: string, set: Pick<typeof organisations.$inferInsert, "caseRules" | "caseSla">) =>
  db.update(organisations).set(set).where(eq(organisations.id, orgId));

export const unitZone = (db: Db, orgId: string, unitId: string) =>
  db.select({ timeZone: units.timeZone }).from(units).where(and(eq(units.orgId, orgId), eq(units.id, unitId))).get();

const active = (u: typeof users) => and(isNull(u.deactivatedAt), ne(u.passwordHash, ""));

/** The agent account linked to a staff record, if it can sign in. */
export const agentAccount = (db: Db, orgId: string, agentId: string) =>
  db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "agent"), eq(users.agentId, agentId), active(users)))
    .get();

/** The managers of a unit (given it among their units), by name. */
export const unitManagers = (db: Db, orgId: string, unitId: string) =>
  db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(userUnits)
    .innerJoin(users, eq(users.id, userUnits.userId))
    .where(and(eq(userUnits.unitId, unitId), eq(users.orgId, orgId), eq(users.role, "manager"), active(users)))
    .orderBy(asc(users.name), asc(users.email))
    .all();

/** Managers with no units of their own: they manage the whole organisation. */
export const organisationManagers = (db: Db, orgId: string) =>
  db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "manager"), active(users), sql`not exists (select 1 from ${userUnits} where ${userUnits.userId} = ${users.id})`))
    .orderBy(asc(users.name), asc(users.email))
    .all();

export const unitsOfUser = async (db: Db, userId: string) => (await db.select({ unitId: userUnits.unitId }).from(userUnits).where(eq(userUnits.userId, userId)).all()).map((r) => r.unitId);

/** People a case may go to: active agents and managers. */
export const possibleOwners = (db: Db, orgId: string) =>
  db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, agentId: users.agentId })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.role, ["agent", "manager"]), active(users)))
    .orderBy(asc(users.name), asc(users.email))
    .all();

/** The invitation's address and the interaction's customer name, for a response a case follows. */
export const invitationContact = (db: Db, invitationId: string) =>
  db
    .select({ email: invitations.email, name: interactions.customerName })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(eq(invitations.id, invitationId))
    .get();

export const findResponse = (db: Db, orgId: string, id: string) =>
  db
    .select({
      id: responses.id,
      unitId: responses.unitId,
      agentId: responses.agentId,
      channel: responses.channel,
      customerEmail: responses.customerEmail,
      invitationId: responses.invitationId,
      interactionId: invitations.interactionId,
      customerName: interactions.customerName,
      customerId: interactions.customerId,
    })
    .from(responses)
    .leftJoin(invitations, eq(invitations.id, responses.invitationId))
    .leftJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(and(eq(responses.orgId, orgId), eq(responses.id, id)))
    .get();

export type NewCase = {
  id: string;
  orgId: string;
  responseId: string;
  unitId: string | null;
  agentId: string | null;
  customerEmail: string | null;
  customerName: string | null;
  trigger: string;
  reason: string;
  priority: string;
  ownerId: string | null;
  dueAt: Date;
  openedBy: string | null;
  createdAt: Date;
};

/**
 * Opens a case numbered next in its organisation, counted inside the statement so cases opened in one batch
 * stay distinct; a response that already has a case keeps it (nothing is inserted).
 */
export function insertCaseStatement(c: NewCase): RawStatement {
  return {
    sql: `insert into cases (id, org_id, number, response_id, unit_id, agent_id, customer_email, customer_name, "trigger", reason, priority, owner_id, status, due_at, opened_by, created_at)
          select ?, ?, coalesce(max(number), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ? from cases where org_id = ?
          on conflict (response_id) do nothing`,
    args: [c.id, c.orgId, c.responseId, c.unitId, c.agentId, c.customerEmail, c.customerName, c.trigger, c.reason, c.priority, c.ownerId, c.dueAt.getTime(), c.openedBy, c.createdAt.getTime(), c.orgId],
  };
}

/** A history entry that is written only if its case exists: the case insert before it may have been skipped. */
export function insertEventIfCaseStatement(e: { caseId: string; orgId: string; kind: string; authorId: string | null; body: string | null; createdAt: Date }): RawStatement {
  return {
    sql: "insert into case_events (id, case_id, org_id, kind, author_id, body, data, created_at) select ?, ?, ?, ?, ?, ?, null, ? where exists (select 1 from cases where id = ?)",
    args: [crypto.randomUUID(), e.caseId, e.orgId, e.kind, e.authorId, e.body, e.createdAt.getTime(), e.caseId],
  };
}

export const insertEvent = (db: Db, row: typeof caseEvents.$inferInsert) => db.insert(caseEvents).values(row);

export const updateCase = (db: Db, orgId: string, id: string, set: Partial<typeof cases.$inferInsert>) =>
  db.update(cases).set(set).where(and(eq(cases.orgId, orgId), eq(cases.id, id)));

const owner = alias(users, "owner");

const caseColumns = {
  case: cases,
  unitName: units.name,
  agentName: agents.name,
  ownerName: owner.name,
  ownerEmail: owner.email,
};

const selectCases = (db: Db) =>
  db
    .select(caseColumns)
    .from(cases)
    .leftJoin(units, eq(units.id, cases.unitId))
    .leftJoin(agents, eq(agents.id, cases.agentId))
    .leftJoin(owner, eq(owner.id, cases.ownerId));
export type CaseRow = Awaited<ReturnType<typeof findCase>> & {};

/** Who sees what: nothing narrower than the organisation unless `ownerId` or `unitIds` narrow it. */
export type Visibility = { orgId: string; ownerId?: string; unitIds?: string[] };

function visible(v: Visibility): SQL | undefined {
  return and(eq(cases.orgId, v.orgId), v.ownerId ? eq(cases.ownerId, v.ownerId) : undefined, v.unitIds ? inArray(cases.unitId, v.unitIds.length ? v.unitIds : [""]) : undefined);
}

export const findCase = (db: Db, v: Visibility, id: string) =>
  selectCases(db)
    .where(and(visible(v), eq(cases.id, id)))
    .get();

const statusesOf: Record<string, CaseStatus[] | undefined> = {
  active: ["open", "contacted"],
  closed: ["resolved", "unreachable"],
  open: ["open"],
  contacted: ["contacted"],
  resolved: ["resolved"],
  unreachable: ["unreachable"],
};

export type CaseFilters = { status: string; view: string; unitId?: string; userId: string | null; now: Date };

/** Newest first. */
export const listCases = (db: Db, v: Visibility, f: CaseFilters, limit: number, cursor: PageRequest["cursor"]) => {
  const page = keyset(cases.createdAt, cases.id, cursor);
  const statuses = f.view === "overdue" ? ["open" as const, "contacted" as const] : statusesOf[f.status];
  return selectCases(db)
    .where(
      and(
        visible(v),
        page.where,
        statuses ? inArray(cases.status, statuses) : undefined,
        f.unitId ? eq(cases.unitId, f.unitId) : undefined,
        f.view === "mine" ? eq(cases.ownerId, f.userId ?? "") : undefined,
        f.view === "unassigned" ? isNull(cases.ownerId) : undefined,
        f.view === "overdue" ? lt(cases.dueAt, f.now) : undefined,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(limit + 1)
    .all();
};

const author = alias(users, "author");

export const listEvents = (db: Db, orgId: string, caseId: string) =>
  db
    .select({ event: caseEvents, authorName: author.name, authorEmail: author.email })
    .from(caseEvents)
    .leftJoin(author, eq(author.id, caseEvents.authorId))
    .where(and(eq(caseEvents.orgId, orgId), eq(caseEvents.caseId, caseId)))
    // Entries of one change share a time; the order they were written in breaks the tie.
    .orderBy(asc(caseEvents.createdAt), sql`${caseEvents}.rowid`)
    .all();

/** The email already sent from a case under this key, so a retried request answers with it instead of sending again. */
export const findEmailEvent = (db: Db, caseId: string, key: string) =>
  db
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, "email"), sql`json_extract(${caseEvents.data}, '$.key') = ${key}`))
    .get();

/** Surveys a re-survey may send: published, neither closed nor archived. */
export const sendableSurveys = (db: Db, orgId: string) =>
  db
    .select({ id: surveys.id, title: surveys.title })
    .from(surveys)
    .where(and(eq(surveys.orgId, orgId), isNotNull(surveys.latestVersion), isNull(surveys.closedAt), isNull(surveys.archivedAt)))
    .orderBy(asc(surveys.title))
    .all();

export const latestVersionOf = (db: Db, orgId: string, surveyId: string) =>
  db
    .select({ versionId: surveyVersions.id, surveyId: surveys.id })
    .from(surveys)
    .innerJoin(surveyVersions, and(eq(surveyVersions.surveyId, surveys.id), eq(surveyVersions.version, surveys.latestVersion)))
    .where(and(eq(surveys.orgId, orgId), eq(surveys.id, surveyId), isNull(surveys.closedAt), isNull(surveys.archivedAt)))
    .get();

export const insertInteraction = (db: Db, row: typeof interactions.$inferInsert) => db.insert(interactions).values(row);

export const invitationStatus = (db: Db, id: string) => db.select({ status: invitations.status }).from(invitations).where(eq(invitations.id, id)).get();

/** Open and contacted cases past due that have not been escalated yet, across organisations. */
export const dueForEscalation = (db: Db, now: Date) =>
  selectCases(db)
    .where(and(inArray(cases.status, ["open", "contacted"]), lt(cases.dueAt, now), isNull(cases.escalatedAt)))
    .orderBy(asc(cases.orgId), asc(cases.dueAt))
    .limit(500)
    .all();

/** Marks escalated only if nobody did in between: the row count decides whether this run emails about it. */
export const markEscalated = (db: Db, id: string, at: Date) =>
  db
    .update(cases)
    .set({ escalatedAt: at })
    .where(and(eq(cases.id, id), isNull(cases.escalatedAt)))
    .returning({ id: cases.id })
    .all();

/** Cases opened in [fromAt, toAt) in a unit or channel, for the KPIs and the review pack. */
export const casesOpenedIn = (db: Db, q: { orgId: string; fromAt: Date; toAt: Date; unitId?: string | null; channel?: string | null }) =>
  db
    .select({ status: cases.status, trigger: cases.trigger, rootCause: cases.rootCause, dueAt: cases.dueAt, contactedAt: cases.contactedAt, closedAt: cases.closedAt, createdAt: cases.createdAt })
    .from(cases)
    .leftJoin(responses, eq(responses.id, cases.responseId))
    .where(
      and(
        eq(cases.orgId, q.orgId),
        gte(cases.createdAt, q.fromAt),
        lt(cases.createdAt, q.toAt),
        q.unitId ? eq(cases.unitId, q.unitId) : undefined,
        q.channel ? eq(responses.channel, q.channel) : undefined,
      ),
    )
    .all();

/** Resolved cases closed in [fromAt, toAt): how long they took. */
export const casesResolvedIn = (db: Db, q: { orgId: string; fromAt: Date; toAt: Date; unitId?: string | null; channel?: string | null }) =>
  db
    .select({ createdAt: cases.createdAt, closedAt: cases.closedAt })
    .from(cases)
    .leftJoin(responses, eq(responses.id, cases.responseId))
    .where(
      and(
        eq(cases.orgId, q.orgId),
        eq(cases.status, "resolved"),
        gte(cases.closedAt, q.fromAt),
        lt(cases.closedAt, q.toAt),
        q.unitId ? eq(cases.unitId, q.unitId) : undefined,
        q.channel ? eq(responses.channel, q.channel) : undefined,
      ),
    )
    .all();

export const overdueNow = (db: Db, q: { orgId: string; now: Date; unitId?: string | null; channel?: string | null }) =>
  db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(cases)
    .leftJoin(responses, eq(responses.id, cases.responseId))
    .where(
      and(
        eq(cases.orgId, q.orgId),
        inArray(cases.status, ["open", "contacted"]),
        lt(cases.dueAt, q.now),
        q.unitId ? eq(cases.unitId, q.unitId) : undefined,
        q.channel ? eq(responses.channel, q.channel) : undefined,
      ),
    )
    .get();
