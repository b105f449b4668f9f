// HTTP contract of distribution rules: a survey's rules, the values they can pick from, and the dry run.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { surveyIdParam } from "../surveys/surveys.schemas";
import { createRuleBody, dryRunQuery, dryRunResult, rulePage, ruleParams, ruleView, seenValues, updateRuleBody } from "./distribution.schemas";
import * as service from "./distribution.service";

const tags = ["Surveys"];
const editors = requireRole("admin", "manager");
const readers = requireRole("admin", "manager", "reviewer");
const bodyProblems = ["bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"] as const;
const unchangedInvitations =
  "Invitations already scheduled keep the rule as it was when their interaction arrived: rules are read only as interactions arrive, so a change applies to interactions from then on.";

const list = createRoute({
  method: "get",
  path: "/surveys/{id}/rules",
  tags,
  summary: "List a survey's distribution rules, newest first",
  description: "Deleted rules are left out; paused ones are listed with active false.",
  security: security.session,
  middleware: [readers],
  request: { params: surveyIdParam, query: pageQuery },
  responses: { 200: json(rulePage, "One page of rules."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const create = createRoute({
  method: "post",
  path: "/surveys/{id}/rules",
  tags,
  summary: "Add a rule: which interactions invite to this survey, and when",
  description:
    "Invitations are planned as interactions arrive, once the survey has a published version. Reminders go to customers who have not answered, " +
    "each the given days after the email before it, and must fall before the link closes. The organisation's contact rules apply unless the rule sets its own gap.",
  security: security.session,
  middleware: [editors],
  request: { params: surveyIdParam, body: jsonBody(createRuleBody) },
  responses: { 201: json(ruleView, "The new rule."), ...problems("unauthorized", "forbidden", "not-found", ...bodyProblems) },
});

const update = createRoute({
  method: "patch",
  path: "/surveys/{id}/rules/{ruleId}",
  tags,
  summary: "Change a rule, or pause or resume it",
  description: `Send only what changes; { "active": false } pauses the rule and { "active": true } resumes it. ${unchangedInvitations}`,
  security: security.session,
  middleware: [editors],
  request: { params: ruleParams, body: jsonBody(updateRuleBody) },
  responses: { 200: json(ruleView, "The rule after the change."), ...problems("unauthorized", "forbidden", "not-found", ...bodyProblems) },
});

const remove = createRoute({
  method: "delete",
  path: "/surveys/{id}/rules/{ruleId}",
  tags,
  summary: "Delete a rule",
  description: `The rule decides nothing more. ${unchangedInvitations} Its record stays for the invitations it made and the funnel.`,
  security: security.session,
  middleware: [editors],
  request: { params: ruleParams },
  responses: { 204: { description: "The rule is deleted." }, ...problems("unauthorized", "forbidden", "not-found") },
});

const dryRun = createRoute({
  method: "post",
  path: "/surveys/{id}/rules/dry-run",
  tags,
  summary: "Try a rule on the last 30 days' interactions without saving it",
  description:
    "How many of the organisation's interactions of the last 30 days the rule would have surveyed, and why the others were not. Each is decided as of " +
    "when it happened, against the customers' surveys, suppressions and the contact rules as they stand now. Nothing is saved or sent.",
  security: security.session,
  middleware: [editors],
  request: { params: surveyIdParam, query: dryRunQuery, body: jsonBody(createRuleBody) },
  responses: { 200: json(dryRunResult, "What the rule would have done."), ...problems("unauthorized", "forbidden", "not-found", ...bodyProblems) },
});

const seen = createRoute({
  method: "get",
  path: "/rules/seen-values",
  tags,
  summary: "Interaction types, channels, units and attribute names already used",
  description: "For the rule form's pickers: the values among the organisation's latest interactions, most used first, each with a count.",
  security: security.session,
  middleware: [readers],
  responses: { 200: json(seenValues, "The values seen."), ...problems("unauthorized", "forbidden") },
});

export const distributionRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listRules(orgContext(c), c.req.valid("param").id, c.req.valid("query")), 200))
  .openapi(create, async (c) => c.json(await service.addRule(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 201))
  .openapi(dryRun, async (c) => c.json(await service.dryRunRule(orgContext(c), c.req.valid("param").id, c.req.valid("json"), c.req.valid("query").ruleId), 200))
  .openapi(update, async (c) => {
    const { id, ruleId } = c.req.valid("param");
    return c.json(await service.changeRule(orgContext(c), id, ruleId, c.req.valid("json")), 200);
  })
  .openapi(remove, async (c) => {
    const { id, ruleId } = c.req.valid("param");
    await service.deleteRule(orgContext(c), id, ruleId);
    return c.body(null, 204);
  })
  .openapi(seen, async (c) => c.json(await service.seenValues(orgContext(c)), 200));
