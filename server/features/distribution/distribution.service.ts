// Distribution rules: which interactions trigger which survey, and when.
import type { Db } from "../../../db/client";
import { ruleMatches, type InteractionFacts } from "../../domain/distribution";
import { getSurvey } from "../surveys/surveys.service";
import { toPage, type PageRequest } from "../../lib/pagination";
import * as repo from "./distribution.repo";

export type RuleView = ReturnType<typeof toView>;

function toView(r: repo.RuleRow) {
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
  db: Db,
  orgId: string,
  surveyId: string,
  input: { match: { types?: string[]; channels?: string[] }; delayMinutes: number; expiresAfterDays: number },
  now: Date,
) {
  await getSurvey({ db, orgId }, surveyId);
  const row = await repo.insertRule(db, {
    orgId,
    surveyId,
    matchTypes: input.match.types?.length ? input.match.types : null,
    matchChannels: input.match.channels?.length ? input.match.channels : null,
    delayMinutes: input.delayMinutes,
    expiresAfterDays: input.expiresAfterDays,
    createdAt: now,
  });
  return toView(row);
}

export async function listRules(db: Db, orgId: string, surveyId: string, page: PageRequest) {
  await getSurvey({ db, orgId }, surveyId);
  const rows = await repo.listRulesForSurvey(db, orgId, surveyId, page);
  return toPage(rows, page.limit, (r) => ({ at: r.createdAt.getTime(), id: r.id }), toView);
}

/** Loads the organisation's live rules once and returns a matcher for a stream of interactions. */
export async function ruleMatcher(db: Db, orgId: string) {
  const rules = await repo.listLiveRules(db, orgId);
  return (interaction: InteractionFacts) =>
    rules.filter(({ rule }) => ruleMatches({ types: rule.matchTypes, channels: rule.matchChannels }, interaction));
}
