// The conditions every list of answers filters by: the organisation, a survey, a time range and the context of
// the interaction answered (unit, staff member, channel, type). Comments, responses and response scans share them.
import { and, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export type ContextColumns = {
  orgId: SQLiteColumn;
  surveyId: SQLiteColumn;
  at: SQLiteColumn;
  unitId: SQLiteColumn;
  agentId: SQLiteColumn;
  channel: SQLiteColumn;
  interactionType: SQLiteColumn;
};

/** [from, to) in time; each list left out or empty matches every value. */
export type ContextWhere = {
  orgId: string;
  surveyId?: string;
  from: Date;
  to: Date;
  unitIds?: string[];
  agentIds?: string[];
  channels?: string[];
  types?: string[];
};

const anyOf = (column: SQLiteColumn, values: string[] | undefined) => (values?.length ? inArray(column, values) : undefined);

export function contextConditions(c: ContextColumns, w: ContextWhere): SQL | undefined {
  return and(
    eq(c.orgId, w.orgId),
    w.surveyId ? eq(c.surveyId, w.surveyId) : undefined,
    gte(c.at, w.from),
    lt(c.at, w.to),
    anyOf(c.unitId, w.unitIds),
    anyOf(c.agentId, w.agentIds),
    anyOf(c.channel, w.channels),
    anyOf(c.interactionType, w.types),
  );
}
