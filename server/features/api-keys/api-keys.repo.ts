// Queries for API keys.
import { and, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { apiKeys, users } from "../../../db/schema";
import { keyset, type PageRequest } from "../../lib/pagination";

export const insertApiKey = (db: Db, row: typeof apiKeys.$inferInsert) =>
  db.insert(apiKeys).values(row).returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt }).get();

const creators = alias(users, "creators");
const revokers = alias(users, "revokers");

// Each key with the people who created and revoked it.
const selectKeys = (db: Db) =>
  db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdByName: creators.name,
      createdByEmail: creators.email,
      revokedByName: revokers.name,
      revokedByEmail: revokers.email,
    })
    .from(apiKeys)
    .leftJoin(creators, eq(creators.id, apiKeys.createdBy))
    .leftJoin(revokers, eq(revokers.id, apiKeys.revokedBy));

export function listApiKeys(db: Db, orgId: string, page: PageRequest) {
  const k = keyset(apiKeys.createdAt, apiKeys.id, page.cursor);
  return selectKeys(db).where(and(eq(apiKeys.orgId, orgId), k.where)).orderBy(...k.orderBy).limit(page.limit + 1).all();
}

export const findApiKey = (db: Db, orgId: string, id: string) =>
  selectKeys(db).where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id))).get();

/** Revokes once: a second revocation keeps the first one's time and author. */
export const revokeApiKey = (db: Db, orgId: string, id: string, userId: string | null, now: Date) =>
  db
    .update(apiKeys)
    .set({ revokedAt: now, revokedBy: userId })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .run();
