// Queries for imported responses: which of the other tool's ids a survey already holds, and the inserts.
import { and, eq, inArray } from "drizzle-orm";
import { insertStatements, type Db } from "../../../db/client";
import { chunk } from "../../lib/chunk";
import { organisations, responses } from "../../../db/schema";

export type NewResponse = typeof responses.$inferInsert;

/** The externalIds among `externalIds` already imported into the survey, asking at most `maxSqlParams` at a time. */
export async function findImportedIds(db: Db, orgId: string, surveyId: string, externalIds: string[], maxSqlParams: number) {
  const found = new Set<string>();
  for (const part of chunk(externalIds, maxSqlParams - 2)) {
    const rows = await db
      .select({ externalId: responses.externalId })
      .from(responses)
      .where(and(eq(responses.orgId, orgId), eq(responses.surveyId, surveyId), inArray(responses.externalId, part)))
      .all();
    for (const row of rows) if (row.externalId !== null) found.add(row.externalId);
  }
  return found;
}

/**
 * Multi-row inserts within the driver's bound-parameter limit. No conflict clause: a row another request
 * imported meanwhile must fail the batch, or its rollups would be counted twice.
 */
export const insertResponsesStatements = (rows: NewResponse[], maxSqlParams: number) => insertStatements(responses, rows, maxSqlParams);

export const findOrganisationZone = async (db: Db, orgId: string) =>
  (await db.select({ timeZone: organisations.timeZone }).from(organisations).where(eq(organisations.id, orgId)).get())?.timeZone ?? "UTC";
