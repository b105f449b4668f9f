import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bayesianRate,
  coMomentsOf,
  keyDrivers,
  mean,
  mergeCoMoments,
  mergeMoments,
  mergeNpsCounts,
  momentsOf,
  nps,
  npsCountsFromScores,
  proportion,
  wilson,
} from "../../server/domain/stats";
import type { Interval, NpsCounts } from "../../server/domain/stats";

const EPS = 1e-9;
const width = ([lower, upper]: Interval) => upper - lower;
const contains = ([lower, upper]: Interval, x: number) => lower - EPS <= x && x <= upper + EPS;
const within = ([lower, upper]: Interval, min: number, max: number) => min <= lower && lower <= upper && upper <= max;

const npsCounts = fc.record({
  promoters: fc.nat({ max: 300 }),
  passives: fc.nat({ max: 300 }),
  detractors: fc.nat({ max: 300 }),
});
const kOfN = fc.nat({ max: 500 }).chain((n) => fc.tuple(fc.nat({ max: n }), fc.constant(n)));
const scores = (max: number) => fc.array(fc.integer({ min: 0, max }), { maxLength: 60 });
const double = (c: NpsCounts): NpsCounts => ({
  promoters: 2 * c.promoters,
  passives: 2 * c.passives,
  detractors: 2 * c.detractors,
});
const total = (c: NpsCounts) => c.promoters + c.passives + c.detractors;

describe("NPS interval", () => {
  it("contains the score and stays inside -100..100 from two respondents up", () => {
    // With one respondent the adjusted-Wald centre sits so far inside that ±100 falls just outside the interval.
    fc.assert(
      fc.property(npsCounts, (c) => {
        fc.pre(total(c) >= 2);
        const r = nps(c);
        expect(contains(r.ci95!, r.score!)).toBe(true);
        expect(within(r.ci95!, -100, 100)).toBe(true);
      }),
    );
  });

  it("widens when the same mix comes from fewer respondents", () => {
    fc.assert(
      fc.property(npsCounts, (c) => {
        fc.pre(total(c) >= 1);
        expect(width(nps(c).ci95!)).toBeGreaterThanOrEqual(width(nps(double(c)).ci95!) - EPS);
      }),
    );
  });
});

describe("proportion interval", () => {
  it("contains the percentage and stays inside 0..100", () => {
    fc.assert(
      fc.property(kOfN, ([k, n]) => {
        fc.pre(n >= 1);
        const r = proportion(k, n);
        expect(contains(r.ci95!, r.pct!)).toBe(true);
        expect(within(r.ci95!, 0, 100)).toBe(true);
      }),
    );
  });

  it("widens when the same share comes from fewer answers", () => {
    fc.assert(
      fc.property(kOfN, ([k, n]) => {
        fc.pre(n >= 1);
        expect(width(proportion(k, n).ci95!)).toBeGreaterThanOrEqual(width(proportion(2 * k, 2 * n).ci95!) - EPS);
      }),
    );
  });

  it("keeps Wilson bounds inside 0..1 around the raw rate for any positive z", () => {
    fc.assert(
      fc.property(kOfN, fc.double({ min: 0.1, max: 5, noNaN: true }), ([k, n], z) => {
        fc.pre(n >= 1);
        const { lower, upper } = wilson(k, n, z)!;
        expect(within([lower, upper], 0, 1)).toBe(true);
        expect(contains([lower, upper], k / n)).toBe(true);
      }),
    );
  });

  it("shrinks a rate towards the prior mean without passing it", () => {
    fc.assert(
      fc.property(kOfN, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 100 }), ([k, n], m, c) => {
        fc.pre(n >= 1);
        const shrunk = bayesianRate(k, n, m, c)!;
        expect(contains([Math.min(k / n, m), Math.max(k / n, m)], shrunk)).toBe(true);
      }),
    );
  });
});

describe("mean interval", () => {
  const ratings = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 80 });

  it("contains the mean", () => {
    fc.assert(
      fc.property(ratings, (values) => {
        const r = mean(momentsOf(values));
        expect(contains(r.ci95!, r.mean!)).toBe(true);
      }),
    );
  });

  it("widens when the same answers come from fewer respondents", () => {
    fc.assert(
      fc.property(ratings, (values) => {
        const twice = mean(momentsOf([...values, ...values]));
        expect(width(mean(momentsOf(values)).ci95!)).toBeGreaterThanOrEqual(width(twice.ci95!) - EPS);
      }),
    );
  });
});

describe("merging two periods' sums", () => {
  it("gives the same NPS as scoring the concatenated answers", () => {
    fc.assert(
      fc.property(scores(10), scores(10), (a, b) => {
        const merged = mergeNpsCounts(npsCountsFromScores(a), npsCountsFromScores(b));
        expect(nps(merged)).toEqual(nps(npsCountsFromScores([...a, ...b])));
      }),
    );
  });

  it("gives the same mean and interval as the concatenated values", () => {
    // Integer ratings keep every sum exact, so any difference would be the merge's fault, not rounding's.
    fc.assert(
      fc.property(scores(7), scores(7), (a, b) => {
        expect(mean(mergeMoments(momentsOf(a), momentsOf(b)))).toEqual(mean(momentsOf([...a, ...b])));
      }),
    );
  });

  it("gives the same key drivers as the concatenated rows", () => {
    const row = fc.record({
      overall: fc.integer({ min: 1, max: 5 }),
      speed: fc.integer({ min: 1, max: 5 }),
      courtesy: fc.integer({ min: 1, max: 5 }),
    });
    const names = ["overall", "speed", "courtesy"];
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.array(row, { maxLength: 30 }), (a, b) => {
        const merged = mergeCoMoments(coMomentsOf(a, names), coMomentsOf(b, names));
        expect(merged).toEqual(coMomentsOf([...a, ...b], names));
        expect(keyDrivers(merged, "overall")).toEqual(keyDrivers(coMomentsOf([...a, ...b], names), "overall"));
      }),
    );
  });
});
