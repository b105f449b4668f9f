// Distribution rules: which interactions trigger which survey and when, a dry run of one over the last 30 days,
// and the pass that decides a batch.
import { decideBatch, matchFailure, type Candidate, type Rule } from "../../domain/distribution";
import { Invalid, NotFound } from "../../errors";
import { describeProblems } from "../../lib/describe-problems";
import type { Attributes } from "../../../db/schema";
import { toPage, type PageRequest } from "../../lib/pagination";
import type { OrgContext, UnitOfWork } from "../../lib/service-context";
import { suppressedAmong } from "../customers/customers.service";
import { planInvitation, reminderRow, scheduleInvitations, type NewInvitation } from "../invitations/invitations.service";
import { getSurvey } from "../surveys/surveys.service";
import { dryRunReasons, reminderProblems, type DryRunReason, type RuleChanges, type RuleInput, type RuleView } from "./distribution.schemas";
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
    match: { types: r.matchTypes ?? [], channels: r.matchChannels ?? [], units: r.matchUnits ?? [], attributes: r.matchAttributes ?? [] },
    delayMinutes: r.delayMinutes,
    expiresAfterDays: r.expiresAfterDays,
    samplePercent: r.samplePercent,
    reminderDays: r.reminderDays ?? [],
    contactGapDays: r.contactGapDays,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt?.toISOString() ?? null,
  };
}

const orNull = <T>(list: T[] | undefined) => (list?.length ? list : null);

/** The stored columns of a rule's match; an empty list matches everything, so it is kept as null. */
const matchColumns = (match: RuleInput["match"]) => ({
  matchTypes: orNull(match.types),
  matchChannels: orNull(match.channels),
  matchUnits: orNull(match.units),
  matchAttributes: orNull(match.attributes),
});

export async function addRule(ctx: Pick<OrgContext, "db" | "orgId" | "now">, surveyId: string, input: RuleInput) {
  await getSurvey(ctx, surveyId);
  const row = await repo.insertRule(ctx.db, {
    orgId: ctx.orgId,
    surveyId,
    ...matchColumns(input.match),
    delayMinutes: input.delayMinutes,
    expiresAfterDays: input.expiresAfterDays,
    samplePercent: input.samplePercent,
    reminderDays: input.reminderDays,
    contactGapDays: input.contactGapDays,
    active: input.active,
    createdAt: ctx.now,
  });
  return toView(row);
}

export async function listRules(ctx: Reader, surveyId: string, page: PageRequest) {
  await getSurvey(ctx, surveyId);
  const rows = await repo.listRulesForSurvey(ctx.db, ctx.orgId, surveyId, page);
  return toPage(rows, page.limit, (r) => ({ at: r.createdAt.getTime(), id: r.id }), toView);
}

const NO_RULE = "No rule with that id on this survey.";

async function getRule(ctx: Reader, surveyId: string, ruleId: string) {
  await getSurvey(ctx, surveyId);
  const rule = await repo.findRule(ctx.db, ctx.orgId, surveyId, ruleId);
  if (!rule) throw new NotFound(NO_RULE);
  return rule;
}

/**
 * Changes a rule, or pauses (active false) or resumes it. Invitations already scheduled keep the rule as it was
 * when their interaction arrived: the pass reads rules only then.
 */
export async function changeRule(ctx: Pick<OrgContext, "db" | "orgId" | "now">, surveyId: string, ruleId: string, changes: RuleChanges) {
  const rule = await getRule(ctx, surveyId, ruleId);
  const reminders = changes.reminderDays ?? rule.reminderDays ?? [];
  const problems = reminderProblems(reminders, changes.expiresAfterDays ?? rule.expiresAfterDays);
  if (problems.length) throw new Invalid(describeProblems(problems), problems);
  const updated = await repo.updateRule(ctx.db, ctx.orgId, rule.id, {
    ...(changes.match && matchColumns(changes.match)),
    ...(changes.delayMinutes !== undefined && { delayMinutes: changes.delayMinutes }),
    ...(changes.expiresAfterDays !== undefined && { expiresAfterDays: changes.expiresAfterDays }),
    ...(changes.samplePercent !== undefined && { samplePercent: changes.samplePercent }),
    ...(changes.reminderDays !== undefined && { reminderDays: changes.reminderDays }),
    ...(changes.contactGapDays !== undefined && { contactGapDays: changes.contactGapDays }),
    ...(changes.active !== undefined && { active: changes.active }),
    updatedAt: ctx.now,
  });
  if (!updated) throw new NotFound(NO_RULE);
  return toView(updated);
}

/** Deletes a rule: it decides nothing more, and its row stays for the invitations and funnel figures it made. */
export async function deleteRule(ctx: Pick<OrgContext, "db" | "orgId" | "now">, surveyId: string, ruleId: string) {
  const rule = await getRule(ctx, surveyId, ruleId);
  if (!(await repo.updateRule(ctx.db, ctx.orgId, rule.id, { deletedAt: ctx.now, updatedAt: ctx.now }))) throw new NotFound(NO_RULE);
}

const SEEN_LIMIT = 100;

