// Set-based counts for drop-off: submitted responses and saved progress of one survey over a period.
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { partialResponses, responses } from "../../../db/schema";

export type DropoffScope = { orgId: string; surveyId: string; fromAt: Date; toAt: Date };

const inResponses = (s: DropoffScope) =>
  and(eq(responses.orgId, s.orgId), eq(responses.surveyId, s.surveyId), gte(responses.createdAt, s.fromAt), lt(responses.createdAt, s.toAt));
const inPartials = (s: DropoffScope) =>
  and(eq(partialResponses.orgId, s.orgId), eq(partialResponses.surveyId, s.surveyId), gte(partialResponses.updatedAt, s.fromAt), lt(partialResponses.updatedAt, s.toAt));

// An emptied text box or an unticked list leaves a value behind that is no answer.
const given = sql`a.value is not null and a.value <> '' and a.value <> '[]'`;

export const countResponses = (db: Db, s: DropoffScope) =>
  db.select({ n: sql<number>`count(*)` }).from(responses).where(inResponses(s)).get();

export const answeredInResponses = (db: Db, s: DropoffScope) =>
  db
    .select({ key: sql<string>`a.key`, n: sql<number>`count(*)` })
    .from(sql`${responses}, json_each(${responses.data}) as a`)
    .where(and(inResponses(s), given))
    .groupBy(sql`a.key`)
    .all();

export const partialsByFurthestPage = (db: Db, s: DropoffScope) =>
  db
    .select({ page: partialResponses.furthestPage, n: sql<number>`count(*)` })
    .from(partialResponses)
    .where(inPartials(s))
    .groupBy(partialResponses.furthestPage)
    .all();

export const answeredInPartials = (db: Db, s: DropoffScope) =>
  db
    .select({ key: sql<string>`a.key`, n: sql<number>`count(*)` })
    .from(sql`${partialResponses}, json_each(${partialResponses.data}) as a`)
    .where(and(inPartials(s), given))
    .groupBy(sql`a.key`)
    .all();
