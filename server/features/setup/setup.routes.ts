// HTTP contract of first-run setup; both endpoints answer 404 once any organisation exists.
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { jsonBody, query } from "../../lib/http";
import { setSessionCookie } from "../auth/auth.middleware";
import { setupBody, setupGate, setupQuery } from "./setup.schemas";
import { checkSetup, runSetup } from "./setup.service";

export const setupRoutes = new Hono<AppEnv>()
  .get("/setup", async (c) => {
    const { token } = query(c, setupQuery);
    const { db, settings } = c.get("deps");
    return c.json(await checkSetup(db, settings.setupToken, token ?? ""));
  })
  .post("/setup", async (c) => {
    const { db, settings, now } = c.get("deps");
    await checkSetup(db, settings.setupToken, await jsonBody(c, setupGate));
    const body = await jsonBody(c, setupBody);
    const { token, user, organisation } = await runSetup(db, settings.setupToken, body, now());
    setSessionCookie(c, token);
    return c.json({ user, organisation }, 201);
  });
