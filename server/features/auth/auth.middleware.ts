// Guards other features mount (a signed-in user with one of some roles, or a valid API key) and the session cookie.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app";
import { Forbidden, Unauthorized } from "../../errors";
import type { Me } from "./auth.schemas";
import { SESSION_DAYS, apiKeyFor, userForSession } from "./auth.service";

export const SESSION_COOKIE = "rapport_session";

/** Hands a new session to the browser: sign-in, setup and accepting an invitation all end here. */
export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("deps").settings.publicUrl.startsWith("https:"),
    path: "/",
    maxAge: SESSION_DAYS * 86_400,
  });
}

export const requireRole = (...roles: Me["role"][]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const { db, now } = c.get("deps");
    const user = token ? await userForSession({ db, now: now() }, token) : undefined;
    if (!user) throw new Unauthorized();
    if (roles.length > 0 && !roles.includes(user.role)) {
      throw new Forbidden(`This needs the ${roles.join(" or ")} role; you are signed in as ${user.role}.`);
    }
    c.set("user", user);
    c.set("orgId", user.orgId);
    c.set("authVia", "session");
    c.set("actor", { kind: "user", id: user.id, role: user.role });
    await next();
  });

export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new Unauthorized("Send an API key as 'Authorization: Bearer <key>'.");
  const { db, now } = c.get("deps");
  const key = await apiKeyFor({ db, now: now() }, match[1]!);
  if (!key) throw new Unauthorized("That API key is not valid or has been revoked.");
  c.set("orgId", key.orgId);
  c.set("authVia", "api-key");
  c.set("actor", { kind: "api-key", id: key.id });
  await next();
});
