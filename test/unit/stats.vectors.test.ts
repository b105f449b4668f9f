import { describe, expect, it } from "vitest";
import vectors from "../fixtures/metrics-vectors.json";
import {
  bayesianRate,
  binomialCdf,
  contactCentreKpis,
  countInRange,
  mean,
  momentsOf,
  nps,
  npsChange,
  npsCountsFromScores,
  proportion,
  rankStaff,
  satisfactionIndex,
  servqualGap,
  wilson,
} from "../../server/domain/stats";
import type { Interval } from "../../server/domain/stats";

const z95 = vectors.conventions.z95;
// The fixture rounds points to 2 dp and proportions to 4 dp; compare at that precision.
const POINTS = 2;
const FRACTION = 4;

const centreAndMargin = ([lower, upper]: Interval) => [(lower + upper) / 2, (upper - lower) / 2] as const;
const singleMean = (value: number) => ({ n: 1, sum: value, sumSq: value * value });

describe("TV1: NPS from twenty 0-10 scores", () => {
  const { input, expected } = vectors.TV1_nps_basic;
  const counts = npsCountsFromScores(input.scores_0_10);
  const result = nps(counts);

  it("sorts the scores into promoters, passives and detractors", () => {
    expect(counts).toEqual({ promoters: expected.promoters, passives: expected.passives, detractors: expected.detractors });
    expect(result.n).toBe(expected.n);
  });

  it("reports the raw NPS as the score", () => {
    expect(result.score).toBeCloseTo(expected.nps, POINTS);
    expect((counts.promoters / result.n) * 100).toBeCloseTo(expected.pct_promoters, POINTS);
    expect((counts.detractors / result.n) * 100).toBeCloseTo(expected.pct_detractors, POINTS);
  });

  it("gives the adjusted-Wald interval centred on the adjusted score", () => {
    const adjusted = expected.adjusted_wald;
    expect(result.ci95?.[0]).toBeCloseTo(adjusted.ci95[0]!, POINTS);
    expect(result.ci95?.[1]).toBeCloseTo(adjusted.ci95[1]!, POINTS);
    const [centre, margin] = centreAndMargin(result.ci95!);
    expect(centre).toBeCloseTo(adjusted.nps_adj, POINTS);
    expect(margin).toBeCloseTo(adjusted.moe95_points, POINTS);
    expect(margin / z95).toBeCloseTo(adjusted.se_points, POINTS);
  });

  it("tests changes on the raw per-respondent variance, whose Wald margin the fixture also gives", () => {
    // Against an identical period the variance doubles, so one period's standard error is se/√2.
    const se = npsChange(counts, counts).se! / Math.SQRT2;
    expect((se / 100) ** 2 * expected.n).toBeCloseTo(expected.variance_per_respondent, FRACTION);
    expect(se).toBeCloseTo(expected.se_points, POINTS);
    expect(z95 * se).toBeCloseTo(expected.moe95_points, POINTS);
    expect(expected.nps - z95 * se).toBeCloseTo(expected.ci95_wald[0]!, POINTS);
    expect(expected.nps + z95 * se).toBeCloseTo(expected.ci95_wald[1]!, POINTS);
  });
});

describe("TV2: NPS when every respondent is a promoter", () => {
  const { input, expected } = vectors.TV2_nps_all_promoters;
  const counts = npsCountsFromScores(input.scores_0_10);
  const result = nps(counts);

  it("gives an informative interval when every respondent is a promoter", () => {
    expect(result.score).toBeCloseTo(expected.nps, POINTS);
    expect(result.ci95?.[0]).toBeCloseTo(expected.adjusted_wald.ci95_clamped[0]!, POINTS);
    expect(result.ci95?.[1]).toBe(expected.adjusted_wald.ci95_clamped[1]);
  });

  it("clamps only the upper bound, which the adjusted-Wald centre and margin would put above 100", () => {
    const { nps_adj, moe95_points } = expected.adjusted_wald;
    expect(nps_adj + moe95_points).toBeGreaterThan(100);
    expect(result.ci95?.[0]).toBeCloseTo(nps_adj - moe95_points, POINTS);
  });

  it("finds no raw variance to test a change with, as the fixture's collapsed Wald margin says", () => {
    const change = npsChange(counts, counts);
    expect(change.se).toBe(expected.moe95_wald_points);
    expect(change.z).toBeNull();
    expect(change.significant).toBe(false);
  });
});

