// HTTP contract of sign-in, sign-out and the current user.
import { Hono } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import type { AppEnv } from "../../app";
import { jsonBody } from "../../lib/http";
import { SESSION_COOKIE, requireRole, setSessionCookie } from "./auth.middleware";
import { loginBody } from "./auth.schemas";
import { signIn, signOut } from "./auth.service";

export const authRoutes = new Hono<AppEnv>()
  .post("/auth/login", async (c) => {
    const { email, password } = await jsonBody(c, loginBody);
    const { db, now } = c.get("deps");
    const { token, user } = await signIn(db, email, password, now());
    setSessionCookie(c, token);
    return c.json(user);
  })
  .post("/auth/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(c.get("deps").db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  })
  .get("/me", requireRole(), (c) => c.json(c.get("user")));
