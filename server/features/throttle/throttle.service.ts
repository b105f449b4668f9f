// Throttling rules: named limits over fixed windows, counted in the database so every process and
// Worker isolate shares them.
import type { Db } from "../../../db/client";
import { countHits, deleteCounters, deleteWindowsBefore, refundHits, type Hit } from "./throttle.repo";

export type Limit = { name: string; max: number; windowMs: number };

const MINUTE = 60_000;

export const LIMITS = {
  signInPerAccount: { name: "sign-in-account", max: 5, windowMs: 15 * MINUTE },
  signInPerAddress: { name: "sign-in-address", max: 20, windowMs: 15 * MINUTE },
  // Password resets, invitation acceptance and setup: each answer may send an email or create an account.
  accountFormsPerAddress: { name: "account-forms-address", max: 10, windowMs: 15 * MINUTE },
  // A respondent needs two calls per survey; an office behind one address answering together needs more.
  publicPerAddress: { name: "public-address", max: 60, windowMs: MINUTE },
  // A counter kiosk answers anonymously: a busy counter takes a customer every two minutes, a shop's network a few counters.
  kioskPerDevice: { name: "kiosk-device", max: 30, windowMs: 60 * MINUTE },
  kioskPerAddress: { name: "kiosk-address", max: 120, windowMs: 60 * MINUTE },
  // Saving answers as they go happens every few seconds per customer and needs the link's secret token: an
  // office answering together must not use up the limit that opening surveys shares.
  progressPerAddress: { name: "progress-address", max: 600, windowMs: MINUTE },
} satisfies Record<string, Limit>;

const LONGEST_WINDOW = Math.max(...Object.values(LIMITS).map((l) => l.windowMs));
const SWEEP_EVERY = 10 * MINUTE;

export type Counter = { limit: Limit; subject: string };
export type Tally = { hits: Hit[]; exceeded: boolean; retryAfterSeconds: number };

const keyOf = ({ limit, subject }: Counter) => `${limit.name}:${subject}`;

function hitOf(counter: Counter, nowMs: number): Hit {
  return { key: keyOf(counter), windowStart: Math.floor(nowMs / counter.limit.windowMs) * counter.limit.windowMs };
}

// Old windows are deleted by whichever request comes along after a while, at most once per SWEEP_EVERY
// per database handle: no timer, so Workers need no extra trigger, and the table stays small.
const nextSweep = new WeakMap<Db, number>();
async function sweepNowAndThen(db: Db, nowMs: number) {
  if ((nextSweep.get(db) ?? 0) > nowMs) return;
  nextSweep.set(db, nowMs + SWEEP_EVERY);
  await deleteWindowsBefore(db, nowMs - LONGEST_WINDOW);
}

/** Counts one hit on every counter; `exceeded` when any is over its limit, with when the last one frees up. */
export async function countAttempt(db: Db, counters: Counter[], now: Date): Promise<Tally> {
  const nowMs = now.getTime();
  const hits = counters.map((c) => hitOf(c, nowMs));
  const counts = await countHits(db, hits);
  await sweepNowAndThen(db, nowMs);
  let retryAfterMs = 0;
  counters.forEach((c, i) => {
    if ((counts[i] ?? 0) > c.limit.max) retryAfterMs = Math.max(retryAfterMs, hits[i]!.windowStart + c.limit.windowMs - nowMs);
  });
  return { hits, exceeded: retryAfterMs > 0, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Takes back an attempt that did not count after all (it succeeded, or was refused for another reason). */
export const refundAttempt = (db: Db, tally: Tally) => refundHits(db, tally.hits);

/** Forgets a subject's counters, as after a successful sign-in. */
export const clearCounters = (db: Db, counters: Counter[]) => deleteCounters(db, counters.map(keyOf));

/** "in 15 minutes", "in 40 seconds": how long until a refused client may try again. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}
