// Ingesting interactions from systems of record: idempotent on externalId, invitations planned in the same batch.
import { runBatch, type Db } from "../../../db/client";
import type { AppSettings } from "../../config";
import { invitationSchedule } from "../../domain/distribution";
import { chunk, rowsPerStatement } from "../../lib/chunk";
import { isForeignKeyViolation, isUniqueViolation } from "../../lib/db-errors";
import { ruleMatcher } from "../distribution/distribution.service";
import { insertInvitationsStatement, invitationColumns, newInvitation } from "../invitations/invitations.service";
import type { InteractionInput } from "./interactions.schemas";
import * as repo from "./interactions.repo";

type Settings = Pick<AppSettings, "appSecret" | "maxSqlParams">;

async function ingestOnce(db: Db, settings: Settings, orgId: string, items: InteractionInput[], now: Date) {
  const ids = [...new Set(items.map((i) => i.externalId))];
  const existing = new Set<string>();
  for (const part of chunk(ids, settings.maxSqlParams - 1)) {
    for (const row of await repo.findExternalIds(db, orgId, part)) existing.add(row.externalId);
  }
  const matchRules = await ruleMatcher(db, orgId);
  const fresh: repo.NewInteraction[] = [];
  const planned = [];
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
        newInvitation(settings.appSecret, {
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
  await runBatch(db, [
    ...chunk(fresh, rowsPerStatement(settings.maxSqlParams, repo.interactionColumns)).map((rows) => repo.insertInteractionsStatement(db, rows)),
    ...chunk(invitations, rowsPerStatement(settings.maxSqlParams, invitationColumns)).map((rows) => insertInvitationsStatement(db, rows)),
  ]);
  return { accepted: fresh.length, duplicates: items.length - fresh.length, invitations: invitations.length };
}

export async function ingestInteractions(db: Db, settings: Settings, orgId: string, items: InteractionInput[], now: Date) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestOnce(db, settings, orgId, items, now);
    } catch (err) {
      // A concurrent request stored some of the same externalIds between our read and our write (our
      // invitation then points at an interaction that was skipped): the batch rolled back whole, and
      // the next pass sees those rows as duplicates.
      if (attempt >= 3 || (!isUniqueViolation(err) && !isForeignKeyViolation(err))) throw err;
    }
  }
}
