// Queries for one-time links (user_tokens) and the passwords they set; writes that belong to a larger change return their statements.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations, userTokens, users } from "../../../db/schema";

type Purpose = (typeof userTokens.$inferSelect)["purpose"];

/** A new link, after every older unused link of the same purpose stops working. */
export const replaceLinkStatements = (db: Db, row: typeof userTokens.$inferInsert & { id: string }, now: Date) =>
  [
    db
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, row.userId), eq(userTokens.purpose, row.purpose), isNull(userTokens.usedAt))),
    db.insert(userTokens).values(row),
  ] as const;

export const retireLinks = (db: Db, userId: string, now: Date) =>
  db.update(userTokens).set({ usedAt: now }).where(and(eq(userTokens.userId, userId), isNull(userTokens.usedAt)));

export const findLink = (db: Db, tokenHash: string) =>
  db
    .select({
      id: userTokens.id,
      purpose: userTokens.purpose,
      expiresAt: userTokens.expiresAt,
      usedAt: userTokens.usedAt,
      user: { id: users.id, email: users.email, name: users.name, role: users.role, orgId: users.orgId, agentId: users.agentId, deactivatedAt: users.deactivatedAt },
      organisation: organisations.name,
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(userTokens.tokenHash, tokenHash))
    .get();

/** Marks a link used only if nobody has yet and it has not expired; an empty result means someone else won. */
export const consumeLink = (db: Db, id: string, purpose: Purpose, now: Date) =>
  db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.id, id), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
    .returning({ id: userTokens.id })
    .all();

export const setPassword = (db: Db, userId: string, passwordHash: string, name?: string | null) =>
  db
    .update(users)
    .set({ passwordHash, ...(name !== undefined && name !== null && { name }) })
    .where(eq(users.id, userId));

export const findUserForReset = (db: Db, email: string) =>
  db
    .select({ id: users.id, orgId: users.orgId, email: users.email, name: users.name, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt, organisation: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.email, email))
    .get();

export const findPasswordHash = (db: Db, userId: string) =>
  db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
