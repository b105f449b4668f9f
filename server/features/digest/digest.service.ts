// The weekly digest: from Monday 08:00 in the organisation's zone, each manager gets one email a week naming the
// KPIs whose status changed since the last digest, the cases of their units past due, and the review due next.
import { TZDate } from "@date-fns/tz";
import { getISOWeek, getISOWeekYear } from "date-fns";
import type { AppSettings } from "../../config";
import type { Mailer } from "../../mail/mailer";
import { runBatch, type Db } from "../../../db/client";
import { kpiFigureWords } from "../../domain/kpi-units";
import { currentPeriodOf, evaluateKpis } from "../kpis/kpis.service";
import { packDue } from "../review-packs/review-packs.service";
import { renderDigestEmail, type DigestKpi } from "./digest-email";
import * as repo from "./digest.repo";

export type DigestContext = { db: Db; mailer: Mailer; settings: Pick<AppSettings, "publicUrl" | "mailFrom">; now: Date };

const SEND_FROM_MINUTE = 8 * 60;
const CASES_LISTED = 10;

/** The ISO week a moment falls in, in a zone ("2026-W48"), or null before its Monday 08:00 there. */
export function digestWeek(now: Date, timeZone: string): string | null {
  const local = new TZDate(now.getTime(), timeZone);
  if ((local.getDay() || 7) === 1 && local.getHours() * 60 + local.getMinutes() < SEND_FROM_MINUTE) return null;
  return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, "0")}`;
}

async function kpiChanges(ctx: DigestContext, org: { id: string; timeZone: string }) {
  const orgCtx = { db: ctx.db, orgId: org.id, now: ctx.now };
  const reported = new Map((await repo.kpiDigestStatuses(ctx.db, org.id)).map((k) => [k.id, k.digestStatus]));
  const evaluated = [];
  for (const period of ["month", "quarter"] as const) {
    const { fromDay, toDay } = currentPeriodOf(period, ctx.now, org.timeZone);
    evaluated.push(...(await evaluateKpis(orgCtx, { fromDay, toDay })).filter((k) => k.period === period));
  }
  const changed: DigestKpi[] = evaluated
    .filter((k) => reported.get(k.id) !== k.status)
    .map((k) => ({ name: k.name, from: reported.get(k.id) ?? null, to: k.status, value: kpiFigureWords(k.metric, k.reading), reason: k.reason }));
  return { changed, statuses: evaluated.map((k) => ({ id: k.id, status: k.status })) };
}

export async function runWeeklyDigest(ctx: DigestContext): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  const appUrl = ctx.settings.publicUrl.replace(/\/$/, "");
  for (const org of await repo.listOrganisations(ctx.db)) {
    const week = digestWeek(ctx.now, org.timeZone);
    if (!week) continue;
    const managers = await repo.activeManagers(ctx.db, org.id);
    if (managers.length === 0) continue;
    const claimed = [];
    for (const m of managers) if ((await repo.claimDigest(ctx.db, m.id, week, ctx.now)).length) claimed.push(m);
    if (claimed.length === 0) continue;
    const [kpis, due] = await Promise.all([kpiChanges(ctx, org), packDue({ db: ctx.db, orgId: org.id, now: ctx.now })]);
    let allSent = true;
    for (const m of claimed) {
      const overdue = await repo.overdueCases(ctx.db, org.id, ctx.now, m.unitIds, CASES_LISTED);
      const email = await renderDigestEmail({
        orgId: org.id,
        from: ctx.settings.mailFrom,
        to: m.email,
        name: m.name,
        organisation: org.name,
        week,
        kpis: kpis.changed,
        overdue: overdue.map((c) => ({
          number: c.number,
          reason: c.reason,
          owner: c.ownerName ?? c.ownerEmail,
          overdueHours: (ctx.now.getTime() - c.dueAt.getTime()) / 3_600_000,
          link: `${appUrl}/cases/${c.id}`,
        })),
        overdueMore: Math.max(0, (overdue[0]?.total ?? 0) - overdue.length),
        pack: due ? { label: due.period.label, state: due.state, dueBy: due.dueBy, link: `${appUrl}/reviews` } : null,
        appUrl,
      });
      const result = await ctx.mailer.sendBatch([email], `digest:${m.id}:${week}`);
      if (result.ok) sent++;
      else {
        // Given back, so the next tick tries again; the provider's idempotency key keeps a retry from sending twice.
        await repo.releaseDigest(ctx.db, m.id, week);
        failed++;
        allSent = false;
      }
    }
    // The statuses become "last reported" only once every manager has them, so a retried digest still names the change.
    if (allSent && kpis.statuses.length) await runBatch(ctx.db, kpis.statuses.map((k) => repo.setKpiDigestStatus(ctx.db, org.id, k.id, k.status)));
  }
  return { sent, failed };
}
