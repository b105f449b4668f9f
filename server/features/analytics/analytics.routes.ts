// HTTP contract of analytics.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { summaryQuery, surveySummary } from "./analytics.schemas";
import * as service from "./analytics.service";

const summary = createRoute({
  method: "get",
  path: "/analytics/summary",
  tags: ["Analytics"],
  summary: "A survey's satisfaction indices over a period",
  description: "NPS, CSAT and CES with 95 % confidence intervals, and the response rate of invitations sent in the period.",
  security: security.session,
  middleware: [requireRole("admin", "manager", "reviewer")],
  request: { query: summaryQuery },
  responses: { 200: json(surveySummary, "The summary."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

export const analyticsRoutes = createRouter().openapi(summary, async (c) => c.json(await service.surveySummary(orgContext(c), c.req.valid("query")), 200));
