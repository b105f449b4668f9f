// HTTP contract of first-run setup; both endpoints answer 404 once any organisation exists.
import { createRoute } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { publicContext } from "../../lib/route-context";
import { setSessionCookie } from "../auth/auth.middleware";
import { sessionCookieHeader } from "../auth/auth.schemas";
import { setupBody, setupDone, setupGate, setupQuery, setupReady } from "./setup.schemas";
import * as service from "./setup.service";

const tags = ["Sign-in and accounts"];

// Runs before the body is validated, so a wrong token or a finished setup is a 404 whatever else was sent.
// A body that is not JSON goes on to the validator, which answers 415 or 400 as on every other route.
const tokenFirst = createMiddleware<AppEnv>(async (c, next) => {
  if (/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header("content-type") ?? "")) {
    const body: unknown = await c.req.json().catch(() => undefined);
    if (body !== undefined) await service.checkSetup(publicContext(c), setupGate.parse(body));
  }
  await next();
});

const check = createRoute({
  method: "get",
  path: "/setup",
  tags,
  summary: "Whether first-run setup is open to this token",
  security: security.none,
  request: { query: setupQuery },
  responses: { 200: json(setupReady, "Setup can run with this token."), ...problems("not-found") },
});

const run = createRoute({
  method: "post",
  path: "/setup",
  tags,
  summary: "Create the first organisation and its admin",
  description: "Only while no organisation exists, and only with the setup token. Signs the new admin in.",
  security: security.none,
  middleware: [tokenFirst],
  request: { body: jsonBody(setupBody) },
  responses: {
    201: { ...json(setupDone, "The organisation and its admin, who is now signed in."), headers: sessionCookieHeader },
    ...problems("not-found", "forbidden", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

export const setupRoutes = createRouter()
  .openapi(check, async (c) => c.json(await service.checkSetup(publicContext(c), c.req.valid("query").token ?? ""), 200))
  .openapi(run, async (c) => {
    const { token, user, organisation } = await service.runSetup(publicContext(c), c.req.valid("json"));
    setSessionCookie(c, token);
    return c.json({ user, organisation }, 201);
  });
