// Rebuilding the rollups from the responses and invitations themselves (`npm run db:rollups`): after an import
// of old data, a change of time zone, or to check that the live rollups hold exactly what the answers say.
import type { Db } from "../../../db/client";
import { runBatch, type Statement } from "../../../db/client";
import { addDay, startOfLocalDay } from "../../domain/calendar";
import { CellAccumulator } from "./rollup-cells";
import * as rollups from "./rollups.repo";
import * as repo from "./rollups-read.repo";

export type RebuildProgress = { phase: "responses" | "invitations" | "writing"; done: number; month?: string };
export type RebuildResult = { organisations: number; responses: number; invitations: number; cells: number; months: number };

const PAGE = 5_000;

const nextMonth = (month: string) => addDay(`${month}-28`, 4).slice(0, 7);

/**
 * Recomputes every rollup of one organisation (or all), a month at a time: every grain is a day or a month
 * of the organisation's calendar, so a month's cells depend on that month's answers alone. Each month is
 * replaced in one batch (readers see its old figures or its new ones, never a mix), and memory stays that of
 * one month's cells however large the history. Running it again changes nothing.
 */
export async function rebuildRollups(
  ctx: { db: Db; maxSqlParams: number },
  opts: { orgId?: string; onProgress?: (p: RebuildProgress) => void } = {},
): Promise<RebuildResult> {
  const { db } = ctx;
  const orgs = await repo.organisationZones(db, opts.orgId);
  const result: RebuildResult = { organisations: orgs.length, responses: 0, invitations: 0, cells: 0, months: 0 };
  for (const org of orgs) {
    const surveys = await repo.surveyIds(db, org.id);
    // Every month that has answers, invitations sent, or rollups already (which may need emptying).
    const months = new Set(await repo.rolledUpMonths(db, org.id));
    const span = await repo.activitySpan(db, org.id);
    if (span) {
      const last = localMonth(span.last, org.timeZone);
      for (let m = localMonth(span.first, org.timeZone); m <= last; m = nextMonth(m)) months.add(m);
    }
    for (const month of [...months].sort()) {
      const from = startOfLocalDay(`${month}-01`, org.timeZone);
      const to = startOfLocalDay(`${nextMonth(month)}-01`, org.timeZone);
      const acc = new CellAccumulator();
      for (let after: { at: Date; id: string } | null = null; ; ) {
        const page = await repo.responsesPage(db, org.id, from, to, after, PAGE);
        for (const r of page) acc.addResponse({ orgId: org.id, surveyId: r.surveyId, timeZone: org.timeZone, at: r.createdAt, context: r, scores: r.scores });
        result.responses += page.length;
        opts.onProgress?.({ phase: "responses", done: result.responses, month });
        const last = page[page.length - 1];
        if (!last || page.length < PAGE) break;
        after = { at: last.createdAt, id: last.id };
      }
      for (const surveyId of surveys) {
        for (let after: { at: Date; id: string } | null = null; ; ) {
          const page = await repo.sentInvitationsPage(db, surveyId, from, to, after, PAGE);
          for (const i of page) acc.addInvitation({ orgId: org.id, surveyId, timeZone: org.timeZone, at: i.sentAt, context: i }, i.responded);
          result.invitations += page.length;
          opts.onProgress?.({ phase: "invitations", done: result.invitations, month });
          const last = page[page.length - 1];
          if (!last || page.length < PAGE) break;
          after = { at: last.sentAt, id: last.id };
        }
      }
      const statements: Statement[] = [
        ...repo.deleteMonthStatements(db, org.id, month),
        ...rollups.addScoreCells([...acc.scores.values()], ctx.maxSqlParams),
        ...rollups.addPairCells([...acc.pairs.values()], ctx.maxSqlParams),
        ...rollups.addCountCells([...acc.counts.values()], ctx.maxSqlParams),
      ];
      result.cells += acc.scores.size + acc.pairs.size + acc.counts.size;
      result.months += 1;
      opts.onProgress?.({ phase: "writing", done: result.cells, month });
      await runBatch(db, statements);
    }
  }
  return result;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
function localMonth(at: Date, timeZone: string): string {
  let f = monthFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" });
    monthFormats.set(timeZone, f);
  }
  return f.format(at).slice(0, 7);
}
