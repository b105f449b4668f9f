// Ingesting interactions from systems of record: idempotent on externalId, invitations planned in the same batch.
import { NotFound } from "../../errors";
import { isForeignKeyViolation, isUniqueViolation } from "../../lib/db-errors";
import { unitOfWork, type OrgContext } from "../../lib/service-context";
import { customerRecords } from "../customers/customers.service";
import { passContext, planDistribution, type PassInteraction } from "../distribution/distribution.service";
import type { ImportInput, InteractionInput, MappingView } from "./interactions.schemas";
import * as repo from "./interactions.repo";

/** Resolves names to the organisation's records, planning a new record for each name not stored yet (imports use it too). */
export async function namedRecords(ctx: OrgContext, kind: repo.NamedKind, names: (string | undefined)[]) {
  const { db, orgId, now, settings } = ctx;
  const wanted = [...new Set(names.filter((n): n is string => n !== undefined))];
  const ids = wanted.length ? await repo.findIdsByName(db, kind, orgId, wanted, settings.maxSqlParams) : new Map<string, string>();
  const created: repo.NamedRecord[] = [];
  return {
    idOf(name: string | undefined) {
      if (name === undefined) return null;
      let id = ids.get(name);
      if (!id) {
        id = crypto.randomUUID();
        ids.set(name, id);
        created.push({ id, orgId, name, createdAt: now });
      }
      return id;
    },
    statements: () => repo.insertNamedStatements(db, kind, created, settings.maxSqlParams),
  };
}

/** A dry run plans everything, then stores nothing: its counts are what the same batch would do now. */
export type IngestOptions = { dryRun?: boolean };

async function ingestOnce(ctx: OrgContext, items: InteractionInput[], options: IngestOptions) {
  const { db, orgId, now, settings } = ctx;
  const existing = await repo.findExternalIds(db, orgId, [...new Set(items.map((i) => i.externalId))], settings.maxSqlParams);
  const seen = new Set<string>();
  const freshItems = items.filter((item) => {
    if (existing.has(item.externalId) || seen.has(item.externalId)) return false;
    seen.add(item.externalId);
    return true;
  });
  const units = await namedRecords(ctx, "unit", freshItems.map((i) => i.unit));
  const agents = await namedRecords(ctx, "agent", freshItems.map((i) => i.agent));
  const customers = await customerRecords(ctx, freshItems.map((i) => ({ ...i.customer, attributes: i.attributes })));
  const fresh: repo.NewInteraction[] = [];
  const passItems: PassInteraction[] = [];
  for (const item of freshItems) {
    const customer = customers.of({ ...item.customer, attributes: item.attributes });
    const interaction = {
      id: crypto.randomUUID(),
      orgId,
      externalId: item.externalId,
      occurredAt: new Date(item.occurredAt),
      type: item.type,
      channel: item.channel,
      customerEmail: customer.email,
      customerName: item.customer.name ?? null,
      unit: item.unit ?? null,
      agent: item.agent ?? null,
      unitId: units.idOf(item.unit),
      agentId: agents.idOf(item.agent),
      customerId: customer.id,
      attributes: item.attributes ?? null,
      createdAt: now,
    };
    fresh.push(interaction);
    passItems.push({ ...interaction, email: customer.email, name: customer.name, customerTimeZone: customer.timeZone });
  }
  const work = unitOfWork(ctx).add(
    ...units.statements(),
    ...agents.statements(),
    ...customers.statements(),
    ...repo.insertInteractionsStatements(fresh, settings.maxSqlParams),
  );
  const invitations = await planDistribution(ctx, work, await passContext(ctx), passItems);
  if (!options.dryRun) await work.commit();
  return { accepted: fresh.length, duplicates: items.length - fresh.length, invitations };
}

export async function ingestInteractions(ctx: OrgContext, items: InteractionInput[], options: IngestOptions = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestOnce(ctx, items, options);
    } catch (err) {
      // A concurrent request stored some of the same externalIds, units or staff between our read and our
      // write (our invitation, or our interaction, then points at a row that was skipped): the batch rolled
      // back whole, and the next pass sees those rows as stored.
      if (attempt >= 3 || (!isUniqueViolation(err) && !isForeignKeyViolation(err))) throw err;
    }
  }
}

/**
 * A file of interactions, all or nothing: every row was checked before this is called, and the rows land in
 * one batch through the same pass as the API's, so a file sent twice stores nothing the second time.
 */
export async function importInteractions(ctx: OrgContext, input: ImportInput) {
  const dryRun = input.dryRun === true;
  return { ...(await ingestInteractions(ctx, input.interactions, { dryRun })), dryRun };
}

type Reader = Pick<OrgContext, "db" | "orgId">;

export async function getImportMapping(ctx: Reader): Promise<MappingView> {
  const row = await repo.findImportSettings(ctx.db, ctx.orgId);
  if (!row) throw new NotFound("No such organisation.");
  return { mapping: row.mapping ?? {}, timeZone: row.timeZone };
}

export async function saveImportMapping(ctx: Reader, mapping: Record<string, string>): Promise<MappingView> {
  await repo.updateImportMapping(ctx.db, ctx.orgId, mapping);
  return getImportMapping(ctx);
}

/**
 * A system of record reopens, cancels or closes an interaction. Reopening or cancelling cancels every invitation
 * and reminder of it not yet sent; closing it again schedules nothing anew (what was cancelled stays cancelled).
 */
export async function setInteractionStatus(ctx: Reader, externalId: string, status: "reopened" | "cancelled" | "closed") {
  const found = await repo.findInteractionByExternalId(ctx.db, ctx.orgId, externalId);
  if (!found) throw new NotFound("No interaction with that externalId in your organisation.");
  const cancelled = await repo.setStatusCancellingUnsent(ctx.db, ctx.orgId, found.id, status, status !== "closed");
  return { externalId, status, cancelled };
}
