// HTTP contract of API keys (admins only).
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { jsonBody } from "../../lib/http";
import { requireRole } from "../auth/auth.middleware";
import { createApiKeyBody } from "./api-keys.schemas";
import { createApiKey, listApiKeys } from "./api-keys.service";

export const apiKeyRoutes = new Hono<AppEnv>()
  .use("/api-keys", requireRole("admin"))
  .post("/api-keys", async (c) => {
    const { name } = await jsonBody(c, createApiKeyBody);
    const created = await createApiKey(c.get("deps").db, c.get("orgId"), c.get("user").id, name);
    return c.json(created, 201);
  })
  .get("/api-keys", async (c) => c.json(await listApiKeys(c.get("deps").db, c.get("orgId"))));
