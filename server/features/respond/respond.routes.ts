// HTTP contract of the public respondent endpoints (no sign-in; the token is the credential).
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { NotFound } from "../../errors";
import { jsonBody } from "../../lib/http";
import { responseBody, tokenParam } from "./respond.schemas";
import { getInvitationSurvey, submitResponse } from "./respond.service";

function token(raw: string): string {
  const parsed = tokenParam.safeParse(raw);
  if (!parsed.success) throw new NotFound("This survey link is not valid. Check that the whole link was copied from the email.");
  return parsed.data;
}

export const respondRoutes = new Hono<AppEnv>()
  .get("/public/invitations/:token", async (c) => {
    const { db, now } = c.get("deps");
    c.header("cache-control", "no-store");
    return c.json(await getInvitationSurvey(db, token(c.req.param("token")), now()));
  })
  .post("/public/invitations/:token/response", async (c) => {
    const t = token(c.req.param("token"));
    const { data } = await jsonBody(c, responseBody);
    const { db, now } = c.get("deps");
    return c.json(await submitResponse(db, t, data, now()), 201);
  });
