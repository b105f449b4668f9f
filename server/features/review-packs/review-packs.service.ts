// Review packs: a period's figures gathered once and frozen (KPIs against target, the previous period and
// benchmarks; drivers, themes, cases, staff to recognise or coach), then discussed, concluded and closed.
import { format, parseISO } from "date-fns";
import type { PackStatus, ReviewPeriod } from "../../../db/schema";
import { addDay, addMonth, startOfLocalDay, startOfQuarterOf } from "../../domain/calendar";
import { kpiUnit } from "../../domain/kpi-units";
import { recognitionCandidates, defaultRecognitionRules } from "../../domain/recognition";
import { Conflict, Invalid, NotFound } from "../../errors";
import { toPage, type Page, type PageRequest } from "../../lib/pagination";
import { actingUserId, unitOfWork, type OrgContext } from "../../lib/service-context";
import { keyDriverTable, staffTable, surveySummary } from "../analytics/analytics.service";
import type { Filters } from "../analytics/analytics.schemas";
import { summariseThemes } from "../comments/comments.service";
import { benchmarksFor } from "../benchmarks/benchmarks.service";
import { caseFigures } from "../cases/cases.service";
import { evaluateKpis } from "../kpis/kpis.service";
import type { ActionItemView, PackSnapshot, PackSummaryView, PackView, SnapshotKpi } from "./review-packs.schemas";
import * as repo from "./review-packs.repo";

export type PeriodRef = { fromDay: string; toDay: string; label: string };

/** The month or quarter containing `day`, first and last days included, with its name. */
export function periodAround(period: ReviewPeriod, day: string): PeriodRef {
  const fromDay = period === "month" ? `${day.slice(0, 7)}-01` : startOfQuarterOf(day);
  const toDay = addDay(addMonth(fromDay, period === "month" ? 1 : 3), -1);
  const start = parseISO(fromDay);
  const label = period === "month" ? format(start, "MMMM yyyy") : `Q${Math.floor(start.getMonth() / 3) + 1} ${start.getFullYear()}`;
  return { fromDay, toDay, label };
}

export const previousPeriod = (period: ReviewPeriod, current: PeriodRef) => periodAround(period, addDay(current.fromDay, -1));

type PackSpec = { period: ReviewPeriod; current: PeriodRef; unitId: string | null; unitName: string | null; channel: string | null };

const scopeWords = (unitName: string | null, channel: string | null) =>
  [unitName, channel ? `${channel} channel` : null].filter(Boolean).join(" · ") || "Whole organisation";


const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function changeWords(delta: number, p: number | null, significant: boolean, unit: string) {
  const size = `${delta > 0 ? "up" : delta < 0 ? "down" : "unchanged"}${delta !== 0 ? ` ${round(Math.abs(delta))}${unit === "%" ? " points" : unit === "NPS points" ? " points" : ""}` : ""}`;
  if (p === null) return `${size}; no test of chance for this figure`;
  return significant ? `${size}, beyond chance (p = ${p < 0.001 ? "< 0.001" : round(p, 3)})` : `${size}, within chance (p = ${round(p, 2)})`;
}

async function snapshotKpis(ctx: OrgContext, spec: PackSpec, previous: PeriodRef): Promise<SnapshotKpi[]> {
  const evaluated = await evaluateKpis(ctx, {
    fromDay: spec.current.fromDay,
    toDay: spec.current.toDay,
    previous: { fromDay: previous.fromDay, toDay: previous.toDay },
    unitId: spec.unitId,
    channel: spec.channel,
  });
  const benchmarks = new Map<string, Awaited<ReturnType<typeof benchmarksFor>>>();
  for (const metric of new Set(evaluated.map((k) => k.metric))) benchmarks.set(metric, await benchmarksFor(ctx, metric, spec.current.toDay));
  return evaluated.map((k) => {
    const unit = kpiUnit(k.metric);
    const change = k.previous?.change ?? null;
    return {
      id: k.id,
      name: k.name,
      metric: k.metric,
      scope: scopeWords(k.scope.unitName ?? spec.unitName, k.scope.channel ?? spec.channel),
      direction: k.direction,
      target: k.target,
      warning: k.warning,
      unit,
      reading: k.reading,
      status: k.status,
      reason: k.reason,
      previous: k.previous?.reading ?? null,
      change: change ? { ...change, words: changeWords(change.delta, change.p, change.significant, unit) } : null,
      benchmarks: (benchmarks.get(k.metric) ?? []).map((b) => ({ name: b.name, kind: b.kind, value: b.value, asOf: b.asOf, source: b.source })),
    };
  });
}

