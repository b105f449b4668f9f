// HTTP contract of benchmarks: competitor and industry series, their points, and the CSV import.
import { createRoute } from "@hono/zod-openapi";
import { Invalid } from "../../errors";
import { createRouter, json, jsonBody, problems, security, z } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { benchmarkList, benchmarkPoint, benchmarkSeries, importJson, importResult, pointBody, pointParams, seriesBody, seriesIdParam } from "./benchmarks.schemas";
import * as service from "./benchmarks.service";

const tags = ["Benchmarks"];
const people = requireRole("admin", "manager", "reviewer");
const bodyProblems = ["bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"] as const;

const list = createRoute({
  method: "get",
  path: "/benchmarks",
  tags,
  summary: "List the benchmark series with their figures",
  description: "Newest series first, each with its figures newest first.",
  security: security.session,
  middleware: [people],
  responses: { 200: json(benchmarkList, "Every series."), ...problems("unauthorized", "forbidden") },
});

const create = createRoute({
  method: "post",
  path: "/benchmarks",
  tags,
  summary: "Start a competitor or industry series for one metric",
  security: security.session,
  middleware: [people],
  request: { body: jsonBody(seriesBody) },
  responses: { 201: json(benchmarkSeries, "The series, with no figures yet."), ...problems("unauthorized", "forbidden", "conflict", ...bodyProblems) },
});

const remove = createRoute({
  method: "delete",
  path: "/benchmarks/{id}",
  tags,
  summary: "Delete a series and its figures",
  description: "Review packs already prepared keep the figures they showed.",
  security: security.session,
  middleware: [people],
  request: { params: seriesIdParam },
  responses: { 204: { description: "Deleted." }, ...problems("unauthorized", "forbidden", "not-found") },
});

const putPoint = createRoute({
  method: "put",
  path: "/benchmarks/{id}/points/{asOf}",
  tags,
  summary: "Set a series' figure for a day",
  description: "Adds the figure, or replaces the one the series has for that day.",
  security: security.session,
  middleware: [people],
  request: { params: pointParams, body: jsonBody(pointBody) },
  responses: { 200: json(benchmarkPoint, "The figure."), ...problems("unauthorized", "forbidden", "not-found", ...bodyProblems) },
});

const deletePoint = createRoute({
  method: "delete",
  path: "/benchmarks/{id}/points/{asOf}",
  tags,
  summary: "Delete a series' figure for a day",
  security: security.session,
  middleware: [people],
  request: { params: pointParams },
  responses: { 204: { description: "Deleted." }, ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const importFile = createRoute({
  method: "post",
  path: "/benchmarks/import",
  tags,
  summary: "Import figures from a CSV file",
  description:
    "Columns series, kind (competitor or industry), metric, as_of (YYYY-MM-DD), value and source, separated by commas or semicolons; a byte-order mark is fine. " +
    "Send the file as a `text/csv` body or as JSON `{csv}`. Every row is checked first: any wrong row rejects the whole file, naming each by its row " +
    "(the header is row 1), and nothing is stored. Figures are keyed by series and day, so importing the same file again changes nothing.",
  security: security.session,
  middleware: [people],
  request: {
    body: {
      required: false,
      content: { "application/json": { schema: importJson }, "text/csv": { schema: z.string().openapi({ example: "series,kind,metric,as_of,value,source" }) } },
    },
  },
  responses: { 200: json(importResult, "Imported; the counts say what changed."), ...problems("unauthorized", "forbidden", ...bodyProblems) },
});

export const benchmarkRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listBenchmarks(orgContext(c)), 200))
  .openapi(create, async (c) => c.json(await service.createSeries(orgContext(c), c.req.valid("json")), 201))
  .openapi(remove, async (c) => {
    await service.deleteSeries(orgContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(putPoint, async (c) => {
    const { id, asOf } = c.req.valid("param");
    return c.json(await service.putPoint(orgContext(c), id, asOf, c.req.valid("json")), 200);
  })
  .openapi(deletePoint, async (c) => {
    const { id, asOf } = c.req.valid("param");
    await service.deletePoint(orgContext(c), id, asOf);
    return c.body(null, 204);
  })
  .openapi(importFile, async (c) => {
    const csv = /^text\/csv\b/i.test(c.req.header("content-type") ?? "") ? await c.req.text() : (c.req.valid("json") as { csv?: string }).csv;
    if (!csv?.trim()) {
      const message = "Send the CSV file as a text/csv body, or as JSON {\"csv\": \"…\"}.";
      throw new Invalid(message, [{ path: "/csv", message }]);
    }
    return c.json(await service.importBenchmarks(orgContext(c), csv), 200);
  });
