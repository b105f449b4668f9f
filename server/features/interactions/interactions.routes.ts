// HTTP contract of interactions: ingestion and status changes (API key), and the file import (API key or the admin app).
import { createRoute } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireApiKey, requireRole } from "../auth/auth.middleware";
import {
  MAX_IMPORT_INTERACTIONS,
  importBody,
  importResult,
  ingestBody,
  ingestResult,
  interactionInput,
  mappingBody,
  mappingView,
  statusBody,
  statusParam,
  statusResult,
} from "./interactions.schemas";
import * as service from "./interactions.service";

const tags = ["Interactions"];
const editors = requireRole("admin", "manager");
// Integrations send a key; the admin app sends its session. A request naming a key is judged by it alone.
const keyOrEditor = createMiddleware<AppEnv>((c, next) => (c.req.header("authorization") ? requireApiKey(c, next) : editors(c, next)));
const either = [...security.apiKey, ...security.session];

const ingest = createRoute({
  method: "post",
  path: "/interactions",
  tags,
  summary: "Post service interactions (up to 1000 a request)",
  description:
    "Idempotent on `externalId`: posting the same interaction again stores nothing new and counts it as a duplicate. " +
    "Each interaction a live distribution rule selects plans an invitation, emailed at the rule's delay. " +
    "An invalid item rejects the whole request, naming each wrong field by its index.",
  security: security.apiKey,
  middleware: [requireApiKey],
  request: { body: jsonBody(ingestBody) },
  responses: {
    202: json(ingestResult, "Stored; invitations follow by email."),
    ...problems("unauthorized", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const importInteractions = createRoute({
  method: "post",
  path: "/interactions/import",
  tags,
  summary: `Import a file of interactions (up to ${MAX_IMPORT_INTERACTIONS.toLocaleString("en")} in one request)`,
  description:
    "The admin app's CSV import, open to integrations too. Every row is checked first; any wrong row rejects the whole request, " +
    "naming each wrong field by its row (`/interactions/<index>/…`, numbered from 1 in messages), and nothing is stored. " +
    "A valid file lands whole, in one batch, through the same distribution pass as `POST /api/interactions`. " +
    "Idempotent on `externalId`: a row already stored (or repeated in the file) is skipped and counted, so sending a file again is safe. " +
    "With `dryRun: true` the rows are checked and counted, invitations included, but nothing is stored.",
  security: either,
  middleware: [keyOrEditor],
  request: { body: jsonBody(importBody) },
  responses: {
    200: json(importResult, "A dry run: every row is valid; nothing was stored."),
    201: json(importResult, "Imported."),
    ...problems("unauthorized", "forbidden", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const getMapping = createRoute({
  method: "get",
  path: "/interactions/import/mapping",
  tags,
  summary: "How the last interactions file was read",
  description: "The column mapping, time zone and date order the admin app saved with the organisation's last import, and the organisation's time zone.",
  security: security.session,
  middleware: [editors],
  responses: { 200: json(mappingView, "The saved mapping."), ...problems("unauthorized", "forbidden") },
});

const putMapping = createRoute({
  method: "put",
  path: "/interactions/import/mapping",
  tags,
  summary: "Remember how to read interactions files",
  description: "Replaces the organisation's saved column mapping; the next file with the same column names starts from it.",
  security: security.session,
  middleware: [editors],
  request: { body: jsonBody(mappingBody) },
  responses: {
    200: json(mappingView, "Saved."),
    ...problems("unauthorized", "forbidden", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const setStatus = createRoute({
  method: "patch",
  path: "/interactions/{externalId}",
  tags,
  summary: "Reopen, cancel or close an interaction",
  description:
    "For a system of record whose case changed after it was posted. `reopened` or `cancelled` cancels, in the same step, every invitation " +
    "and reminder of the interaction not yet sent (`cancelled` in the reply counts them); one already sent stays sent. " +
    "Setting it back to `closed` does not bring cancelled invitations back and schedules none anew: it only records the status.",
  security: either,
  middleware: [keyOrEditor],
  request: { params: statusParam, body: jsonBody(statusBody) },
  responses: {
    200: json(statusResult, "The interaction's new status."),
    ...problems("unauthorized", "forbidden", "not-found", "bad-request", "unsupported-media-type", "invalid-request"),
  },
});

const router = createRouter();
// The batch's items name this schema only by reference (see ingestBody), so it is registered here.
router.openAPIRegistry.register("Interaction", interactionInput);

export const interactionRoutes = router
  .openapi(ingest, async (c) => {
    return c.json(await service.ingestInteractions(orgContext(c), c.req.valid("json").interactions), 202);
  })
  .openapi(importInteractions, async (c) => {
    const result = await service.importInteractions(orgContext(c), c.req.valid("json"));
    return result.dryRun ? c.json(result, 200) : c.json(result, 201);
  })
  .openapi(getMapping, async (c) => c.json(await service.getImportMapping(orgContext(c)), 200))
  .openapi(putMapping, async (c) => c.json(await service.saveImportMapping(orgContext(c), c.req.valid("json").mapping), 200))
  .openapi(setStatus, async (c) => {
    const { externalId } = c.req.valid("param");
    return c.json(await service.setInteractionStatus(orgContext(c), externalId, c.req.valid("json").status), 200);
  });
