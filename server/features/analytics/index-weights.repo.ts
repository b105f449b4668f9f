// Queries for the index weights' versions.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { indexWeights, users } from "../../../db/schema";

export const latestWeights = (db: Db, orgId: string) =>
  db.select().from(indexWeights).where(eq(indexWeights.orgId, orgId)).orderBy(desc(indexWeights.version)).limit(1).get();

export const allWeights = (db: Db, orgId: string) =>
  db
    .select({ version: indexWeights.version, weights: indexWeights.weights, createdAt: indexWeights.createdAt, createdByName: users.name, createdByEmail: users.email })
    .from(indexWeights)
    .leftJoin(users, and(eq(users.id, indexWeights.createdBy), eq(users.orgId, indexWeights.orgId)))
    .where(eq(indexWeights.orgId, orgId))
    .orderBy(desc(indexWeights.version))
    .all();

export const insertWeights = (db: Db, row: typeof indexWeights.$inferInsert) => db.insert(indexWeights).values(row).run();
