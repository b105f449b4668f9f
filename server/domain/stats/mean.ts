// Means of numeric items with Student-t intervals, and Welch's test of a change between two periods.
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { ALPHA } from "./inference";
import type { Interval } from "./inference";
import { averageOf } from "./sufficient";
import type { Moments } from "./sufficient";

export type MeanResult = { mean: number | null; sd: number | null; n: number; ci95: Interval | null };
export type MeanChange = { diff: number | null; t: number | null; df: number | null; p: number | null; significant: boolean };

// Σx² − (Σx)²/n can dip just below zero through rounding when every value is equal.
const sampleVariance = (m: Moments) => Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));

export function mean(m: Moments): MeanResult {
  const mu = averageOf(m);
  if (mu === null || m.n < 2) return { mean: mu, sd: null, n: m.n, ci95: null };
  const sd = Math.sqrt(sampleVariance(m));
  const half = (tQuantile(0.975, m.n - 1) * sd) / Math.sqrt(m.n);
  return { mean: mu, sd, n: m.n, ci95: [mu - half, mu + half] };
}

export function meanChange(before: Moments, after: Moments): MeanChange {
  const m1 = averageOf(before, "before.");
  const m2 = averageOf(after, "after.");
  const diff = m1 === null || m2 === null ? null : m2 - m1;
  const untested = { diff, t: null, df: null, p: null, significant: false };
  if (diff === null || before.n < 2 || after.n < 2) return untested;
  const v1 = sampleVariance(before) / before.n;
  const v2 = sampleVariance(after) / after.n;
  // No spread in either period leaves Welch's t undefined rather than infinitely sure.
  if (!(v1 + v2 > 0)) return untested;
  const t = diff / Math.sqrt(v1 + v2);
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (before.n - 1) + v2 ** 2 / (after.n - 1));
  const p = 2 * tCdf(-Math.abs(t), df);
  return { diff, t, df, p, significant: p < ALPHA };
}
