// Shape of the CSV export: the dashboard's filters, which table, and that table's own parameters.
import { z } from "../../lib/openapi";
import { driversQuery, filtersQuery, segmentsQuery, staffQuery, trendQuery } from "./analytics.schemas";

export const exportTables = ["responses", "summary", "trend", "segments", "staff", "drivers"] as const;
export type ExportTable = (typeof exportTables)[number];

// Each table's parameters as its JSON endpoint takes them, defaults included; a table ignores the others'.
export const exportQuery = filtersQuery.safeExtend({
  table: z
    .enum(exportTables, { error: "Choose what to export: responses, summary, trend, segments, staff or drivers." })
    .openapi({ description: "Every response in scope, or one of the dashboard's tables.", example: "trend" }),
  metric: trendQuery.shape.metric.openapi({ description: "For trend, segments and staff." }),
  interval: trendQuery.shape.interval.openapi({ description: "For trend." }),
  by: segmentsQuery.shape.by.openapi({ description: "For segments." }),
  minN: segmentsQuery.shape.minN.openapi({ description: "For segments and staff." }),
  method: staffQuery.shape.method.openapi({ description: "For staff." }),
  outcome: driversQuery.shape.outcome.openapi({ description: "For drivers." }),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const csvFile = z.string().openapi({
  description:
    "UTF-8 CSV with a header row. Figures are given to 4 decimals, with n and the 95 % interval (`ci_low`, `ci_high`) beside each value; empty cells where a figure has no data.",
  example: "period,from,to,value,n,ci_low,ci_high,change\r\n2026-09,2026-09-01,2026-09-30,25,20,-7.2123,53.3456,\r\n",
});
