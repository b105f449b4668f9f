// HTTP contract of surveys: drafts, publishing.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { createSurveyBody, publishedVersion, savedSurvey, surveyDetail, surveyIdParam, surveyPage, updateSurveyBody } from "./surveys.schemas";
import * as service from "./surveys.service";

const editors = requireRole("admin", "manager");
const readers = requireRole("admin", "manager", "reviewer");
const tags = ["Surveys"];

const list = createRoute({
  method: "get",
  path: "/surveys",
  tags,
  summary: "List surveys, most recently changed first",
  security: security.session,
  middleware: [readers],
  request: { query: pageQuery },
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
  description: "Published versions never change; the draft is marked as having unpublished changes.",
  security: security.session,
  middleware: [editors],
  request: { params: surveyIdParam, body: jsonBody(updateSurveyBody) },
  responses: {
    200: json(savedSurvey, "The survey after the change."),
    ...problems("unauthorized", "forbidden", "not-found", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
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

export const surveyRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listSurveys(orgContext(c), c.req.valid("query")), 200))
  .openapi(create, async (c) => c.json(await service.createSurvey(orgContext(c), c.req.valid("json")), 201))
  .openapi(get, async (c) => c.json(await service.getSurveyDetail(orgContext(c), c.req.valid("param").id), 200))
  .openapi(update, async (c) => c.json(await service.updateSurveyDraft(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(publish, async (c) => c.json(await service.publishSurvey(orgContext(c), c.req.valid("param").id), 201));
