// Reading responses (or invitations) in time order a page at a time, as rebuilds, filtered drivers and exports do.
import { and, eq, gt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { responses } from "../../../db/schema";
import { contextConditions } from "../../lib/context-conditions";

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
    contextConditions(
      { ...responses, at: responses.createdAt },
      { orgId: scope.orgId, surveyId: scope.surveyId, from: after ? after.at : scope.fromAt, to: scope.toAt, unitIds: f.unit, agentIds: f.agent, channels: f.channel, types: f.type },
    ),
    afterCursor(responses.createdAt, responses.id, after),
  );
}
