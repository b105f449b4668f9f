// CSV exports: every table and series of the dashboard as its JSON endpoint computes it, and the responses in
// scope streamed a keyset page at a time, so an export of any size holds one page in memory.
import Papa from "papaparse";
import { addDay } from "../../domain/calendar";
import { walkElements, type JsonObject } from "../../domain/survey-elements";
import type { OrgContext } from "../../lib/service-context";
import { publishedVersions } from "../surveys/surveys.service";
import type { MetricName } from "./analytics.schemas";
import { keyDriverTable, metricTrend, resolveScope, segmentTable, staffTable, surveySummary } from "./analytics.service";
import * as repo from "./export.repo";
import type { ExportQuery } from "./export.schemas";

type Ctx = Pick<OrgContext, "db" | "orgId" | "now">;
export type CsvExport = { filename: string; body: string | ReadableStream<Uint8Array> };
type Cell = string | number | boolean | null;
type Interval = [number, number] | null;

const RESPONSES_PAGE_SIZE = 1000;

// A cell a spreadsheet would read as a formula (=, +, - or @ first; tab and CR also start one in Excel) can run
// commands or send data away when a reviewer opens the file, and answers are written by anyone with a survey
// link: such text cells get a leading apostrophe. Papa's own default pattern ends in `.*$`, which misses a
// formula followed by a line break, so the test is on the first character alone. Numbers are never escaped.
const FORMULA_START = /^[=+\-@\t\r]/;
const unparseOptions = { newline: "\r\n", escapeFormulae: FORMULA_START } as const;
// Excel reads a CSV without a byte order mark in the system's legacy code page, garbling every accent.
const BOM = "\uFEFF";

// The header goes through as a row like the others: question names are written by survey editors.
const csvRows = (rows: Cell[][]) => (rows.length ? `${Papa.unparse(rows, unparseOptions)}\r\n` : "");
const csv = (fields: string[], rows: Cell[][]) => csvRows([fields, ...rows]);

/** Figures to 4 decimals: finer than the dashboard shows, without float noise (0.1 + 0.2 is written 0.3) or "-0". */
const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1e4) / 1e4 + 0);
const ci = (interval: Interval): [number | null, number | null] => [num(interval?.[0]), num(interval?.[1])];

const fileName = (table: string, fromDay: string, toDay: string) => `rapport-${table}-${fromDay}-${toDay}.csv`;

export async function exportCsv(ctx: Ctx, q: ExportQuery, options: { pageSize?: number } = {}): Promise<CsvExport> {
  const metric = q.metric as MetricName;
  switch (q.table) {
    case "responses":
      return responsesCsv(ctx, q, options.pageSize ?? RESPONSES_PAGE_SIZE);
    case "summary": {
      const s = await surveySummary(ctx, q);
      const rows: Cell[][] = [];
      const add = (name: string, value: number | null, n: number, interval: Interval) => rows.push([name, num(value), n, ...ci(interval)]);
      if (s.nps) add("nps", s.nps.score, s.nps.n, s.nps.ci95);
      if (s.csat) {
        add("csat", s.csat.top2box, s.csat.n, s.csat.top2boxCi95);
        add("csat-mean", s.csat.mean, s.csat.n, s.csat.meanCi95);
      }
      if (s.ces) {
        add("ces", s.ces.mean, s.ces.n, s.ces.meanCi95);
        add("ces-agree", s.ces.agree, s.ces.n, s.ces.agreeCi95);
      }
      if (s.loyalty) {
        add("loyalty", s.loyalty.top2box, s.loyalty.n, s.loyalty.top2boxCi95);
        add("loyalty-mean", s.loyalty.mean, s.loyalty.n, s.loyalty.meanCi95);
      }
      for (const d of s.dimensions) add(d.metric, d.mean, d.n, d.meanCi95);
      add("index", s.index.value, s.index.n, s.index.ci95);
      add("response-rate", s.invitations.rate, s.invitations.sent, s.invitations.rateCi95);
      return { filename: fileName("summary", s.fromDay, s.toDay), body: BOM + csv(["metric", "value", "n", "ci_low", "ci_high"], rows) };
    }
    case "trend": {
      const t = await metricTrend(ctx, { ...q, metric });
      const rows = t.points.map((p): Cell[] => [p.period, p.from, p.to, num(p.value), p.n, ...ci(p.ci95), p.change]);
      return { filename: fileName("trend", t.fromDay, t.toDay), body: BOM + csv(["period", "from", "to", "value", "n", "ci_low", "ci_high", "change"], rows) };
    }
    case "segments": {
      const s = await segmentTable(ctx, { ...q, metric });
      const rows = s.rows.map((r): Cell[] => [r.key, r.label, num(r.value), r.n, ...ci(r.ci95), r.belowMinN]);
      return { filename: fileName("segments", s.fromDay, s.toDay), body: BOM + csv(["key", "label", "value", "n", "ci_low", "ci_high", "below_min_n"], rows) };
    }
    case "staff": {
      const s = await staffTable(ctx, { ...q, metric });
      const rows: Cell[][] = [
        ...s.ranked.map((r): Cell[] => ["ranked", r.rank, r.agent.id, r.agent.name, num(r.value), r.n, ...ci(r.ci95), num(r.rate), num(r.score), num(r.chanceIfFair)]),
        ...s.notEnoughAnswers.map((r): Cell[] => ["not enough answers", null, r.agent.id, r.agent.name, null, r.n, null, null, null, null, null]),
      ];
      const fields = ["status", "rank", "agent_id", "agent", "value", "n", "ci_low", "ci_high", "rate", "score", "chance_if_fair"];
      return { filename: fileName("staff", s.fromDay, s.toDay), body: BOM + csv(fields, rows) };
    }
    case "drivers": {
      const d = await keyDriverTable(ctx, q);
      const rows = d.drivers.map((r): Cell[] => [r.metric, num(r.importance), num(r.performance), r.scale.min, r.scale.max, num(r.relativeWeight), r.quadrant, r.n, d.outcome, num(d.r2)]);
      const fields = ["metric", "importance", "performance", "scale_min", "scale_max", "relative_weight", "quadrant", "n", "outcome", "r2"];
      return { filename: fileName("drivers", d.fromDay, d.toDay), body: BOM + csv(fields, rows) };
    }
  }
}

