import { describe, expect, it } from "vitest";
import {
  bayesianRate,
  contactCentreKpis,
  mean,
  meanChange,
  mergeCoMoments,
  mergeMoments,
  momentsOf,
  nps,
  npsChange,
  npsCountsFromScores,
  proportion,
  proportionChange,
  rankStaff,
  satisfactionIndex,
  servqualGap,
  trend,
  trendMean,
  trendProportion,
  wilson,
} from "../../server/domain/stats";

const none = { promoters: 0, passives: 0, detractors: 0 };
const noMoments = { n: 0, sum: 0, sumSq: 0 };

describe("no answers", () => {
  it("returns null scores and intervals instead of NaN", () => {
    expect(nps(none)).toEqual({ score: null, n: 0, ...none, ci95: null });
    expect(proportion(0, 0)).toEqual({ pct: null, n: 0, ci95: null });
    expect(mean(noMoments)).toEqual({ mean: null, sd: null, n: 0, ci95: null });
    expect(wilson(0, 0)).toBeNull();
    expect(bayesianRate(0, 0, 0.8, 0)).toBeNull();
  });

  it("gives the prior mean as the Bayesian rate of someone with no answers yet", () => {
    expect(bayesianRate(0, 0, 0.8, 20)).toBeCloseTo(0.8, 12);
  });

  it("reports no change when either period is empty", () => {
    const some = { promoters: 3, passives: 1, detractors: 1 };
    expect(npsChange(none, some)).toEqual({ diff: null, se: null, z: null, p: null, ci95: null, significant: false });
    expect(meanChange(momentsOf([4, 5]), noMoments)).toEqual({ diff: null, t: null, df: null, p: null, significant: false });
  });

  it("leaves the index null when a weighted item has no answers, so periods stay comparable", () => {
    const answered = { moments: momentsOf([4, 5]), scaleMin: 1, scaleMax: 5, weight: 1 };
    expect(satisfactionIndex([answered, { ...answered, moments: noMoments }])).toBeNull();
  });

  it("leaves the overall SERVQUAL gap null when a dimension has no answers", () => {
    const result = servqualGap({
      tangibles: { expected: momentsOf([6, 7]), perceived: momentsOf([5, 6]) },
      empathy: { expected: momentsOf([6]), perceived: noMoments },
    });
    expect(result.dimensions.tangibles?.gap).toBeCloseTo(-1, 12);
    expect(result.dimensions.empathy).toEqual({ expected: 6, perceived: null, gap: null });
    expect(result.overall).toBeNull();
  });

  it("gives contact-centre rates as null when nothing was handled or offered", () => {
    const quiet = { talkSeconds: 0, holdSeconds: 0, afterCallSeconds: 0, handled: 0, resolvedFirstContact: 0 };
    expect(contactCentreKpis({ ...quiet, offered: 0, answeredWithinTarget: 0, abandoned: 0 })).toEqual({
      averageHandlingSeconds: null,
      firstContactResolution: null,
      serviceLevel: null,
      abandonRate: null,
    });
  });

  it("merges an empty period that does not know the variables yet", () => {
    const filled = { n: 1, sum: { a: 2 }, sumSq: { a: 4 }, sumProd: { a: { a: 4 } } };
    expect(mergeCoMoments({ n: 0, sum: {}, sumSq: {}, sumProd: {} }, filled)).toEqual(filled);
    expect(mergeMoments()).toEqual(noMoments);
  });
});

describe("one respondent", () => {
  it("gives a mean without a standard deviation or interval", () => {
    expect(mean(momentsOf([4]))).toEqual({ mean: 4, sd: null, n: 1, ci95: null });
  });

  it("gives the difference of means but no test", () => {
    expect(meanChange(momentsOf([4]), momentsOf([2, 3]))).toEqual({
      diff: -1.5,
      t: null,
      df: null,
      p: null,
      significant: false,
    });
  });

  it("gives a single promoter the adjusted-Wald interval, which stops just short of the raw 100", () => {
    const { score, ci95 } = nps({ promoters: 1, passives: 0, detractors: 0 });
    expect(score).toBe(100);
    expect(ci95?.[0]).toBeCloseTo(-48.5, 1);
    expect(ci95?.[1]).toBeCloseTo(98.5, 1);
  });
});

