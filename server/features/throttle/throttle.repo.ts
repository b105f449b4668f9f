// Queries for the fixed-window counters in rate_limits (key, window_start, count).
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { rateLimits } from "../../../db/schema";

export type Hit = { key: string; windowStart: number };

// One statement per hit: the row is created, bumped, or restarted for a new window atomically, so
// concurrent requests (or Worker isolates) can never both read the same count.
const countHit = (db: Db, { key, windowStart }: Hit) =>
  db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count });

/** Counts one hit on each key and returns the counts in the same order. */
export async function countHits(db: Db, hits: Hit[]): Promise<number[]> {
  const [first, ...rest] = hits.map((h) => countHit(db, h));
  if (!first) return [];
  const results = await db.batch([first, ...rest]);
  return results.map((rows) => rows[0]?.count ?? 0);
}

/** Takes back hits that turned out not to count, in the window they were counted in. */
export async function refundHits(db: Db, hits: Hit[]): Promise<void> {
  const [first, ...rest] = hits.map(({ key, windowStart }) =>
    db
      .update(rateLimits)
      .set({ count: sql`${rateLimits.count} - 1` })
      .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart), gt(rateLimits.count, 0))),
  );
  if (first) await db.batch([first, ...rest]);
}

export const deleteCounters = (db: Db, keys: string[]) => db.delete(rateLimits).where(inArray(rateLimits.key, keys)).run();

export const deleteWindowsBefore = (db: Db, windowStart: number) => db.delete(rateLimits).where(lt(rateLimits.windowStart, windowStart)).run();
