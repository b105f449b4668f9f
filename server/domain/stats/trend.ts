// Period-by-period series: each period's value and interval, and whether it moved significantly since the last.
import { meanChange, mean } from "./mean";
import { nps, npsChange } from "./nps";
import { proportion, proportionChange } from "./proportion";
import type { Interval } from "./inference";
import type { Moments, NpsCounts } from "./sufficient";

export type TrendPoint = {
  period: string;
  value: number | null;
  n: number;
  ci95: Interval | null;
  change: "up" | "down" | "flat" | null;
};

type Estimate = { value: number | null; n: number; ci95: Interval | null };
type Verdict = { diff: number | null; significant: boolean };

function buildTrend<P extends { period: string }>(
  points: readonly P[],
  estimate: (point: P) => Estimate,
  compare: (previous: P, current: P) => Verdict,
): TrendPoint[] {
  return points.map((point, i) => {
    const previous = points[i - 1];
    const verdict = previous ? compare(previous, point) : null;
    const change =
      verdict === null || verdict.diff === null
        ? null
        : !verdict.significant
          ? "flat"
          : verdict.diff > 0
            ? "up"
            : "down";
    return { period: point.period, ...estimate(point), change };
  });
}

export function trend(points: readonly { period: string; counts: NpsCounts }[]): TrendPoint[] {
  return buildTrend(
    points,
    ({ counts }) => {
      const r = nps(counts);
      return { value: r.score, n: r.n, ci95: r.ci95 };
    },
    (a, b) => npsChange(a.counts, b.counts),
  );
}

export function trendMean(points: readonly { period: string; moments: Moments }[]): TrendPoint[] {
  return buildTrend(
    points,
    ({ moments }) => {
      const r = mean(moments);
      return { value: r.mean, n: r.n, ci95: r.ci95 };
    },
    (a, b) => meanChange(a.moments, b.moments),
  );
}

export function trendProportion(points: readonly { period: string; k: number; n: number }[]): TrendPoint[] {
  return buildTrend(
    points,
    ({ k, n }) => {
      const r = proportion(k, n);
      return { value: r.pct, n: r.n, ci95: r.ci95 };
    },
    (a, b) => proportionChange(a, b),
  );
}
