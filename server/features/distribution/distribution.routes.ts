// HTTP contract of distribution rules.
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { jsonBody, query } from "../../lib/http";
import { pageQuery } from "../../lib/pagination";
import { requireRole } from "../auth/auth.middleware";
import { createRuleBody } from "./distribution.schemas";
import { addRule, listRules } from "./distribution.service";

export const distributionRoutes = new Hono<AppEnv>()
  .get("/surveys/:id/rules", requireRole("admin", "manager", "reviewer"), async (c) =>
    c.json(await listRules(c.get("deps").db, c.get("orgId"), c.req.param("id"), query(c, pageQuery))),
  )
  .post("/surveys/:id/rules", requireRole("admin", "manager"), async (c) => {
    const body = await jsonBody(c, createRuleBody);
    const { db, now } = c.get("deps");
    return c.json(await addRule(db, c.get("orgId"), c.req.param("id"), body, now()), 201);
  });
