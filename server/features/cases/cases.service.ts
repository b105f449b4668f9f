// Follow-up cases: opened by the organisation's rules as answers arrive (or by hand), owned, due by the SLA of
// their priority, worked to a close with the customer told the outcome, escalated to the unit's managers when late.
import type { CaseStatus } from "../../../db/schema";
import { caseFor, defaultCaseRules, type CaseRules } from "../../domain/case-rules";
import { caseTiming, defaultSla, dueAt, type CasePriority, type SlaPolicy } from "../../domain/case-sla";
import { themeMatcher } from "../../domain/comment-themes";
import { scoreSentiment } from "../../domain/sentiment";
import { wilson } from "../../domain/stats/proportion";
import { Conflict, Forbidden, Invalid, NotFound } from "../../errors";
import type { Mailer } from "../../mail/mailer";
import { sha256 } from "../../lib/crypto";
import { toPage } from "../../lib/pagination";
import { actingUserId, unitOfWork, type DomainEvent, type OrgContext, type UnitOfWork } from "../../lib/service-context";
import type { Db } from "../../../db/client";
import type { AppSettings } from "../../config";
import { currentThemeRules } from "../comments/comments.service";
import { customerIdFor, suppressedAmong } from "../customers/customers.service";
import { planInvitation, scheduleInvitations } from "../invitations/invitations.service";
import { getResponse } from "../responses/responses.service";
import type { CaseDetail, CaseItem, CaseSettings } from "./cases.schemas";
import { renderEscalationEmail, renderOutcomeEmail, outcomeDraft } from "./case-email";
import * as repo from "./cases.repo";

type Reader = Pick<OrgContext, "db" | "orgId" | "now">;
type Sla = Record<CasePriority, SlaPolicy>;

function settingsOf(org: { caseRules: CaseRules | null; caseSla: Sla | null } | undefined): { rules: CaseRules; sla: Sla } {
  return { rules: org?.caseRules ?? defaultCaseRules, sla: org?.caseSla ?? defaultSla };
}

async function zoneOf(db: Db, orgId: string, unitId: string | null, orgZone: string) {
  return (unitId ? (await repo.unitZone(db, orgId, unitId))?.timeZone : null) ?? orgZone;
}

/** Who a new case goes to by the organisation's rule: the agent on the interaction, else the unit's manager. */
async function ownerFor(db: Db, orgId: string, rules: CaseRules, unitId: string | null, agentId: string | null) {
  if (rules.owner === "agent-then-manager" && agentId) {
    const agent = await repo.agentAccount(db, orgId, agentId);
    if (agent) return agent.id;
  }
  return unitId ? ((await repo.unitManagers(db, orgId, unitId))[0]?.id ?? null) : null;
}

// What one unit of work reads once for all the responses it records: an import of many answers asks once.
const perWork = new WeakMap<UnitOfWork, Promise<{ org: Awaited<ReturnType<typeof repo.findOrganisation>>; themesOf: (text: string) => string[] }>>();

