// HTTP contract of analytics.
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { query } from "../../lib/http";
import { requireRole } from "../auth/auth.middleware";
import { summaryQuery } from "./analytics.schemas";
import { surveySummary } from "./analytics.service";

export const analyticsRoutes = new Hono<AppEnv>().get("/analytics/summary", requireRole("admin", "manager", "reviewer"), async (c) => {
  const q = query(c, summaryQuery);
  const { db, now } = c.get("deps");
  return c.json(await surveySummary(db, c.get("orgId"), q, now()));
});
