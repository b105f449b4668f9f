// Queries for individual responses: the filtered list, and one response with the invitation and interaction it followed.
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { agents, interactions, invitations, responses, surveys, units } from "../../../db/schema";
import { contextConditions } from "../../lib/context-conditions";
import { keyset, type PageRequest } from "../../lib/pagination";
import type { AnswerWhere } from "../comments/comments.service";

function bandCondition(band: NonNullable<AnswerWhere["band"]>) {
  switch (band) {
    case "promoter":
      return sql`${responses.nps} >= 9`;
    case "passive":
      return sql`${responses.nps} between 7 and 8`;
    case "detractor":
      return sql`${responses.nps} <= 6`;
    case "low":
      return sql`${responses.csat} <= 2`;
    case "mid":
      return sql`${responses.csat} = 3`;
    case "high":
      return sql`${responses.csat} >= 4`;
  }
}

// Any text answer: free text, and choice values written as text.
const textAnswerContains = (fragment: string) =>
  sql`exists (select 1 from json_each(${responses.data}) as answer where answer.type = 'text' and instr(lower(answer.value), ${fragment.toLowerCase()}) > 0)`;

const firstComment = sql<string | null>`(select rc.text from response_comments rc where rc.response_id = ${responses.id} order by rc.id limit 1)`;

/** Responses newest first (by when the customer answered), after the cursor. */
export function listResponses(db: Db, w: AnswerWhere, page: PageRequest) {
  const k = keyset(responses.createdAt, responses.id, page.cursor);
  return db
    .select({
      id: responses.id,
      surveyId: responses.surveyId,
      surveyTitle: surveys.title,
      createdAt: responses.createdAt,
      importedAt: responses.importedAt,
      unitId: responses.unitId,
      unitName: units.name,
      agentId: responses.agentId,
      agentName: agents.name,
      channel: responses.channel,
      type: responses.interactionType,
      scores: responses.scores,
      comment: firstComment,
    })
    .from(responses)
    .innerJoin(surveys, eq(surveys.id, responses.surveyId))
    .leftJoin(units, eq(units.id, responses.unitId))
    .leftJoin(agents, eq(agents.id, responses.agentId))
    .where(
      and(
        contextConditions({ ...responses, at: responses.createdAt }, w),
        w.band ? bandCondition(w.band) : undefined,
        w.q ? textAnswerContains(w.q) : undefined,
        k.where,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
}
export type ResponseRow = Awaited<ReturnType<typeof listResponses>>[number];

/** One response of the organisation, with its survey's title and its unit's and staff member's names. */
export function findResponse(db: Db, orgId: string, id: string) {
  return db
    .select({
      response: responses,
      surveyTitle: surveys.title,
      unitName: units.name,
      agentName: agents.name,
    })
    .from(responses)
    .innerJoin(surveys, eq(surveys.id, responses.surveyId))
    .leftJoin(units, eq(units.id, responses.unitId))
    .leftJoin(agents, eq(agents.id, responses.agentId))
    .where(and(eq(responses.orgId, orgId), eq(responses.id, id)))
    .get();
}

const interactionUnit = alias(units, "interaction_unit");
const interactionAgent = alias(agents, "interaction_agent");

/** The invitation a response answered and the interaction it followed. */
export function findInvitationTrail(db: Db, orgId: string, invitationId: string) {
  return db
    .select({ invitation: invitations, interaction: interactions, unitName: interactionUnit.name, agentName: interactionAgent.name })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .leftJoin(interactionUnit, eq(interactionUnit.id, interactions.unitId))
    .leftJoin(interactionAgent, eq(interactionAgent.id, interactions.agentId))
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, invitationId)))
    .get();
}