/** Reaction to a recorded response: opens a case in the same unit of work when the organisation's rules say so. */
export async function openCasesFor(work: UnitOfWork, event: Extract<DomainEvent, { type: "response.recorded" }>) {
  // History imported from another tool and anonymous kiosk answers have nobody to call back.
  if (event.imported || !event.invitationId) return;
  let shared = perWork.get(work);
  if (!shared) {
    shared = (async () => ({
      org: await repo.findOrganisation(work.db, event.orgId),
      themesOf: themeMatcher(await currentThemeRules({ db: work.db, orgId: event.orgId })),
    }))();
    perWork.set(work, shared);
  }
  const { org, themesOf } = await shared;
  const { rules, sla } = settingsOf(org);
  const opening = caseFor({ scores: event.scores, comments: event.comments.map((c) => ({ ...c, themes: themesOf(c.text), negative: scoreSentiment(c.text).label === "negative" })) }, rules);
  if (!opening) return;
  const contact = await repo.invitationContact(work.db, event.invitationId);
  const { unitId, agentId } = event.context;
  const id = crypto.randomUUID();
  const zone = await zoneOf(work.db, event.orgId, unitId, org?.timeZone ?? "UTC");
  work.add(
    repo.insertCaseStatement({
      id,
      orgId: event.orgId,
      responseId: event.responseId,
      unitId,
      agentId,
      customerEmail: contact?.email ?? null,
      customerName: contact?.name ?? null,
      trigger: opening.trigger,
      reason: opening.reason,
      priority: opening.priority,
      ownerId: await ownerFor(work.db, event.orgId, rules, unitId, agentId),
      dueAt: dueAt(event.at, sla[opening.priority], zone),
      openedBy: null,
      createdAt: event.at,
    }),
    repo.insertEventIfCaseStatement({ caseId: id, orgId: event.orgId, kind: "opened", authorId: null, body: opening.reason, createdAt: event.at }),
  );
}

/** What the acting person may see: an agent their own cases, a manager with units those units', others everything. */
async function visibilityFor(ctx: Pick<OrgContext, "db" | "orgId" | "actor">): Promise<repo.Visibility> {
  if (ctx.actor.kind !== "user") return { orgId: ctx.orgId };
  if (ctx.actor.role === "agent") return { orgId: ctx.orgId, ownerId: ctx.actor.id };
  if (ctx.actor.role === "manager") {
    const unitIds = await repo.unitsOfUser(ctx.db, ctx.actor.id);
    return unitIds.length ? { orgId: ctx.orgId, unitIds } : { orgId: ctx.orgId };
  }
  return { orgId: ctx.orgId };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const named = (id: string | null, name: string | null) => (id ? { id, name: name ?? "—" } : null);
const isOpen = (s: CaseStatus) => s === "open" || s === "contacted";

function itemOf(row: repo.CaseRow, now: Date): CaseItem {
  const c = row.case;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    priority: c.priority,
    trigger: c.trigger,
    reason: c.reason,
    customer: { email: c.customerEmail, name: c.customerName },
    unit: named(c.unitId, row.unitName),
    agent: named(c.agentId, row.agentName),
    owner: c.ownerId ? { id: c.ownerId, name: row.ownerName ?? row.ownerEmail ?? "—" } : null,
    rootCause: c.rootCause,
    dueAt: c.dueAt.toISOString(),
    timing: isOpen(c.status) ? caseTiming(c.createdAt, c.dueAt, now) : null,
    contactedAt: iso(c.contactedAt),
    closedAt: iso(c.closedAt),
    escalatedAt: iso(c.escalatedAt),
    createdAt: c.createdAt.toISOString(),
  };
}

export async function listCases(ctx: OrgContext, q: { status: string; view: string; unitId?: string; limit: number; cursor?: { at: number | string; id: string } }) {
  const v = await visibilityFor(ctx);
  const rows = await repo.listCases(ctx.db, v, { status: q.status, view: q.view, unitId: q.unitId, userId: actingUserId(ctx), now: ctx.now }, q.limit, q.cursor);
  return toPage(rows, q.limit, (r) => ({ at: r.case.createdAt.getTime(), id: r.case.id }), (r) => itemOf(r, ctx.now));
}

async function caseOrThrow(ctx: OrgContext, id: string) {
  const row = await repo.findCase(ctx.db, await visibilityFor(ctx), id);
  // A case someone may not see answers as one that does not exist, so ids tell nothing.
  if (!row) throw new NotFound("There is no such case among yours.");
  return row;
}

const canReassign = (ctx: OrgContext) => ctx.actor.kind === "user" && (ctx.actor.role === "manager" || ctx.actor.role === "admin");

