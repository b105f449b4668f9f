// HTTP contract of the development mailbox (admins, and only while no real mailer is configured).
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { mailboxPage, mailboxQuery } from "./mailbox.schemas";
import * as service from "./mailbox.service";

const list = createRoute({
  method: "get",
  path: "/dev/mailbox",
  tags: ["Development"],
  summary: "The organisation's outgoing mail, while email is not sent for real",
  description: "For development and demos: with no mail provider configured, every email is stored here instead. Answers 404 once a provider is.",
  security: security.session,
  middleware: [requireRole("admin")],
  request: { query: mailboxQuery },
  responses: { 200: json(mailboxPage, "One page of messages, newest first."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

export const mailboxRoutes = createRouter().openapi(list, async (c) => {
  const { to, ...page } = c.req.valid("query");
  return c.json(await service.listDevMessages(orgContext(c), { to }, page), 200);
});
