// HTTP contract of the organisation's contact rules and its units' time zones.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { contactRulesBody, contactRulesView, unitIdParam, unitPage, unitView, unitZoneBody } from "./contact-rules.schemas";
import * as service from "./contact-rules.service";

const tags = ["Surveys"];
const admins = requireRole("admin");
const readers = requireRole("admin", "manager");
const bodyProblems = ["bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"] as const;

const get = createRoute({
  method: "get",
  path: "/contact-rules",
  tags,
  summary: "The organisation's contact rules",
  description: "At most one survey per customer every N days across all surveys, and quiet hours during which nothing is sent.",
  security: security.session,
  middleware: [readers],
  responses: { 200: json(contactRulesView, "The contact rules."), ...problems("unauthorized", "forbidden") },
});

const put = createRoute({
  method: "put",
  path: "/contact-rules",
  tags,
  summary: "Set the organisation's contact rules",
  description:
    "Quiet hours are kept in the customer's time zone, else their unit's, else the organisation's. The rules apply to interactions from now on; " +
    "invitations already scheduled keep their times.",
  security: security.session,
  middleware: [admins],
  request: { body: jsonBody(contactRulesBody) },
  responses: { 200: json(contactRulesView, "The contact rules now."), ...problems("unauthorized", "forbidden", ...bodyProblems) },
});

const listUnits = createRoute({
  method: "get",
  path: "/units",
  tags,
  summary: "List the organisation's units with their time zones, A to Z",
  description: "Units are created as interactions name them.",
  security: security.session,
  middleware: [readers],
  request: { query: pageQuery },
  responses: { 200: json(unitPage, "One page of units."), ...problems("unauthorized", "forbidden", "invalid-request") },
});

const setZone = createRoute({
  method: "put",
  path: "/units/{id}/time-zone",
  tags,
  summary: "Set a unit's time zone",
  description: "Quiet hours fall back to it for customers whose own zone is unknown.",
  security: security.session,
  middleware: [admins],
  request: { params: unitIdParam, body: jsonBody(unitZoneBody) },
  responses: { 200: json(unitView, "The unit now."), ...problems("unauthorized", "forbidden", "not-found", ...bodyProblems) },
});

export const contactRuleRoutes = createRouter()
  .openapi(get, async (c) => c.json(await service.getContactRules(orgContext(c)), 200))
  .openapi(put, async (c) => c.json(await service.setContactRules(orgContext(c), c.req.valid("json")), 200))
  .openapi(listUnits, async (c) => c.json(await service.listUnits(orgContext(c), c.req.valid("query")), 200))
  .openapi(setZone, async (c) => c.json(await service.setUnitTimeZone(orgContext(c), c.req.valid("param").id, c.req.valid("json").timeZone), 200));
