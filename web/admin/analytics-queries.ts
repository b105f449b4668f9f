// What the analytics dashboard reads and writes: the API filters a view maps to, cache keys built from them, and CSV links.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, read } from "../shared/api-client";
import { defaults, type AnalyticsSearch } from "./analytics/search";

export type Summary = InferResponseType<typeof api.analytics.summary.$get, 200>;
export type Trend = InferResponseType<typeof api.analytics.trend.$get, 200>;
export type Segments = InferResponseType<typeof api.analytics.segments.$get, 200>;
export type Staff = InferResponseType<typeof api.analytics.staff.$get, 200>;
export type Drivers = InferResponseType<typeof api.analytics.drivers.$get, 200>;
export type FilterOptions = InferResponseType<typeof api.analytics.filters.$get, 200>;
export type IndexWeights = InferResponseType<(typeof api.analytics)["index-weights"]["$get"], 200>;

/** The filters every analytics endpoint takes; absent dates and range leave the server's default: its last 90 days. */
export type Scope = { surveyId?: string; from?: string; to?: string; range?: AnalyticsSearch["range"]; unit?: string[]; channel?: string[]; agent?: string[]; type?: string[] };

const pad = (n: number) => String(n).padStart(2, "0");
export const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function scopeOf(search: AnalyticsSearch): Scope {
  // A preset goes to the server, which counts its days in the organisation's calendar, not this browser's.
  const days = search.from || search.to ? { from: search.from, to: search.to } : { range: search.range === "90d" ? undefined : search.range };
  const scope: Scope = { surveyId: search.surveyId || undefined, ...days, unit: search.unit, channel: search.channel, agent: search.agent, type: search.type };
  return Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as Scope;
}

const withSignal = (signal: AbortSignal) => ({ init: { signal } });
// A new filter keeps the last figures on screen, dimmed, until the new ones arrive.
const keepShown = { placeholderData: keepPreviousData } as const;

export const analyticsKeys = {
  all: ["analytics"] as const,
  summary: (scope: Scope) => ["analytics", "summary", scope] as const,
  trend: (scope: Scope, metric: string, interval: string) => ["analytics", "trend", scope, metric, interval] as const,
  segments: (scope: Scope, metric: string, by: string, minN: number) => ["analytics", "segments", scope, metric, by, minN] as const,
  staff: (scope: Scope, metric: string, minN: number, method: string) => ["analytics", "staff", scope, metric, minN, method] as const,
  drivers: (scope: Scope, outcome: string) => ["analytics", "drivers", scope, outcome] as const,
  filters: ["analytics", "filters"] as const,
  weights: ["analytics", "index-weights"] as const,
};

export const summaryQuery = (scope: Scope) =>
  queryOptions({
    queryKey: analyticsKeys.summary(scope),
    queryFn: ({ signal }) => read(api.analytics.summary.$get({ query: scope }, withSignal(signal))),
    ...keepShown,
  });

export const trendQuery = (scope: Scope, metric: string, interval: NonNullable<AnalyticsSearch["interval"]>) =>
  queryOptions({
    queryKey: analyticsKeys.trend(scope, metric, interval),
    queryFn: ({ signal }) => read(api.analytics.trend.$get({ query: { ...scope, metric, interval } }, withSignal(signal))),
    ...keepShown,
  });

export const segmentsQuery = (scope: Scope, metric: string, by: NonNullable<AnalyticsSearch["by"]>, minN: number) =>
  queryOptions({
    queryKey: analyticsKeys.segments(scope, metric, by, minN),
    queryFn: ({ signal }) => read(api.analytics.segments.$get({ query: { ...scope, metric, by, minN: String(minN) } }, withSignal(signal))),
    ...keepShown,
  });

export const staffQuery = (scope: Scope, metric: string, minN: number, method: NonNullable<AnalyticsSearch["method"]>) =>
  queryOptions({
    queryKey: analyticsKeys.staff(scope, metric, minN, method),
    queryFn: ({ signal }) => read(api.analytics.staff.$get({ query: { ...scope, metric, minN: String(minN), method } }, withSignal(signal))),
    ...keepShown,
  });

export const driversQuery = (scope: Scope, outcome: string) =>
  queryOptions({
    queryKey: analyticsKeys.drivers(scope, outcome),
    queryFn: ({ signal }) => read(api.analytics.drivers.$get({ query: { ...scope, outcome } }, withSignal(signal))),
    ...keepShown,
  });

export const filterOptionsQuery = queryOptions({
  queryKey: analyticsKeys.filters,
  queryFn: ({ signal }) => read(api.analytics.filters.$get(undefined, withSignal(signal))),
});

export const indexWeightsQuery = queryOptions({
  queryKey: analyticsKeys.weights,
  queryFn: ({ signal }) => read(api.analytics["index-weights"].$get(undefined, withSignal(signal))),
});

/** A new version of the index weights; every figure that uses the index reads again. */
export const saveIndexWeights = (weights: Record<string, number>) => read(api.analytics["index-weights"].$put({ json: { weights } }));

export type ExportTable = "responses" | "summary" | "trend" | "segments" | "staff" | "drivers";

/** A CSV download of one table or series, with the same filters and settings as on screen. */
export function exportHref(table: ExportTable, scope: Scope, params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams({ table });
  for (const [key, value] of Object.entries({ ...scope, ...params })) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, String(v));
  }
  return `/api/analytics/export?${query}`;
}

/** The view's settings with their defaults filled in. */
export const settingsOf = (search: AnalyticsSearch) => ({
  metric: search.metric ?? defaults.metric,
  interval: search.interval ?? defaults.interval,
  by: search.by ?? defaults.by,
  minN: search.minN ?? defaults.minN,
  method: search.method ?? defaults.method,
  outcome: search.outcome ?? defaults.outcome,
});
