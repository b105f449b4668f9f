// HTTP contract of sign-in, sign-out and the current user.
import { createRoute } from "@hono/zod-openapi";
import { deleteCookie, getCookie } from "hono/cookie";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { publicContext } from "../../lib/route-context";
import { SESSION_COOKIE, requireRole, setSessionCookie } from "./auth.middleware";
import { loginBody, me, sessionCookieHeader } from "./auth.schemas";
import * as service from "./auth.service";

const tags = ["Sign-in and accounts"];

const login = createRoute({
  method: "post",
  path: "/auth/login",
  tags,
  summary: "Sign in with email and password",
  description: "Sets the session cookie. Repeated failures for one account or from one address are refused for a while (429).",
  security: security.none,
  request: { body: jsonBody(loginBody) },
  responses: {
    200: { ...json(me, "Signed in; the session cookie is set."), headers: sessionCookieHeader },
    ...problems("unauthorized", "forbidden", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const logout = createRoute({
  method: "post",
  path: "/auth/logout",
  tags,
  summary: "Sign out",
  description: "Ends the session the cookie names, if any, and clears the cookie.",
  security: security.none,
  responses: { 204: { description: "Signed out." }, ...problems("forbidden") },
});

const current = createRoute({
  method: "get",
  path: "/me",
  tags,
  summary: "Who is signed in",
  security: security.session,
  middleware: [requireRole()],
  responses: { 200: json(me, "The signed-in person."), ...problems("unauthorized") },
});

export const authRoutes = createRouter()
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid("json");
    const { token, user } = await service.signIn(publicContext(c), email, password);
    setSessionCookie(c, token);
    return c.json(user, 200);
  })
  .openapi(logout, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await service.signOut(publicContext(c), token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  })
  .openapi(current, (c) => c.json(c.get("user"), 200));
