// HTTP contract of invitation listing.
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app";
import { query } from "../../lib/http";
import { pageQueryFields } from "../../lib/pagination";
import { requireRole } from "../auth/auth.middleware";
import { listInvitations } from "./invitations.service";

const listQuery = z.object({
  surveyId: z.string({ error: "Choose a survey: add ?surveyId= to the address." }).min(1, "Choose a survey: add ?surveyId= to the address."),
  ...pageQueryFields,
});

export const invitationRoutes = new Hono<AppEnv>().get("/invitations", requireRole("admin", "manager", "reviewer"), async (c) => {
  const { surveyId, ...page } = query(c, listQuery);
  const { db, now } = c.get("deps");
  return c.json(await listInvitations(db, c.get("orgId"), surveyId, now(), page));
});
