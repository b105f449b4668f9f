// Queries for customers and their suppressions.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { insertStatements, type Db } from "../../../db/client";
import { chunk } from "../../lib/chunk";
import { customers, invitations, suppressions, type CancelReason } from "../../../db/schema";

export type CustomerRow = typeof customers.$inferSelect;

export async function findCustomersByEmail(db: Db, orgId: string, emails: string[], maxSqlParams: number) {
  const out: CustomerRow[] = [];
  for (const part of chunk(emails, maxSqlParams - 1)) {
    out.push(...(await db.select().from(customers).where(and(eq(customers.orgId, orgId), inArray(customers.email, part))).all()));
  }
  return out;
}

export async function findSuppressedCustomers(db: Db, customerIds: string[], maxSqlParams: number) {
  const out = new Set<string>();
  for (const part of chunk(customerIds, maxSqlParams)) {
    const rows = await db.select({ id: suppressions.customerId }).from(suppressions).where(and(inArray(suppressions.customerId, part), isNull(suppressions.liftedAt))).all();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/**
 * New customers are inserted; known ones take the latest name, locale, zone and attributes an interaction gave.
 * A customer another request inserted first keeps its id, so our interaction's reference fails and the batch
 * retries (see ingestInteractions).
 */
export function upsertCustomersStatements(rows: (typeof customers.$inferInsert)[], maxSqlParams: number) {
  return insertStatements(customers, rows, maxSqlParams).map((s) => ({
    sql: `${s.sql} on conflict (org_id, email) do update set name = coalesce(excluded.name, name), locale = coalesce(excluded.locale, locale), time_zone = coalesce(excluded.time_zone, time_zone), attributes = coalesce(excluded.attributes, attributes), updated_at = excluded.updated_at where excluded.id = customers.id`,
    args: s.args,
  }));
}

/** The customer's id for an address, the record created first when the organisation has none. */
export async function findOrCreateCustomer(db: Db, orgId: string, email: string, now: Date): Promise<string> {
  await db.insert(customers).values({ orgId, email, createdAt: now, updatedAt: now }).onConflictDoNothing().run();
  const row = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.orgId, orgId), eq(customers.email, email))).get();
  if (!row) throw new Error(`The customer record for an address of organisation ${orgId} vanished after being written.`);
  return row.id;
}

/** A new active suppression; one the customer already has stays as it was (at most one is active, by index). */
export const insertSuppressionStatement = (db: Db, row: typeof suppressions.$inferInsert) => db.insert(suppressions).values(row).onConflictDoNothing();

/** Cancels every email to the customer not yet handed to the provider: invitations and reminders of every survey. */
export const cancelUnsentStatement = (db: Db, orgId: string, customerId: string, reason: Extract<CancelReason, "unsubscribed" | "suppressed">) =>
  db
    .update(invitations)
    .set({ status: "cancelled", cancelReason: reason })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.customerId, customerId), eq(invitations.status, "pending"), isNull(invitations.handedAt)));
