// Queries for interactions.
import { and, eq, getTableColumns, inArray } from "drizzle-orm";
import { chunk, rowsPerStatement } from "../../lib/chunk";
import type { Db } from "../../../db/client";
import { interactions } from "../../../db/schema";

export type NewInteraction = typeof interactions.$inferInsert;
const interactionColumns = Object.keys(getTableColumns(interactions)).length;

/** The externalIds among `externalIds` the organisation has already stored, asking at most `maxSqlParams` at a time. */
export async function findExternalIds(db: Db, orgId: string, externalIds: string[], maxSqlParams: number) {
  const found = new Set<string>();
  for (const part of chunk(externalIds, maxSqlParams - 1)) {
    const rows = await db
      .select({ externalId: interactions.externalId })
      .from(interactions)
      .where(and(eq(interactions.orgId, orgId), inArray(interactions.externalId, part)))
      .all();
    for (const row of rows) found.add(row.externalId);
  }
  return found;
}

/** Multi-row inserts, each within the driver's bound-parameter limit; an externalId already stored is skipped. */
export const insertInteractionsStatements = (db: Db, rows: NewInteraction[], maxSqlParams: number) =>
  chunk(rows, rowsPerStatement(maxSqlParams, interactionColumns)).map((part) =>
    db.insert(interactions).values(part).onConflictDoNothing({ target: [interactions.orgId, interactions.externalId] }),
  );