/** Who a case may go to: agents and managers who would see it. */
async function ownerChoices(ctx: OrgContext, unitId: string | null) {
  const people = await repo.possibleOwners(ctx.db, ctx.orgId);
  const scoped = await Promise.all(people.map(async (p) => (p.role === "manager" ? { p, units: await repo.unitsOfUser(ctx.db, p.id) } : { p, units: [] })));
  return scoped.filter(({ p, units }) => p.role === "agent" || units.length === 0 || (unitId !== null && units.includes(unitId))).map(({ p }) => ({ id: p.id, name: p.name ?? p.email, role: p.role }));
}

export async function getCase(ctx: OrgContext, id: string): Promise<CaseDetail> {
  const row = await caseOrThrow(ctx, id);
  const c = row.case;
  const [events, response, org, owners, surveys, suppressed] = await Promise.all([
    repo.listEvents(ctx.db, ctx.orgId, id),
    getResponse(ctx, c.responseId),
    repo.findOrganisation(ctx.db, ctx.orgId),
    canReassign(ctx) ? ownerChoices(ctx, c.unitId) : Promise.resolve([]),
    repo.sendableSurveys(ctx.db, ctx.orgId),
    emailBlocked(ctx, c.customerEmail),
  ]);
  const resurveyStatus = c.resurveyInvitationId ? await repo.invitationStatus(ctx.db, c.resurveyInvitationId) : undefined;
  return {
    ...itemOf(row, ctx.now),
    events: events.map(({ event: e, authorName, authorEmail }) => ({
      id: e.id,
      kind: e.kind,
      author: e.authorId ? { id: e.authorId, name: authorName ?? authorEmail ?? "—" } : null,
      body: e.body,
      data: e.data ?? null,
      createdAt: e.createdAt.toISOString(),
    })),
    response,
    outcomeDraft: outcomeDraft({ organisation: org?.name ?? "us", number: c.number, customerName: c.customerName, reason: c.reason, ownerName: row.ownerName ?? row.ownerEmail }),
    owners,
    resurveySurveys: surveys,
    resurvey: c.resurveyInvitationId ? { invitationId: c.resurveyInvitationId, status: resurveyStatus?.status ?? "pending" } : null,
    canEmail: !suppressed,
  };
}

/** True when the customer cannot be emailed: no address, or an active suppression (unsubscribed, bounced, complained). */
async function emailBlocked(ctx: OrgContext, email: string | null) {
  if (!email) return true;
  const customerId = await customerIdFor(ctx, email);
  return (await suppressedAmong(ctx, [customerId])).size > 0;
}

