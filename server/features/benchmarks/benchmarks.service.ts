// Benchmarks: competitors' and the industry's figures entered by hand or imported from a CSV file, all or nothing,
// so a review pack can set each KPI beside the outside world with the source and date of every figure.
import Papa from "papaparse";
import { Conflict, Invalid, NotFound, type FieldError } from "../../errors";
import { unitOfWork, type OrgContext } from "../../lib/service-context";
import { kpiMetric } from "../kpis/kpis.schemas";
import { benchmarkKinds, isRealDay, type BenchmarkKind, type BenchmarkSeriesView, type ImportResult } from "./benchmarks.schemas";
import * as repo from "./benchmarks.repo";

type Reader = Pick<OrgContext, "db" | "orgId">;

const NO_SERIES = "No benchmark series with that id in your organisation.";
// Series ids a points query names at once, well inside D1's 100 bound values.
const IDS_PER_QUERY = 80;
const MAX_ROWS = 5000;
const COLUMNS = ["series", "kind", "metric", "as_of", "value", "source"] as const;

async function pointsBySeries(ctx: Reader, ids: string[]) {
  const out = new Map<string, { asOf: string; value: number; source: string }[]>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    for (const p of await repo.pointsOf(ctx.db, ids.slice(i, i + IDS_PER_QUERY))) {
      const list = out.get(p.seriesId) ?? [];
      list.push({ asOf: p.asOf, value: p.value, source: p.source });
      out.set(p.seriesId, list);
    }
  }
  return out;
}

/** Every series with its points, newest series and newest points first. */
export async function listBenchmarks(ctx: Reader): Promise<{ items: BenchmarkSeriesView[] }> {
  const series = await repo.listSeries(ctx.db, ctx.orgId);
  const points = await pointsBySeries(
    ctx,
    series.map((s) => s.id),
  );
  return { items: series.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), points: points.get(s.id) ?? [] })) };
}

async function getSeries(ctx: Reader, id: string) {
  const found = await repo.findSeries(ctx.db, ctx.orgId, id);
  if (!found) throw new NotFound(NO_SERIES);
  return found;
}

export async function createSeries(ctx: OrgContext, input: { name: string; kind: BenchmarkKind; metric: string }): Promise<BenchmarkSeriesView> {
  if (await repo.findSeriesByName(ctx.db, ctx.orgId, input.name, input.metric)) {
    throw new Conflict(`There is already a series called “${input.name}” for ${input.metric}; add points to it instead.`);
  }
  const id = crypto.randomUUID();
  await unitOfWork(ctx)
    .add(repo.insertSeriesStatement(ctx.db, { id, orgId: ctx.orgId, ...input, createdAt: ctx.now }))
    .commit();
  const s = await getSeries(ctx, id);
  return { ...s, createdAt: s.createdAt.toISOString(), points: [] };
}

export async function deleteSeries(ctx: OrgContext, id: string): Promise<void> {
  await getSeries(ctx, id);
  await unitOfWork(ctx).add(repo.deletePointsStatement(ctx.db, id), repo.deleteSeriesStatement(ctx.db, ctx.orgId, id)).commit();
}

export async function putPoint(ctx: OrgContext, id: string, asOf: string, input: { value: number; source: string }) {
  await getSeries(ctx, id);
  await unitOfWork(ctx)
    .add(repo.upsertPointStatement(ctx.db, { seriesId: id, asOf, value: input.value, source: input.source, createdAt: ctx.now }))
    .commit();
  return { asOf, value: input.value, source: input.source };
}

export async function deletePoint(ctx: OrgContext, id: string, asOf: string): Promise<void> {
  await getSeries(ctx, id);
  if (!(await repo.findPoint(ctx.db, id, asOf))) throw new NotFound(`This series has no figure for ${asOf}.`);
  await unitOfWork(ctx).add(repo.deletePointStatement(ctx.db, id, asOf)).commit();
}

