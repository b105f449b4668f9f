// HTTP contract of distribution rules.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { surveyIdParam } from "../surveys/surveys.schemas";
import { createRuleBody, rulePage, ruleView } from "./distribution.schemas";
import * as service from "./distribution.service";

const tags = ["Surveys"];

const list = createRoute({
  method: "get",
  path: "/surveys/{id}/rules",
  tags,
  summary: "List a survey's distribution rules, newest first",
  security: security.session,
  middleware: [requireRole("admin", "manager", "reviewer")],
  request: { params: surveyIdParam, query: pageQuery },
  responses: { 200: json(rulePage, "One page of rules."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const create = createRoute({
  method: "post",
  path: "/surveys/{id}/rules",
  tags,
  summary: "Add a rule: which interactions invite to this survey, and when",
  description: "Invitations are planned as interactions arrive, once the survey has a published version.",
  security: security.session,
  middleware: [requireRole("admin", "manager")],
  request: { params: surveyIdParam, body: jsonBody(createRuleBody) },
  responses: {
    201: json(ruleView, "The new rule."),
    ...problems("unauthorized", "forbidden", "not-found", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

export const distributionRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listRules(orgContext(c), c.req.valid("param").id, c.req.valid("query")), 200))
  .openapi(create, async (c) => c.json(await service.addRule(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 201));