/** What the organisation's interactions have used, most used first, for the rule form's pickers. */
export async function seenValues(ctx: Reader) {
  const { rows, unitNames } = await repo.findSeenValues(ctx.db, ctx.orgId);
  const of = (kind: string) =>
    rows
      .filter((r) => r.kind === kind && r.value !== null)
      .map((r) => ({ value: String(r.value), count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, SEEN_LIMIT);
  const unitCounts = new Map(of("unit").map((u) => [u.value, u.count]));
  const units = [...new Set([...unitNames, ...unitCounts.keys()])].map((value) => ({ value, count: unitCounts.get(value) ?? 0 }));
  return {
    scanned: Number(rows.find((r) => r.kind === "scanned")?.n ?? 0),
    types: of("type"),
    channels: of("channel"),
    units: units.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    attributeKeys: of("key"),
  };
}

export const DRY_RUN_DAYS = 30;
const DRY_RUN_PAGE = 1000;
const EXAMPLES = 3;

/**
 * How many of the last 30 days' interactions a rule would have surveyed, and why the others were not. Each is
 * decided as of when it happened, against the customers' real surveys and suppressions and this organisation's
 * contact rules; interactions are read a page at a time and each page decided at once.
 */
export async function dryRunRule(ctx: Pick<OrgContext, "db" | "orgId" | "now" | "settings">, surveyId: string, input: RuleInput, savedRuleId?: string) {
  const saved = savedRuleId === undefined ? undefined : await getRule(ctx, surveyId, savedRuleId);
  if (!saved) await getSurvey(ctx, surveyId);
  const rule: Rule = {
    // An unsaved rule has no id yet; a stable stand-in keeps repeated tries of one form deciding alike.
    id: saved?.id ?? `dry-run:${surveyId}`,
    surveyId,
    match: { types: input.match.types ?? null, channels: input.match.channels ?? null, units: input.match.units ?? null, attributes: input.match.attributes ?? null },
    delayMinutes: input.delayMinutes,
    expiresAfterDays: input.expiresAfterDays,
    samplePercent: input.samplePercent,
    reminderDays: input.reminderDays,
    contactGapDays: input.contactGapDays,
  };
  const to = ctx.now;
  const from = new Date(to.getTime() - DRY_RUN_DAYS * DAY_MS);
  const pass = await passContext(ctx);
  const gapDays = rule.contactGapDays ?? pass.contact.gapDays;
  const history = new Map<string, Date[]>();
  if (gapDays > 0) {
    for (const row of await repo.findWindowContactHistory(ctx.db, ctx.orgId, from, to, new Date(from.getTime() - gapDays * DAY_MS), saved?.id)) {
      if (!row.customerId) continue;
      const list = history.get(row.customerId);
      if (list) list.push(row.sendAt);
      else history.set(row.customerId, [row.sendAt]);
    }
  }

  type Example = { externalId: string; occurredAt: string };
  const tally = () => ({ count: 0, examples: [] as Example[] });
  const reasons = new Map<DryRunReason, ReturnType<typeof tally>>(dryRunReasons.map((r) => [r, tally()]));
  const surveyed = { ...tally(), reminders: 0 };
  const note = (t: ReturnType<typeof tally>, row: { externalId: string; occurredAt: Date }) => {
    t.count++;
    if (t.examples.length < EXAMPLES) t.examples.push({ externalId: row.externalId, occurredAt: row.occurredAt.toISOString() });
  };
  let total = 0;
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const page = await repo.findInteractionsPage(ctx.db, ctx.orgId, from, to, after, DRY_RUN_PAGE);
    if (page.length === 0) break;
    total += page.length;
    const last = page[page.length - 1]!;
    after = { at: last.occurredAt, id: last.id };
    const matched: PassInteraction[] = [];
    const suppressed = new Set<string>();
    const byId = new Map(page.map((row) => [row.id, row]));
    for (const row of page) {
      const failure = matchFailure(rule.match, { type: row.type, channel: row.channel, unit: row.unit, attributes: row.attributes, occurredAt: row.occurredAt });
      if (failure) {
        note(reasons.get(failure)!, row);
        continue;
      }
      // Interactions stored before customers existed are keyed by their address, as the pass would.
      const customerId = row.customerId ?? row.email;
      if (row.suppressed) suppressed.add(customerId);
      matched.push({ ...row, customerId });
    }
    const decisions = decideBatch([rule], candidatesOf(pass, matched, suppressed), history, pass.contact, (c) => c.facts.occurredAt);
    for (const d of decisions) {
      const row = byId.get(d.interactionId)!;
      if (d.outcome === "scheduled") {
        note(surveyed, row);
        surveyed.reminders += d.schedule?.reminders.length ?? 0;
      } else note(reasons.get(d.outcome)!, row);
    }
    if (page.length < DRY_RUN_PAGE) break;
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    interactions: total,
    surveyed,
    notSurveyed: dryRunReasons.map((reason) => ({ reason, ...reasons.get(reason)! })),
    sampling: saved ? ("as-saved" as const) : ("estimate" as const),
  };
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
