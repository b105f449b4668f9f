// HTTP contract of a survey's invitations: the delivery list, its counts, and retrying failed sends.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { invitationCounts, invitationCountsQuery, invitationIdParam, invitationListQuery, invitationPage, invitationView, retryAllBody, retryResult } from "./invitations.schemas";
import * as service from "./invitations.service";

const tags = ["Surveys"];
const readers = requireRole("admin", "manager", "reviewer");
const editors = requireRole("admin", "manager");

const list = createRoute({
  method: "get",
  path: "/invitations",
  tags,
  summary: "List a survey's invitations, latest due first",
  description: "Each with its state, the provider's reason for a failure or bounce, and its reminders. `state` keeps only one state.",
  security: security.session,
  middleware: [readers],
  request: { query: invitationListQuery },
  responses: { 200: json(invitationPage, "One page of invitations."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const counts = createRoute({
  method: "get",
  path: "/invitations/counts",
  tags,
  summary: "How many of a survey's invitations are in each state",
  security: security.session,
  middleware: [readers],
  request: { query: invitationCountsQuery },
  responses: { 200: json(invitationCounts, "The counts."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const retryOne = createRoute({
  method: "post",
  path: "/invitations/{id}/retry",
  tags,
  summary: "Send a failed invitation again",
  description: "Back in the outbox, due now, with its attempts reset; refused (410) once its link has closed, and (409) for one that did not fail.",
  security: security.session,
  middleware: [editors],
  request: { params: invitationIdParam },
  responses: { 200: json(invitationView, "The invitation, scheduled again."), ...problems("unauthorized", "forbidden", "not-found", "conflict", "gone") },
});

const retryAll = createRoute({
  method: "post",
  path: "/invitations/retry",
  tags,
  summary: "Send every failed invitation of a survey again",
  description: "Those whose link has closed stay failed and are counted in `closed`.",
  security: security.session,
  middleware: [editors],
  request: { body: jsonBody(retryAllBody) },
  responses: {
    200: json(retryResult, "How many were scheduled again."),
    ...problems("unauthorized", "forbidden", "not-found", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

export const invitationRoutes = createRouter()
  .openapi(list, async (c) => {
    const { surveyId, ...page } = c.req.valid("query");
    return c.json(await service.listInvitations(orgContext(c), surveyId, page), 200);
  })
  .openapi(counts, async (c) => c.json(await service.countInvitations(orgContext(c), c.req.valid("query").surveyId), 200))
  .openapi(retryOne, async (c) => c.json(await service.retryInvitation(orgContext(c), c.req.valid("param").id), 200))
  .openapi(retryAll, async (c) => c.json(await service.retryFailedInvitations(orgContext(c), c.req.valid("json").surveyId), 200));
