// Queries for review packs, their comments and action items, and the answers recorded after a pack was frozen.
import { and, asc, desc, eq, gt, gte, inArray, lt, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { actionItems, invitations, organisations, packComments, responses, reviewPacks, units, users } from "../../../db/schema";
import { keyset, type PageRequest } from "../../lib/pagination";

const creator = alias(users, "creator");

const packColumns = {
  id: reviewPacks.id,
  title: reviewPacks.title,
  period: reviewPacks.period,
  fromDay: reviewPacks.fromDay,
  toDay: reviewPacks.toDay,
  unitId: reviewPacks.unitId,
  channel: reviewPacks.channel,
  status: reviewPacks.status,
  snapshot: reviewPacks.snapshot,
  frozenAt: reviewPacks.frozenAt,
  summary: reviewPacks.summary,
  closedAt: reviewPacks.closedAt,
  createdAt: reviewPacks.createdAt,
  creatorId: creator.id,
  creatorName: creator.name,
  creatorEmail: creator.email,
};

const selectPacks = (db: Db) => db.select(packColumns).from(reviewPacks).leftJoin(creator, and(eq(creator.id, reviewPacks.createdBy), eq(creator.orgId, reviewPacks.orgId)));
export type PackRow = Awaited<ReturnType<typeof findPack>> & {};

export const findPack = (db: Db, orgId: string, id: string) =>
  selectPacks(db)
    .where(and(eq(reviewPacks.orgId, orgId), eq(reviewPacks.id, id)))
    .get();

/** Newest period first, then newest made. */
export const listPacks = (db: Db, orgId: string, limit: number, cursor: PageRequest["cursor"]) => {
  const page = keyset(reviewPacks.createdAt, reviewPacks.id, cursor);
  return selectPacks(db)
    .where(and(eq(reviewPacks.orgId, orgId), page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1)
    .all();
};

export const insertPack = (db: Db, row: typeof reviewPacks.$inferInsert) => db.insert(reviewPacks).values(row);

export const updatePack = (db: Db, orgId: string, id: string, set: Partial<typeof reviewPacks.$inferInsert>) =>
  db.update(reviewPacks).set(set).where(and(eq(reviewPacks.orgId, orgId), eq(reviewPacks.id, id)));

export const findOrganisation = (db: Db, orgId: string) =>
  db.select({ name: organisations.name, timeZone: organisations.timeZone, reviewPeriod: organisations.reviewPeriod }).from(organisations).where(eq(organisations.id, orgId)).get();

export const findUnit = (db: Db, orgId: string, id: string) => db.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.orgId, orgId), eq(units.id, id))).get();

export const listComments = (db: Db, orgId: string, packId: string) =>
  db
    .select({ id: packComments.id, body: packComments.body, createdAt: packComments.createdAt, authorId: users.id, authorName: users.name, authorEmail: users.email })
    .from(packComments)
    .leftJoin(users, and(eq(users.id, packComments.authorId), eq(users.orgId, packComments.orgId)))
    .where(and(eq(packComments.orgId, orgId), eq(packComments.packId, packId)))
    .orderBy(asc(packComments.createdAt), asc(packComments.id))
    .all();

export const insertComment = (db: Db, row: typeof packComments.$inferInsert) => db.insert(packComments).values(row);

const owner = alias(users, "owner");
const selectActions = (db: Db) =>
  db
    .select({
      id: actionItems.id,
      packId: actionItems.packId,
      packTitle: reviewPacks.title,
      title: actionItems.title,
      ownerId: owner.id,
      ownerName: owner.name,
      ownerEmail: owner.email,
      dueOn: actionItems.dueOn,
      status: actionItems.status,
      doneAt: actionItems.doneAt,
      createdAt: actionItems.createdAt,
    })
    .from(actionItems)
    .innerJoin(reviewPacks, eq(reviewPacks.id, actionItems.packId))
    .leftJoin(owner, and(eq(owner.id, actionItems.ownerId), eq(owner.orgId, actionItems.orgId)));
export type ActionRow = Awaited<ReturnType<typeof findAction>> & {};

export const findAction = (db: Db, orgId: string, id: string) =>
  selectActions(db)
    .where(and(eq(actionItems.orgId, orgId), eq(actionItems.id, id)))
    .get();

export const actionsOfPack = (db: Db, orgId: string, packId: string) =>
  selectActions(db)
    .where(and(eq(actionItems.orgId, orgId), eq(actionItems.packId, packId)))
    .orderBy(asc(actionItems.createdAt), asc(actionItems.id))
    .all();

export const actionsByIds = (db: Db, orgId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : selectActions(db)
        .where(and(eq(actionItems.orgId, orgId), inArray(actionItems.id, ids)))
        .orderBy(asc(actionItems.createdAt), asc(actionItems.id))
        .all();

/** Open actions raised in other packs: what a new pack carries over. */
export const openActionIds = (db: Db, orgId: string) =>
  db.select({ id: actionItems.id }).from(actionItems).where(and(eq(actionItems.orgId, orgId), eq(actionItems.status, "open"))).orderBy(asc(actionItems.createdAt)).all();

/** Open actions of any pack, for the weekly digest and the reviewer's list. */
export const openActions = (db: Db, orgId: string) =>
  selectActions(db)
    .where(and(eq(actionItems.orgId, orgId), eq(actionItems.status, "open")))
    .orderBy(asc(actionItems.dueOn), asc(actionItems.createdAt))
    .all();

export const insertAction = (db: Db, row: typeof actionItems.$inferInsert) => db.insert(actionItems).values(row);

export const updateAction = (db: Db, orgId: string, id: string, set: Partial<typeof actionItems.$inferInsert>) =>
  db.update(actionItems).set(set).where(and(eq(actionItems.orgId, orgId), eq(actionItems.id, id)));

/** People who may own an action: active staff of the organisation who can sign in, agents included. */
export const possibleOwners = (db: Db, orgId: string) =>
  db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`${users.deactivatedAt} is null`, ne(users.passwordHash, "")))
    .orderBy(asc(users.name), asc(users.email))
    .all();

/**
 * Answers recorded after `frozenAt` that belong in the pack's figures: answered within its period (an import
 * keeps the customer's own time) or answering an invitation sent within it, in its unit and channel.
 */
export async function countLateAnswers(db: Db, q: { orgId: string; fromAt: Date; toAt: Date; frozenAt: Date; unitId: string | null; channel: string | null }) {
  const row = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(responses)
    .leftJoin(invitations, eq(invitations.id, responses.invitationId))
    .where(
      and(
        eq(responses.orgId, q.orgId),
        q.unitId ? eq(responses.unitId, q.unitId) : undefined,
        q.channel ? eq(responses.channel, q.channel) : undefined,
        or(gt(responses.createdAt, q.frozenAt), gt(responses.importedAt, q.frozenAt)),
        or(and(gte(responses.createdAt, q.fromAt), lt(responses.createdAt, q.toAt)), and(gte(invitations.sentAt, q.fromAt), lt(invitations.sentAt, q.toAt))),
      ),
    )
    .get();
  return row?.n ?? 0;
}

export const newestPackOf = (db: Db, orgId: string, fromDay: string) =>
  db
    .select({ id: reviewPacks.id, status: reviewPacks.status, title: reviewPacks.title })
    .from(reviewPacks)
    .where(and(eq(reviewPacks.orgId, orgId), eq(reviewPacks.fromDay, fromDay)))
    .orderBy(desc(reviewPacks.createdAt))
    .get();