export async function openCase(ctx: OrgContext, input: { responseId: string; priority?: CasePriority; reason?: string }) {
  const response = await repo.findResponse(ctx.db, ctx.orgId, input.responseId);
  if (!response) throw new Invalid("There is no such response in your organisation.", [{ path: "/responseId", message: "Choose one of your organisation's responses." }]);
  const me = actingUserId(ctx);
  const seen = await visibilityFor(ctx);
  if (seen.unitIds && !(response.unitId && seen.unitIds.includes(response.unitId))) {
    throw new Invalid("You follow up the cases of your own units only.", [{ path: "/responseId", message: "Choose a response from one of the units you manage." }]);
  }
  if (ctx.actor.kind === "user" && ctx.actor.role === "agent") {
    const mine = ctx.actor.kind === "user" && response.agentId !== null && (await repo.agentAccount(ctx.db, ctx.orgId, response.agentId))?.id === me;
    if (!mine) throw new Forbidden("An agent opens cases only from answers about their own service.");
  }
  const org = await repo.findOrganisation(ctx.db, ctx.orgId);
  const { rules, sla } = settingsOf(org);
  const priority = input.priority ?? "normal";
  const id = crypto.randomUUID();
  const reason = input.reason ?? "Opened by hand from the customer's answers";
  const ownerId = ctx.actor.kind === "user" && ctx.actor.role === "agent" ? me : await ownerFor(ctx.db, ctx.orgId, rules, response.unitId, response.agentId);
  const contact = response.invitationId ? await repo.invitationContact(ctx.db, response.invitationId) : undefined;
  await unitOfWork(ctx)
    .add(
      repo.insertCaseStatement({
        id,
        orgId: ctx.orgId,
        responseId: response.id,
        unitId: response.unitId,
        agentId: response.agentId,
        customerEmail: contact?.email ?? response.customerEmail,
        customerName: contact?.name ?? response.customerName,
        trigger: "manual",
        reason,
        priority,
        ownerId,
        dueAt: dueAt(ctx.now, sla[priority], await zoneOf(ctx.db, ctx.orgId, response.unitId, org?.timeZone ?? "UTC")),
        openedBy: me,
        createdAt: ctx.now,
      }),
      repo.insertEventIfCaseStatement({ caseId: id, orgId: ctx.orgId, kind: "opened", authorId: me, body: reason, createdAt: ctx.now }),
    )
    .commit();
  const made = await repo.findCase(ctx.db, { orgId: ctx.orgId }, id);
  if (!made) {
    const existing = (await repo.listCases(ctx.db, { orgId: ctx.orgId }, { status: "all", view: "all", userId: null, now: ctx.now }, 500, undefined)).find((r) => r.case.responseId === response.id);
    throw new Conflict(`These answers already have a follow-up case${existing ? ` (case ${existing.case.number})` : ""}.`, existing ? { caseId: existing.case.id } : {});
  }
  return getCase(ctx, id);
}

// Where a case may go next; a closed case can be reopened.
const moves: Record<CaseStatus, CaseStatus[]> = {
  open: ["contacted", "resolved", "unreachable"],
  contacted: ["resolved", "unreachable", "open"],
  resolved: ["open"],
  unreachable: ["open"],
};

export async function changeCase(ctx: OrgContext, id: string, change: { status?: CaseStatus; ownerId?: string | null; rootCause?: string | null; priority?: CasePriority }) {
  const row = await caseOrThrow(ctx, id);
  const c = row.case;
  const me = actingUserId(ctx);
  const set: Parameters<typeof repo.updateCase>[3] = { updatedAt: ctx.now };
  const events: Parameters<typeof repo.insertEvent>[1][] = [];
  const event = (kind: "status" | "assigned" | "root-cause", body: string | null, data: Record<string, unknown> | null = null) =>
    events.push({ caseId: id, orgId: ctx.orgId, kind, authorId: me, body, data, createdAt: ctx.now });

  if ((change.ownerId !== undefined || change.priority !== undefined) && !canReassign(ctx)) {
    throw new Forbidden("Only a manager or an admin reassigns a case or changes its priority.");
  }
  if (change.status !== undefined && change.status !== c.status) {
    if (!moves[c.status].includes(change.status)) throw new Conflict(`A case that is ${c.status} cannot become ${change.status}.`);
    set.status = change.status;
    if (change.status === "contacted") set.contactedAt = c.contactedAt ?? ctx.now;
    if (change.status === "resolved" || change.status === "unreachable") {
      set.closedAt = ctx.now;
      set.contactedAt = c.contactedAt ?? (change.status === "resolved" ? ctx.now : null);
    }
    if (change.status === "open") set.closedAt = null;
    event("status", null, { from: c.status, to: change.status });
  }
  if (change.ownerId !== undefined && change.ownerId !== c.ownerId) {
    let name: string | null = null;
    if (change.ownerId) {
      const choice = (await ownerChoices(ctx, c.unitId)).find((o) => o.id === change.ownerId);
      if (!choice) throw new Invalid("That person cannot own this case.", [{ path: "/ownerId", message: "Choose an agent, or a manager of the case's unit." }]);
      name = choice.name;
    }
    set.ownerId = change.ownerId;
    event("assigned", name, { ownerId: change.ownerId });
  }
  if (change.rootCause !== undefined && change.rootCause !== c.rootCause) {
    set.rootCause = change.rootCause;
    event("root-cause", change.rootCause);
  }
  if (change.priority !== undefined && change.priority !== c.priority) {
    const org = await repo.findOrganisation(ctx.db, ctx.orgId);
    set.priority = change.priority;
    set.dueAt = dueAt(c.createdAt, settingsOf(org).sla[change.priority], await zoneOf(ctx.db, ctx.orgId, c.unitId, org?.timeZone ?? "UTC"));
    event("status", null, { priority: change.priority });
  }
  const work = unitOfWork(ctx).add(repo.updateCase(ctx.db, ctx.orgId, id, set));
  for (const e of events) work.add(repo.insertEvent(ctx.db, e));
  await work.commit();
  return getCase(ctx, id);
}

