// HTTP contract of API keys (admins only).
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { jsonBody, query } from "../../lib/http";
import { pageQuery } from "../../lib/pagination";
import { requireRole } from "../auth/auth.middleware";
import { createApiKeyBody } from "./api-keys.schemas";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys.service";

export const apiKeyRoutes = new Hono<AppEnv>()
  .use("/api-keys", requireRole("admin"))
  .use("/api-keys/*", requireRole("admin"))
  .post("/api-keys", async (c) => {
    const { name } = await jsonBody(c, createApiKeyBody);
    const created = await createApiKey(c.get("deps").db, c.get("orgId"), c.get("user").id, name);
    return c.json(created, 201);
  })
  .get("/api-keys", async (c) => c.json(await listApiKeys(c.get("deps").db, c.get("orgId"), query(c, pageQuery))))
  .post("/api-keys/:id/revoke", async (c) => {
    const { db, now } = c.get("deps");
    return c.json(await revokeApiKey(db, c.get("orgId"), c.req.param("id"), c.get("user").id, now()));
  });
