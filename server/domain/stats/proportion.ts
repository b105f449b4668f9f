// Rates of k out of n: Wilson intervals, shrunk rates for small samples, staff rankings and binomial chances.
import binomialCdfAt from "@stdlib/stats-base-dists-binomial-cdf";
import { untested, waldChange, Z95 } from "./inference";
import type { Change, Interval } from "./inference";
import { ensure, ensureCounts } from "./validate";

export type ProportionResult = { pct: number | null; n: number; ci95: Interval | null };
export type StaffRow = { id: string; k: number; n: number };
export type RankOptions = { minN: number; method: "wilson" | "bayes"; priorMean?: number; priorStrength?: number };
export type RankedRow<R extends StaffRow> = R & { rank: number; rate: number; ci95: Interval; score: number };
export type StaffRanking<R extends StaffRow> = { ranked: RankedRow<R>[]; notEnoughAnswers: R[] };

function wilsonInterval(k: number, n: number, z: number): Interval {
  const ph = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (ph + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((ph * (1 - ph)) / n + (z * z) / (4 * n * n))) / denominator;
  // Rounding can push a bound a hair past 0 or 1 when k is 0 or n.
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function wilson(k: number, n: number, z = Z95): { lower: number; upper: number } | null {
  ensureCounts(k, n);
  ensure("positive", "z", z);
  if (n === 0) return null;
  const [lower, upper] = wilsonInterval(k, n, z);
  return { lower, upper };
}

export function proportion(k: number, n: number): ProportionResult {
  ensureCounts(k, n);
  if (n === 0) return { pct: null, n, ci95: null };
  const [lower, upper] = wilsonInterval(k, n, Z95);
  return { pct: (k / n) * 100, n, ci95: [lower * 100, upper * 100] };
}

export function proportionChange(before: { k: number; n: number }, after: { k: number; n: number }): Change {
  ensureCounts(before.k, before.n, "before.k", "before.n");
  ensureCounts(after.k, after.n, "after.k", "after.n");
  if (before.n === 0 || after.n === 0) return untested();
  const [p1, p2] = [before.k / before.n, after.k / after.n];
  return waldChange((p2 - p1) * 100, ((p1 * (1 - p1)) / before.n + (p2 * (1 - p2)) / after.n) * 100 ** 2);
}

export function bayesianRate(k: number, n: number, priorMean: number, priorStrength: number): number | null {
  ensureCounts(k, n);
  ensure("fraction", "priorMean", priorMean);
  ensure("nonNegative", "priorStrength", priorStrength);
  return n + priorStrength === 0 ? null : shrink(k, n, priorMean, priorStrength);
}

// The posterior mean under a Beta(m·C, (1 − m)·C) prior: C imaginary answers at the prior rate.
const shrink = (k: number, n: number, m: number, c: number) => (k + m * c) / (n + c);

export function binomialCdf(k: number, n: number, p: number): number {
  ensureCounts(k, n);
  ensure("fraction", "p", p);
  return binomialCdfAt(k, n, p);
}

export function rankStaff<R extends StaffRow>(rows: readonly R[], opts: RankOptions): StaffRanking<R> {
  // A row without answers has no rate at all, so it is never ranked whatever minN says.
  const minN = Math.max(1, ensure("count", "minN", opts.minN));
  const scoreOf = scorer(opts);
  rows.forEach((r, i) => {
    ensureCounts(r.k, r.n, `rows[${i}].k`, `rows[${i}].n`);
  });
  const ranked = rows
    .filter((r) => r.n >= minN)
    .map((r) => ({ ...r, rate: r.k / r.n, ci95: wilsonInterval(r.k, r.n, Z95), score: scoreOf(r) }))
    // Ties go to the larger sample, then to the id, so the order never depends on the input order.
    .sort((a, b) => b.score - a.score || b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r, i) => ({ ...r, rank: i + 1 }));
  return { ranked, notEnoughAnswers: rows.filter((r) => r.n < minN) };
}

function scorer(opts: RankOptions): (r: StaffRow) => number {
  if (opts.method === "wilson") return (r) => wilsonInterval(r.k, r.n, Z95)[0];
  if (opts.method !== "bayes") throw new RangeError(`method must be 'wilson' or 'bayes', got ${String(opts.method)}`);
  const m = ensure("fraction", "priorMean", opts.priorMean);
  const c = ensure("nonNegative", "priorStrength", opts.priorStrength);
  return (r) => shrink(r.k, r.n, m, c);
}
