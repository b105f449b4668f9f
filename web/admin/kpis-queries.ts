// KPIs, benchmarks and scorecards: cache keys, typed reads and the writes of their pages.
import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, read, segment } from "../shared/api-client";

export type KpiWithStatus = InferResponseType<typeof api.kpis.$get, 200>["items"][number];
export type KpiPeriodStatus = KpiWithStatus["current"];
export type BenchmarkSeries = InferResponseType<typeof api.benchmarks.$get, 200>["items"][number];
export type BenchmarkImport = InferResponseType<typeof api.benchmarks.import.$post, 200>;
export type Scorecard = InferResponseType<(typeof api.me)["scorecard"]["$get"], 200>;

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;
export type KpiInput = Json<typeof api.kpis.$post>;
export type SeriesInput = Json<typeof api.benchmarks.$post>;

export const kpiKeys = {
  list: ["kpis"] as const,
  benchmarks: ["benchmarks"] as const,
  myScorecard: (range: ScorecardRange) => ["scorecard", "mine", range] as const,
  scorecard: (agentId: string, range: ScorecardRange) => ["scorecard", "agent", agentId, range] as const,
};

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

export const kpisQuery = queryOptions({
  queryKey: kpiKeys.list,
  queryFn: ({ signal }) => read(api.kpis.$get(undefined, withSignal(signal))),
});

export const benchmarksQuery = queryOptions({
  queryKey: kpiKeys.benchmarks,
  queryFn: ({ signal }) => read(api.benchmarks.$get(undefined, withSignal(signal))),
});

/** The period a scorecard reads: the server's last 90 days, or its last 12 months for a longer trend. */
export type ScorecardRange = "90d" | "12m";
// The server's default is its last 90 days; leaving it out keeps the request as plain as the API's own example.
const rangeQuery = (range: ScorecardRange) => (range === "90d" ? {} : { range });

export const myScorecardQuery = (range: ScorecardRange) =>
  queryOptions({
    queryKey: kpiKeys.myScorecard(range),
    queryFn: ({ signal }) => read(api.me.scorecard.$get({ query: rangeQuery(range) }, withSignal(signal))),
    // A "not linked" answer does not change by asking again at once.
    retry: false,
  });

export const scorecardQuery = (agentId: string, range: ScorecardRange) =>
  queryOptions({
    queryKey: kpiKeys.scorecard(agentId, range),
    queryFn: ({ signal }) => read(api.agents[":id"].scorecard.$get({ param: { id: segment(agentId) }, query: rangeQuery(range) }, withSignal(signal))),
    retry: false,
  });

export const kpiWrites = {
  create: (body: KpiInput) => read(api.kpis.$post({ json: body })),
  update: (id: string, body: KpiInput) => read(api.kpis[":id"].$put({ param: { id: segment(id) }, json: body })),
  archive: (id: string) => read(api.kpis[":id"].$delete({ param: { id: segment(id) } })),
};

export const benchmarkWrites = {
  createSeries: (body: SeriesInput) => read(api.benchmarks.$post({ json: body })),
  deleteSeries: (id: string) => read(api.benchmarks[":id"].$delete({ param: { id: segment(id) } })),
  putPoint: (id: string, asOf: string, body: { value: number; source: string }) =>
    read(api.benchmarks[":id"].points[":asOf"].$put({ param: { id: segment(id), asOf: segment(asOf) }, json: body })),
  deletePoint: (id: string, asOf: string) => read(api.benchmarks[":id"].points[":asOf"].$delete({ param: { id: segment(id), asOf: segment(asOf) } })),
  importCsv: (csv: string) => read(api.benchmarks.import.$post({ json: { csv } })),
};
