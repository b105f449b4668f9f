// Ingesting interactions from systems of record: idempotent on externalId, invitations planned in the same batch.
import { invitationSchedule } from "../../domain/distribution";
import { isForeignKeyViolation, isUniqueViolation } from "../../lib/db-errors";
import { unitOfWork, type OrgContext } from "../../lib/service-context";
import { ruleMatcher } from "../distribution/distribution.service";
import { planInvitation, scheduleInvitations, type NewInvitation } from "../invitations/invitations.service";
import type { InteractionInput } from "./interactions.schemas";
import * as repo from "./interactions.repo";

async function ingestOnce(ctx: OrgContext, items: InteractionInput[]) {
  const { db, orgId, now, settings } = ctx;
  const existing = await repo.findExternalIds(db, orgId, [...new Set(items.map((i) => i.externalId))], settings.maxSqlParams);
  const matchRules = await ruleMatcher(ctx);
  const fresh: repo.NewInteraction[] = [];
  const planned: Promise<NewInvitation>[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (existing.has(item.externalId) || seen.has(item.externalId)) continue;
    seen.add(item.externalId);
    const interaction = {
      id: crypto.randomUUID(),
      orgId,
      externalId: item.externalId,
      occurredAt: new Date(item.occurredAt),
      type: item.type,
      channel: item.channel,
      customerEmail: item.customer.email,
      customerName: item.customer.name ?? null,
      unit: item.unit ?? null,
      agent: item.agent ?? null,
      createdAt: now,
    };
    fresh.push(interaction);
    for (const { rule, versionId } of matchRules(interaction)) {
      const schedule = invitationSchedule(rule, interaction.occurredAt, now);
      if (!schedule) continue;
      planned.push(
        planInvitation(ctx, {
          orgId,
          surveyId: rule.surveyId,
          surveyVersionId: versionId,
          interactionId: interaction.id,
          ruleId: rule.id,
          email: interaction.customerEmail,
          name: interaction.customerName,
          ...schedule,
          createdAt: now,
        }),
      );
    }
  }
  const invitations = await Promise.all(planned);
  const work = unitOfWork(ctx).add(...repo.insertInteractionsStatements(db, fresh, settings.maxSqlParams));
  scheduleInvitations(ctx, work, invitations);
  await work.commit();
  return { accepted: fresh.length, duplicates: items.length - fresh.length, invitations: invitations.length };
}

export async function ingestInteractions(ctx: OrgContext, items: InteractionInput[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestOnce(ctx, items);
    } catch (err) {
      // A concurrent request stored some of the same externalIds between our read and our write (our
      // invitation then points at an interaction that was skipped): the batch rolled back whole, and
      // the next pass sees those rows as duplicates.
      if (attempt >= 3 || (!isUniqueViolation(err) && !isForeignKeyViolation(err))) throw err;
    }
  }
}