// ---- Responses.

const FIXED_ROLES = ["nps", "csat", "ces", "loyalty"];
const BASE_FIELDS = ["response_id", "responded_at", "survey", "external_id", "imported", "unit", "agent", "channel", "type"];
// Elements that hold no answer of their own (a panel's questions are visited as it is descended).
const LAYOUT = new Set(["panel", "flowpanel", "html", "image"]);
// Questions whose answer holds their inner questions' answers: one column, the children not apart.
const NESTED = new Set(["paneldynamic", "matrixdynamic", "matrixdropdown", "matrix", "multipletext"]);

type Layout = {
  fields: string[];
  /** Columns of each metric role, in the order a response's scores of that role fill them. */
  metrics: Map<string, number[]>;
  /** Columns of the other questions: the answer's key in the data, and the question name it belongs to. */
  others: { key: string; question: string; column: number }[];
};

/**
 * The columns, known before the first row: metric roles with as many columns as the most questions of that role
 * in one published version, then every other question by name (and its comment box) across the versions.
 */
async function responseLayout(ctx: Ctx, surveyId: string | undefined): Promise<Layout> {
  const [versions, { definitionSeries }] = await Promise.all([publishedVersions(ctx, surveyId), import("../../domain/survey-definition")]);
  const perRole = new Map<string, number>();
  const others = new Map<string, string>();
  for (const v of versions) {
    const definition = v.definition as JsonObject;
    const scored = definitionSeries(definition);
    const counts = new Map<string, number>();
    for (const s of scored) counts.set(s.metric, (counts.get(s.metric) ?? 0) + 1);
    for (const [role, count] of counts) perRole.set(role, Math.max(perRole.get(role) ?? 0, count));
    const scoredNames = new Set(scored.map((s) => s.question));
    walkElements(definition, {
      element(el) {
        if (typeof el.name !== "string" || typeof el.type !== "string" || LAYOUT.has(el.type)) return;
        const key = typeof el.valueName === "string" && el.valueName ? el.valueName : el.name;
        if (!scoredNames.has(el.name) && !others.has(key)) others.set(key, el.name);
        const commentBox = el.hasComment || el.showCommentArea || el.hasOther || el.showOtherItem;
        if (commentBox && !others.has(`${key}-Comment`)) others.set(`${key}-Comment`, `${el.name}-Comment`);
        if (NESTED.has(el.type)) return false;
      },
    });
  }
  const fields = [...BASE_FIELDS];
  const taken = new Set(fields);
  const column = (name: string) => {
    let header = name;
    for (let i = 2; taken.has(header); i++) header = `${name} (${i})`;
    taken.add(header);
    fields.push(header);
    return fields.length - 1;
  };
  const roles = [...FIXED_ROLES.filter((r) => perRole.has(r)), ...[...perRole.keys()].filter((r) => !FIXED_ROLES.includes(r))];
  const metrics = new Map(roles.map((role) => [role, Array.from({ length: perRole.get(role)! }, () => column(role))]));
  return { fields, metrics, others: [...others].map(([key, question]) => ({ key, question, column: column(question) })) };
}

function answerCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v))).join("; ");
  return JSON.stringify(value);
}

function responseRow(r: repo.ExportRow, layout: Layout): Cell[] {
  const row: Cell[] = [r.id, r.createdAt.toISOString(), r.survey, r.externalId, r.importedAt !== null, r.unit, r.agent, r.channel, r.type];
  for (let i = row.length; i < layout.fields.length; i++) row.push(null);
  const filled = new Map<string, number>();
  for (const s of r.scores) {
    const k = filled.get(s.metric) ?? 0;
    filled.set(s.metric, k + 1);
    const at = layout.metrics.get(s.metric)?.[k];
    if (at !== undefined) row[at] = s.value;
  }
  // A question scored in this response's version has its value in a metric column already.
  const scored = new Set(r.scores.map((s) => s.question));
  for (const o of layout.others) if (!scored.has(o.question)) row[o.column] = answerCell(r.data[o.key]);
  return row;
}

async function responsesCsv(ctx: Ctx, q: ExportQuery, pageSize: number): Promise<CsvExport> {
  // Scope and columns first: an unknown survey is a 404, not a stream that breaks off.
  const scope = await resolveScope(ctx, q);
  const layout = await responseLayout(ctx, q.surveyId);
  async function* chunks() {
    yield BOM + csvRows([layout.fields]);
    let after: repo.ExportCursor | null = null;
    for (;;) {
      const page = await repo.responsesPage(ctx.db, scope, after, pageSize);
      if (page.length) yield csvRows(page.map((r) => responseRow(r, layout)));
      const last = page[page.length - 1];
      if (!last || page.length < pageSize) return;
      after = { at: last.createdAt, id: last.id };
    }
  }
  return { filename: fileName("responses", scope.from, addDay(scope.to, -1)), body: streamOf(chunks()) };
}

/** A byte stream that reads the next page only when the reader asks for more. */
function streamOf(source: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
