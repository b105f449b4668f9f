// Queries for users, sessions and API keys; writes that belong to a larger change return their statement.
import { and, eq, gt, isNull, lte, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { apiKeys, sessions, users } from "../../../db/schema";

export const findUserByEmail = (db: Db, email: string) =>
  db.select().from(users).where(eq(users.email, email)).get();

export const insertSession = (db: Db, row: typeof sessions.$inferInsert) => db.insert(sessions).values(row);

export const deleteSessionByHash = (db: Db, tokenHash: string) =>
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();

// A deactivated person, or one who has not yet set a password, holds no session even if a row survives.
export const findSessionUser = (db: Db, tokenHash: string, now: Date) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, orgId: users.orgId, agentId: users.agentId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.deactivatedAt), ne(users.passwordHash, "")))
    .get();

export const findActiveApiKey = (db: Db, keyHash: string) =>
  db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get();

export const touchApiKey = (db: Db, id: string, now: Date) => db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id)).run();

export const deleteSessionsOfUser = (db: Db, userId: string, exceptTokenHash?: string) =>
  db.delete(sessions).where(and(eq(sessions.userId, userId), exceptTokenHash ? ne(sessions.tokenHash, exceptTokenHash) : undefined));

export const deleteExpiredSessions = (db: Db, userId: string, now: Date) =>
  db.delete(sessions).where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, now)));
