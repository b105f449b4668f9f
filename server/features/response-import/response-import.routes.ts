// HTTP contract of importing responses from another tool (API key, or an admin in the app).
import { createRoute } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireApiKey, requireRole } from "../auth/auth.middleware";
import { importBody, importRow, importResult, importSurveyParam, importTarget } from "./response-import.schemas";
import * as service from "./response-import.service";

const admins = requireRole("admin");
// Integrations send a key; the admin app's import page sends its session. A request naming a key is judged by it alone.
const keyOrAdmin = createMiddleware<AppEnv>((c, next) => (c.req.header("authorization") ? requireApiKey(c, next) : admins(c, next)));
const tags = ["Imports"];
const either = [...security.apiKey, ...security.session];

const target = createRoute({
  method: "get",
  path: "/responses/import/{surveyId}",
  tags,
  summary: "What an import into a survey takes",
  description: "The questions of the survey's published version (the names to send answers under) and the organisation's time zone.",
  security: either,
  middleware: [keyOrAdmin],
  request: { params: importSurveyParam },
  responses: { 200: json(importTarget, "The survey's published questions."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const importResponses = createRoute({
  method: "post",
  path: "/responses/import",
  tags,
  summary: "Import responses from another tool (up to 1000 a request)",
  description:
    "Each row is checked against the survey's published version like a respondent's answer; any wrong row rejects the whole " +
    "request, naming each wrong field by its row (`/responses/<index>/…`, numbered from 1 in messages), and nothing is stored. " +
    "Idempotent on `externalId` within the survey: a row already imported is skipped and counted, so sending a file again is safe. " +
    "Imported responses keep their own time (`respondedAt`) and feed the same indices and trends as live answers. " +
    "With `dryRun: true` the rows are checked and counted but nothing is stored.",
  security: either,
  middleware: [keyOrAdmin],
  request: { body: jsonBody(importBody) },
  responses: {
    200: json(importResult, "A dry run: every row is valid; nothing was stored."),
    201: json(importResult, "Imported."),
    ...problems("unauthorized", "forbidden", "not-found", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const router = createRouter();
// The batch's rows name this schema only by reference (see importBody), so it is registered here.
router.openAPIRegistry.register("ImportedResponse", importRow);

export const responseImportRoutes = router
  .openapi(target, async (c) => c.json(await service.getImportTarget(orgContext(c), c.req.valid("param").surveyId), 200))
  .openapi(importResponses, async (c) => {
    const result = await service.importResponses(orgContext(c), c.req.valid("json"));
    return result.dryRun ? c.json(result, 200) : c.json(result, 201);
  });