export async function addNote(ctx: OrgContext, id: string, body: string) {
  await caseOrThrow(ctx, id);
  await unitOfWork(ctx)
    .add(repo.insertEvent(ctx.db, { caseId: id, orgId: ctx.orgId, kind: "note", authorId: actingUserId(ctx), body, createdAt: ctx.now }), repo.updateCase(ctx.db, ctx.orgId, id, { updatedAt: ctx.now }))
    .commit();
  return getCase(ctx, id);
}

/** Emails the customer the outcome from the case, keeping the email on it; the same email sent twice goes once. */
export async function sendOutcome(ctx: OrgContext, id: string, input: { subject: string; body: string }) {
  const row = await caseOrThrow(ctx, id);
  const c = row.case;
  const key = `case-outcome:${await sha256(`${id}\n${input.subject}\n${input.body}`)}`;
  if (await repo.findEmailEvent(ctx.db, id, key)) return getCase(ctx, id);
  if (!c.customerEmail) throw new Conflict("This case has no customer address to write to.");
  if (await emailBlocked(ctx, c.customerEmail)) {
    throw new Conflict(`${c.customerEmail} has unsubscribed, bounced or complained, so Rapport does not email them. Call them instead, and record it in a note.`);
  }
  const org = await repo.findOrganisation(ctx.db, ctx.orgId);
  const email = await renderOutcomeEmail({ orgId: ctx.orgId, from: ctx.settings.mailFrom, to: c.customerEmail, organisation: org?.name ?? "", subject: input.subject, body: input.body });
  const sent = await ctx.mailer.sendBatch([email], key);
  if (!sent.ok) throw new Conflict(`The email could not be sent just now (${sent.message}). Nothing was recorded; try again in a few minutes.`);
  const work = unitOfWork(ctx).add(
    repo.insertEvent(ctx.db, { caseId: id, orgId: ctx.orgId, kind: "email", authorId: actingUserId(ctx), body: input.body, data: { key, to: c.customerEmail, subject: input.subject, providerId: sent.ids[0] ?? null }, createdAt: ctx.now }),
  );
  if (c.status === "open") {
    work.add(
      repo.updateCase(ctx.db, ctx.orgId, id, { status: "contacted", contactedAt: c.contactedAt ?? ctx.now, updatedAt: ctx.now }),
      repo.insertEvent(ctx.db, { caseId: id, orgId: ctx.orgId, kind: "status", authorId: actingUserId(ctx), data: { from: "open", to: "contacted" }, createdAt: ctx.now }),
    );
  }
  await work.commit();
  return getCase(ctx, id);
}

const RESURVEY_DAYS = 7;

