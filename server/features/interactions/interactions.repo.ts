// Queries for interactions.
import { and, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { interactions } from "../../../db/schema";

export type NewInteraction = typeof interactions.$inferInsert;

export const findExternalIds = (db: Db, orgId: string, externalIds: string[]) =>
  db
    .select({ externalId: interactions.externalId })
    .from(interactions)
    .where(and(eq(interactions.orgId, orgId), inArray(interactions.externalId, externalIds)))
    .all();

export const insertInteractionsStatement = (db: Db, rows: NewInteraction[]) =>
  db.insert(interactions).values(rows).onConflictDoNothing({ target: [interactions.orgId, interactions.externalId] });

export const interactionColumns = Object.keys(getTableColumns(interactions)).length;
