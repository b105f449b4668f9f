// Net Promoter Score with its adjusted-Wald interval, and the test of a change between two periods.
import { clampInterval, untested, waldChange, Z95 } from "./inference";
import type { Change, Interval } from "./inference";
import { checkNpsCounts } from "./sufficient";
import type { NpsCounts } from "./sufficient";

export type NpsResult = NpsCounts & { score: number | null; n: number; ci95: Interval | null };

const perRespondentVariance = (p: number, d: number) => p + d - (p - d) ** 2;

export function nps(c: NpsCounts): NpsResult {
  const n = checkNpsCounts(c);
  const counts = { promoters: c.promoters, passives: c.passives, detractors: c.detractors };
  if (n === 0) return { score: null, n, ...counts, ci95: null };
  // The +3 / +0.75 adjustment keeps the interval informative at ±100, where the plain Wald one collapses to a point.
  const nAdj = n + 3;
  const p = (c.promoters + 0.75) / nAdj;
  const d = (c.detractors + 0.75) / nAdj;
  const se = Math.sqrt(perRespondentVariance(p, d) / nAdj) * 100;
  const score = ((c.promoters - c.detractors) / n) * 100;
  return { score, n, ...counts, ci95: clampInterval((p - d) * 100, Z95 * se, -100, 100) };
}

export function npsChange(before: NpsCounts, after: NpsCounts): Change {
  const n1 = checkNpsCounts(before, "before.");
  const n2 = checkNpsCounts(after, "after.");
  if (n1 === 0 || n2 === 0) return untested();
  const [p1, d1, p2, d2] = [before.promoters / n1, before.detractors / n1, after.promoters / n2, after.detractors / n2];
  const variance = perRespondentVariance(p1, d1) / n1 + perRespondentVariance(p2, d2) / n2;
  return waldChange((p2 - d2 - (p1 - d1)) * 100, variance * 100 ** 2);
}