/** A short survey after a resolved case, sent through the outbox like any invitation. */
export async function sendResurvey(ctx: OrgContext, id: string, surveyId: string) {
  const row = await caseOrThrow(ctx, id);
  const c = row.case;
  if (c.status !== "resolved") throw new Conflict("Resolve the case first: the re-survey asks how its resolution went.");
  if (c.resurveyInvitationId) throw new Conflict("This case's re-survey has already been sent.");
  if (!c.customerEmail) throw new Conflict("This case has no customer address to send a survey to.");
  const version = await repo.latestVersionOf(ctx.db, ctx.orgId, surveyId);
  if (!version) throw new Invalid("That survey cannot be sent.", [{ path: "/surveyId", message: "Choose a published survey that is not closed." }]);
  if (await emailBlocked(ctx, c.customerEmail)) throw new Conflict(`${c.customerEmail} has unsubscribed, bounced or complained, so Rapport does not email them.`);
  const response = await repo.findResponse(ctx.db, ctx.orgId, c.responseId);
  const customerId = await customerIdFor(ctx, c.customerEmail);
  const interactionId = crypto.randomUUID();
  const invitation = await planInvitation(ctx, {
    orgId: ctx.orgId,
    surveyId,
    surveyVersionId: version.versionId,
    interactionId,
    customerId,
    email: c.customerEmail,
    name: c.customerName,
    sendAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + RESURVEY_DAYS * 86_400_000),
    createdAt: ctx.now,
  });
  const work = unitOfWork(ctx).add(
    // The follow-up is an interaction of its own, so its answers are counted apart from the original visit.
    repo.insertInteraction(ctx.db, {
      id: interactionId,
      orgId: ctx.orgId,
      externalId: `case-${c.number}-resurvey`,
      occurredAt: ctx.now,
      type: "case follow-up",
      channel: response?.channel ?? "email",
      customerEmail: c.customerEmail,
      customerName: c.customerName,
      unitId: c.unitId,
      agentId: c.agentId,
      unit: row.unitName,
      agent: row.agentName,
      customerId,
      createdAt: ctx.now,
    }),
  );
  scheduleInvitations(work, [invitation]);
  work.add(
    repo.updateCase(ctx.db, ctx.orgId, id, { resurveyInvitationId: invitation.id, updatedAt: ctx.now }),
    repo.insertEvent(ctx.db, { caseId: id, orgId: ctx.orgId, kind: "resurvey", authorId: actingUserId(ctx), data: { surveyId, invitationId: invitation.id }, createdAt: ctx.now }),
  );
  await work.commit();
  return getCase(ctx, id);
}

export async function getSettings(ctx: Reader): Promise<CaseSettings> {
  const { rules, sla } = settingsOf(await repo.findOrganisation(ctx.db, ctx.orgId));
  return { rules: rules.rules, owner: rules.owner, sla };
}

export async function saveSettings(ctx: OrgContext, input: CaseSettings): Promise<CaseSettings> {
  const known = new Set((await currentThemeRules(ctx)).map((t) => t.name));
  for (const [i, rule] of input.rules.entries()) {
    if (rule.kind !== "complaint-theme") continue;
    const unknown = rule.themes.findIndex((t) => !known.has(t));
    if (unknown >= 0) throw new Invalid(`There is no comment theme called “${rule.themes[unknown]}”.`, [{ path: `/rules/${i}/themes/${unknown}`, message: "Choose one of your comment themes." }]);
  }
  await unitOfWork(ctx)
    .add(repo.saveSettings(ctx.db, ctx.orgId, { caseRules: { rules: input.rules, owner: input.owner }, caseSla: input.sla }))
    .commit();
  return getSettings(ctx);
}

export type EscalationContext = { db: Db; mailer: Mailer; settings: Pick<AppSettings, "publicUrl" | "mailFrom">; now: Date };

/**
 * Marks cases past due as escalated and emails each of their units' managers (or, for a unit without one, the
 * organisation's managers) one list of the cases newly overdue. A case is escalated once, whoever runs first.
 */
