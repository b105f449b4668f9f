// Queries for interactions, and the units and staff they name.
import { and, eq, getTableColumns, inArray } from "drizzle-orm";
import { chunk, rowsPerStatement } from "../../lib/chunk";
import { insertStatements, type Db } from "../../../db/client";
import { agents, interactions, units } from "../../../db/schema";

export type NewInteraction = typeof interactions.$inferInsert;
export type NamedRecord = typeof units.$inferInsert;
const namedColumns = Object.keys(getTableColumns(units)).length;

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

/** Multi-row inserts as SQL text, each within the driver's bound-parameter limit; an externalId already stored is skipped. */
export const insertInteractionsStatements = (rows: NewInteraction[], maxSqlParams: number) =>
  insertStatements(interactions, rows, maxSqlParams).map((s) => ({ sql: `${s.sql} on conflict do nothing`, args: s.args }));

const namedTables = { unit: units, agent: agents };
export type NamedKind = keyof typeof namedTables;

/** Ids of the organisation's units (or staff) by name, for the names given. */
export async function findIdsByName(db: Db, kind: NamedKind, orgId: string, names: string[], maxSqlParams: number) {
  const table = namedTables[kind];
  const found = new Map<string, string>();
  for (const part of chunk(names, maxSqlParams - 1)) {
    const rows = await db
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(and(eq(table.orgId, orgId), inArray(table.name, part)))
      .all();
    for (const row of rows) found.set(row.name, row.id);
  }
  return found;
}

/**
 * A name another request stored first is skipped, so the interaction naming our id fails its foreign key and
 * the whole batch rolls back; the caller's retry then reads the other request's id.
 */
export const insertNamedStatements = (db: Db, kind: NamedKind, rows: NamedRecord[], maxSqlParams: number) => {
  const table = namedTables[kind];
  return chunk(rows, rowsPerStatement(maxSqlParams, namedColumns)).map((part) =>
    db.insert(table).values(part).onConflictDoNothing({ target: [table.orgId, table.name] }),
  );
};
