// The rules pass's naive baseline: the same pass called once per interaction (its own suppression and contact
// history queries, its own write), as a per-row design would run it.
import { and, eq, like } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers, interactions } from "../../db/schema";
import { passContext, planDistribution, type PassInteraction } from "../../server/features/distribution/distribution.service";
import { unitOfWork, type OrgContext } from "../../server/lib/service-context";

/** The stored interactions whose externalId starts with `prefix`, as the pass sees them. */
export async function storedInteractions(db: Db, orgId: string, prefix: string): Promise<PassInteraction[]> {
  const rows = await db
    .select({ interaction: interactions, customerTimeZone: customers.timeZone, customerName: customers.name })
    .from(interactions)
    .innerJoin(customers, eq(customers.id, interactions.customerId))
    .where(and(eq(interactions.orgId, orgId), like(interactions.externalId, `${prefix}-%`)))
    .all();
  return rows.map(({ interaction: i, customerTimeZone, customerName }) => ({
    id: i.id,
    customerId: i.customerId!,
    email: i.customerEmail,
    name: customerName,
    occurredAt: i.occurredAt,
    type: i.type,
    channel: i.channel,
    unit: i.unit,
    unitId: i.unitId,
    attributes: i.attributes,
    customerTimeZone,
  }));
}

/** Plans each interaction on its own, in the order they happened; returns how many invitations it scheduled. */
export async function planOneByOne(ctx: OrgContext, items: PassInteraction[]) {
  const pass = await passContext(ctx);
  let scheduled = 0;
  for (const item of [...items].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    const work = unitOfWork(ctx);
    scheduled += await planDistribution(ctx, work, pass, [item]);
    await work.commit();
  }
  return scheduled;
}
