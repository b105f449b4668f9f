// HTTP contract of the public respondent endpoints (no sign-in; the token is the credential).
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app";
import { NotFound } from "../../errors";
import { createRouter, json, jsonBody, problems, rejectInvalid, security } from "../../lib/openapi";
import { publicContext } from "../../lib/route-context";
import { INVALID_LINK, invitationSurvey, progressBody, progressSaved, responseBody, responseRecorded, tokenParam } from "./respond.schemas";
import * as service from "./respond.service";

const tags = ["Respondents"];

// Set before validation, so the problems a link can answer are not cached either.
const noStore = createMiddleware<AppEnv>(async (c, next) => {
  c.header("cache-control", "no-store");
  await next();
});

const open = createRoute({
  method: "get",
  path: "/public/invitations/{token}",
  tags,
  summary: "The survey behind an emailed link",
  description: "Never cached (`Cache-Control: no-store`): the link stops working once answered or closed.",
  security: security.none,
  middleware: [noStore],
  request: { params: tokenParam },
  responses: {
    200: { ...json(invitationSurvey, "The survey version the customer was invited to."), headers: { "cache-control": { schema: { type: "string", example: "no-store" } } } },
    ...problems("not-found", "conflict", "gone"),
  },
});

const answer = createRoute({
  method: "post",
  path: "/public/invitations/{token}/response",
  tags,
  summary: "Answer the survey behind an emailed link, once",
  security: security.none,
  request: { params: tokenParam, body: jsonBody(responseBody) },
  responses: {
    201: json(responseRecorded, "The answers are stored."),
    ...problems("not-found", "conflict", "gone", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const progress = createRoute({
  method: "put",
  path: "/public/invitations/{token}/progress",
  tags,
  summary: "Save the answers so far, to resume on any tab or device",
  description:
    "Send the `revision` this save builds on (0 for the first). A stale one answers 409 with `stale: true` and the saved `data`, `currentPage` and `revision`, so the page can merge them; a 409 without `stale` means the survey was answered. Saved answers are never counted in any index.",
  security: security.none,
  middleware: [noStore],
  request: { params: tokenParam, body: jsonBody(progressBody) },
  responses: {
    200: json(progressSaved, "Saved; the next save builds on this revision."),
    ...problems("not-found", "conflict", "gone", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

// Only a GET that will show the survey counts as the customer opening it: a HEAD (link checkers) fetches no
// survey, and a browser's prefetch or preview may never be shown to anyone.
const loadsTheSurvey = (c: Context) =>
  c.req.method === "GET" && !/prefetch|prerender|preview/i.test(`${c.req.header("sec-purpose") ?? ""} ${c.req.header("purpose") ?? ""} ${c.req.header("x-purpose") ?? ""} ${c.req.header("x-moz") ?? ""}`);

// A malformed link is as unknown as a mistyped one: 404, not a field error about a path parameter.
// Passed through an arrow so the route's own types reach the hook: a hook typed with a plain Context widens
// the route's path to string, and with it the type of every route the web app's client sees.
const linkNotFound: typeof rejectInvalid = (result, c) => {
  if (!result.success && result.target === "param") throw new NotFound(INVALID_LINK);
  return rejectInvalid(result, c);
};

export const respondRoutes = createRouter()
  .openapi(
    open,
    async (c) => c.json(await service.getInvitationSurvey(publicContext(c), c.req.valid("param").token, { visit: loadsTheSurvey(c) }), 200),
    (result, c) => linkNotFound(result, c),
  )
  .openapi(
    progress,
    async (c) => c.json(await service.saveProgress(publicContext(c), c.req.valid("param").token, c.req.valid("json")), 200),
    (result, c) => linkNotFound(result, c),
  )
  .openapi(
    answer,
    async (c) => c.json(await service.submitResponse(publicContext(c), c.req.valid("param").token, c.req.valid("json").data), 201),
    (result, c) => linkNotFound(result, c),
  );
