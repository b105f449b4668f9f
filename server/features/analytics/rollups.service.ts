// Rebuilding the rollups from the responses and invitations themselves (`npm run db:rollups`): after an import
// of old data, a change of time zone, or to check that the live rollups hold exactly what the answers say.
import type { Db } from "../../../db/client";
import { runBatch, type Statement } from "../../../db/client";
import { CellAccumulator } from "./rollup-cells";
import * as rollups from "./rollups.repo";
import * as repo from "./rollups-read.repo";

export type RebuildProgress = { phase: "responses" | "invitations" | "writing"; done: number };
export type RebuildResult = { organisations: number; responses: number; invitations: number; cells: number };

const PAGE = 5_000;

/**
 * Recomputes every rollup of one organisation (or all) and replaces what is stored in one batch, so readers
 * see the old figures or the new ones, never a mix. Reads the responses in pages; the cells fit in memory
 * (they are far fewer than the answers).
 */
export async function rebuildRollups(
  ctx: { db: Db; maxSqlParams: number },
  opts: { orgId?: string; onProgress?: (p: RebuildProgress) => void } = {},
): Promise<RebuildResult> {
  const { db } = ctx;
  const orgs = await repo.organisationZones(db, opts.orgId);
  const result: RebuildResult = { organisations: orgs.length, responses: 0, invitations: 0, cells: 0 };
  for (const org of orgs) {
    const acc = new CellAccumulator();
    for (let after = ""; ; ) {
      const page = await repo.responsesPage(db, org.id, after, PAGE);
      for (const r of page) {
        acc.addResponse({ orgId: org.id, surveyId: r.surveyId, timeZone: org.timeZone, at: r.createdAt, context: r, scores: r.scores });
      }
      result.responses += page.length;
      opts.onProgress?.({ phase: "responses", done: result.responses });
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    for (let after = ""; ; ) {
      const page = await repo.sentInvitationsPage(db, org.id, after, PAGE);
      for (const i of page) acc.addInvitation({ orgId: org.id, surveyId: i.surveyId, timeZone: org.timeZone, at: i.sentAt, context: i }, i.responded);
      result.invitations += page.length;
      opts.onProgress?.({ phase: "invitations", done: result.invitations });
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    const statements: Statement[] = [
      ...repo.deleteRollupsStatements(db, org.id),
      ...rollups.addScoreCells([...acc.scores.values()], ctx.maxSqlParams),
      ...rollups.addPairCells([...acc.pairs.values()], ctx.maxSqlParams),
      ...rollups.addCountCells([...acc.counts.values()], ctx.maxSqlParams),
    ];
    result.cells += acc.scores.size + acc.pairs.size + acc.counts.size;
    opts.onProgress?.({ phase: "writing", done: result.cells });
    await runBatch(db, statements);
  }
  return result;
}
