// HTTP contract of drop-off per question.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { dropoffQuery, dropoffResult } from "./dropoff.schemas";
import * as service from "./dropoff.service";

const dropoff = createRoute({
  method: "get",
  path: "/analytics/dropoff",
  tags: ["Analytics"],
  summary: "How far customers got in a survey, question by question",
  description:
    "For each question of the published version, in order: how many customers reached its page and how many answered it, counting submitted responses (which reached every question) and answers saved but not submitted, in the period (`from`/`to` days in the organisation's time zone, or a `range` preset; the last 90 days by default). Saved answers never count in any index.",
  security: security.session,
  middleware: [requireRole("admin", "manager", "reviewer")],
  request: { query: dropoffQuery },
  responses: { 200: json(dropoffResult, "Drop-off per question."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

export const dropoffRoutes = createRouter().openapi(dropoff, async (c) => c.json(await service.surveyDropoff(orgContext(c), c.req.valid("query")), 200));
