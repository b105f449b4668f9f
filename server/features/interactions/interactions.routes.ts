// HTTP contract of interaction ingestion (API key).
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { jsonBody } from "../../lib/http";
import { requireApiKey } from "../auth/auth.middleware";
import { ingestBody } from "./interactions.schemas";
import { ingestInteractions } from "./interactions.service";

export const interactionRoutes = new Hono<AppEnv>().post("/interactions", requireApiKey, async (c) => {
  const { interactions } = await jsonBody(c, ingestBody);
  const { db, now, settings } = c.get("deps");
  const result = await ingestInteractions(db, settings, c.get("orgId"), interactions, now());
  return c.json({ accepted: result.accepted, duplicates: result.duplicates }, 202);
});
