// Reading responses (or invitations) in time order a page at a time, as rebuilds, filtered drivers and exports do.
import { and, eq, gt, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { responses } from "../../../db/schema";

export type TimeCursor = { at: Date; id: string } | null;

/** Rows after the cursor in (time, id) order. */
export const afterCursor = (time: SQLiteColumn, id: SQLiteColumn, after: TimeCursor): SQL | undefined =>
  after ? or(gt(time, after.at), and(eq(time, after.at), gt(id, after.id))) : undefined;

/** A response's own scored answers and the context it was given in. */
export const scoredResponseColumns = {
  id: responses.id,
  surveyId: responses.surveyId,
  createdAt: responses.createdAt,
  unitId: responses.unitId,
  agentId: responses.agentId,
  channel: responses.channel,
  interactionType: responses.interactionType,
  scores: responses.scores,
};

export type ResponseScope = { orgId: string; surveyId?: string; fromAt: Date; toAt: Date; filters: Partial<Record<"unit" | "channel" | "agent" | "type", string[]>> };

/** Responses of a scope after the cursor; the range's start moves with the cursor, so each page's index scan starts where the last ended. */
export function responsesInScope(scope: ResponseScope, after: TimeCursor): SQL | undefined {
  const f = scope.filters;
  return and(
    eq(responses.orgId, scope.orgId),
    gte(responses.createdAt, after ? after.at : scope.fromAt),
    lt(responses.createdAt, scope.toAt),
    scope.surveyId ? eq(responses.surveyId, scope.surveyId) : undefined,
    f.unit ? inArray(responses.unitId, f.unit) : undefined,
    f.channel ? inArray(responses.channel, f.channel) : undefined,
    f.agent ? inArray(responses.agentId, f.agent) : undefined,
    f.type ? inArray(responses.interactionType, f.type) : undefined,
    afterCursor(responses.createdAt, responses.id, after),
  );
}
