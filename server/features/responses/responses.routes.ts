// HTTP contract of responses: the list a reviewer filters, and one response in full.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { responseDetail, responseIdParam, responseListQuery, responsePage } from "./responses.schemas";
import * as service from "./responses.service";

const readers = requireRole("admin", "manager", "reviewer");
const tags = ["Analytics"];

const list = createRoute({
  method: "get",
  path: "/responses",
  tags,
  summary: "List responses, newest first",
  description: "Filter by survey, period, unit, channel, staff, interaction type, score band and the text of any answer.",
  security: security.session,
  middleware: [readers],
  request: { query: responseListQuery },
  responses: { 200: json(responsePage, "One page of responses."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const get = createRoute({
  method: "get",
  path: "/responses/{id}",
  tags,
  summary: "One response with everything it followed",
  description: "Every answer with its question, the interaction and customer, and the email history of the invitation; those are null for an imported response.",
  security: security.session,
  middleware: [readers],
  request: { params: responseIdParam },
  responses: { 200: json(responseDetail, "The response."), ...problems("unauthorized", "forbidden", "not-found") },
});

export const responseRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listResponses(orgContext(c), c.req.valid("query")), 200))
  .openapi(get, async (c) => c.json(await service.getResponse(orgContext(c), c.req.valid("param").id), 200));