describe("TV4: CSAT on a 1-5 scale", () => {
  const { input, expected } = vectors.TV4_csat_5pt;
  const scores = input.scores_1_5;

  it("shows top-2-box CSAT as the share of 4s and 5s", () => {
    const top = countInRange(scores, 4, 5);
    expect(top.k).toBe(expected.satisfied_4_5);
    expect(proportion(top.k, top.n).pct).toBeCloseTo(expected.csat_top2box_pct, POINTS);
    const bottom = countInRange(scores, 1, 2);
    expect(proportion(bottom.k, bottom.n).pct).toBeCloseTo(expected.bottom2box_pct, POINTS);
  });

  it("shows the mean, and the mean rescaled to 0-100", () => {
    const moments = momentsOf(scores);
    expect(mean(moments).n).toBe(expected.n);
    expect(mean(moments).mean).toBeCloseTo(expected.mean_1_5, POINTS);
    expect(satisfactionIndex([{ moments, scaleMin: 1, scaleMax: 5, weight: 1 }])).toBeCloseTo(
      expected.mean_rescaled_0_100,
      POINTS,
    );
  });
});

describe("TV5: CES on a 1-7 scale", () => {
  const { input, expected } = vectors.TV5_ces_7pt;
  const scores = input.scores_1_7;
  const pct = (min: number, max: number) => {
    const { k, n } = countInRange(scores, min, max);
    return proportion(k, n).pct!;
  };

  it("shows the mean effort score", () => {
    expect(mean(momentsOf(scores)).n).toBe(expected.n);
    expect(mean(momentsOf(scores)).mean).toBeCloseTo(expected.mean_1_7, POINTS);
  });

  it("shows % agree as the share of 5-7, and the net ease against 1-3", () => {
    expect(pct(5, 7)).toBeCloseTo(expected.pct_agree_5_7, POINTS);
    expect(pct(1, 3)).toBeCloseTo(expected.pct_disagree_1_3, POINTS);
    expect(pct(5, 7) - pct(1, 3)).toBeCloseTo(expected.net_ease_agree_minus_disagree, POINTS);
  });
});

describe("TV6: ranking agents with small samples", () => {
  const { input, expected } = vectors.TV6_agent_ranking_small_n;
  const rows = Object.entries(input.agents_k_satisfied_of_n).map(([id, [k, n]]) => ({ id, k: k!, n: n! }));
  const perAgent: Record<string, (typeof expected.per_agent)["agent_A"]> = expected.per_agent;
  const prior = { priorMean: input.prior_mean, priorStrength: input.prior_strength_C };

  it.each(rows)("gives $id the fixture's Wilson bounds and shrunk mean", ({ id, k, n }) => {
    const want = perAgent[id]!;
    const bounds = wilson(k, n, input.z)!;
    expect(bounds.lower).toBeCloseTo(want.wilson95_lower, FRACTION);
    expect(bounds.upper).toBeCloseTo(want.wilson95_upper, FRACTION);
    expect(bayesianRate(k, n, prior.priorMean, prior.priorStrength)).toBeCloseTo(want.beta_shrunk_mean, FRACTION);
  });

  it("ranks by the Wilson lower bound so that four out of four does not beat 170 out of 200", () => {
    const { ranked, notEnoughAnswers } = rankStaff(rows, { minN: 0, method: "wilson" });
    expect(ranked.map((r) => r.id)).toEqual(expected.rank_by_wilson_lower);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(notEnoughAnswers).toEqual([]);
  });

  it("ranks by the Bayesian average when asked, pulling small samples towards the prior", () => {
    const { ranked } = rankStaff(rows, { minN: 0, method: "bayes", ...prior });
    expect(ranked.map((r) => r.id)).toEqual(expected.rank_by_shrunk_mean);
  });

  it("keeps the raw rate on each ranked row, which alone would put the smallest sample first", () => {
    const { ranked } = rankStaff(rows, { minN: 0, method: "wilson" });
    for (const r of ranked) expect(r.rate).toBeCloseTo(perAgent[r.id]!.raw, FRACTION);
    const byRaw = [...ranked].sort((a, b) => b.rate - a.rate).map((r) => r.id);
    expect(byRaw).toEqual(expected.rank_by_raw);
  });

  it("attaches each row's Wilson interval as its ci95", () => {
    const { ranked } = rankStaff(rows, { minN: 0, method: "bayes", ...prior });
    ranked.forEach((r) => {
      expect(r.ci95[0]).toBeCloseTo(perAgent[r.id]!.wilson95_lower, FRACTION);
      expect(r.ci95[1]).toBeCloseTo(perAgent[r.id]!.wilson95_upper, FRACTION);
    });
  });
});