/** Every figure of the pack, read now. */
async function buildSnapshot(ctx: OrgContext, spec: PackSpec, timeZone: string): Promise<PackSnapshot> {
  const previous = previousPeriod(spec.period, spec.current);
  const filters: Filters = { from: spec.current.fromDay, to: spec.current.toDay, unit: spec.unitId ? [spec.unitId] : undefined, channel: spec.channel ? [spec.channel] : undefined };
  const summary = await surveySummary(ctx, filters);
  const outcome = summary.nps?.n ? "nps" : "csat";
  const staffMetric = summary.csat?.n ? "csat" : "nps";
  const [kpis, drivers, themes, cases, staff, carried] = await Promise.all([
    snapshotKpis(ctx, spec, previous),
    keyDriverTable(ctx, { ...filters, outcome }),
    summariseThemes(ctx, filters),
    caseFigures(ctx, {
      fromAt: startOfLocalDay(spec.current.fromDay, timeZone),
      toAt: startOfLocalDay(addDay(spec.current.toDay, 1), timeZone),
      unitId: spec.unitId,
      channel: spec.channel,
      now: ctx.now,
    }),
    staffTable(ctx, { ...filters, metric: staffMetric, minN: 1, method: "wilson" }),
    repo.openActionIds(ctx.db, ctx.orgId),
  ]);
  const figures = [...staff.ranked.map((r) => ({ agent: r.agent.name, n: r.n, satisfied: Math.round((r.rate / 100) * r.n) })), ...staff.notEnoughAnswers.map((r) => ({ agent: r.agent.name, n: r.n, satisfied: 0 }))];
  const judged = recognitionCandidates(figures, defaultRecognitionRules);
  return {
    period: spec.current,
    previous,
    scope: { unitId: spec.unitId, unitName: spec.unitName, channel: spec.channel, words: scopeWords(spec.unitName, spec.channel) },
    responses: summary.responses,
    invitationsSent: summary.invitations.sent,
    responseRate: { value: summary.invitations.rate, ci95: summary.invitations.rateCi95 },
    kpis,
    drivers: {
      outcome,
      n: drivers.n,
      items: drivers.drivers.map((d) => ({ name: d.name.replace(/-/g, " "), importance: d.importance, performance: d.performance, scaleMax: d.scale.max, quadrant: d.quadrant })),
    },
    themes: { total: themes.total, items: themes.themes.filter((t) => t.n > 0).slice(0, 5) },
    cases: { opened: cases.opened, closed: cases.closed, overdue: cases.overdue, onTime: cases.onTime, resolveHours: cases.resolveHours, rootCauses: cases.rootCauses },
    staff: { basis: staff.basis, minAnswers: defaultRecognitionRules.minAnswers, recognise: judged.recognise, coach: judged.coach, tooFew: judged.tooFew.length },
    carriedActionIds: carried.map((a) => a.id),
  };
}

const personOf = (id: string | null, name: string | null, email: string | null) => (id ? { id, name: name || email || "Someone" } : null);

function summaryOf(row: repo.PackRow): PackSummaryView {
  const snapshot = row.snapshot as PackSnapshot;
  const count = (s: string) => snapshot.kpis.filter((k) => k.status === s).length;
  return {
    id: row.id,
    title: row.title,
    period: row.period,
    fromDay: row.fromDay,
    toDay: row.toDay,
    scope: snapshot.scope.words,
    status: row.status,
    frozenAt: row.frozenAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    createdBy: personOf(row.creatorId, row.creatorName, row.creatorEmail),
    kpiStatuses: { green: count("green"), amber: count("amber"), red: count("red"), noData: count("no-data") },
  };
}

