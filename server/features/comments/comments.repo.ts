// Queries for comments (each free-text answer with its sentiment) and the organisation's theme rules.
import { and, asc, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import { insertStatements, type Db } from "../../../db/client";
import { agents, commentThemes, responseComments, responses, units } from "../../../db/schema";
import { chunk } from "../../lib/chunk";
import { contextConditions } from "../../lib/context-conditions";
import type { ScoreBand } from "./comments.schemas";

export type NewComment = typeof responseComments.$inferInsert;
export type NewTheme = typeof commentThemes.$inferInsert;

/** Filters as the database reads them: ids resolved, the period fixed. An empty list means "any". */
export type CommentWhere = {
  orgId: string;
  surveyId?: string;
  from: Date;
  to: Date;
  unitIds: string[];
  agentIds: string[];
  channels: string[];
  types: string[];
  band?: ScoreBand;
  q?: string;
  sentiment?: "positive" | "neutral" | "negative";
  /** Only comments containing one of these (lowercase) fragments: a cheap first pass before theme matching. */
  anyOf?: string[];
};

export type CommentCursor = { at: number; id: number };

/** The response's NPS or CSAT falls in the band. */
export function bandCondition(band: ScoreBand, nps: typeof responses.nps, csat: typeof responses.csat): SQL {
  switch (band) {
    case "promoter":
      return sql`${nps} >= 9`;
    case "passive":
      return sql`${nps} between 7 and 8`;
    case "detractor":
      return sql`${nps} <= 6`;
    case "low":
      return sql`${csat} <= 2`;
    case "mid":
      return sql`${csat} = 3`;
    case "high":
      return sql`${csat} >= 4`;
  }
}

const contains = (column: SQL | typeof responseComments.text, fragment: string) => sql`instr(lower(${column}), ${fragment.toLowerCase()}) > 0`;

function conditions(w: CommentWhere, cursor: CommentCursor | undefined) {
  const c = responseComments;
  return and(
    contextConditions({ ...c, at: c.respondedAt }, w),
    w.band ? bandCondition(w.band, responses.nps, responses.csat) : undefined,
    w.q ? contains(c.text, w.q) : undefined,
    w.sentiment ? eq(c.sentimentLabel, w.sentiment) : undefined,
    w.anyOf?.length ? or(...w.anyOf.map((f) => contains(c.text, f))) : undefined,
    cursor
      ? or(lt(c.respondedAt, new Date(cursor.at)), and(eq(c.respondedAt, new Date(cursor.at)), lt(c.id, cursor.id)))
      : undefined,
  );
}

/** Comments newest first, after the cursor, with the context and scores of their response. */
export function listComments(db: Db, w: CommentWhere, cursor: CommentCursor | undefined, limit: number) {
  const c = responseComments;
  return db
    .select({
      id: c.id,
      responseId: c.responseId,
      surveyId: c.surveyId,
      question: c.question,
      text: c.text,
      sentiment: c.sentiment,
      sentimentLabel: c.sentimentLabel,
      respondedAt: c.respondedAt,
      unitId: c.unitId,
      unitName: units.name,
      agentId: c.agentId,
      agentName: agents.name,
      channel: c.channel,
      type: c.interactionType,
      nps: responses.nps,
      csat: responses.csat,
    })
    .from(c)
    .innerJoin(responses, eq(responses.id, c.responseId))
    .leftJoin(units, eq(units.id, c.unitId))
    .leftJoin(agents, eq(agents.id, c.agentId))
    .where(conditions(w, cursor))
    .orderBy(desc(c.respondedAt), desc(c.id))
    .limit(limit)
    .all();
}
export type CommentRow = Awaited<ReturnType<typeof listComments>>[number];

/** Comment inserts, each within the driver's bound-parameter limit. */
export function insertCommentsStatements(rows: NewComment[], maxSqlParams: number) {
  return insertStatements(responseComments, rows, maxSqlParams);
}

export const listThemes = (db: Db, orgId: string) =>
  db.select().from(commentThemes).where(eq(commentThemes.orgId, orgId)).orderBy(asc(commentThemes.position), asc(commentThemes.name)).all();

/** Inserts themes, leaving any name already stored as it is (two first reads may seed at once). */
export const insertThemesStatements = (db: Db, rows: NewTheme[]) =>
  chunk(rows, 10).map((part) => db.insert(commentThemes).values(part).onConflictDoNothing({ target: [commentThemes.orgId, commentThemes.name] }));

export const deleteThemesStatement = (db: Db, orgId: string) => db.delete(commentThemes).where(eq(commentThemes.orgId, orgId));

export const commentsOfResponse = (db: Db, orgId: string, responseId: string) =>
  db
    .select({ question: responseComments.question, text: responseComments.text, sentiment: responseComments.sentiment, sentimentLabel: responseComments.sentimentLabel })
    .from(responseComments)
    .where(and(eq(responseComments.orgId, orgId), eq(responseComments.responseId, responseId)))
    .orderBy(asc(responseComments.id))
    .all();
