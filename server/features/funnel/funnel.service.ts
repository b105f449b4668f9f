// The funnel of a survey over a period: how many interactions its rules matched, what they decided, and what
// became of the emails, with the response rate and its interval from the statistics core.
import { addDay } from "../../domain/calendar";
import { proportion } from "../../domain/stats";
import { NotFound } from "../../errors";
import type { OrgContext } from "../../lib/service-context";
import { resolveScope } from "../analytics/analytics.service";
import type { FunnelQuery, FunnelResult, FunnelStep } from "./funnel.schemas";
import * as repo from "./funnel.repo";

type Ctx = Pick<OrgContext, "db" | "orgId" | "now">;

// Each step's percentage is of the step it follows from; the ways out of "matched" are each a share of it.
const base: Record<FunnelStep, FunnelStep | null> = {
  interactions: null,
  matched: "interactions",
  sampledOut: "matched",
  heldContact: "matched",
  suppressed: "matched",
  tooLate: "matched",
  scheduled: "matched",
  sent: "scheduled",
  delivered: "sent",
  bounced: "sent",
  opened: "delivered",
  completed: "sent",
  unsubscribed: "sent",
};

const outcomeStep: Record<(typeof repo.outcomeRank)[number], FunnelStep> = {
  scheduled: "scheduled",
  "held-contact": "heldContact",
  suppressed: "suppressed",
  "too-late": "tooLate",
  "sampled-out": "sampledOut",
};

export async function surveyFunnel(ctx: Ctx, q: FunnelQuery): Promise<FunnelResult> {
  const scope = await resolveScope(ctx, { surveyId: q.surveyId, from: q.from, to: q.to, range: q.range, unit: q.unitId ? [q.unitId] : undefined });
  const unitIds = scope.filters.unit;
  if (q.unitId && !unitIds?.length) throw new NotFound("No unit with that id in your organisation.");
  if (q.ruleId && !(await repo.findRule(ctx.db, ctx.orgId, q.surveyId, q.ruleId))) throw new NotFound("This survey has no rule with that id.");
  const s: repo.FunnelScope = { orgId: ctx.orgId, surveyId: q.surveyId, ruleId: q.ruleId, unitIds, fromAt: scope.fromAt, toAt: scope.toAt };
  const [interactions, decisions, invitations] = await Promise.all([repo.countInteractions(ctx.db, s), repo.countDecisions(ctx.db, s), repo.countInvitations(ctx.db, s)]);

  const counts = Object.fromEntries(Object.keys(base).map((k) => [k, 0])) as Record<FunnelStep, number>;
  counts.interactions = interactions;
  for (const d of decisions) {
    const outcome = repo.outcomeRank[Number(d.best)];
    if (!outcome) continue;
    counts[outcomeStep[outcome]] += Number(d.n);
    counts.matched += Number(d.n);
  }
  for (const key of ["sent", "delivered", "bounced", "opened", "completed", "unsubscribed"] as const) counts[key] = Number(invitations?.[key] ?? 0);

  const rate = proportion(counts.completed, counts.sent);
  return {
    surveyId: q.surveyId,
    ruleId: q.ruleId ?? null,
    unitId: q.unitId ?? null,
    from: scope.fromAt.toISOString(),
    to: scope.toAt.toISOString(),
    fromDay: scope.from,
    toDay: addDay(scope.to, -1),
    timeZone: scope.timeZone,
    steps: (Object.keys(base) as FunnelStep[]).map((step) => {
      const of = base[step];
      const whole = of ? counts[of] : null;
      return { step, count: counts[step], of, pct: whole ? (counts[step] / whole) * 100 : null };
    }),
    responseRate: { completed: counts.completed, sent: counts.sent, pct: rate.pct, ci95: rate.ci95 },
  };
}
