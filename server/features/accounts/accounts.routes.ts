// HTTP contract of one-time links and passwords: unauthenticated under /auth (throttled by path), and /me/password.
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../../app";
import { check, jsonBody } from "../../lib/http";
import { SESSION_COOKIE, requireRole, setSessionCookie } from "../auth/auth.middleware";
import { acceptInvitationBody, changePasswordBody, completeResetBody, linkToken, passwordResetBody } from "./accounts.schemas";
import { acceptInvitation, changePassword, completePasswordReset, describeLink, requestPasswordReset } from "./accounts.service";

// The same words whether or not the address has an account, so the answer gives nothing away.
const RESET_REQUESTED = {
  message: "If that address has a Rapport account, we have emailed it a link to choose a new password. The link works once, within an hour.",
};

export const accountRoutes = new Hono<AppEnv>()
  .get("/auth/tokens/:token", async (c) => {
    const token = check(linkToken, c.req.param("token"), "link");
    const { db, now } = c.get("deps");
    return c.json(await describeLink(db, token, now()));
  })
  .post("/auth/invitations/accept", async (c) => {
    const body = await jsonBody(c, acceptInvitationBody);
    const { db, now } = c.get("deps");
    const { token, user } = await acceptInvitation(db, body, now());
    setSessionCookie(c, token);
    return c.json(user);
  })
  .post("/auth/password-reset", async (c) => {
    const { email } = await jsonBody(c, passwordResetBody);
    const deps = c.get("deps");
    await requestPasswordReset(deps, email, deps.now());
    return c.json(RESET_REQUESTED, 202);
  })
  .post("/auth/password-reset/complete", async (c) => {
    const body = await jsonBody(c, completeResetBody);
    const { db, now } = c.get("deps");
    return c.json(await completePasswordReset(db, body, now()));
  })
  .post("/me/password", requireRole(), async (c) => {
    const body = await jsonBody(c, changePasswordBody);
    // requireRole() has just found the session this cookie names.
    await changePassword(c.get("deps").db, c.get("user"), getCookie(c, SESSION_COOKIE)!, body);
    return c.body(null, 204);
  });
