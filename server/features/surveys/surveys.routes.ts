// HTTP contract of surveys: drafts, publishing.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { surveyTemplates } from "../../domain/survey-templates";
import {
  createSurveyBody,
  diffQuery,
  publishedVersion,
  rollBackBody,
  savedSurvey,
  surveyDetail,
  surveyDiff,
  surveyIdParam,
  surveyListQuery,
  surveyPage,
  surveyView,
  templateList,
  updateSurveyBody,
  versionList,
} from "./surveys.schemas";
import * as service from "./surveys.service";

const editors = requireRole("admin", "manager");
const readers = requireRole("admin", "manager", "reviewer");
const tags = ["Surveys"];

const list = createRoute({
  method: "get",
  path: "/surveys",
  tags,
  summary: "List surveys, most recently changed first",
  description: "Archived surveys are left out unless `archived=true`, which lists only them.",
  security: security.session,
  middleware: [readers],
  request: { query: surveyListQuery },
  responses: { 200: json(surveyPage, "One page of surveys."), ...problems("unauthorized", "forbidden", "invalid-request") },
});

const create = createRoute({
  method: "post",
  path: "/surveys",
  tags,
  summary: "Create a draft survey",
  security: security.session,
  middleware: [editors],
  request: { body: jsonBody(createSurveyBody) },
  responses: {
    201: json(savedSurvey, "The new draft."),
    ...problems("unauthorized", "forbidden", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const get = createRoute({
  method: "get",
  path: "/surveys/{id}",
  tags,
  summary: "One survey with its current draft",
  security: security.session,
  middleware: [readers],
  request: { params: surveyIdParam },
  responses: { 200: json(surveyDetail, "The survey, with the series of its latest published version."), ...problems("unauthorized", "forbidden", "not-found") },
});

const update = createRoute({
  method: "put",
  path: "/surveys/{id}",
  tags,
  summary: "Change a survey's title or draft definition",
  description:
    "Published versions never change; the draft is marked as having unpublished changes. Send the `revision` you loaded: if someone saved since, the answer is 409 with `stale: true` and their `survey`.",
  security: security.session,
  middleware: [editors],
  request: { params: surveyIdParam, body: jsonBody(updateSurveyBody) },
  responses: {
    200: json(savedSurvey, "The survey after the change."),
    ...problems("unauthorized", "forbidden", "not-found", "conflict", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const publish = createRoute({
  method: "post",
  path: "/surveys/{id}/publish",
  tags,
  summary: "Publish the draft as a new immutable version",
  security: security.session,
  middleware: [editors],
  request: { params: surveyIdParam },
  responses: {
    201: json(publishedVersion, "The version number just published."),
    ...problems("unauthorized", "forbidden", "not-found", "conflict", "invalid-request"),
  },
});

// Generic in the path, so each route keeps its literal path (a widened one would hide every survey route from hc).
const lifecycle = <P extends string>(path: P, summary: string, description: string) =>
  createRoute({
    method: "post",
    path: `/surveys/{id}/${path}` as `/surveys/{id}/${P}`,
    tags,
    summary,
    description,
    security: security.session,
    middleware: [editors],
    request: { params: surveyIdParam },
    responses: { 200: json(surveyView, "The survey now."), ...problems("unauthorized", "forbidden", "not-found", "conflict") },
  });

const close = lifecycle("close", "Close a survey", "No new invitations; unsent invitations and reminders are cancelled; open links say the survey has closed. Answers and analytics are kept.");
const reopen = lifecycle("reopen", "Reopen a closed survey", "New interactions are invited again; invitations cancelled when it closed stay cancelled.");
const archive = lifecycle("archive", "Archive a survey", "Closes it (if open) and leaves it out of the survey lists; its answers and analytics are kept.");
const restore = lifecycle("restore", "Bring a survey back from the archive", "It comes back closed; reopen it to take answers again.");

const remove = createRoute({
  method: "delete",
  path: "/surveys/{id}",
  tags,
  summary: "Delete a draft that was never published",
  description: "A published survey keeps its answers: 409, archive it instead.",
  security: security.session,
  middleware: [editors],
  request: { params: surveyIdParam },
  responses: { 204: { description: "Deleted, with its rules." }, ...problems("unauthorized", "forbidden", "not-found", "conflict") },
});

const versions = createRoute({
  method: "get",
  path: "/surveys/{id}/versions",
  tags,
  summary: "The survey's published versions, newest first",
  security: security.session,
  middleware: [readers],
  request: { params: surveyIdParam },
  responses: { 200: json(versionList, "Its versions."), ...problems("unauthorized", "forbidden", "not-found") },
});

const diff = createRoute({
  method: "get",
  path: "/surveys/{id}/diff",
  tags,
  summary: "What changes between two versions (or a version and the draft)",
  description: "Questions added, removed, reworded, moved; scales, choices, logic, required and metric roles; `breaksSeries` marks changes that split or end a metric's series.",
  security: security.session,
  middleware: [readers],
  request: { params: surveyIdParam, query: diffQuery },
  responses: { 200: json(surveyDiff, "The changes, in words."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const rollBack = createRoute({
  method: "post",
  path: "/surveys/{id}/rollback",
  tags,
  summary: "Publish an earlier version again, as a new version",
  security: security.session,
  middleware: [editors],
  request: { params: surveyIdParam, body: jsonBody(rollBackBody) },
  responses: {
    201: json(publishedVersion, "The new version, holding the earlier one's questions."),
    ...problems("unauthorized", "forbidden", "not-found", "conflict", "bad-request", "unsupported-media-type", "invalid-request"),
  },
});

const templates = createRoute({
  method: "get",
  path: "/survey-templates",
  tags,
  summary: "Surveys to start from",
  description: "Plain NPS, CSAT and CES, and one per service situation, in English and French with metric roles set.",
  security: security.session,
  middleware: [readers],
  responses: { 200: json(templateList, "The templates."), ...problems("unauthorized", "forbidden") },
});

export const surveyRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listSurveys(orgContext(c), c.req.valid("query")), 200))
  .openapi(create, async (c) => c.json(await service.createSurvey(orgContext(c), c.req.valid("json")), 201))
  .openapi(get, async (c) => c.json(await service.getSurveyDetail(orgContext(c), c.req.valid("param").id), 200))
  .openapi(update, async (c) => c.json(await service.updateSurveyDraft(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(publish, async (c) => c.json(await service.publishSurvey(orgContext(c), c.req.valid("param").id), 201))
  .openapi(close, async (c) => c.json(await service.closeSurvey(orgContext(c), c.req.valid("param").id), 200))
  .openapi(reopen, async (c) => c.json(await service.reopenSurvey(orgContext(c), c.req.valid("param").id), 200))
  .openapi(archive, async (c) => c.json(await service.archiveSurvey(orgContext(c), c.req.valid("param").id), 200))
  .openapi(restore, async (c) => c.json(await service.restoreSurvey(orgContext(c), c.req.valid("param").id), 200))
  .openapi(remove, async (c) => {
    await service.deleteDraft(orgContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(versions, async (c) => c.json(await service.listVersions(orgContext(c), c.req.valid("param").id), 200))
  .openapi(diff, async (c) => {
    const q = c.req.valid("query");
    return c.json(await service.diffVersions(orgContext(c), c.req.valid("param").id, q.from, q.to), 200);
  })
  .openapi(rollBack, async (c) => c.json(await service.rollBack(orgContext(c), c.req.valid("param").id, c.req.valid("json").version), 201))
  .openapi(templates, (c) => c.json({ items: surveyTemplates }, 200));
