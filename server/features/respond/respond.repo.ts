// Queries for storing a response and the progress saved before it.
import { and, eq, sql } from "drizzle-orm";
import { insertStatements, type Db } from "../../../db/client";
import { agents, interactions, invitations, partialResponses, responses, units } from "../../../db/schema";

/** The response's insert, as SQL text: it runs on every answer submitted. */
export const insertResponseStatement = (row: typeof responses.$inferInsert) => insertStatements(responses, [row])[0]!;

export type SavedProgress = { data: Record<string, unknown>; currentPage: number; revision: number };

export const findProgress = (db: Db, invitationId: string): Promise<SavedProgress | undefined> =>
  db
    .select({ data: partialResponses.data, currentPage: partialResponses.currentPage, revision: partialResponses.revision })
    .from(partialResponses)
    .where(eq(partialResponses.invitationId, invitationId))
    .get();

type ProgressRow = Omit<typeof partialResponses.$inferInsert, "revision" | "createdAt">;

/** The first save: none exists yet, and the invitation has not been answered meanwhile. Returns whether it was stored. */
export async function insertProgress(db: Db, row: ProgressRow): Promise<boolean> {
  const at = row.updatedAt.getTime();
  const rows = await db.all(sql`
    insert into ${partialResponses} (invitation_id, org_id, survey_id, survey_version_id, data, current_page, furthest_page, revision, created_at, updated_at)
    select ${row.invitationId}, ${row.orgId}, ${row.surveyId}, ${row.surveyVersionId}, ${JSON.stringify(row.data)}, ${row.currentPage ?? 0}, ${row.furthestPage ?? 0}, 1, ${at}, ${at}
    where not exists (select 1 from responses where invitation_id = ${row.invitationId})
    on conflict (invitation_id) do nothing
    returning revision`);
  return rows.length > 0;
}

/** A later save, only on top of the revision it names; the furthest page never goes back. Returns the new revision, if stored. */
export async function updateProgress(db: Db, row: ProgressRow, basedOn: number): Promise<number | undefined> {
  const saved = await db
    .update(partialResponses)
    .set({
      data: row.data,
      currentPage: row.currentPage,
      furthestPage: sql`max(${partialResponses.furthestPage}, ${row.furthestPage ?? 0})`,
      revision: sql`${partialResponses.revision} + 1`,
      updatedAt: row.updatedAt,
    })
    .where(and(eq(partialResponses.invitationId, row.invitationId), eq(partialResponses.revision, basedOn)))
    .returning({ revision: partialResponses.revision })
    .get();
  return saved?.revision;
}

/** Answering makes the saved progress moot: deleted in the same batch as the response. */
export const deleteProgressStatement = (db: Db, invitationId: string) => db.delete(partialResponses).where(eq(partialResponses.invitationId, invitationId));

/** What a survey's texts may pipe in about the interaction an invitation follows (see piping in the builder). */
export const findPipedFacts = (db: Db, invitationId: string) =>
  db
    .select({ customerName: interactions.customerName, unitName: units.name, agentName: agents.name, occurredAt: interactions.occurredAt })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .leftJoin(units, eq(units.id, interactions.unitId))
    .leftJoin(agents, eq(agents.id, interactions.agentId))
    .where(eq(invitations.id, invitationId))
    .get();
