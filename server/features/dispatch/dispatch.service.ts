// The dispatcher: claim due outbox rows (invitations and reminders) in batches of 100, send them at the
// provider's rate, record the outcome. A batch goes out under a key derived from its members; once handed over
// with no answer it is resent exactly as it was, so the provider's idempotency replays rather than sends twice.
import type { Db } from "../../../db/client";
import { afterQuietHours } from "../../domain/distribution";
import type { AppSettings } from "../../config";
import { sha256 } from "../../lib/crypto";
import type { ServiceContext } from "../../lib/service-context";
import type { RateInfo } from "../../mail/mailer";
import { invitationToken } from "../invitations/invitations.service";
import { invitationSentStatement } from "../analytics/analytics.service";
import { firstRatingQuestion, localized } from "../../domain/survey-texts";
import { renderInvitationEmail, senderFrom } from "./invitation-email";
import * as repo from "./dispatch.repo";

// Not a request's context: a tick runs for as long as pacing takes, so it reads a clock rather than one instant,
// and acts for no organisation but for the whole outbox.
export type DispatchDeps = Pick<ServiceContext, "db" | "mailer"> & {
  settings: Pick<AppSettings, "appSecret" | "publicUrl" | "mailFrom" | "mailRatePerSecond">;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** How long a claimed batch is held before another dispatcher may take it over (default LEASE_MS). */
  leaseMs?: number;
};

export type TickOptions = {
  /** Stop after this many requests to the provider. */
  maxBatches?: number;
  /** Claim no new batch once the tick has run this long: a cron run or a timer turn stays bounded. */
  budgetMs?: number;
};

export const BATCH_SIZE = 100;
export const LEASE_MS = 120_000;
export const MAX_ATTEMPTS = 8;
// Requests are spaced this much wider than the limit allows, so timer jitter never trips a sliding window.
const MARGIN = 1.02;

export type TickReport = { batches: number; sent: number; failed: number; deferred: number; expired: number; cancelled: number };

// A server error backs off 1 s, 2 s, 4 s … up to 15 minutes; the provider's retry-after wins when it gives one.
function backoffMs(attempts: number, retryAfterMs?: number) {
  return retryAfterMs ?? Math.min(2 ** Math.max(0, attempts - 1) * 1_000, 15 * 60_000);
}

/**
 * Spaces requests to the provider's rate: the setting to start with, then whatever its RateLimit headers say
 * (the limit over its window; nothing left, when not our own doing, means waiting for the reset), and retry-after
 * after a 429.
 */