export async function runCaseEscalations(ctx: EscalationContext): Promise<{ escalated: number; emails: number }> {
  const due = await repo.dueForEscalation(ctx.db, ctx.now);
  const byManager = new Map<string, { manager: { email: string; name: string | null }; orgId: string; cases: repo.CaseRow[] }>();
  let escalated = 0;
  for (const row of due) {
    if ((await repo.markEscalated(ctx.db, row.case.id, ctx.now)).length === 0) continue;
    escalated++;
    await repo.insertEvent(ctx.db, { caseId: row.case.id, orgId: row.case.orgId, kind: "escalated", authorId: null, body: "Past its due time: sent to the unit's managers.", createdAt: ctx.now }).run();
    const managers = row.case.unitId ? await repo.unitManagers(ctx.db, row.case.orgId, row.case.unitId) : [];
    for (const m of managers.length ? managers : await repo.organisationManagers(ctx.db, row.case.orgId)) {
      const entry = byManager.get(m.id) ?? { manager: m, orgId: row.case.orgId, cases: [] };
      entry.cases.push(row);
      byManager.set(m.id, entry);
    }
  }
  let emails = 0;
  const appUrl = ctx.settings.publicUrl.replace(/\/$/, "");
  for (const [managerId, { manager, orgId, cases }] of byManager) {
    const email = await renderEscalationEmail({
      orgId,
      from: ctx.settings.mailFrom,
      to: manager.email,
      name: manager.name,
      cases: cases.map((r) => ({
        number: r.case.number,
        reason: r.case.reason,
        owner: r.ownerName ?? r.ownerEmail,
        overdueHours: (ctx.now.getTime() - r.case.dueAt.getTime()) / 3_600_000,
        link: `${appUrl}/cases/${r.case.id}`,
      })),
      listLink: `${appUrl}/cases?view=overdue`,
    });
    const key = `case-escalation:${managerId}:${cases.map((r) => r.case.id).sort().join(",")}`;
    const sent = await ctx.mailer.sendBatch([email], (await sha256(key)).slice(0, 64));
    if (sent.ok) emails++;
  }
  return { escalated, emails };
}

/** Cases opened in a window, and how they were followed up: for the KPIs and the review pack. */
export async function caseFigures(ctx: Pick<OrgContext, "db" | "orgId">, q: { fromAt: Date; toAt: Date; unitId?: string | null; channel?: string | null; now: Date }) {
  const scope = { orgId: ctx.orgId, fromAt: q.fromAt, toAt: q.toAt, unitId: q.unitId, channel: q.channel };
  const [opened, resolved, overdue] = await Promise.all([repo.casesOpenedIn(ctx.db, scope), repo.casesResolvedIn(ctx.db, scope), repo.overdueNow(ctx.db, { ...scope, now: q.now })]);
  // Judged: followed up (contacted or closed), or past due without it. A case still inside its time is not judged yet.
  let count = 0;
  let of = 0;
  for (const c of opened) {
    const followed = c.contactedAt ?? c.closedAt;
    if (followed) {
      of++;
      if (followed <= c.dueAt) count++;
    } else if (c.dueAt < q.now) of++;
  }
  const interval = of > 0 ? wilson(count, of) : null;
  const hours = resolved.map((r) => (r.closedAt!.getTime() - r.createdAt.getTime()) / 3_600_000).sort((a, b) => a - b);
  // Nearest-rank percentiles: a reported "90 % within" is a time some case actually took.
  const rank = (p: number) => (hours.length ? hours[Math.max(0, Math.ceil(p * hours.length) - 1)]! : null);
  const tally = (values: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  return {
    opened: opened.length,
    closed: opened.filter((c) => !isOpen(c.status)).length,
    overdue: overdue?.n ?? 0,
    onTime: { count, of, rate: of > 0 ? count / of : null, ci95: interval ? ([interval.lower, interval.upper] as [number, number]) : null },
    resolveHours: { median: rank(0.5), p90: rank(0.9), n: hours.length },
    rootCauses: tally(opened.map((c) => c.rootCause)).map(([rootCause, count]) => ({ rootCause, count })),
    byTrigger: tally(opened.map((c) => c.trigger)).map(([trigger, count]) => ({ trigger, count })),
  };
}
