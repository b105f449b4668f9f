// HTTP contract of review packs: reviewers, managers and admins prepare, discuss, conclude and close them.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { actionBody, actionChangeBody, actionIdParam, actionItemView, commentBody, newPackBody, packChangeBody, packDue, packIdParam, packPage, packView } from "./review-packs.schemas";
import * as service from "./review-packs.service";

const tags = ["Review packs"];
const participants = requireRole("admin", "manager", "reviewer");
const bodyProblems = ["bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"] as const;

const list = createRoute({
  method: "get",
  path: "/review-packs",
  tags,
  summary: "List review packs, newest first",
  security: security.session,
  middleware: [participants],
  request: { query: pageQuery },
  responses: { 200: json(packPage, "One page of packs."), ...problems("unauthorized", "forbidden", "invalid-request") },
});

const due = createRoute({
  method: "get",
  path: "/review-packs/due",
  tags,
  summary: "The review the organisation should hold next",
  security: security.session,
  middleware: [participants],
  responses: { 200: json(packDue, "The period due for review and its pack, if one was made."), ...problems("unauthorized", "forbidden") },
});

const create = createRoute({
  method: "post",
  path: "/review-packs",
  tags,
  summary: "Prepare a review pack for a month or quarter",
  description: "Reads every figure of the period now and freezes it: answers arriving later are counted in a note, not in the figures.",
  security: security.session,
  middleware: [participants],
  request: { body: jsonBody(newPackBody) },
  responses: { 201: json(packView, "The new pack, as a draft."), ...problems("unauthorized", "forbidden", ...bodyProblems) },
});

const show = createRoute({
  method: "get",
  path: "/review-packs/{id}",
  tags,
  summary: "A review pack with its figures, discussion and actions",
  security: security.session,
  middleware: [participants],
  request: { params: packIdParam },
  responses: { 200: json(packView, "The pack."), ...problems("unauthorized", "forbidden", "not-found") },
});

const change = createRoute({
  method: "patch",
  path: "/review-packs/{id}",
  tags,
  summary: "Rename a pack, write its conclusions, or move it: draft → in review → closed",
  description: "A closed pack is final. A pack in review can go back to draft.",
  security: security.session,
  middleware: [participants],
  request: { params: packIdParam, body: jsonBody(packChangeBody) },
  responses: { 200: json(packView, "The pack now."), ...problems("unauthorized", "forbidden", "not-found", "conflict", ...bodyProblems) },
});

const refresh = createRoute({
  method: "post",
  path: "/review-packs/{id}/refresh",
  tags,
  summary: "Read a draft pack's figures again",
  security: security.session,
  middleware: [participants],
  request: { params: packIdParam },
  responses: { 200: json(packView, "The pack with figures as of now."), ...problems("unauthorized", "forbidden", "not-found", "conflict") },
});

const comment = createRoute({
  method: "post",
  path: "/review-packs/{id}/comments",
  tags,
  summary: "Comment on a pack",
  security: security.session,
  middleware: [participants],
  request: { params: packIdParam, body: jsonBody(commentBody) },
  responses: { 201: json(packView, "The pack with the comment."), ...problems("unauthorized", "forbidden", "not-found", "conflict", ...bodyProblems) },
});

const addAction = createRoute({
  method: "post",
  path: "/review-packs/{id}/actions",
  tags,
  summary: "Raise an action in a pack",
  description: "Open actions come back in every later pack until they are done.",
  security: security.session,
  middleware: [participants],
  request: { params: packIdParam, body: jsonBody(actionBody) },
  responses: { 201: json(packView, "The pack with the action."), ...problems("unauthorized", "forbidden", "not-found", "conflict", ...bodyProblems) },
});

const changeAction = createRoute({
  method: "patch",
  path: "/action-items/{id}",
  tags,
  summary: "Change an action, or mark it done",
  security: security.session,
  middleware: [participants],
  request: { params: actionIdParam, body: jsonBody(actionChangeBody) },
  responses: { 200: json(actionItemView, "The action now."), ...problems("unauthorized", "forbidden", "not-found", ...bodyProblems) },
});

export const reviewPackRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listPacks(orgContext(c), c.req.valid("query")), 200))
  .openapi(due, async (c) => c.json(await service.packDue(orgContext(c)), 200))
  .openapi(create, async (c) => c.json(await service.createPack(orgContext(c), c.req.valid("json")), 201))
  .openapi(show, async (c) => c.json(await service.getPack(orgContext(c), c.req.valid("param").id), 200))
  .openapi(change, async (c) => c.json(await service.updatePack(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(refresh, async (c) => c.json(await service.refreshPack(orgContext(c), c.req.valid("param").id), 200))
  .openapi(comment, async (c) => c.json(await service.addComment(orgContext(c), c.req.valid("param").id, c.req.valid("json").body), 201))
  .openapi(addAction, async (c) => c.json(await service.addAction(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 201))
  .openapi(changeAction, async (c) => c.json(await service.updateAction(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 200));