function actionOf(row: repo.ActionRow, today: string): ActionItemView {
  return {
    id: row.id,
    packId: row.packId,
    packTitle: row.packTitle,
    title: row.title,
    owner: personOf(row.ownerId, row.ownerName, row.ownerEmail),
    dueOn: row.dueOn,
    status: row.status,
    overdue: row.status === "open" && row.dueOn !== null && row.dueOn < today,
    doneAt: row.doneAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function orgOf(ctx: OrgContext) {
  const org = await repo.findOrganisation(ctx.db, ctx.orgId);
  if (!org) throw new NotFound("No such organisation.");
  return org;
}

async function packOrThrow(ctx: OrgContext, id: string) {
  const row = await repo.findPack(ctx.db, ctx.orgId, id);
  if (!row) throw new NotFound("There is no such review pack in your organisation.");
  return row;
}

export async function listPacks(ctx: OrgContext, page: PageRequest): Promise<Page<PackSummaryView>> {
  const rows = await repo.listPacks(ctx.db, ctx.orgId, page.limit, page.cursor);
  return toPage(rows, page.limit, (r) => ({ at: r.createdAt.getTime(), id: r.id }), summaryOf);
}

export async function getPack(ctx: OrgContext, id: string): Promise<PackView> {
  const row = await packOrThrow(ctx, id);
  const snapshot = row.snapshot as PackSnapshot;
  const org = await orgOf(ctx);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: org.timeZone }).format(ctx.now);
  const [comments, actions, carried, owners, lateAnswers] = await Promise.all([
    repo.listComments(ctx.db, ctx.orgId, id),
    repo.actionsOfPack(ctx.db, ctx.orgId, id),
    repo.actionsByIds(ctx.db, ctx.orgId, snapshot.carriedActionIds.filter((a) => a !== id)),
    repo.possibleOwners(ctx.db, ctx.orgId),
    repo.countLateAnswers(ctx.db, {
      orgId: ctx.orgId,
      fromAt: startOfLocalDay(row.fromDay, org.timeZone),
      toAt: startOfLocalDay(addDay(row.toDay, 1), org.timeZone),
      frozenAt: row.frozenAt,
      unitId: row.unitId,
      channel: row.channel,
    }),
  ]);
  return {
    ...summaryOf(row),
    summary: row.summary,
    snapshot,
    lateAnswers,
    comments: comments.map((c) => ({ id: c.id, author: personOf(c.authorId, c.authorName, c.authorEmail), body: c.body, createdAt: c.createdAt.toISOString() })),
    actions: actions.map((a) => actionOf(a, today)),
    carried: carried.filter((a) => a.packId !== id).map((a) => actionOf(a, today)),
    owners: owners.map((o) => ({ id: o.id, name: o.name || o.email })),
  };
}

async function specOf(ctx: OrgContext, input: { period: ReviewPeriod; day: string; unitId?: string | null; channel?: string | null }): Promise<PackSpec> {
  let unitName: string | null = null;
  if (input.unitId) {
    const unit = await repo.findUnit(ctx.db, ctx.orgId, input.unitId);
    if (!unit) throw new Invalid("There is no such unit in your organisation.", [{ path: "/unitId", message: "Choose one of your organisation's units, or none for the whole organisation." }]);
    unitName = unit.name;
  }
  return { period: input.period, current: periodAround(input.period, input.day), unitId: input.unitId ?? null, unitName, channel: input.channel ?? null };
}

export async function createPack(ctx: OrgContext, input: { period: ReviewPeriod; day: string; unitId?: string | null; channel?: string | null; title?: string }) {
  const org = await orgOf(ctx);
  const spec = await specOf(ctx, input);
  const snapshot = await buildSnapshot(ctx, spec, org.timeZone);
  const id = crypto.randomUUID();
  const title = input.title ?? `${spec.current.label} service-quality review${spec.unitName || spec.channel ? ` · ${scopeWords(spec.unitName, spec.channel)}` : ""}`;
  await unitOfWork(ctx)
    .add(
      repo.insertPack(ctx.db, {
        id,
        orgId: ctx.orgId,
        title,
        period: spec.period,
        fromDay: spec.current.fromDay,
        toDay: spec.current.toDay,
        unitId: spec.unitId,
        channel: spec.channel,
        snapshot,
        frozenAt: ctx.now,
        createdBy: actingUserId(ctx),
        createdAt: ctx.now,
      }),
    )
    .commit();
  return getPack(ctx, id);
}

const CLOSED = "This pack is closed: its figures, conclusions and discussion are final. Make a new pack for a new review.";

/** Reads every figure again: only while the pack is a draft, since a pack in review is what people are discussing. */
export async function refreshPack(ctx: OrgContext, id: string) {
  const row = await packOrThrow(ctx, id);
  if (row.status !== "draft") throw new Conflict(row.status === "closed" ? CLOSED : "This pack is in review, so its figures stay as they are. Move it back to draft to read them again.");
  const org = await orgOf(ctx);
  const unitName = row.unitId ? ((await repo.findUnit(ctx.db, ctx.orgId, row.unitId))?.name ?? null) : null;
  const spec: PackSpec = { period: row.period, current: periodAround(row.period, row.fromDay), unitId: row.unitId, unitName, channel: row.channel };
  const snapshot = await buildSnapshot(ctx, spec, org.timeZone);
  await unitOfWork(ctx).add(repo.updatePack(ctx.db, ctx.orgId, id, { snapshot, frozenAt: ctx.now, updatedAt: ctx.now })).commit();
  return getPack(ctx, id);
}