export class Pacer {
  #spacing: number;
  #next = Number.NEGATIVE_INFINITY;
  // When our latest requests went, enough to count them over any window the provider names.
  #sentAt: number[] = [];
  constructor(ratePerSecond: number) {
    this.#spacing = (1000 / ratePerSecond) * MARGIN;
  }
  get spacingMs() {
    return this.#spacing;
  }
  /** Milliseconds to wait before the next request may go. */
  waitMs(now: number) {
    return Math.max(0, this.#next - now);
  }
  sent(now: number) {
    this.#sentAt.push(now);
    if (this.#sentAt.length > 100) this.#sentAt.shift();
    this.#next = now + this.#spacing;
  }
  learn(now: number, rate: RateInfo | undefined, retryAfterMs?: number) {
    const last = this.#sentAt.at(-1) ?? Number.NEGATIVE_INFINITY;
    if (rate?.limit && rate.limit > 0) {
      this.#spacing = ((rate.windowMs ?? 1000) / rate.limit) * MARGIN;
      // The next request is spaced from the last by the provider's own limit, not by the guess it went out under.
      this.#next = last + this.#spacing;
    }
    // Pacing at the limit leaves nothing after every other request, and the spacing already waits that out; the
    // reset (whole seconds, so up to a second late) is waited for only when others have used the limit too.
    const window = rate?.windowMs ?? 1000;
    const ours = this.#sentAt.filter((t) => t > now - window).length;
    if (rate?.remaining === 0 && rate.resetMs !== undefined && !(rate.limit && ours >= rate.limit)) this.#next = Math.max(this.#next, now + rate.resetMs);
    if (retryAfterMs !== undefined) this.#next = Math.max(this.#next, now + retryAfterMs);
  }
}

async function claimNext(db: Db, now: Date, leaseMs: number) {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  for (let orphan = await repo.findOrphanBatch(db, now); orphan?.batchId; orphan = await repo.findOrphanBatch(db, now)) {
    const rows = await repo.leaseBatch(db, orphan.batchId, now, leaseUntil);
    if (rows.length) return { batchId: orphan.batchId, rows };
  }
  const batchId = crypto.randomUUID();
  const rows = await repo.claimFreshBatch(db, batchId, BATCH_SIZE, now, leaseUntil);
  return rows.length ? { batchId, rows } : undefined;
}

type Row = Awaited<ReturnType<typeof repo.claimFreshBatch>>[number];

/**
 * Scheduling kept each email out of quiet hours, but a backlog or a retry can reach a row later than planned:
 * one that would now land in the customer's night is put back until the morning. Returns how many.
 */
async function deferQuietRows(db: Db, batchId: string, rows: Row[], at: Date) {
  const contexts = await repo.findQuietContexts(db, rows.map((r) => r.id));
  const later = contexts.flatMap((c) => {
    const quiet = c.quietStartMinute === null || c.quietEndMinute === null ? null : { startMinute: c.quietStartMinute, endMinute: c.quietEndMinute };
    const sendAt = afterQuietHours(at, quiet, c.customerZone ?? c.unitZone ?? c.orgZone);
    return sendAt > at ? [{ id: c.id, sendAt }] : [];
  });
  if (later.length) await repo.deferRows(db, batchId, later);
  return later.length;
}

async function render(deps: DispatchDeps, rows: Row[]) {
  const { db, settings } = deps;
  // Read per batch, not per email; everything an email says comes from its row, so a retry renders the same bytes.
  const versions = new Map(
    (await repo.findVersionTitles(db, [...new Set(rows.map((r) => r.surveyVersionId))])).map((v) => [
      v.id,
      { publicTitle: v.definition.title, surveyTitle: v.title, question: firstRatingQuestion(v.definition) },
    ]),
  );
  const contexts = new Map((await repo.findEmailContexts(db, rows.map((r) => r.id))).map((c) => [c.id, c]));
  return Promise.all(
    rows.map(async (r) => {
      // A reminder links to its invitation's survey; unsubscribing works from either.
      const token = await invitationToken(settings.appSecret, r.parentId ?? r.id);
      const version = versions.get(r.surveyVersionId);
      const c = contexts.get(r.id);
      const locale = c?.locale ?? "en";
      const orgName = c?.orgName ?? "";
      return renderInvitationEmail({
        orgId: r.orgId,
        orgName: orgName || "our team",
        outboxId: r.id,
        from: senderFrom(orgName, settings.mailFrom),
        to: r.email,
        name: r.name,
        surveyTitle: (version && (localized(version.publicTitle, locale) || version.surveyTitle)) ?? "our survey",
        question: version?.question ?? null,
        interaction: { type: c?.type ?? null, channel: c?.channel ?? null, occurredAt: c?.occurredAt ?? null, unit: c?.unit ?? null, agent: c?.agent ?? null },
        locale,
        timeZone: c?.timeZone ?? null,
        link: `${settings.publicUrl}/s/${token}`,
        unsubscribeLink: `${settings.publicUrl}/u/${token}`,
        reminder: r.sequence > 0,
        expiresAt: r.expiresAt,
      });
    }),
  );
}

/** Passes over the outbox until nothing is due or the budget is spent; returns what it did. */
export async function runDispatchTick(deps: DispatchDeps, options: TickOptions = {}, pacer = new Pacer(deps.settings.mailRatePerSecond)): Promise<TickReport> {
  const { db, mailer, now } = deps;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const budgetMs = options.budgetMs ?? 45_000;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const report: TickReport = { batches: 0, sent: 0, failed: 0, deferred: 0, expired: 0, cancelled: 0 };
  const started = now().getTime();
  report.expired = (await repo.expireUnsent(db, now())).length;
  report.cancelled = (await repo.cancelUnwanted(db)).length;

  while (report.batches < maxBatches && now().getTime() - started < budgetMs) {
    const claimed = await claimNext(db, now(), deps.leaseMs ?? LEASE_MS);
    if (!claimed) break;
    // Rendered, then the wait for the provider's rate, then the last look: a change of mind while waiting still
    // counts, and the wait's time is not spent on work that could have gone before it.
    const rendered = new Map((await render(deps, claimed.rows)).map((email, i) => [claimed.rows[i]!.id, email]));
    const wait = pacer.waitMs(now().getTime());
    if (wait > 0) await sleep(wait);
    // A batch no provider has seen gets a last look (quiet hours, then every change of mind); one handed over
    // before is resent as it was.
    const handed = claimed.rows.some((r) => r.handedAt !== null);
    if (!handed) report.deferred += await deferQuietRows(db, claimed.batchId, claimed.rows, now());
    const kept = handed ? null : await repo.confirmBatch(db, claimed.batchId, now());
    const rows = claimed.rows.filter((r) => !kept || kept.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (rows.length === 0) continue;
    // Sorted members fix the key and the body byte for byte across retries.
    const emails = rows.map((r) => rendered.get(r.id)!);
    const key = `rapport-invitations-${await sha256(rows.map((r) => r.id).join(","))}`;
    pacer.sent(now().getTime());
    const result = await mailer.sendBatch(emails, key);
    report.batches++;

    if (result.ok) {
      pacer.learn(now().getTime(), result.rate);
      const at = now();
      const contexts = new Map((await repo.findSentContexts(db, rows.map((r) => r.id))).map((c) => [c.id, c]));
      const sent = rows.map((r, j) => {
        const c = contexts.get(r.id);
        // Reminders are emails, not invitations: the response rate counts each invitation once.
        const then = c && r.sequence === 0 ? [invitationSentStatement({ orgId: r.orgId, surveyId: r.surveyId, timeZone: c.timeZone, at, context: c })] : [];
        return { id: r.id, providerId: result.ids[j] ?? null, then };
      });
      await repo.markBatchSent(db, sent, at);
      report.sent += rows.length;
      continue;
    }
    pacer.learn(now().getTime(), result.rate, result.retryAfterMs);
    const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
    const failed = !result.retryable || attempts >= MAX_ATTEMPTS;
    await repo.recordBatchFailure(db, claimed.batchId, {
      retryAt: failed ? null : new Date(now().getTime() + backoffMs(attempts, result.retryAfterMs)),
      lastError: result.message,
      failed,
      definite: result.definite,
    });
    if (failed) report.failed += rows.length;
    else report.deferred += rows.length;
  }
  return report;
}

/**
 * Runs ticks back to back for as long as they find work, then every `intervalMs`: the Node runtime's dispatcher.
 * One pacer spans the ticks, so the provider's rate holds across them. Returns a stop function.
 */
export function startDispatcher(deps: DispatchDeps, intervalMs: number, log: (report: TickReport) => void, onError: (err: unknown) => void) {
  const pacer = new Pacer(deps.settings.mailRatePerSecond);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = async () => {
    let busy = false;
    try {
      const report = await runDispatchTick(deps, { budgetMs: 30_000 }, pacer);
      if (report.batches || report.expired || report.cancelled) log(report);
      busy = report.batches > 0;
    } catch (err) {
      onError(err);
    }
    if (!stopped) timer = setTimeout(loop, busy ? 0 : intervalMs);
  };
  timer = setTimeout(loop, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
