// HTTP contract of the funnel.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { funnelQuery, funnelResult } from "./funnel.schemas";
import * as service from "./funnel.service";

const funnel = createRoute({
  method: "get",
  path: "/analytics/funnel",
  tags: ["Analytics"],
  summary: "A survey's funnel, from interactions to answers",
  description:
    "Over the interactions of a period (`from`/`to` days in the organisation's time zone, or a `range` preset; the last 90 days by default), optionally for one of the survey's rules (`ruleId`) and one unit (`unitId`): matched, sampled out, held by the contact rules, scheduled, sent, delivered, bounced, opened the survey, completed and unsubscribed, and the response rate with its 95 % interval.",
  security: security.session,
  middleware: [requireRole("admin", "manager", "reviewer")],
  request: { query: funnelQuery },
  responses: { 200: json(funnelResult, "The funnel."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

export const funnelRoutes = createRouter().openapi(funnel, async (c) => c.json(await service.surveyFunnel(orgContext(c), c.req.valid("query")), 200));
