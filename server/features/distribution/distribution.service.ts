// Distribution rules: which interactions trigger which survey and when, and the pass that decides a batch.
import { decideBatch, type Candidate, type Rule } from "../../domain/distribution";
import type { Attributes } from "../../../db/schema";
import { toPage, type PageRequest } from "../../lib/pagination";
import type { OrgContext, UnitOfWork } from "../../lib/service-context";
import { suppressedAmong } from "../customers/customers.service";
import { planInvitation, reminderRow, scheduleInvitations, type NewInvitation } from "../invitations/invitations.service";
import { getSurvey } from "../surveys/surveys.service";
import type { RuleView } from "./distribution.schemas";
import * as repo from "./distribution.repo";

export type { RuleView };
type Reader = Pick<OrgContext, "db" | "orgId">;

export const ruleOf = (r: repo.RuleRow): Rule => ({
  id: r.id,
  surveyId: r.surveyId,
  match: { types: r.matchTypes, channels: r.matchChannels, units: r.matchUnits, attributes: r.matchAttributes },
  delayMinutes: r.delayMinutes,
  expiresAfterDays: r.expiresAfterDays,
  samplePercent: r.samplePercent,
  reminderDays: r.reminderDays ?? [],
  contactGapDays: r.contactGapDays,
});


function toView(r: repo.RuleRow): RuleView {
  return {
    id: r.id,
    surveyId: r.surveyId,
    match: { types: r.matchTypes ?? undefined, channels: r.matchChannels ?? undefined },
    delayMinutes: r.delayMinutes,
    expiresAfterDays: r.expiresAfterDays,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function addRule(
  ctx: Pick<OrgContext, "db" | "orgId" | "now">,
  surveyId: string,
  input: { match: { types?: string[]; channels?: string[] }; delayMinutes: number; expiresAfterDays: number },
) {
  await getSurvey(ctx, surveyId);
  const row = await repo.insertRule(ctx.db, {
    orgId: ctx.orgId,
    surveyId,
    matchTypes: input.match.types?.length ? input.match.types : null,
    matchChannels: input.match.channels?.length ? input.match.channels : null,
    delayMinutes: input.delayMinutes,
    expiresAfterDays: input.expiresAfterDays,
    createdAt: ctx.now,
  });
  return toView(row);
}

export async function listRules(ctx: Reader, surveyId: string, page: PageRequest) {
  await getSurvey(ctx, surveyId);
  const rows = await repo.listRulesForSurvey(ctx.db, ctx.orgId, surveyId, page);
  return toPage(rows, page.limit, (r) => ({ at: r.createdAt.getTime(), id: r.id }), toView);
}

/** One stored interaction as the pass sees it: its customer, unit and facts. */
export type PassInteraction = {
  id: string;
  customerId: string;
  email: string;
  name: string | null;
  occurredAt: Date;
  type: string;
  channel: string;
  unit: string | null;
  unitId: string | null;
  attributes: Attributes | null;
  customerTimeZone: string | null;
};

const DAY_MS = 86_400_000;

/** What the pass reads once per request: the live rules, the contact rules and the zones quiet hours fall back on. */
export async function passContext(ctx: Reader) {
  const [live, settings, unitZones] = await Promise.all([repo.listLiveRules(ctx.db, ctx.orgId), repo.findContactSettings(ctx.db, ctx.orgId), repo.findUnitZones(ctx.db, ctx.orgId)]);
  if (!settings) throw new Error(`Organisation ${ctx.orgId} is missing.`);
  return {
    rules: live.map((l) => ({ rule: ruleOf(l.rule), versionId: l.versionId })),
    timeZone: settings.timeZone,
    contact: {
      gapDays: settings.contactGapDays,
      quiet: settings.quietStartMinute === null || settings.quietEndMinute === null ? null : { startMinute: settings.quietStartMinute, endMinute: settings.quietEndMinute },
    },
    unitZones: new Map(unitZones.map((u) => [u.id, u.timeZone!])),
  };
}
export type PassContext = Awaited<ReturnType<typeof passContext>>;

/** Each interaction with the zone its quiet hours are kept in, and whether its customer is suppressed. */
export function candidatesOf(pass: PassContext, items: PassInteraction[], suppressed: Set<string>): Candidate[] {
  return items.map((i) => ({
    interactionId: i.id,
    customerKey: i.customerId,
    facts: { type: i.type, channel: i.channel, unit: i.unit, attributes: i.attributes, occurredAt: i.occurredAt },
    timeZone: i.customerTimeZone ?? (i.unitId ? pass.unitZones.get(i.unitId) : undefined) ?? pass.timeZone,
    suppressed: suppressed.has(i.customerId),
  }));
}

/** Per customer, the send times of surveys that can still conflict with one scheduled from now on. */
export async function contactHistory(ctx: Pick<OrgContext, "db" | "now" | "settings">, pass: PassContext, customerIds: string[]) {
  const widest = Math.max(pass.contact.gapDays, ...pass.rules.map((r) => r.rule.contactGapDays ?? 0));
  const history = new Map<string, Date[]>();
  if (widest <= 0 || customerIds.length === 0) return history;
  for (const row of await repo.findContactHistory(ctx.db, customerIds, new Date(ctx.now.getTime() - widest * DAY_MS), ctx.settings.maxSqlParams)) {
    if (!row.customerId) continue;
    const list = history.get(row.customerId);
    if (list) list.push(row.sendAt);
    else history.set(row.customerId, [row.sendAt]);
  }
  return history;
}

/**
 * The distribution pass for freshly stored interactions: one decision per live rule that matches, the invitations
 * and reminders it schedules, all added to the caller's unit of work. Returns how many invitations it scheduled.
 */
export async function planDistribution(ctx: OrgContext, work: UnitOfWork, pass: PassContext, items: PassInteraction[]) {
  if (pass.rules.length === 0 || items.length === 0) return 0;
  const { orgId, now, settings } = ctx;
  const customerIds = [...new Set(items.map((i) => i.customerId))];
  const [suppressed, history] = await Promise.all([suppressedAmong(ctx, customerIds), contactHistory(ctx, pass, customerIds)]);
  const decisions = decideBatch(
    pass.rules.map((r) => r.rule),
    candidatesOf(pass, items, suppressed),
    history,
    pass.contact,
    now,
  );
  const byId = new Map(items.map((i) => [i.id, i]));
  const versions = new Map(pass.rules.map((r) => [r.rule.id, r.versionId]));
  const planned: Promise<NewInvitation[]>[] = [];
  for (const d of decisions) {
    if (!d.schedule) continue;
    const item = byId.get(d.interactionId)!;
    const { sendAt, expiresAt, reminders } = d.schedule;
    planned.push(
      planInvitation(ctx, {
        orgId,
        surveyId: d.surveyId,
        surveyVersionId: versions.get(d.ruleId)!,
        interactionId: item.id,
        ruleId: d.ruleId,
        customerId: item.customerId,
        email: item.email,
        name: item.name,
        sendAt,
        expiresAt,
        createdAt: now,
      }).then((invitation) => [invitation, ...reminders.map((at, i) => reminderRow(invitation, i + 1, at))]),
    );
  }
  const invitations = (await Promise.all(planned)).flat();
  scheduleInvitations(work, invitations);
  work.add(
    ...repo.insertDecisionsStatements(
      decisions.map((d) => {
        const item = byId.get(d.interactionId)!;
        return { ruleId: d.ruleId, interactionId: d.interactionId, orgId, surveyId: d.surveyId, unitId: item.unitId, occurredAt: item.occurredAt, outcome: d.outcome, decidedAt: now };
      }),
      settings.maxSqlParams,
    ),
  );
  return planned.length;
}
