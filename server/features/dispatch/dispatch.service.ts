// The dispatcher tick: claim due invitations in batches of 100, send them within the mail provider's
// rate, record the outcome; failures back off and the same batch retries under the same Idempotency-Key.
import type { Db } from "../../../db/client";
import type { AppSettings } from "../../config";
import { sha256 } from "../../lib/crypto";
import type { ServiceContext } from "../../lib/service-context";
import { invitationToken } from "../invitations/invitations.service";
import { invitationSentStatement } from "../analytics/analytics.service";
import { renderInvitationEmail } from "./invitation-email";
import * as repo from "./dispatch.repo";

// Not a request's context: a tick runs for as long as pacing takes, so it reads a clock rather than one instant,
// and acts for no organisation but for the whole outbox.
export type DispatchDeps = Pick<ServiceContext, "db" | "mailer"> & {
  settings: Pick<AppSettings, "appSecret" | "publicUrl" | "mailFrom" | "mailRatePerSecond">;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
};

export const BATCH_SIZE = 100;
export const LEASE_MS = 120_000;
export const MAX_ATTEMPTS = 8;

export type TickReport = { batches: number; sent: number; failed: number; deferred: number; expired: number };

// The provider's retry-after wins; without one, back off exponentially up to 15 minutes.
function backoffMs(attempts: number, retryAfterMs?: number) {
  return retryAfterMs ?? Math.min(2 ** attempts * 5_000, 15 * 60_000);
}

async function claimNext(db: Db, now: Date) {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  for (let orphan = await repo.findOrphanBatch(db, now); orphan?.batchId; orphan = await repo.findOrphanBatch(db, now)) {
    const rows = await repo.leaseBatch(db, orphan.batchId, now, leaseUntil);
    if (rows.length) return { batchId: orphan.batchId, rows };
  }
  const batchId = crypto.randomUUID();
  const rows = await repo.claimFreshBatch(db, batchId, BATCH_SIZE, now, leaseUntil);
  return rows.length ? { batchId, rows } : undefined;
}

/** One pass over the outbox; returns what it did. Stops after `maxBatches` so a tick stays bounded. */
export async function runDispatchTick(deps: DispatchDeps, maxBatches = 20): Promise<TickReport> {
  const { db, mailer, settings, now } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const report: TickReport = { batches: 0, sent: 0, failed: 0, deferred: 0, expired: 0 };
  report.expired = (await repo.expireUnsent(db, now())).length;
  const spacing = 1000 / settings.mailRatePerSecond;
  let lastSend = -Infinity;

  for (let i = 0; i < maxBatches; i++) {
    const claimed = await claimNext(db, now());
    if (!claimed) break;
    // A batch keeps its members, so sorting fixes the key and the body byte for byte across retries.
    const rows = claimed.rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    const titles = new Map((await repo.findVersionTitles(db, [...new Set(rows.map((r) => r.surveyVersionId))])).map((v) => [v.id, v.title]));
    const emails = await Promise.all(
      rows.map(async (r) =>
        renderInvitationEmail({
          orgId: r.orgId,
          from: settings.mailFrom,
          to: r.email,
          name: r.name,
          surveyTitle: titles.get(r.surveyVersionId) ?? "our survey",
          link: `${settings.publicUrl}/s/${await invitationToken(settings.appSecret, r.id)}`,
          expiresAt: r.expiresAt,
        }),
      ),
    );
    const key = `rapport-invitations-${await sha256(rows.map((r) => r.id).join(","))}`;

    const wait = lastSend + spacing - now().getTime();
    if (wait > 0) await sleep(wait);
    lastSend = now().getTime();
    const result = await mailer.sendBatch(emails, key);
    report.batches++;

    if (result.ok) {
      const at = now();
      const contexts = new Map((await repo.findSentContexts(db, rows.map((r) => r.id))).map((c) => [c.id, c]));
      const sent = rows.map((r, j) => {
        const c = contexts.get(r.id);
        const then = c ? [invitationSentStatement({ orgId: r.orgId, surveyId: r.surveyId, timeZone: c.timeZone, at, context: c })] : [];
        return { id: r.id, providerId: result.ids[j] ?? null, then };
      });
      await repo.markBatchSent(db, sent, at);
      report.sent += rows.length;
      continue;
    }
    const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
    const failed = !result.retryable || attempts >= MAX_ATTEMPTS;
    await repo.recordBatchFailure(db, claimed.batchId, {
      retryAt: failed ? null : new Date(now().getTime() + backoffMs(attempts, result.retryAfterMs)),
      lastError: result.message,
      failed,
    });
    if (failed) report.failed += rows.length;
    else report.deferred += rows.length;
    // The provider is pushing back: leave the rest of the outbox for a later tick.
    if (result.retryable) break;
  }
  return report;
}
