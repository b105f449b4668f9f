// Scorecards: one staff member's own figures, read through the analytics and comments with their agent filter,
// so an agent sees exactly what the dashboard would show of them and nothing of anyone else.
import { NotFound } from "../../errors";
import type { OrgContext } from "../../lib/service-context";
import { metricTrend, surveySummary } from "../analytics/analytics.service";
import { listComments } from "../comments/comments.service";
import type { Scorecard, ScorecardQuery } from "./scorecard.schemas";
import * as repo from "./scorecard.repo";

const LATEST_COMMENTS = 10;
const NOT_LINKED = "Your account is not linked to a staff record yet, so there is no scorecard to show. Ask an admin to link it.";

export async function scorecardOf(ctx: OrgContext, agentId: string, q: ScorecardQuery): Promise<Scorecard> {
  const agent = await repo.findAgent(ctx.db, ctx.orgId, agentId);
  if (!agent) throw new NotFound("No staff member with that id in your organisation.");
  const filters = { ...q, agent: [agent.id] };
  const summary = await surveySummary(ctx, filters);
  const metric = summary.nps ? "nps" : summary.csat ? "csat" : "index";
  const [trend, comments] = await Promise.all([
    metricTrend(ctx, { ...filters, from: summary.fromDay, to: summary.toDay, metric, interval: "month" }),
    listComments(ctx, { ...filters, from: summary.fromDay, to: summary.toDay, limit: LATEST_COMMENTS, cursor: undefined }),
  ]);
  return {
    agent,
    fromDay: summary.fromDay,
    toDay: summary.toDay,
    timeZone: summary.timeZone,
    responses: summary.responses,
    nps: summary.nps && { score: summary.nps.score, n: summary.nps.n, ci95: summary.nps.ci95 },
    csat: summary.csat && { top2box: summary.csat.top2box, n: summary.csat.n, ci95: summary.csat.top2boxCi95 },
    index: { value: summary.index.value, n: summary.index.n, ci95: summary.index.ci95 },
    trend: { metric, points: trend.points.map((p) => ({ period: p.period, from: p.from, to: p.to, value: p.value, n: p.n, ci95: p.ci95 })) },
    comments: comments.items,
  };
}

/** The signed-in agent's own scorecard; an account not yet linked to a staff record has none. */
export async function myScorecard(ctx: OrgContext, agentId: string | null, q: ScorecardQuery): Promise<Scorecard> {
  if (!agentId) throw new NotFound(NOT_LINKED);
  return scorecardOf(ctx, agentId, q);
}
