// HTTP contract of the development mailbox (admins, and only while no real mailer is configured).
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app";
import { NotFound } from "../../errors";
import { query } from "../../lib/http";
import { pageQueryFields } from "../../lib/pagination";
import { listDevMessages } from "../../mail/dev-mailbox";
import { requireRole } from "../auth/auth.middleware";

export const mailboxRoutes = new Hono<AppEnv>().get("/dev/mailbox", requireRole("admin"), async (c) => {
  const { mailer, db } = c.get("deps");
  if (mailer.kind !== "dev-mailbox") throw new NotFound("The dev mailbox is off: email goes out through Resend.");
  const { to, ...page } = query(c, z.object({ to: z.string().optional(), ...pageQueryFields }));
  return c.json(await listDevMessages(db, c.get("orgId"), { to }, page));
});
