// Responses for the CSV export, one keyset page at a time in the order they were given, with their names resolved.
import { and, asc, eq, gt, gte, inArray, lt, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agents, responses, surveys, units } from "../../../db/schema";

export type ExportScope = {
  orgId: string;
  surveyId?: string;
  fromAt: Date;
  toAt: Date;
  filters: Partial<Record<"unit" | "channel" | "agent" | "type", string[]>>;
};
export type ExportCursor = { at: Date; id: string };

export function responsesPage(db: Db, scope: ExportScope, after: ExportCursor | null, limit: number) {
  const f = scope.filters;
  return db
    .select({
      id: responses.id,
      createdAt: responses.createdAt,
      survey: surveys.title,
      externalId: responses.externalId,
      importedAt: responses.importedAt,
      unit: units.name,
      agent: agents.name,
      channel: responses.channel,
      type: responses.interactionType,
      scores: responses.scores,
      data: responses.data,
    })
    .from(responses)
    .innerJoin(surveys, eq(surveys.id, responses.surveyId))
    .leftJoin(units, eq(units.id, responses.unitId))
    .leftJoin(agents, eq(agents.id, responses.agentId))
    .where(
      and(
        eq(responses.orgId, scope.orgId),
        // The range's start moves with the cursor, so each page's index scan starts where the last one ended.
        gte(responses.createdAt, after ? after.at : scope.fromAt),
        lt(responses.createdAt, scope.toAt),
        scope.surveyId ? eq(responses.surveyId, scope.surveyId) : undefined,
        f.unit ? inArray(responses.unitId, f.unit) : undefined,
        f.channel ? inArray(responses.channel, f.channel) : undefined,
        f.agent ? inArray(responses.agentId, f.agent) : undefined,
        f.type ? inArray(responses.interactionType, f.type) : undefined,
        after ? or(gt(responses.createdAt, after.at), and(eq(responses.createdAt, after.at), gt(responses.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(responses.createdAt), asc(responses.id))
    .limit(limit)
    .all();
}
export type ExportRow = Awaited<ReturnType<typeof responsesPage>>[number];
