// HTTP contract of invitation listing.
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app";
import { query } from "../../lib/http";
import { requireRole } from "../auth/auth.middleware";
import { getSurvey } from "../surveys/surveys.service";
import { listInvitations } from "./invitations.service";

const listQuery = z.object({
  surveyId: z.string({ error: "Choose a survey: add ?surveyId= to the address." }).min(1, "Choose a survey: add ?surveyId= to the address."),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const invitationRoutes = new Hono<AppEnv>().get("/invitations", requireRole("admin", "manager", "reviewer"), async (c) => {
  const { surveyId, limit } = query(c, listQuery);
  const { db, now } = c.get("deps");
  await getSurvey(db, c.get("orgId"), surveyId);
  return c.json(await listInvitations(db, c.get("orgId"), surveyId, now(), limit));
});
