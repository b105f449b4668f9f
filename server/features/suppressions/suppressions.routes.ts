// HTTP contract of the suppression list: admins and managers read it; admins add and lift entries.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { addSuppressionBody, liftSuppressionBody, suppressionIdParam, suppressionListQuery, suppressionPage, suppressionView } from "./suppressions.schemas";
import * as service from "./suppressions.service";

const tags = ["Suppressions"];

const list = createRoute({
  method: "get",
  path: "/suppressions",
  tags,
  summary: "List the suppression list, newest first",
  description: "Addresses the organisation does not email. Active entries by default; filter by reason, or search by part of the address.",
  security: security.session,
  middleware: [requireRole("admin", "manager")],
  request: { query: suppressionListQuery },
  responses: { 200: json(suppressionPage, "One page of entries."), ...problems("unauthorized", "forbidden", "invalid-request") },
});

const add = createRoute({
  method: "post",
  path: "/suppressions",
  tags,
  summary: "Add an address to the suppression list",
  description: "Nothing more is sent to the address from any survey, including invitations and reminders already scheduled.",
  security: security.session,
  middleware: [requireRole("admin")],
  request: { body: jsonBody(addSuppressionBody) },
  responses: {
    201: json(suppressionView, "The new entry."),
    ...problems("unauthorized", "forbidden", "conflict", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const lift = createRoute({
  method: "post",
  path: "/suppressions/{id}/lift",
  tags,
  summary: "Lift an entry from the suppression list, with a reason",
  description: "The entry is kept with who lifted it, when and why. New interactions may invite the address again; emails cancelled meanwhile stay cancelled.",
  security: security.session,
  middleware: [requireRole("admin")],
  request: { params: suppressionIdParam, body: jsonBody(liftSuppressionBody) },
  responses: {
    200: json(suppressionView, "The entry, lifted."),
    ...problems("unauthorized", "forbidden", "not-found", "conflict", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

export const suppressionRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listSuppressions(orgContext(c), c.req.valid("query")), 200))
  .openapi(add, async (c) => c.json(await service.addSuppression(orgContext(c), c.req.valid("json")), 201))
  .openapi(lift, async (c) => c.json(await service.liftSuppression(orgContext(c), c.req.valid("param").id, c.req.valid("json").reason), 200));