describe("known values", () => {
  it("gives the Student-t interval of 1..5", () => {
    const r = mean(momentsOf([1, 2, 3, 4, 5]));
    expect(r.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(r.ci95?.[0]).toBeCloseTo(1.0368, 4);
    expect(r.ci95?.[1]).toBeCloseTo(4.9632, 4);
  });

  it("runs Welch's test with t carrying the sign of after minus before", () => {
    const up = meanChange(momentsOf([1, 2, 3, 4, 5]), momentsOf([3, 4, 5, 6, 7]));
    expect(up).toMatchObject({ diff: 2, t: 2, df: 8, significant: false });
    expect(up.p).toBeCloseTo(0.0805, 4);
    expect(meanChange(momentsOf([3, 4, 5, 6, 7]), momentsOf([1, 2, 3, 4, 5])).t).toBe(-2);
  });

  it("tests an NPS change on the raw proportions", () => {
    const change = npsChange({ promoters: 50, passives: 0, detractors: 50 }, { promoters: 70, passives: 0, detractors: 30 });
    expect(change.diff).toBeCloseTo(40, 12);
    expect(change.se).toBeCloseTo(100 * Math.sqrt(1 / 100 + 0.84 / 100), 12);
    expect(change.z).toBeCloseTo(2.9488, 4);
    expect(change.p).toBeCloseTo(0.00319, 5);
    expect(change.ci95?.[0]).toBeCloseTo(40 - 1.96 * change.se!, 12);
    expect(change.significant).toBe(true);
  });

  it("tests a proportion change in points with the same Wald test", () => {
    const change = proportionChange({ k: 50, n: 100 }, { k: 65, n: 100 });
    expect(change.diff).toBeCloseTo(15, 12);
    expect(change.se).toBeCloseTo(100 * Math.sqrt(0.25 / 100 + 0.2275 / 100), 12);
    expect(change.significant).toBe(true);
  });
});

describe("trends", () => {
  it("marks significant moves up or down, others flat, and the first period null", () => {
    const points = trend([
      { period: "2026-01", counts: { promoters: 20, passives: 10, detractors: 70 } },
      { period: "2026-02", counts: { promoters: 60, passives: 20, detractors: 20 } },
      { period: "2026-03", counts: { promoters: 58, passives: 22, detractors: 20 } },
      { period: "2026-04", counts: { promoters: 20, passives: 20, detractors: 60 } },
    ]);
    expect(points.map((p) => p.change)).toEqual([null, "up", "flat", "down"]);
    expect(points[1]).toMatchObject({ period: "2026-02", value: 40, n: 100 });
    expect(points[1]?.ci95).toEqual(nps({ promoters: 60, passives: 20, detractors: 20 }).ci95);
  });

  it("gives no change after a period without answers", () => {
    const points = trendProportion([
      { period: "w1", k: 0, n: 0 },
      { period: "w2", k: 40, n: 50 },
    ]);
    expect(points.map((p) => [p.value, p.change])).toEqual([
      [null, null],
      [80, null],
    ]);
  });

  it("follows means with Welch's test", () => {
    const points = trendMean([
      { period: "q1", moments: momentsOf([2, 3, 2, 3, 2, 3]) },
      { period: "q2", moments: momentsOf([4, 5, 4, 5, 4, 5]) },
      { period: "q3", moments: momentsOf([5, 4, 5, 4, 5]) },
    ]);
    expect(points.map((p) => p.change)).toEqual([null, "up", "flat"]);
    expect(points[1]?.value).toBe(4.5);
  });
});

describe("staff ranking", () => {
  const rows = [
    { id: "ana", k: 9, n: 10, name: "Ana" },
    { id: "ben", k: 2, n: 2, name: "Ben" },
    { id: "cy", k: 0, n: 0, name: "Cy" },
  ];

  it("lists rows under the minimum apart as not enough answers, keeping their other fields", () => {
    const { ranked, notEnoughAnswers } = rankStaff(rows, { minN: 5, method: "wilson" });
    expect(ranked.map((r) => [r.id, r.name, r.rank])).toEqual([["ana", "Ana", 1]]);
    expect(notEnoughAnswers.map((r) => r.id)).toEqual(["ben", "cy"]);
  });

  it("never ranks a row without answers, even with a minimum of zero", () => {
    expect(rankStaff(rows, { minN: 0, method: "wilson" }).notEnoughAnswers.map((r) => r.id)).toEqual(["cy"]);
  });

  it("breaks ties by the larger sample, then by id, whatever the input order", () => {
    const tied = [
      { id: "b", k: 5, n: 5 },
      { id: "a", k: 5, n: 5 },
      { id: "c", k: 10, n: 10 },
    ];
    const ids = (input: typeof tied) =>
      rankStaff(input, { minN: 1, method: "bayes", priorMean: 1, priorStrength: 3 }).ranked.map((r) => r.id);
    expect(ids(tied)).toEqual(["c", "a", "b"]);
    expect(ids([...tied].reverse())).toEqual(["c", "a", "b"]);
  });

  it("asks for a prior mean when ranking by Bayesian average", () => {
    expect(() => rankStaff(rows, { minN: 1, method: "bayes", priorStrength: 10 })).toThrow(
      new RangeError("priorMean must be a number from 0 to 1, got undefined"),
    );
  });
});

describe("weights", () => {
  const item = (values: number[], weight: number) => ({ moments: momentsOf(values), scaleMin: 1, scaleMax: 5, weight });

  it("ignores an item with a weight of 0, even one without answers", () => {
    expect(satisfactionIndex([item([5], 1), item([1], 0), item([], 0)])).toBe(100);
  });

  it("refuses a set of weights that are all 0", () => {
    expect(() => satisfactionIndex([item([5], 0)])).toThrow(RangeError);
    expect(() => satisfactionIndex([])).toThrow(RangeError);
  });
});

describe("invalid input", () => {
  const totals = {
    talkSeconds: -5,
    holdSeconds: 0,
    afterCallSeconds: 0,
    handled: 1,
    resolvedFirstContact: 1,
    offered: 1,
    answeredWithinTarget: 1,
    abandoned: 0,
  };
  const item = (values: number[], weight: number) => ({ moments: momentsOf(values), scaleMin: 1, scaleMax: 5, weight });
  const oneVariable = (name: string) => ({ n: 1, sum: { [name]: 1 }, sumSq: { [name]: 1 }, sumProd: {} });

  it.each<[string, () => unknown]>([
    ["promoters must be a finite non-negative integer, got -1", () => nps({ ...none, promoters: -1 })],
    ["promoters must be a finite non-negative integer, got 1.5", () => nps({ ...none, promoters: 1.5 })],
    ["after.detractors must be a finite non-negative integer, got NaN", () => npsChange(none, { ...none, detractors: NaN })],
    ["k must not exceed n (5), got 6", () => proportion(6, 5)],
    ["z must be a finite positive number, got 0", () => wilson(1, 2, 0)],
    ["priorMean must be a number from 0 to 1, got 1.2", () => bayesianRate(1, 2, 1.2, 5)],
    ["sum must be a finite number, got Infinity", () => mean({ n: 2, sum: Infinity, sumSq: 1 })],
    ["sumSq must be at least sum²/n (50), got 1", () => mean({ n: 2, sum: 10, sumSq: 1 })],
    ["values[1] must be a finite number, got -Infinity", () => momentsOf([1, -Infinity])],
    ["scores[1] must be an integer from 0 to 10, got 11", () => npsCountsFromScores([9, 11])],
    ["items[0].weight must be a finite non-negative number, got -1", () => satisfactionIndex([item([3], -1)])],
    ["items[0].moments must average within 1..5, got 9", () => satisfactionIndex([item([9], 1)])],
    ["rows[0].n must be a finite non-negative integer, got -2", () => rankStaff([{ id: "a", k: 1, n: -2 }], { minN: 1, method: "wilson" })],
    ["talkSeconds must be a finite non-negative number, got -5", () => contactCentreKpis(totals)],
    ["parts[1] must have the variables a, got b", () => mergeCoMoments(oneVariable("a"), oneVariable("b"))],
  ])("refuses bad input with the RangeError %j", (message, call) => {
    expect(call).toThrow(new RangeError(message));
  });
});