describe("TV7: binomial noise in an agent's CSAT", () => {
  const { input, expected } = vectors.TV7_binomial_noise_agent_csat;

  it("gives about a 17 % chance that an 83.3 % agent shows 72 % or less on 18 surveys", () => {
    // The threshold is 13/18 printed to 2 dp, so round back to the count.
    const k = Math.round((input.threshold_pct / 100) * input.n_surveys);
    expect((k / input.n_surveys) * 100).toBeCloseTo(input.threshold_pct, POINTS);
    expect(binomialCdf(k, input.n_surveys, input.true_csat)).toBeCloseTo(expected.P_observed_le_13_of_18, FRACTION);
  });
});

describe("TV8: satisfaction index from 1-10 item means", () => {
  const { input, expected } = vectors.TV8_acsi_style_index_1_10;
  const names = Object.keys(input.item_means_1_10) as (keyof typeof input.item_means_1_10)[];
  const item = (name: (typeof names)[number], weight: number) => ({
    moments: singleMean(input.item_means_1_10[name]),
    scaleMin: 1,
    scaleMax: 10,
    weight,
  });

  it("rescales each item to 0-100", () => {
    for (const name of names) expect(satisfactionIndex([item(name, 1)])).toBeCloseTo(expected.item_scores_0_100[name], POINTS);
  });

  it("takes the weighted mean with the published weights", () => {
    expect(satisfactionIndex(names.map((name) => item(name, input.weights[name])))).toBeCloseTo(
      expected.weighted_index_0_100,
      POINTS,
    );
  });

  it("does not need the weights to sum to 1", () => {
    expect(satisfactionIndex(names.map((name) => item(name, 7)))).toBeCloseTo(expected.equal_weight_index_0_100, POINTS);
  });
});

describe("TV9: SERVQUAL gaps on a 7-point scale", () => {
  const { input, expected } = vectors.TV9_servqual_gap_7pt;
  const result = servqualGap(
    Object.fromEntries(
      Object.entries(input).map(([name, d]) => [name, { expected: momentsOf(d.E), perceived: momentsOf(d.P) }]),
    ),
  );
  const perDimension: Record<string, (typeof expected.per_dimension)["tangibles"]> = expected.per_dimension;

  it.each(Object.keys(perDimension))("gives %s its means and perceived-minus-expected gap", (name) => {
    const want = perDimension[name]!;
    expect(result.dimensions[name]?.expected).toBeCloseTo(want.mean_E, POINTS);
    expect(result.dimensions[name]?.perceived).toBeCloseTo(want.mean_P, POINTS);
    expect(result.dimensions[name]?.gap).toBeCloseTo(want.gap_P_minus_E, POINTS);
  });

  it("averages the dimension gaps without weights for the overall gap", () => {
    expect(result.overall).toBeCloseTo(expected.unweighted_mean_of_dimension_gaps, 3);
  });
});

describe("TV10: contact-centre KPIs", () => {
  const { input, expected } = vectors.TV10_contact_centre_kpis;
  const kpis = contactCentreKpis({
    talkSeconds: input.talk_s,
    holdSeconds: input.hold_s,
    afterCallSeconds: input.acw_s,
    handled: input.handled_contacts,
    resolvedFirstContact: input.resolved_first_contact,
    offered: input.contacts_offered,
    answeredWithinTarget: input.answered_within_20s,
    abandoned: input.abandoned,
  });

  it("averages talk, hold and after-call time over handled contacts", () => {
    expect(kpis.averageHandlingSeconds).toBeCloseTo(expected.AHT_s, POINTS);
  });

  it("gives first-contact resolution as a share of handled contacts", () => {
    expect(kpis.firstContactResolution).toBeCloseTo(expected.FCR_pct, POINTS);
  });

  it("gives service level and abandonment as shares of contacts offered", () => {
    expect(kpis.serviceLevel).toBeCloseTo(expected.service_level_pct_answered_within_20s_of_offered, POINTS);
    expect(kpis.abandonRate).toBeCloseTo(expected.abandon_rate_pct, POINTS);
  });
});
