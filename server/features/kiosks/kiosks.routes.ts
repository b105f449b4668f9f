// HTTP contract of counter kiosks: admins open and close them per unit; customers answer at `/k/<slug>` without signing in.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../app";
import { NotFound } from "../../errors";
import { randomToken } from "../../lib/crypto";
import { createRouter, json, jsonBody, problems, rejectInvalid, security } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { orgContext, publicContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { responseBody, responseRecorded } from "../respond/respond.schemas";
import { UNKNOWN_KIOSK, kioskBody, kioskPage, kioskSurvey, kioskView, slugParam, unitIdParam } from "./kiosks.schemas";
import * as service from "./kiosks.service";

const tags = ["Kiosks"];
const admins = requireRole("admin");
const readers = requireRole("admin", "manager");
const bodyProblems = ["bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"] as const;

const list = createRoute({
  method: "get",
  path: "/kiosks",
  tags,
  summary: "List the organisation's units with their counter kiosks, A to Z",
  security: security.session,
  middleware: [readers],
  request: { query: pageQuery },
  responses: { 200: json(kioskPage, "One page of units and their kiosks."), ...problems("unauthorized", "forbidden", "invalid-request") },
});

const open = createRoute({
  method: "put",
  path: "/units/{id}/kiosk",
  tags,
  summary: "Open a unit's kiosk, or change the survey it shows",
  description: "The first opening makes the random link `/k/<slug>`; changing the survey keeps it, so printed posters keep working.",
  security: security.session,
  middleware: [admins],
  request: { params: unitIdParam, body: jsonBody(kioskBody) },
  responses: { 200: json(kioskView, "The unit's kiosk now."), ...problems("unauthorized", "forbidden", "not-found", ...bodyProblems) },
});

const close = createRoute({
  method: "delete",
  path: "/units/{id}/kiosk",
  tags,
  summary: "Close a unit's kiosk",
  description: "Its link stops working at once; opening the kiosk again makes a new link.",
  security: security.session,
  middleware: [admins],
  request: { params: unitIdParam },
  responses: { 200: json(kioskView, "The unit's kiosk, closed."), ...problems("unauthorized", "forbidden", "not-found") },
});

const show = createRoute({
  method: "get",
  path: "/public/kiosks/{slug}",
  tags,
  summary: "The survey a counter kiosk shows",
  description: "Sets the kiosk device cookie, which answers are counted against. Never cached: a closed kiosk stops at once.",
  security: security.none,
  request: { params: slugParam },
  responses: { 200: json(kioskSurvey, "The kiosk's survey and the unit's name."), ...problems("not-found", "gone") },
});

const answer = createRoute({
  method: "post",
  path: "/public/kiosks/{slug}/response",
  tags,
  summary: "Answer a counter kiosk's survey, anonymously",
  description: "Limited per kiosk device (its cookie) and per network address: a refused answer says when to try again.",
  security: security.none,
  request: { params: slugParam, body: jsonBody(responseBody) },
  responses: {
    201: json(responseRecorded, "The answers are stored."),
    ...problems("not-found", "gone", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

// The device cookie goes only to the kiosk endpoints, which is all it is for.
const DEVICE_COOKIE = "rapport_kiosk_device";
const DEVICE_PATH = "/api/public/kiosks";

/** The kiosk device's id, handed out on first contact; a browser that drops cookies is limited by its address alone. */
function kioskDevice(c: Context<AppEnv>): string | undefined {
  const known = getCookie(c, DEVICE_COOKIE);
  if (known && /^[A-Za-z0-9_-]{22}$/.test(known)) return known;
  setCookie(c, DEVICE_COOKIE, randomToken(16), {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("deps").settings.publicUrl.startsWith("https:"),
    path: DEVICE_PATH,
    maxAge: 365 * 86_400,
  });
  return undefined;
}

// A malformed slug is as unknown as a closed kiosk: 404, not a field error about a path parameter.
const kioskNotFound: typeof rejectInvalid = (result, c) => {
  if (!result.success && result.target === "param") throw new NotFound(UNKNOWN_KIOSK);
  return rejectInvalid(result, c);
};

export const kioskRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listKiosks(orgContext(c), c.req.valid("query")), 200))
  .openapi(open, async (c) => c.json(await service.openKiosk(orgContext(c), c.req.valid("param").id, c.req.valid("json").surveyId), 200))
  .openapi(close, async (c) => c.json(await service.closeKiosk(orgContext(c), c.req.valid("param").id), 200))
  .openapi(
    show,
    async (c) => {
      c.header("cache-control", "no-store");
      const survey = await service.getKioskSurvey(publicContext(c), c.req.valid("param").slug);
      kioskDevice(c);
      return c.json(survey, 200);
    },
    (result, c) => kioskNotFound(result, c),
  )
  .openapi(
    answer,
    async (c) => {
      const client = { deviceId: kioskDevice(c), address: c.get("deps").clientAddress(c) };
      return c.json(await service.submitKioskResponse(publicContext(c), c.req.valid("param").slug, client, c.req.valid("json").data), 201);
    },
    (result, c) => kioskNotFound(result, c),
  );