const allowedMoves: Record<PackStatus, PackStatus[]> = { draft: ["in-review"], "in-review": ["draft", "closed"], closed: [] };

export async function updatePack(ctx: OrgContext, id: string, change: { title?: string; summary?: string | null; status?: PackStatus }) {
  const row = await packOrThrow(ctx, id);
  if (row.status === "closed") throw new Conflict(CLOSED);
  const set: Parameters<typeof repo.updatePack>[3] = { updatedAt: ctx.now };
  if (change.title !== undefined) set.title = change.title;
  if (change.summary !== undefined) set.summary = change.summary;
  if (change.status !== undefined && change.status !== row.status) {
    if (!allowedMoves[row.status].includes(change.status)) {
      throw new Conflict(change.status === "closed" ? "Put the pack in review before closing it, so people can read and comment on it first." : `A ${row.status} pack cannot become ${change.status}.`);
    }
    set.status = change.status;
    if (change.status === "closed") set.closedAt = ctx.now;
  }
  await unitOfWork(ctx).add(repo.updatePack(ctx.db, ctx.orgId, id, set)).commit();
  return getPack(ctx, id);
}

export async function addComment(ctx: OrgContext, id: string, body: string) {
  const row = await packOrThrow(ctx, id);
  if (row.status === "closed") throw new Conflict(CLOSED);
  await unitOfWork(ctx).add(repo.insertComment(ctx.db, { packId: id, orgId: ctx.orgId, authorId: actingUserId(ctx), body, createdAt: ctx.now })).commit();
  return getPack(ctx, id);
}

async function checkOwner(ctx: OrgContext, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const owners = await repo.possibleOwners(ctx.db, ctx.orgId);
  if (!owners.some((o) => o.id === ownerId)) throw new Invalid("That person cannot own an action here.", [{ path: "/ownerId", message: "Choose an active person of your organisation." }]);
}

export async function addAction(ctx: OrgContext, packId: string, input: { title: string; ownerId?: string | null; dueOn?: string | null }) {
  const row = await packOrThrow(ctx, packId);
  if (row.status === "closed") throw new Conflict(CLOSED);
  await checkOwner(ctx, input.ownerId);
  await unitOfWork(ctx)
    .add(repo.insertAction(ctx.db, { orgId: ctx.orgId, packId, title: input.title, ownerId: input.ownerId ?? null, dueOn: input.dueOn ?? null, createdAt: ctx.now }))
    .commit();
  return getPack(ctx, packId);
}

/** Changes an action, whichever pack raised it: an action carried into a later pack is done there. */
export async function updateAction(ctx: OrgContext, id: string, change: { title?: string; ownerId?: string | null; dueOn?: string | null; status?: "open" | "done" }) {
  const row = await repo.findAction(ctx.db, ctx.orgId, id);
  if (!row) throw new NotFound("There is no such action in your organisation.");
  await checkOwner(ctx, change.ownerId);
  const set: Parameters<typeof repo.updateAction>[3] = { updatedAt: ctx.now };
  if (change.title !== undefined) set.title = change.title;
  if (change.ownerId !== undefined) set.ownerId = change.ownerId;
  if (change.dueOn !== undefined) set.dueOn = change.dueOn;
  if (change.status !== undefined && change.status !== row.status) {
    set.status = change.status;
    set.doneAt = change.status === "done" ? ctx.now : null;
  }
  await unitOfWork(ctx).add(repo.updateAction(ctx.db, ctx.orgId, id, set)).commit();
  const org = await orgOf(ctx);
  return actionOf((await repo.findAction(ctx.db, ctx.orgId, id))!, new Intl.DateTimeFormat("en-CA", { timeZone: org.timeZone }).format(ctx.now));
}

/** The pack the organisation should hold next: the last complete period's, unless it is already closed. */
export async function packDue(ctx: Pick<OrgContext, "db" | "orgId" | "now">) {
  const org = await repo.findOrganisation(ctx.db, ctx.orgId);
  if (!org) return null;
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: org.timeZone }).format(ctx.now);
  const current = periodAround(org.reviewPeriod, today);
  const last = previousPeriod(org.reviewPeriod, current);
  const held = await repo.newestPackOf(ctx.db, ctx.orgId, last.fromDay);
  if (held?.status === "closed") return { period: current, state: "not-yet" as const, pack: null, dueBy: addDay(current.toDay, 14) };
  return { period: last, state: held ? ("open" as const) : ("not-started" as const), pack: held ?? null, dueBy: addDay(last.toDay, 14) };
}
