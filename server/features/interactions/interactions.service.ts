// Ingesting interactions from systems of record: idempotent on externalId, invitations planned in the same batch.
import { isForeignKeyViolation, isUniqueViolation } from "../../lib/db-errors";
import { unitOfWork, type OrgContext } from "../../lib/service-context";
import { customerRecords } from "../customers/customers.service";
import { passContext, planDistribution, type PassInteraction } from "../distribution/distribution.service";
import type { InteractionInput } from "./interactions.schemas";
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

async function ingestOnce(ctx: OrgContext, items: InteractionInput[]) {
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
  await work.commit();
  return { accepted: fresh.length, duplicates: items.length - fresh.length, invitations };
}

export async function ingestInteractions(ctx: OrgContext, items: InteractionInput[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestOnce(ctx, items);
    } catch (err) {
      // A concurrent request stored some of the same externalIds, units or staff between our read and our
      // write (our invitation, or our interaction, then points at a row that was skipped): the batch rolled
      // back whole, and the next pass sees those rows as stored.
      if (attempt >= 3 || (!isUniqueViolation(err) && !isForeignKeyViolation(err))) throw err;
    }
  }
}
