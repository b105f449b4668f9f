// Drop-off per question from submitted responses and saved progress; saved progress never reaches an index.
import { askedQuestions } from "../../domain/survey-questions";
import type { OrgContext } from "../../lib/service-context";
import { resolveScope } from "../analytics/analytics.service";
import { latestPublishedVersion } from "../surveys/surveys.service";
import type { DropoffQuery, DropoffResult } from "./dropoff.schemas";
import * as repo from "./dropoff.repo";

type Ctx = Pick<OrgContext, "db" | "orgId" | "now">;

export async function surveyDropoff(ctx: Ctx, q: DropoffQuery): Promise<DropoffResult> {
  const scope = await resolveScope(ctx, { surveyId: q.surveyId, from: q.from, to: q.to, range: q.range });
  const s: repo.DropoffScope = { orgId: ctx.orgId, surveyId: q.surveyId, fromAt: scope.fromAt, toAt: scope.toAt };
  const [version, completedRow, answeredDone, byPage, answeredSaved] = await Promise.all([
    latestPublishedVersion(ctx, q.surveyId),
    repo.countResponses(ctx.db, s),
    repo.answeredInResponses(ctx.db, s),
    repo.partialsByFurthestPage(ctx.db, s),
    repo.answeredInPartials(ctx.db, s),
  ]);
  const completed = Number(completedRow?.n ?? 0);
  const answered = new Map<string, number>();
  for (const row of [...answeredDone, ...answeredSaved]) answered.set(row.key, (answered.get(row.key) ?? 0) + Number(row.n));
  const reachedPage = (page: number) => completed + byPage.reduce((sum, row) => sum + (row.page >= page ? Number(row.n) : 0), 0);
  return {
    surveyId: q.surveyId,
    from: scope.fromAt.toISOString(),
    to: scope.toAt.toISOString(),
    started: completed + byPage.reduce((sum, row) => sum + Number(row.n), 0),
    completed,
    questions: (version ? askedQuestions(version.definition) : []).map((question) => ({
      name: question.name,
      title: question.title,
      page: question.page,
      reached: reachedPage(question.page),
      answered: answered.get(question.valueName) ?? 0,
    })),
  };
}
