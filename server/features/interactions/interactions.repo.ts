// Queries for interactions, and the units and staff they name.
import { and, eq, getTableColumns, inArray, isNull } from "drizzle-orm";
import { chunk, rowsPerStatement } from "../../lib/chunk";
import { insertStatements, type Db } from "../../../db/client";
import { agents, interactions, invitations, organisations, units, type InteractionStatus } from "../../../db/schema";

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

/** The organisation's time zone and the column mapping its last interactions file was read with. */
export const findImportSettings = (db: Db, orgId: string) =>
  db
    .select({ timeZone: organisations.timeZone, mapping: organisations.interactionImportMapping })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .get();

export const updateImportMapping = (db: Db, orgId: string, mapping: Record<string, string>) =>
  db.update(organisations).set({ interactionImportMapping: mapping }).where(eq(organisations.id, orgId)).run();

export const findInteractionByExternalId = (db: Db, orgId: string, externalId: string) =>
  db
    .select({ id: interactions.id, status: interactions.status })
    .from(interactions)
    .where(and(eq(interactions.orgId, orgId), eq(interactions.externalId, externalId)))
    .get();

/**
 * Sets the interaction's status and, when asked, cancels its outbox rows not yet handed to the provider (the
 * invitation and its reminders), in one batch. Returns how many rows it cancelled. A row the dispatcher has
 * claimed but not handed over is cancelled too: the dispatcher re-checks its rows before it hands them over.
 */
export async function setStatusCancellingUnsent(db: Db, orgId: string, interactionId: string, status: InteractionStatus, cancelUnsent: boolean) {
  const update = db.update(interactions).set({ status }).where(and(eq(interactions.orgId, orgId), eq(interactions.id, interactionId)));
  if (!cancelUnsent) {
    await update.run();
    return 0;
  }
  const [, cancelled] = await db.batch([
    update,
    db
      .update(invitations)
      .set({ status: "cancelled", cancelReason: "interaction" })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.interactionId, interactionId), eq(invitations.status, "pending"), isNull(invitations.handedAt)))
      .returning({ id: invitations.id }),
  ]);
  return cancelled.length;
}