/** For each series of a metric, its latest figure on or before `toDay`; series with none then are left out. */
export async function benchmarksFor(ctx: Reader, metric: string, toDay: string) {
  const series = await repo.seriesOfMetric(ctx.db, ctx.orgId, metric);
  const latest = await Promise.all(series.map(async (s) => ({ s, point: await repo.latestPoint(ctx.db, s.id, toDay) })));
  return latest
    .filter((x) => x.point)
    .map(({ s, point }) => ({ seriesId: s.id, name: s.name, kind: s.kind, value: point!.value, asOf: point!.asOf, source: point!.source }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// ---- CSV import.

/** A value as spreadsheets write it: "31.5", "31,5" (a decimal comma), "31.5 %". */
function numberFrom(raw: string): number | null {
  let text = raw.trim().replace(/\s*%$/, "");
  if (/^-?\d+,\d+$/.test(text)) text = text.replace(",", ".");
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Number(text);
}

/** The separator the header line uses: semicolons (spreadsheets in locales with a decimal comma), tabs or commas. */
function delimiterOf(headerLine: string): string {
  const count = (c: string) => headerLine.split(c).length - 1;
  const [best] = [";", "\t", ","].sort((a, b) => count(b) - count(a));
  return count(best!) > 0 ? best! : ",";
}

type Row = { line: number; name: string; kind: BenchmarkKind; metric: string; asOf: string; value: number; source: string };

function parseCsv(text: string): Row[] {
  const body = text.replace(/^\uFEFF/, "").replace(/(?:\r?\n)+$/, "");
  const headerLine = body.split(/\r?\n/, 1)[0] ?? "";
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: "greedy", delimiter: delimiterOf(headerLine), transformHeader: (h) => h.trim().toLowerCase() });
  const fields = parsed.meta.fields ?? [];
  const lacking = COLUMNS.filter((c) => !fields.includes(c));
  if (lacking.length) {
    const message = `The file needs the columns ${COLUMNS.join(", ")} on its first line; it lacks ${lacking.join(", ")}.`;
    throw new Invalid(message, [{ path: "/csv", message }]);
  }
  if (parsed.data.length === 0) {
    const message = "The file has no rows under its header line.";
    throw new Invalid(message, [{ path: "/csv", message }]);
  }
  if (parsed.data.length > MAX_ROWS) {
    const message = `The file has ${parsed.data.length} rows; import at most ${MAX_ROWS} at a time.`;
    throw new Invalid(message, [{ path: "/csv", message }]);
  }
  const errors: FieldError[] = [];
  const rows: Row[] = [];
  // Papa counts rows from the first under the header; people count the header as row 1, as a spreadsheet shows it.
  for (const [i, raw] of parsed.data.entries()) {
    const line = i + 2;
    const cell = (c: (typeof COLUMNS)[number]) => (raw[c] ?? "").trim();
    const wrong = (column: string, message: string) => errors.push({ path: `/rows/${line}/${column}`, message: `Row ${line}: ${message}` });
    const before = errors.length;
    const name = cell("series");
    if (!name) wrong("series", "name the series (series), e.g. the competitor.");
    else if (name.length > 120) wrong("series", "shorten the series name to 120 characters or fewer.");
    const kind = cell("kind").toLowerCase();
    if (!(benchmarkKinds as readonly string[]).includes(kind)) wrong("kind", `write competitor or industry in kind, not “${cell("kind")}”.`);
    const metric = kpiMetric.safeParse(cell("metric").toLowerCase());
    if (!metric.success) wrong("metric", `“${cell("metric")}” is not a metric: write nps, csat, ces, loyalty, index, response-rate or dimension:<name>.`);
    const asOf = cell("as_of");
    if (!isRealDay(asOf)) wrong("as_of", `write the date the figure describes (as_of) as a real day such as 2026-09-30, not “${asOf}”.`);
    const value = numberFrom(cell("value"));
    if (value === null) wrong("value", `write the value as a number such as 31.5, not “${cell("value")}”.`);
    const source = cell("source");
    if (!source) wrong("source", "say where the figure comes from (source).");
    else if (source.length > 300) wrong("source", "shorten the source to 300 characters or fewer.");
    if (errors.length === before) rows.push({ line, name, kind: kind as BenchmarkKind, metric: metric.data!, asOf, value: value!, source });
  }
  if (errors.length) throw new Invalid(`${errors.length === 1 ? "A row needs" : `${errors.length} fields need`} fixing; nothing was imported. ${errors.slice(0, 3).map((e) => e.message).join(" ")}`, errors);
  return rows;
}

/**
 * Imports a CSV of figures (series, kind, metric, as_of, value, source) in one batch: any wrong row rejects the
 * file. A point is keyed by its series and day, so importing the same file again changes nothing.
 */
export async function importBenchmarks(ctx: OrgContext, text: string): Promise<ImportResult> {
  const rows = parseCsv(text);
  const existing = await repo.listSeries(ctx.db, ctx.orgId);
  const keyOf = (name: string, metric: string) => `${metric}\u001f${name.toLowerCase()}`;
  const known = new Map(existing.map((s) => [keyOf(s.name, s.metric), s]));
  const points = await pointsBySeries(
    ctx,
    existing.map((s) => s.id),
  );
  const errors: FieldError[] = [];
  const fresh = new Map<string, { id: string; name: string; kind: BenchmarkKind; metric: string }>();
  const wanted = new Map<string, Row & { seriesId: string }>();
  for (const row of rows) {
    const key = keyOf(row.name, row.metric);
    const series = known.get(key) ?? fresh.get(key);
    if (series && series.kind !== row.kind) {
      errors.push({ path: `/rows/${row.line}/kind`, message: `Row ${row.line}: “${series.name}” is a ${series.kind} series for ${row.metric}; write ${series.kind} in kind, or name a new series.` });
      continue;
    }
    const target = series ?? { id: crypto.randomUUID(), name: row.name, kind: row.kind, metric: row.metric };
    if (!series) fresh.set(key, target);
    const pointKey = `${target.id}\u001f${row.asOf}`;
    const twin = wanted.get(pointKey);
    if (twin && (twin.value !== row.value || twin.source !== row.source)) {
      errors.push({ path: `/rows/${row.line}/as_of`, message: `Row ${row.line}: row ${twin.line} already gives “${row.name}” a different figure for ${row.asOf}; keep one of them.` });
      continue;
    }
    wanted.set(pointKey, { ...row, seriesId: target.id });
  }
  if (errors.length) throw new Invalid(`${errors.length === 1 ? "A row needs" : `${errors.length} rows need`} fixing; nothing was imported. ${errors.slice(0, 3).map((e) => e.message).join(" ")}`, errors);

  const counts = { created: 0, updated: 0, unchanged: 0 };
  const work = unitOfWork(ctx);
  for (const s of fresh.values()) work.add(repo.insertSeriesStatement(ctx.db, { ...s, orgId: ctx.orgId, createdAt: ctx.now }));
  for (const p of wanted.values()) {
    const stored = points.get(p.seriesId)?.find((x) => x.asOf === p.asOf);
    if (stored && stored.value === p.value && stored.source === p.source) {
      counts.unchanged++;
      continue;
    }
    counts[stored ? "updated" : "created"]++;
    work.add(repo.upsertPointStatement(ctx.db, { seriesId: p.seriesId, asOf: p.asOf, value: p.value, source: p.source, createdAt: ctx.now }));
  }
  await work.commit();
  const seriesUsed = new Set([...wanted.values()].map((p) => p.seriesId));
  const series = { created: fresh.size, existing: seriesUsed.size - fresh.size };
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const message =
    counts.created + counts.updated + fresh.size === 0
      ? `Nothing changed: all ${plural(counts.unchanged, "figure")} in the file were already there.`
      : `${plural(rows.length, "row")}: ${plural(series.created, "new series", "new series")}, ${plural(counts.created, "new figure")}, ${plural(counts.updated, "changed figure")}, ${plural(counts.unchanged, "figure")} already there.`;
  return { rows: rows.length, series, points: counts, message };
}
