// Shared normal-theory pieces: the 95 % z, the Wald test of a change, and interval clamping.
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";

export type Interval = [lower: number, upper: number];

export type Change = {
  diff: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
  ci95: Interval | null;
  significant: boolean;
};

// The metric definitions fix z at 1.96 rather than the exact quantile, so results match the shared vectors.
export const Z95 = 1.96;
export const ALPHA = 0.05;

export function untested(diff: number | null = null, se: number | null = null): Change {
  return { diff, se, z: null, p: null, ci95: null, significant: false };
}

export function waldChange(diff: number, variance: number): Change {
  const se = Math.sqrt(variance);
  // Every answer on a boundary in both periods leaves the Wald test without a variance: undefined, not certain.
  if (!(se > 0)) return untested(diff, se);
  const z = diff / se;
  const p = 2 * normalCdf(-Math.abs(z), 0, 1);
  return { diff, se, z, p, ci95: [diff - Z95 * se, diff + Z95 * se], significant: p < ALPHA };
}

export function clampInterval(centre: number, halfWidth: number, min: number, max: number): Interval {
  return [Math.max(min, centre - halfWidth), Math.min(max, centre + halfWidth)];
}
