// Queries for API keys.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { apiKeys } from "../../../db/schema";

export const insertApiKey = (db: Db, row: typeof apiKeys.$inferInsert) =>
  db.insert(apiKeys).values(row).returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt }).get();

export const listApiKeys = (db: Db, orgId: string) =>
  db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt))
    .all();
