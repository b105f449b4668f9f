// HTTP contract of analytics.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import {
  driversQuery,
  driversResult,
  filterOptionsResult,
  indexWeightsBody,
  indexWeightsResult,
  segmentsQuery,
  segmentsResult,
  staffQuery,
  staffResult,
  summaryQuery,
  surveySummary,
  trendQuery,
  trendResult,
  type MetricName,
} from "./analytics.schemas";
import * as service from "./analytics.service";
import { indexWeights, setIndexWeights } from "./index-weights.service";

const readers = requireRole("admin", "manager", "reviewer");
const filtersNote = "Filters: `surveyId` (all surveys when left out), `from`/`to` (days in the organisation's time zone; the last 90 days by default), and `unit`, `channel`, `agent`, `type` (each repeatable).";

const summary = createRoute({
  method: "get",
  path: "/analytics/summary",
  tags: ["Analytics"],
  summary: "Satisfaction indices over a period",
  description: `NPS, CSAT, CES, loyalty, each dimension and the satisfaction index, each with its n and 95 % interval, and the response rate of invitations sent in the period. ${filtersNote}`,
  security: security.session,
  middleware: [readers],
  request: { query: summaryQuery },
  responses: { 200: json(surveySummary, "The summary."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const trend = createRoute({
  method: "get",
  path: "/analytics/trend",
  tags: ["Analytics"],
  summary: "A metric period by period",
  description: `Each day, ISO week, month or quarter of the range with its value, n and interval, and whether it moved significantly (5 %) since the period before. Periods without answers appear with n = 0. ${filtersNote}`,
  security: security.session,
  middleware: [readers],
  request: { query: trendQuery },
  responses: { 200: json(trendResult, "The trend."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const segments = createRoute({
  method: "get",
  path: "/analytics/segments",
  tags: ["Analytics"],
  summary: "A metric by unit, channel, agent or interaction type",
  description: `Each segment's value, n, interval and a sparkline (weeks for ranges up to 92 days, else months); segments with fewer answers than \`minN\` are marked. ${filtersNote}`,
  security: security.session,
  middleware: [readers],
  request: { query: segmentsQuery },
  responses: { 200: json(segmentsResult, "The segments."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const staff = createRoute({
  method: "get",
  path: "/analytics/staff",
  tags: ["Analytics"],
  summary: "Staff scorecards, ranked without rewarding tiny samples",
  description: `Staff with at least \`minN\` answers ranked by the Wilson lower bound (or a Bayesian average) of their share of good answers, with the chance that an average agent would score as low by luck; the others listed apart. ${filtersNote}`,
  security: security.session,
  middleware: [readers],
  request: { query: staffQuery },
  responses: { 200: json(staffResult, "The ranking."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const drivers = createRoute({
  method: "get",
  path: "/analytics/drivers",
  tags: ["Analytics"],
  summary: "Key drivers of an outcome",
  description: `Each dimension's importance (correlation with the outcome), performance (mean), relative weight and importance-performance quadrant. ${filtersNote}`,
  security: security.session,
  middleware: [readers],
  request: { query: driversQuery },
  responses: { 200: json(driversResult, "The drivers."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const filters = createRoute({
  method: "get",
  path: "/analytics/filters",
  tags: ["Analytics"],
  summary: "What the analytics filters can choose from",
  description: "Units and staff on record, and the channels and interaction types answers have come with.",
  security: security.session,
  middleware: [readers],
  responses: { 200: json(filterOptionsResult, "The choices."), ...problems("unauthorized", "forbidden") },
});

const getWeights = createRoute({
  method: "get",
  path: "/analytics/index-weights",
  tags: ["Analytics"],
  summary: "The satisfaction index's weights and their history",
  security: security.session,
  middleware: [readers],
  responses: { 200: json(indexWeightsResult, "The weights in force and every earlier version."), ...problems("unauthorized", "forbidden") },
});

const putWeights = createRoute({
  method: "put",
  path: "/analytics/index-weights",
  tags: ["Analytics"],
  summary: "Set new satisfaction index weights (a new version)",
  description: "Weights by metric role. The figures use the version in force; earlier versions stay in the history.",
  security: security.session,
  middleware: [requireRole("admin")],
  request: { body: jsonBody(indexWeightsBody) },
  responses: { 200: json(indexWeightsResult, "The new weights and the history."), ...problems("unauthorized", "forbidden", "conflict", "invalid-request", "unsupported-media-type") },
});

export const analyticsRoutes = createRouter()
  .openapi(summary, async (c) => c.json(await service.surveySummary(orgContext(c), c.req.valid("query")), 200))
  .openapi(trend, async (c) => {
    const q = c.req.valid("query");
    return c.json(await service.metricTrend(orgContext(c), { ...q, metric: q.metric as MetricName }), 200);
  })
  .openapi(segments, async (c) => {
    const q = c.req.valid("query");
    return c.json(await service.segmentTable(orgContext(c), { ...q, metric: q.metric as MetricName }), 200);
  })
  .openapi(staff, async (c) => {
    const q = c.req.valid("query");
    return c.json(await service.staffTable(orgContext(c), { ...q, metric: q.metric as MetricName }), 200);
  })
  .openapi(drivers, async (c) => c.json(await service.keyDriverTable(orgContext(c), c.req.valid("query")), 200))
  .openapi(filters, async (c) => c.json(await service.filterOptions(orgContext(c)), 200))
  .openapi(getWeights, async (c) => c.json(await indexWeights(orgContext(c)), 200))
  .openapi(putWeights, async (c) => c.json(await setIndexWeights(orgContext(c), c.req.valid("json").weights), 200));
