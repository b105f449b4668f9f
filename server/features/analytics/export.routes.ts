// HTTP contract of the CSV export: a dashboard table, or every response in scope, as a file to download.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { csvFile, exportQuery } from "./export.schemas";
import { exportCsv } from "./export.service";

const exportTable = createRoute({
  method: "get",
  path: "/analytics/export",
  tags: ["Analytics"],
  summary: "Download a dashboard table or the responses as CSV",
  description: [
    "`table=summary|trend|segments|staff|drivers`: the figures of that endpoint, one row per point or row, with the same filters and parameters.",
    "`table=responses`: every response in scope, oldest first and streamed, with one column per metric role (`csat`, `csat (2)` for a second CSAT question, `dimension:<name>`) and one per other question by name.",
    "Filters: `surveyId` (all surveys when left out), `from`/`to` (days in the organisation's time zone; the last 90 days by default), and `unit`, `channel`, `agent`, `type` (each repeatable).",
    "Text that a spreadsheet would run as a formula starts with an apostrophe.",
  ].join(" "),
  security: security.session,
  middleware: [requireRole("admin", "manager", "reviewer")],
  request: { query: exportQuery },
  responses: {
    200: {
      description: "The CSV file, named `rapport-<table>-<from>-<to>.csv`.",
      headers: { "Content-Disposition": { schema: { type: "string" }, description: "attachment; filename=\"rapport-trend-2026-08-25-2026-11-22.csv\"" } },
      content: { "text/csv": { schema: csvFile } },
    },
    ...problems("unauthorized", "forbidden", "not-found", "invalid-request"),
  },
});

export const exportRoutes = createRouter().openapi(exportTable, async (c) => {
  const file = await exportCsv(orgContext(c), c.req.valid("query"));
  return c.body(file.body, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${file.filename}"`,
    "cache-control": "no-store",
  });
});
