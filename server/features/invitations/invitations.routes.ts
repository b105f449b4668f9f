// HTTP contract of invitation listing.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { invitationListQuery, invitationPage } from "./invitations.schemas";
import * as service from "./invitations.service";

const list = createRoute({
  method: "get",
  path: "/invitations",
  tags: ["Surveys"],
  summary: "List a survey's invitations, latest due first",
  security: security.session,
  middleware: [requireRole("admin", "manager", "reviewer")],
  request: { query: invitationListQuery },
  responses: { 200: json(invitationPage, "One page of invitations."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

export const invitationRoutes = createRouter().openapi(list, async (c) => {
  const { surveyId, ...page } = c.req.valid("query");
  return c.json(await service.listInvitations(orgContext(c), surveyId, page), 200);
});
