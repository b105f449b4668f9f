// HTTP contract of one-time links and passwords: unauthenticated under /auth (throttled by path), and /me/password.
import { createRoute } from "@hono/zod-openapi";
import { getCookie } from "hono/cookie";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext, publicContext } from "../../lib/route-context";
import { SESSION_COOKIE, requireRole, setSessionCookie } from "../auth/auth.middleware";
import { me, sessionCookieHeader } from "../auth/auth.schemas";
import {
  acceptInvitationBody,
  changePasswordBody,
  completeResetBody,
  linkDescription,
  linkTokenParam,
  passwordResetBody,
  passwordResetDone,
  resetRequested,
} from "./accounts.schemas";
import * as service from "./accounts.service";

const tags = ["Sign-in and accounts"];
const bodyProblems = ["bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"] as const;

const describe = createRoute({
  method: "get",
  path: "/auth/tokens/{token}",
  tags,
  summary: "What a one-time link is for",
  description: "Lets the invitation and reset pages greet the person before the link is used; reading it does not use it.",
  security: security.none,
  request: { params: linkTokenParam },
  responses: { 200: json(linkDescription, "The link's purpose, person and organisation."), ...problems("not-found", "gone", "invalid-request") },
});

const accept = createRoute({
  method: "post",
  path: "/auth/invitations/accept",
  tags,
  summary: "Accept an invitation by choosing a password",
  description: "Uses the invitation link once and signs the person in.",
  security: security.none,
  request: { body: jsonBody(acceptInvitationBody) },
  responses: {
    200: { ...json(me, "Signed in; the session cookie is set."), headers: sessionCookieHeader },
    ...problems("not-found", "gone", "forbidden", ...bodyProblems),
  },
});

const requestReset = createRoute({
  method: "post",
  path: "/auth/password-reset",
  tags,
  summary: "Ask for a password reset link",
  description: "Emails a one-time link (valid an hour) when the address has an active account; the answer is the same either way.",
  security: security.none,
  request: { body: jsonBody(passwordResetBody) },
  responses: { 202: json(resetRequested, "Accepted; look in the mailbox."), ...problems("forbidden", ...bodyProblems) },
});

const completeReset = createRoute({
  method: "post",
  path: "/auth/password-reset/complete",
  tags,
  summary: "Choose a new password with a reset link",
  description: "Uses the reset link once and ends every session of the person.",
  security: security.none,
  request: { body: jsonBody(completeResetBody) },
  responses: { 200: json(passwordResetDone, "The password is changed; sign in with it."), ...problems("not-found", "gone", "forbidden", ...bodyProblems) },
});

const changePassword = createRoute({
  method: "post",
  path: "/me/password",
  tags,
  summary: "Change your own password",
  description: "Needs the current password; ends your other sessions but not this one.",
  security: security.session,
  middleware: [requireRole()],
  request: { body: jsonBody(changePasswordBody) },
  responses: { 204: { description: "The password is changed." }, ...problems("unauthorized", "forbidden", ...bodyProblems) },
});

export const accountRoutes = createRouter()
  .openapi(describe, async (c) => c.json(await service.describeLink(publicContext(c), c.req.valid("param").token), 200))
  .openapi(accept, async (c) => {
    const { token, user } = await service.acceptInvitation(publicContext(c), c.req.valid("json"));
    setSessionCookie(c, token);
    return c.json(user, 200);
  })
  .openapi(requestReset, async (c) => c.json(await service.requestPasswordReset(publicContext(c), c.req.valid("json").email), 202))
  .openapi(completeReset, async (c) => c.json(await service.completePasswordReset(publicContext(c), c.req.valid("json")), 200))
  .openapi(changePassword, async (c) => {
    // requireRole() has just found the session this cookie names.
    await service.changePassword(orgContext(c), getCookie(c, SESSION_COOKIE)!, c.req.valid("json"));
    return c.body(null, 204);
  });
