// HTTP contract of the people of an organisation (admins only).
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { invitation, inviteBody, personIdParam, personPage, personView, updatePersonBody } from "./people.schemas";
import * as service from "./people.service";

const admins = requireRole("admin");
const tags = ["People"];

const list = createRoute({
  method: "get",
  path: "/people",
  tags,
  summary: "List the organisation's people, newest first",
  security: security.session,
  middleware: [admins],
  request: { query: pageQuery },
  responses: { 200: json(personPage, "One page of people."), ...problems("unauthorized", "forbidden", "invalid-request") },
});

const invite = createRoute({
  method: "post",
  path: "/people/invitations",
  tags,
  summary: "Invite a person by email",
  description: "The person chooses a password from the emailed link (valid 7 days). When the email fails, the invitation is kept and can be resent.",
  security: security.session,
  middleware: [admins],
  request: { body: jsonBody(inviteBody) },
  responses: {
    201: json(invitation, "The invited person, and whether the email went out."),
    ...problems("unauthorized", "forbidden", "conflict", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const resend = createRoute({
  method: "post",
  path: "/people/{id}/invitation",
  tags,
  summary: "Resend a person's invitation",
  description: "Sends a new link; the previous one stops working.",
  security: security.session,
  middleware: [admins],
  request: { params: personIdParam },
  responses: {
    201: json(invitation, "The invited person, and whether the email went out."),
    ...problems("unauthorized", "forbidden", "not-found", "conflict"),
  },
});

const update = createRoute({
  method: "patch",
  path: "/people/{id}",
  tags,
  summary: "Change a person's role, or deactivate or reactivate them",
  description: "The organisation always keeps one active admin. Deactivating ends the person's sessions and links at once.",
  security: security.session,
  middleware: [admins],
  request: { params: personIdParam, body: jsonBody(updatePersonBody) },
  responses: {
    200: json(personView, "The person after the change."),
    ...problems("unauthorized", "forbidden", "not-found", "conflict", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

export const peopleRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listPeople(orgContext(c), c.req.valid("query")), 200))
  .openapi(invite, async (c) => c.json(await service.invitePerson(orgContext(c), c.req.valid("json")), 201))
  .openapi(resend, async (c) => c.json(await service.resendInvitation(orgContext(c), c.req.valid("param").id), 201))
  .openapi(update, async (c) => c.json(await service.updatePerson(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 200));
