// HTTP contract of KPIs: managers and admins set them; reviewers read them with their status.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { kpiBody, kpiIdParam, kpiList, kpiView } from "./kpis.schemas";
import * as service from "./kpis.service";

const tags = ["KPIs"];
const readers = requireRole("admin", "manager", "reviewer");
const editors = requireRole("admin", "manager");
const bodyProblems = ["bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"] as const;

const list = createRoute({
  method: "get",
  path: "/kpis",
  tags,
  summary: "List the KPIs, A to Z, each with its status now and for its last complete period",
  description:
    "Status is green when even the unfavourable end of the figure's 95 % interval meets the target, red when even the favourable end misses the warning level, " +
    "amber in between, and no-data without answers. Periods are the organisation's calendar months or quarters.",
  security: security.session,
  middleware: [readers],
  responses: { 200: json(kpiList, "Every live KPI."), ...problems("unauthorized", "forbidden") },
});

const create = createRoute({
  method: "post",
  path: "/kpis",
  tags,
  summary: "Set a KPI",
  security: security.session,
  middleware: [editors],
  request: { body: jsonBody(kpiBody) },
  responses: { 201: json(kpiView, "The KPI."), ...problems("unauthorized", "forbidden", "conflict", ...bodyProblems) },
});

const show = createRoute({
  method: "get",
  path: "/kpis/{id}",
  tags,
  summary: "One KPI",
  security: security.session,
  middleware: [readers],
  request: { params: kpiIdParam },
  responses: { 200: json(kpiView, "The KPI."), ...problems("unauthorized", "forbidden", "not-found") },
});

const update = createRoute({
  method: "put",
  path: "/kpis/{id}",
  tags,
  summary: "Change a KPI",
  description: "Replaces every field. Review packs already prepared keep the KPI as it was.",
  security: security.session,
  middleware: [editors],
  request: { params: kpiIdParam, body: jsonBody(kpiBody) },
  responses: { 200: json(kpiView, "The KPI after the change."), ...problems("unauthorized", "forbidden", "not-found", "conflict", ...bodyProblems) },
});

const archive = createRoute({
  method: "delete",
  path: "/kpis/{id}",
  tags,
  summary: "Archive a KPI",
  description: "It leaves the list and later packs; packs already prepared keep it.",
  security: security.session,
  middleware: [editors],
  request: { params: kpiIdParam },
  responses: { 204: { description: "Archived." }, ...problems("unauthorized", "forbidden", "not-found") },
});

export const kpiRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listKpis(orgContext(c)), 200))
  .openapi(create, async (c) => c.json(await service.createKpi(orgContext(c), c.req.valid("json")), 201))
  .openapi(show, async (c) => c.json(await service.getKpi(orgContext(c), c.req.valid("param").id), 200))
  .openapi(update, async (c) => c.json(await service.updateKpi(orgContext(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(archive, async (c) => {
    await service.archiveKpi(orgContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
