// Survey statistics for analytics: every metric from sufficient statistics, with intervals and change tests.
export type { Change, Interval } from "./stats/inference";
export type { CoMoments, Moments, NpsCounts } from "./stats/sufficient";
export type { NpsResult } from "./stats/nps";
export type { MeanChange, MeanResult } from "./stats/mean";
export type { ProportionResult, RankedRow, RankOptions, StaffRanking, StaffRow } from "./stats/proportion";
export type { DimensionGap, IndexItem, ServqualGap } from "./stats/composite";
export type { ContactCentreKpis, ContactCentreTotals } from "./stats/contact-centre";
export type { KeyDriver, PairMoments, Quadrant } from "./stats/key-drivers";
export type { TrendPoint } from "./stats/trend";

export {
  coMomentsOf,
  countInRange,
  mergeCoMoments,
  mergeMoments,
  mergeNpsCounts,
  momentsOf,
  npsCountsFromScores,
} from "./stats/sufficient";
export { nps, npsChange } from "./stats/nps";
export { waldChange } from "./stats/inference";
export { mean, meanChange } from "./stats/mean";
export { bayesianRate, binomialCdf, proportion, proportionChange, rankStaff, wilson } from "./stats/proportion";
export { satisfactionIndex, satisfactionIndexWithInterval, servqualGap } from "./stats/composite";
export { contactCentreKpis } from "./stats/contact-centre";
export { keyDrivers, keyDriversPairwise } from "./stats/key-drivers";
export { trend, trendMean, trendProportion } from "./stats/trend";
