// Analytics: every scored answer kept by meaning as a response is recorded, and summaries from the statistics core.
import { mean, nps, proportion } from "../../domain/stats";
import type { DomainEvent, OrgContext, UnitOfWork } from "../../lib/service-context";
import { getSurvey } from "../surveys/surveys.service";
import { summaryRange, type SurveySummary } from "./analytics.schemas";
import * as repo from "./analytics.repo";
import { countCells, pairCells, scoreCells } from "./rollup-cells";
import * as rollups from "./rollups.repo";

export type { SurveySummary };
export const DEFAULT_RANGE_DAYS = 90;

/**
 * Adds a recorded response to the rollups (score statistics, cross-products, the answered count of its
 * invitation's day) in the same unit of work as the response: figures and answers commit together or not at all.
 */
export function recordScores(work: UnitOfWork, event: Extract<DomainEvent, { type: "response.recorded" }>) {
  const scored = { orgId: event.orgId, surveyId: event.surveyId, timeZone: event.timeZone, at: event.at, context: event.context, scores: event.scores };
  work.add(...rollups.addScoreCells(scoreCells(scored), work.maxSqlParams));
  work.add(...rollups.addPairCells(pairCells(scored), work.maxSqlParams));
  if (event.invitationSentAt) {
    const answered = countCells({ ...scored, at: event.invitationSentAt }).map((c) => ({ ...c, sent: 0, responded: 1 }));
    work.add(...rollups.addCountCells(answered, work.maxSqlParams));
  }
}

export async function surveySummary(ctx: Pick<OrgContext, "db" | "orgId" | "now">, q: { surveyId: string; from?: string; to?: string }): Promise<SurveySummary> {
  const { db, orgId } = ctx;
  await getSurvey(ctx, q.surveyId);
  const range = summaryRange(q);
  const to = range.to ?? ctx.now;
  const from = range.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * 86_400_000);
  const [r, inv] = await Promise.all([repo.responseTotals(db, orgId, q.surveyId, from, to), repo.invitationTotals(db, orgId, q.surveyId, from, to)]);
  const t = { responses: 0, promoters: 0, passives: 0, detractors: 0, csatN: 0, csatSum: 0, csatSumSq: 0, csatTop2: 0, cesN: 0, cesSum: 0, cesSumSq: 0, cesAgree: 0, ...r };
  const sent = inv?.sent ?? 0;
  const responded = inv?.responded ?? 0;
  const n = nps({ promoters: t.promoters, passives: t.passives, detractors: t.detractors });
  const csatMean = mean({ n: t.csatN, sum: t.csatSum, sumSq: t.csatSumSq });
  const csatTop2 = proportion(t.csatTop2, t.csatN);
  const cesMean = mean({ n: t.cesN, sum: t.cesSum, sumSq: t.cesSumSq });
  const cesAgree = proportion(t.cesAgree, t.cesN);
  const rate = proportion(responded, sent);
  return {
    surveyId: q.surveyId,
    from: from.toISOString(),
    to: to.toISOString(),
    responses: t.responses,
    invitations: { sent, responded, rate: rate.pct, rateCi95: rate.ci95 },
    nps:
      n.n === 0
        ? null
        : { score: n.score, promoters: n.promoters, passives: n.passives, detractors: n.detractors, n: n.n, ci95: n.ci95 },
    csat: t.csatN === 0 ? null : { top2box: csatTop2.pct, top2boxCi95: csatTop2.ci95, mean: csatMean.mean, meanCi95: csatMean.ci95, n: t.csatN },
    ces: t.cesN === 0 ? null : { mean: cesMean.mean, meanCi95: cesMean.ci95, agree: cesAgree.pct, agreeCi95: cesAgree.ci95, n: t.cesN },
  };
}
