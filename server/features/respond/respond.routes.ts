// HTTP contract of the public respondent endpoints (no sign-in; the token is the credential).
import { createRoute } from "@hono/zod-openapi";
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
  description:
    "Never cached (`Cache-Control: no-store`): the link stops working once answered or closed. Reading it does not count as the customer opening the survey: link scanners read pages and run their scripts too (see `POST …/visit`).",
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

const visit = createRoute({
  method: "post",
  path: "/public/invitations/{token}/visit",
  tags,
  summary: "Note that a person is on the survey page",
  description:
    "Sent by the page on the first key, tap, click or scroll, not on load: email link scanners load the page and run its scripts without touching it. The first one is the funnel's \"opened the survey\"; later ones change nothing.",
  security: security.none,
  middleware: [noStore],
  request: { params: tokenParam },
  responses: { 204: { description: "Noted (or noted before)." }, ...problems("not-found", "conflict", "gone") },
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
    async (c) => c.json(await service.getInvitationSurvey(publicContext(c), c.req.valid("param").token), 200),
    (result, c) => linkNotFound(result, c),
  )
  .openapi(
    visit,
    async (c) => {
      await service.noteVisit(publicContext(c), c.req.valid("param").token);
      return c.body(null, 204);
    },
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
