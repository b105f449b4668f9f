// Responses for the CSV export, one keyset page at a time in the order they were given, with their names resolved.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agents, responses, surveys, units } from "../../../db/schema";
import { responsesInScope, type ResponseScope, type TimeCursor } from "./response-scan.repo";

export type ExportScope = ResponseScope;
export type ExportCursor = NonNullable<TimeCursor>;

export function responsesPage(db: Db, scope: ExportScope, after: ExportCursor | null, limit: number) {
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
    .where(responsesInScope(scope, after))
    .orderBy(asc(responses.createdAt), asc(responses.id))
    .limit(limit)
    .all();
}
export type ExportRow = Awaited<ReturnType<typeof responsesPage>>[number];
