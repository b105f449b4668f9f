// Customers: one record per organisation and normalised address, kept up to date by the interactions that name them.
import type { Attributes, SuppressionReason, customers } from "../../../db/schema";
import type { OrgContext, UnitOfWork } from "../../lib/service-context";
import * as repo from "./customers.repo";

type NewCustomer = typeof customers.$inferInsert;
/** What an interaction says about its customer; the address already trimmed and lower-cased. */
export type CustomerFacts = { email: string; name?: string; locale?: string; timezone?: string; attributes?: Attributes };

/**
 * The customers a batch names, by normalised address: known ones by their id, new ones planned. Each takes the
 * latest name, locale, zone and attributes the batch gives for it.
 */
export async function customerRecords(ctx: Pick<OrgContext, "db" | "orgId" | "now" | "settings">, items: CustomerFacts[]) {
  const { db, orgId, now, settings } = ctx;
  const emails = [...new Set(items.map((i) => i.email))];
  const known = new Map((emails.length ? await repo.findCustomersByEmail(db, orgId, emails, settings.maxSqlParams) : []).map((c) => [c.email, c]));
  const touched = new Map<string, NewCustomer>();
  return {
    of(item: CustomerFacts) {
      const email = item.email;
      const before = touched.get(email) ?? known.get(email);
      const row: NewCustomer = {
        id: before?.id ?? crypto.randomUUID(),
        orgId,
        email,
        name: item.name ?? before?.name ?? null,
        locale: item.locale ?? before?.locale ?? null,
        timeZone: item.timezone ?? before?.timeZone ?? null,
        attributes: item.attributes ? { ...(before?.attributes ?? {}), ...item.attributes } : (before?.attributes ?? null),
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
      };
      touched.set(email, row);
      return { id: row.id!, email, name: row.name ?? null, timeZone: row.timeZone ?? null };
    },
    statements: () => repo.upsertCustomersStatements([...touched.values()], settings.maxSqlParams),
  };
}

/** The customers among these with an active suppression. */
export const suppressedAmong = (ctx: Pick<OrgContext, "db" | "settings">, customerIds: string[]) =>
  repo.findSuppressedCustomers(ctx.db, customerIds, ctx.settings.maxSqlParams);

export type Suppression = {
  orgId: string;
  customerId: string;
  reason: SuppressionReason;
  /** The provider's words for a bounce or complaint, or an admin's note. */
  detail?: string | null;
  /** The email that led to it: the one unsubscribed from, bounced or complained about. */
  invitationId?: string | null;
  at: Date;
};

/**
 * Stops all email to a customer, in the caller's unit of work: an active suppression (kept as it was if there is
 * one already, so repeating this changes nothing) and every unsent email of theirs cancelled with it.
 */
export function suppressCustomer(work: UnitOfWork, s: Suppression) {
  work.add(
    repo.insertSuppressionStatement(work.db, {
      orgId: s.orgId,
      customerId: s.customerId,
      reason: s.reason,
      detail: s.detail ?? null,
      invitationId: s.invitationId ?? null,
      createdAt: s.at,
    }),
    repo.cancelUnsentStatement(work.db, s.orgId, s.customerId, s.reason === "unsubscribed" ? "unsubscribed" : "suppressed"),
  );
}

/** The organisation's customer record for an address, made if there is none yet; any spelling finds the same one. */
export const customerIdFor = (ctx: Pick<OrgContext, "db" | "orgId" | "now">, email: string) =>
  repo.findOrCreateCustomer(ctx.db, ctx.orgId, email.trim().toLowerCase(), ctx.now);
