// HTTP contract of follow-up cases: agents work their own, managers their units', reviewers read, admins all.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { caseChangeBody, caseDetail, caseIdParam, caseListQuery, casePage, caseSettings, newCaseBody, noteBody, outcomeEmailBody, resurveyBody } from "./cases.schemas";
import * as service from "./cases.service";

const tags = ["Cases"];
const readers = requireRole("admin", "manager", "reviewer", "agent");
const workers = requireRole("admin", "manager", "agent");
const bodyProblems = ["bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"] as const;

const list = createRoute({
  method: "get",
  path: "/cases",
  tags,
  summary: "List follow-up cases, newest first",
  description: "An agent sees the cases they own; a manager given units, those units' cases; everyone else, the organisation's.",
  security: security.session,
  middleware: [readers],
  request: { query: caseListQuery },
  responses: { 200: json(casePage, "One page of cases."), ...problems("unauthorized", "forbidden", "invalid-request") },
});

const open = createRoute({
  method: "post",
  path: "/cases",
  tags,
  summary: "Open a case by hand from a response",
  security: security.session,
  middleware: [workers],
  request: { body: jsonBody(newCaseBody) },
  responses: { 201: json(caseDetail, "The new case."), ...problems("unauthorized", "forbidden", "conflict", ...bodyProblems) },
});

const show = createRoute({
  method: "get",
  path: "/cases/{id}",
  tags,
  summary: "A case with its history and the customer's answers",
  security: security.session,
  middleware: [readers],
  request: { params: caseIdParam },
  responses: { 200: json(caseDetail, "The case."), ...problems("unauthorized", "forbidden", "not-found") },
});

const change = createRoute({
  method: "patch",
  path: "/cases/{id}",
  tags,
  summary: "Move a case on (open → contacted → resolved or could not reach), record its root cause, or reassign it",
  description: "Reassigning and changing the priority (which moves the due time) are for managers and admins.",
  security: security.session,
  middleware: [workers],
  request: { params: caseIdParam, body: jsonBody(caseChangeBody) },
  responses: { 200: json(caseDetail, "The case now."), ...problems("unauthorized", "forbidden", "not-found", "conflict", ...bodyProblems) },
});

const note = createRoute({
  method: "post",
  path: "/cases/{id}/notes",
  tags,
  summary: "Add a note to a case",
  security: security.session,
  middleware: [workers],
  request: { params: caseIdParam, body: jsonBody(noteBody) },
  responses: { 201: json(caseDetail, "The case with the note."), ...problems("unauthorized", "forbidden", "not-found", ...bodyProblems) },
});

const outcome = createRoute({
  method: "post",
  path: "/cases/{id}/outcome-email",
  tags,
  summary: "Email the customer the outcome",
  description: "The email is kept on the case; an open case becomes contacted. Sending the same email again sends nothing more.",
  security: security.session,
  middleware: [workers],
  request: { params: caseIdParam, body: jsonBody(outcomeEmailBody) },
  responses: { 201: json(caseDetail, "The case with the email."), ...problems("unauthorized", "forbidden", "not-found", "conflict", ...bodyProblems) },
});

const resurvey = createRoute({
  method: "post",
  path: "/cases/{id}/resurvey",
  tags,
  summary: "Send the customer a short survey after a resolved case",
  security: security.session,
  middleware: [workers],
  request: { params: caseIdParam, body: jsonBody(resurveyBody) },
  responses: { 201: json(caseDetail, "The case with its re-survey on its way."), ...problems("unauthorized", "forbidden", "not-found", "conflict", ...bodyProblems) },
});

const settings = createRoute({
  method: "get",
  path: "/case-settings",
  tags,
  summary: "Which answers open a case, who owns it, and the SLA per priority",
  security: security.session,
  middleware: [requireRole("admin", "manager", "reviewer")],
  responses: { 200: json(caseSettings, "The organisation's case settings (the defaults until changed)."), ...problems("unauthorized", "forbidden") },
});

const saveSettings = createRoute({
  method: "put",
  path: "/case-settings",
  tags,
  summary: "Change which answers open a case, who owns it, and the SLA per priority",
  description: "Applies to answers recorded from now on; open cases keep their due times.",
  security: security.session,
  middleware: [requireRole("admin", "manager")],
  request: { body: jsonBody(caseSettings) },
  responses: { 200: json(caseSettings, "The settings now."), ...problems("unauthorized", "forbidden", ...bodyProblems) },
});

export const caseRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listCases(orgContext(c), c.req.valid("query")), 200))
  .openapi(open, async (c) => c.json(await service.openCase(orgContext(c), c.req.valid("json")), 201))
  .openapi(show, async (c) => c.json(await service.getCase(orgContext(c), c.req.valid("param").id), 200))
  .openapi(change, async (c) => c.json(await service.changeCase(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(note, async (c) => c.json(await service.addNote(orgContext(c), c.req.valid("param").id, c.req.valid("json").body), 201))
  .openapi(outcome, async (c) => c.json(await service.sendOutcome(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 201))
  .openapi(resurvey, async (c) => c.json(await service.sendResurvey(orgContext(c), c.req.valid("param").id, c.req.valid("json").surveyId), 201))
  .openapi(settings, async (c) => c.json(await service.getSettings(orgContext(c)), 200))
  .openapi(saveSettings, async (c) => c.json(await service.saveSettings(orgContext(c), c.req.valid("json")), 200));
