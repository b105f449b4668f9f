// HTTP contract of scorecards: an agent reads their own; managers, reviewers and admins read anyone's.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { agentIdParam, scorecard, scorecardQuery } from "./scorecard.schemas";
import * as service from "./scorecard.service";

const tags = ["Scorecards"];
const PERIOD = "The period is the analytics filters' (`from`/`to` or `range`); the last 90 days when left out.";

const mine = createRoute({
  method: "get",
  path: "/me/scorecard",
  tags,
  summary: "Your own scorecard (agents)",
  description: `Your responses, NPS, CSAT and index with their 95 % intervals, your monthly trend and your latest comments. ${PERIOD}`,
  security: security.session,
  middleware: [requireRole("agent")],
  request: { query: scorecardQuery },
  responses: { 200: json(scorecard, "Your scorecard."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const theirs = createRoute({
  method: "get",
  path: "/agents/{id}/scorecard",
  tags,
  summary: "A staff member's scorecard",
  description: `The same as an agent sees of themselves. ${PERIOD}`,
  security: security.session,
  middleware: [requireRole("admin", "manager", "reviewer")],
  request: { params: agentIdParam, query: scorecardQuery },
  responses: { 200: json(scorecard, "The scorecard."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

export const scorecardRoutes = createRouter()
  .openapi(mine, async (c) => c.json(await service.myScorecard(orgContext(c), c.get("user").agentId, c.req.valid("query")), 200))
  .openapi(theirs, async (c) => c.json(await service.scorecardOf(orgContext(c), c.req.valid("param").id, c.req.valid("query")), 200));
