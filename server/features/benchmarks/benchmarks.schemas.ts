// Shapes of benchmarks: competitor and industry series of one metric, each point with its date and source.
import { z } from "../../lib/openapi";
import { kpiMetric } from "../kpis/kpis.schemas";

/** A real calendar day as YYYY-MM-DD ("2026-02-30" is not one). */
export function isRealDay(value: string): boolean {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
}

export const benchmarkKinds = ["competitor", "industry"] as const;
export type BenchmarkKind = (typeof benchmarkKinds)[number];

export const seriesBody = z
  .object({
    name: z.string({ error: "Name the series, e.g. the competitor." }).trim().min(1, "Name the series, e.g. the competitor.").max(120, "Shorten the name to 120 characters or fewer."),
    kind: z.enum(benchmarkKinds, { error: "Choose a kind: competitor or industry." }),
    metric: kpiMetric,
  })
  .openapi("BenchmarkSeriesInput", { example: { name: "Acme Bank", kind: "competitor", metric: "nps" } });

export const pointBody = z
  .object({
    value: z.number({ error: "Give the value as a number." }).refine(Number.isFinite, "Give the value as a number."),
    source: z.string({ error: "Say where the figure comes from." }).trim().min(1, "Say where the figure comes from.").max(300, "Shorten the source to 300 characters or fewer."),
  })
  .openapi("BenchmarkPointInput", { example: { value: 31.5, source: "Industry NPS report 2026, p. 12" } });

export const seriesIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "5c2e…" }) });
export const pointParams = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, example: "5c2e…" }),
  asOf: z
    .string()
    .refine(isRealDay, "Give the date the figure describes as a real day such as 2026-09-30.")
    .openapi({ param: { name: "asOf", in: "path" }, description: "The day the figure describes (its period's end).", example: "2026-09-30" }),
});

export const benchmarkPoint = z.object({ asOf: z.iso.date(), value: z.number(), source: z.string() }).openapi("BenchmarkPoint");
export const benchmarkSeries = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(benchmarkKinds),
    metric: z.string(),
    createdAt: z.iso.datetime(),
    points: z.array(benchmarkPoint).openapi({ description: "Newest first." }),
  })
  .openapi("BenchmarkSeries");
export type BenchmarkSeriesView = z.infer<typeof benchmarkSeries>;
export const benchmarkList = z.object({ items: z.array(benchmarkSeries) }).openapi("BenchmarkList");

export const importJson = z
  .object({ csv: z.string({ error: "Send the file's text as csv." }).min(1, "Send the file's text as csv.") })
  .openapi("BenchmarkImportInput", {
    description: "The CSV file as text: columns series, kind, metric, as_of, value, source.",
    example: { csv: "series,kind,metric,as_of,value,source\nAcme Bank,competitor,nps,2026-09-30,31.5,Industry NPS report 2026" },
  });

export const importResult = z
  .object({
    rows: z.number().int(),
    series: z.object({ created: z.number().int(), existing: z.number().int() }),
    points: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    message: z.string().openapi({ example: "12 rows: 2 new series; 12 new points." }),
  })
  .openapi("BenchmarkImportResult");
export type ImportResult = z.infer<typeof importResult>;
