// Distribution rules: which interactions trigger which survey, and when.
import { ruleMatches, type InteractionFacts } from "../../domain/distribution";
import { toPage, type PageRequest } from "../../lib/pagination";
import type { OrgContext } from "../../lib/service-context";
import { getSurvey } from "../surveys/surveys.service";
import type { RuleView } from "./distribution.schemas";
import * as repo from "./distribution.repo";

export type { RuleView };
type Reader = Pick<OrgContext, "db" | "orgId">;

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

/** Loads the organisation's live rules once and returns a matcher for a stream of interactions. */
export async function ruleMatcher(ctx: Reader) {
  const rules = await repo.listLiveRules(ctx.db, ctx.orgId);
  return (interaction: InteractionFacts) =>
    rules.filter(({ rule }) => ruleMatches({ types: rule.matchTypes, channels: rule.matchChannels }, interaction));
}
