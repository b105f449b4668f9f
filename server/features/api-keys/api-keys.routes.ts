// HTTP contract of API keys (admins only).
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { apiKeyIdParam, apiKeyPage, apiKeyView, createApiKeyBody, createdApiKey } from "./api-keys.schemas";
import * as service from "./api-keys.service";

const admins = requireRole("admin");
const tags = ["API keys"];

const create = createRoute({
  method: "post",
  path: "/api-keys",
  tags,
  summary: "Create an API key",
  description: "The answer is the only time the key is shown; only its hash is stored.",
  security: security.session,
  middleware: [admins],
  request: { body: jsonBody(createApiKeyBody) },
  responses: {
    201: json(createdApiKey, "The new key, with the key itself."),
    ...problems("unauthorized", "forbidden", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const list = createRoute({
  method: "get",
  path: "/api-keys",
  tags,
  summary: "List API keys, newest first",
  security: security.session,
  middleware: [admins],
  request: { query: pageQuery },
  responses: { 200: json(apiKeyPage, "One page of keys (never the keys themselves)."), ...problems("unauthorized", "forbidden", "invalid-request") },
});

const revoke = createRoute({
  method: "post",
  path: "/api-keys/{id}/revoke",
  tags,
  summary: "Revoke an API key",
  description: "Takes effect on the very next request. Revoking again keeps the first revocation's time and author.",
  security: security.session,
  middleware: [admins],
  request: { params: apiKeyIdParam },
  responses: { 200: json(apiKeyView, "The key as listed, now revoked."), ...problems("unauthorized", "forbidden", "not-found") },
});

export const apiKeyRoutes = createRouter()
  .openapi(create, async (c) => c.json(await service.createApiKey(orgContext(c), c.req.valid("json").name), 201))
  .openapi(list, async (c) => c.json(await service.listApiKeys(orgContext(c), c.req.valid("query")), 200))
  .openapi(revoke, async (c) => c.json(await service.revokeApiKey(orgContext(c), c.req.valid("param").id), 200));
