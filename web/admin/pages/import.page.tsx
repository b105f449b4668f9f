// Importing history from a CSV export (Delighted, Formbricks, SurveyMonkey): map columns, check the whole file, then import it.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from "react";
import { ApiError, type FieldError } from "../../shared/api-client";
import { importTargetQuery, sendImport, type ImportQuestion, type ImportRow, type ImportTarget } from "../import-queries";
import { surveyPickerQuery } from "../queries";
import { useSession } from "../session";
import { Loading, PageHeading, ProblemBanner } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { ScrollRegion } from "../ui/scroll-region";

const CHUNK = 1000;
const PREVIEW_ROWS = 5;
const SHOWN_ERRORS = 20;

type Field = "externalId" | "respondedAt" | "unit" | "channel" | "agent" | "type" | "customerEmail";
type Target = "ignore" | Field | `q:${string}`;
type Mapping = Record<string, Target>;
type DateOrder = "ymd" | "mdy" | "dmy";
type ParsedFile = { name: string; columns: string[]; rows: Record<string, string>[] };
type ReportRow = { row: number; column: string; message: string };
type Item = { row: number; body: ImportRow };
type Built = { items: Item[]; errors: ReportRow[]; repeated: number; blocking: string[] };
type ToZoned = (y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string) => Date;

const fieldLabels: Record<Field, string> = {
  externalId: "Response id (externalId)",
  respondedAt: "Answered at (date)",
  unit: "Unit",
  channel: "Channel",
  agent: "Agent (staff)",
  type: "Interaction type",
  customerEmail: "Customer email",
};

const norm = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

// Column names the usual exports use, normalised (lower case, letters and digits only).
const fieldGuesses: Record<Field, string[]> = {
  externalId: ["id", "externalid", "responseid", "respondentid", "surveyresponseid", "submissionid", "uuid"],
  respondedAt: ["respondedat", "date", "createdat", "created", "timestamp", "responsetimestamp", "responsedate", "submittedat", "enddate", "datecreated", "completedat", "time"],
  unit: ["unit", "branch", "location", "store", "site", "team", "region", "office"],
  channel: ["channel", "source", "medium"],
  agent: ["agent", "staff", "employee", "rep", "representative", "assignee", "owner", "advisor"],
  type: ["type", "interactiontype", "category", "topic"],
  customerEmail: ["email", "customeremail", "personemail", "emailaddress", "respondentemail", "contactemail"],
};

const metricGuesses: Record<string, string[]> = {
  nps: ["score", "nps", "npsscore", "rating", "likelihoodtorecommend", "recommend"],
  csat: ["csat", "satisfaction", "csatscore"],
  ces: ["ces", "effort", "cesscore"],
  comment: ["comment", "comments", "feedback", "text", "response", "why", "verbatim"],
};

/** A first mapping by name: a question's own name or title, then the names exports give each kind of column. */
function guessMapping(columns: string[], questions: ImportQuestion[]): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<Target>();
  const guess = (column: string): Target => {
    const n = norm(column);
    const byName = questions.find((q) => norm(q.name) === n || norm(q.title) === n);
    if (byName) return `q:${byName.name}`;
    for (const [field, names] of Object.entries(fieldGuesses) as [Field, string[]][]) if (names.includes(n)) return field;
    for (const [metric, names] of Object.entries(metricGuesses)) {
      const q = questions.find((x) => x.metric === metric);
      if (q && names.includes(n)) return `q:${q.name}`;
    }
    return "ignore";
  };
  for (const column of columns) {
    const target = guess(column);
    mapping[column] = target !== "ignore" && taken.has(target) ? "ignore" : target;
    taken.add(target);
  }
  return mapping;
}

const storageKey = (orgId: string, surveyId: string) => `rapport.import-mapping.${orgId}.${surveyId}`;
type Remembered = { mapping: Mapping; timeZone?: string; dateOrder?: DateOrder };

function remembered(orgId: string, surveyId: string): Remembered | null {
  try {
    const raw = localStorage.getItem(storageKey(orgId, surveyId));
    return raw ? (JSON.parse(raw) as Remembered) : null;
  } catch {
    return null;
  }
}

function remember(orgId: string, surveyId: string, value: Remembered) {
  try {
    localStorage.setItem(storageKey(orgId, surveyId), JSON.stringify(value));
  } catch {
    // Private windows may refuse storage; the mapping then lasts only this visit.
  }
}

// "2025-03-14", "2025-03-14 09:30", "2025-03-14T09:30:00Z", "2025-03-14 09:30:00 -0800"
const yearFirst = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// "03/14/2025 9:30 AM", "14.03.2025 09:30"
const dayMonth = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

/** A date as the file writes it, read in the file's time zone unless it states its own offset; null when unreadable. */
function readDate(text: string, order: DateOrder, zone: string, toZoned: ToZoned): Date | null {
  const value = text.trim();
  if (/^\d{10}$/.test(value)) return new Date(Number(value) * 1000);
  let y: number;
  let mo: number;
  let d: number;
  let h = 0;
  let mi = 0;
  let s = 0;
  const a = yearFirst.exec(value);
  const b = a ? null : dayMonth.exec(value);
  if (a) {
    [y, mo, d] = [Number(a[1]), Number(a[2]), Number(a[3])];
    [h, mi, s] = [Number(a[4] ?? 0), Number(a[5] ?? 0), Number(a[6] ?? 0)];
    if (a[7]) {
      const offset = a[7].toUpperCase() === "Z" ? "Z" : `${a[7].slice(0, 3)}:${a[7].slice(-2)}`;
      const pad = (n: number) => String(n).padStart(2, "0");
      const at = new Date(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`);
      return Number.isNaN(at.getTime()) ? null : at;
    }
  } else if (b) {
    const [first, second] = [Number(b[1]), Number(b[2])];
    if (order === "dmy") [d, mo] = [first, second];
    else [mo, d] = [first, second];
    y = Number(b[3]);
    [h, mi, s] = [Number(b[4] ?? 0), Number(b[5] ?? 0), Number(b[6] ?? 0)];
    const half = b[7]?.toUpperCase();
    if (half && (h < 1 || h > 12)) return null;
    if (half === "PM" && h < 12) h += 12;
    if (half === "AM" && h === 12) h = 0;
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const at = toZoned(y, mo - 1, d, h, mi, s, zone);
  // 31 February rolls over into March: refuse it rather than import a different day.
  return Number.isNaN(at.getTime()) || new Intl.DateTimeFormat("en-CA", { timeZone: zone, day: "numeric" }).format(at) !== String(d) ? null : at;
}

/** Day first or month first, judged from the file: a first number above 12 can only be a day. */
function guessDateOrder(values: string[]): DateOrder {
  for (const v of values) {
    const m = dayMonth.exec(v.trim());
    if (m && Number(m[1]) > 12) return "dmy";
    if (m && Number(m[2]) > 12) return "mdy";
  }
  return "ymd";
}

/** A cell as its question takes it: numbers for ratings, yes/no for booleans, choice values as the survey writes them. */
function answerValue(q: ImportQuestion, raw: string): unknown {
  const text = raw.trim();
  const choice = (part: string) => q.choices?.find((c) => String(c).toLowerCase() === part.toLowerCase()) ?? part;
  switch (q.type) {
    case "rating":
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case "boolean":
      if (/^(yes|y|true|1)$/i.test(text)) return true;
      if (/^(no|n|false|0)$/i.test(text)) return false;
      return text;
    case "checkbox":
    case "tagbox":
      return text.split(/[;|]/).map((p) => choice(p.trim())).filter((p) => p !== "");
    case "radiogroup":
    case "dropdown":
      return choice(text);
    default:
      return raw;
  }
}

const blankRow = (record: Record<string, string>) => Object.values(record).every((v) => (v ?? "").trim() === "");

const sampleOf = (file: ParsedFile, column: string) => {
  const value = file.rows.find((r) => (r[column] ?? "").trim() !== "")?.[column];
  return value === undefined ? "(empty)" : `e.g. ${value}`;
};

const columnOf = (mapping: Mapping, target: Target) => Object.keys(mapping).find((c) => mapping[c] === target);

/** The file's rows as the import endpoint takes them, with what can be told wrong before asking the server. */
function buildRows(file: ParsedFile, mapping: Mapping, target: ImportTarget, zone: string, order: DateOrder, toZoned: ToZoned): Built {
  const blocking: string[] = [];
  const idColumn = columnOf(mapping, "externalId");
  const dateColumn = columnOf(mapping, "respondedAt");
  if (!idColumn) blocking.push("Choose the column that holds each response's id in the other tool (Response id): it makes running the import again safe.");
  if (!dateColumn) blocking.push("Choose the column that holds when each response was given (Answered at).");
  const questionColumns = file.columns.flatMap((c) => {
    const t = mapping[c];
    const q = t?.startsWith("q:") ? target.questions.find((x) => `q:${x.name}` === t) : undefined;
    return q ? [{ column: c, q }] : [];
  });
  if (questionColumns.length === 0) blocking.push("Map at least one column to a question of the survey.");
  const items: Item[] = [];
  const errors: ReportRow[] = [];
  if (blocking.length) return { items, errors, repeated: 0, blocking };
  const seen = new Set<string>();
  let repeated = 0;
  const text = (record: Record<string, string>, column: string | undefined) => (column ? (record[column] ?? "").trim() : "");
  file.rows.forEach((record, index) => {
    // Spreadsheet numbering: the header is row 1.
    const row = index + 2;
    if (blankRow(record)) return;
    const externalId = text(record, idColumn);
    const when = text(record, dateColumn);
    let ok = true;
    if (!externalId) {
      errors.push({ row, column: idColumn!, message: "This row has no response id; fill it in or remove the row." });
      ok = false;
    } else if (seen.has(externalId)) {
      repeated++;
      return;
    }
    const at = when ? readDate(when, order, zone, toZoned) : null;
    if (!at) {
      errors.push({ row, column: dateColumn!, message: when ? `The date “${when}” could not be read; write it like 2025-03-14 09:30, or change the date order.` : "This row has no date; fill it in or remove the row." });
      ok = false;
    }
    if (!ok || !at) return;
    seen.add(externalId);
    const answers: Record<string, unknown> = {};
    for (const { column, q } of questionColumns) if (text(record, column) !== "") answers[q.name] = answerValue(q, record[column]!);
    const optional = (field: Field) => text(record, columnOf(mapping, field)) || undefined;
    const email = optional("customerEmail");
    items.push({
      row,
      body: {
        externalId,
        respondedAt: at.toISOString(),
        answers,
        unit: optional("unit"),
        channel: optional("channel"),
        agent: optional("agent"),
        type: optional("type"),
        ...(email && { customer: { email } }),
      },
    });
  });
  return { items, errors, repeated, blocking };
}

/** The server names a wrong field by its place in one part of the file; the report names the file's row and column. */
function reportServerErrors(part: Item[], errors: FieldError[], mapping: Mapping): ReportRow[] {
  const fieldColumn: Record<string, Target> = { externalId: "externalId", respondedAt: "respondedAt", unit: "unit", channel: "channel", agent: "agent", type: "type", customer: "customerEmail" };
  return errors.map((e) => {
    const [, index, field, name] = /^\/responses\/(\d+)(?:\/([^/]+)(?:\/([^/]+))?)?/.exec(e.path) ?? [];
    const item = index === undefined ? undefined : part[Number(index)];
    const target: Target | undefined = field === "answers" ? (name ? `q:${name.replace(/~1/g, "/").replace(/~0/g, "~")}` : undefined) : field ? fieldColumn[field] : undefined;
    const message = e.message.replace(/^Row \d+: /, "");
    return { row: item?.row ?? 0, column: (target && columnOf(mapping, target)) ?? "", message: message.charAt(0).toUpperCase() + message.slice(1) };
  });
}

const csvCell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

function downloadReport(fileName: string, report: ReportRow[]) {
  const lines = [["row", "column", "message"], ...report.map((r) => [r.row, r.column, r.message])].map((cells) => cells.map(csvCell).join(","));
  const url = URL.createObjectURL(new Blob([`${lines.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${fileName.replace(/\.csv$/i, "")}-errors.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function zonesWith(zone: string): string[] {
  const all = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return all.includes(zone) ? all : [zone, ...all];
}

const count = new Intl.NumberFormat();
const plural = (n: number, one: string, many = `${one}s`) => `${count.format(n)} ${n === 1 ? one : many}`;

type Phase =
  | { kind: "mapping" }
  | { kind: "checking" | "importing"; done: number; total: number }
  | { kind: "checked"; imported: number; skipped: number; report: ReportRow[] }
  | { kind: "imported"; imported: number; skipped: number }
  | { kind: "failed"; error: unknown; during: "check" | "import"; done: number; total: number };

function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  const id = useId();
  return (
    <div className="import-progress" data-testid="import-progress">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={total} value={done} />
      <p className="small muted" role="status">
        {count.format(done)} of {plural(total, "row")}
      </p>
    </div>
  );
}

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <section className="panel import-step" aria-labelledby={`import-step-${n}`}>
      <h2 id={`import-step-${n}`}>
        <span className="import-step-number" aria-hidden="true">
          {n}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function ImportPage() {
  const { me } = useSession();
  const picker = useQuery(surveyPickerQuery);
  const published = picker.data?.filter((s) => s.status === "published");
  const [surveyId, setSurveyId] = useState("");
  const target = useQuery({ ...importTargetQuery(surveyId), enabled: surveyId !== "" });
  const [file, setFile] = useState<ParsedFile | null>(null);
  const [parsing, setParsing] = useState<{ rows: number } | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [zone, setZone] = useState<string | null>(null);
  const [order, setOrder] = useState<DateOrder>("ymd");
  const [phase, setPhase] = useState<Phase>({ kind: "mapping" });
  const [toZoned, setToZoned] = useState<{ fn: ToZoned } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const timeZone = zone ?? target.data?.timeZone ?? "UTC";
  const zones = useMemo(() => zonesWith(timeZone), [timeZone]);

  useEffect(() => {
    void import("@date-fns/tz").then(({ TZDate }) => setToZoned({ fn: (y, mo, d, h, mi, s, z) => new Date(new TZDate(y, mo, d, h, mi, s, z).getTime()) }));
  }, []);

  // A new file or survey starts from what was used last time for this survey, else from guesses by column name.
  useEffect(() => {
    if (!file || !target.data) return;
    const saved = remembered(me.orgId, target.data.surveyId);
    const guessed = guessMapping(file.columns, target.data.questions);
    const valid = new Set<Target>(["ignore", ...(Object.keys(fieldLabels) as Field[]), ...target.data.questions.map((q) => `q:${q.name}` as const)]);
    const next: Mapping = {};
    for (const column of file.columns) {
      const old = saved?.mapping[column];
      next[column] = old && valid.has(old) ? old : (guessed[column] ?? "ignore");
    }
    setMapping(next);
    setZone(saved?.timeZone ?? null);
    const dateColumn = columnOf(next, "respondedAt");
    setOrder(saved?.dateOrder ?? guessDateOrder(dateColumn ? file.rows.slice(0, 200).map((r) => r[dateColumn] ?? "") : []));
    setPhase({ kind: "mapping" });
  }, [file, target.data, me.orgId]);

  const built = useMemo(
    () => (file && target.data && toZoned ? buildRows(file, mapping, target.data, timeZone, order, toZoned.fn) : null),
    [file, mapping, target.data, timeZone, order, toZoned],
  );

  const busy = phase.kind === "checking" || phase.kind === "importing";

  const changed = (next: { mapping?: Mapping; zone?: string; order?: DateOrder }) => {
    if (next.mapping) setMapping(next.mapping);
    if (next.zone) setZone(next.zone);
    if (next.order) setOrder(next.order);
    setPhase({ kind: "mapping" });
    if (target.data) remember(me.orgId, target.data.surveyId, { mapping: next.mapping ?? mapping, timeZone: next.zone ?? zone ?? undefined, dateOrder: next.order ?? order });
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setFile(null);
    setParseError(null);
    setPhase({ kind: "mapping" });
    if (!chosen) return;
    setParsing({ rows: 0 });
    const { default: Papa } = await import("papaparse");
    const rows: Record<string, string>[] = [];
    let columns: string[] = [];
    Papa.parse<Record<string, string>>(chosen, {
      header: true,
      skipEmptyLines: false,
      transformHeader: (h) => h.trim(),
      chunk: (results) => {
        if (columns.length === 0) columns = (results.meta.fields ?? []).filter((f) => f !== "");
        rows.push(...results.data);
        setParsing({ rows: rows.length });
      },
      complete: () => {
        setParsing(null);
        if (columns.length === 0 || rows.length === 0) {
          setParseError("This file has no rows under a header line. Choose a CSV export whose first line names the columns.");
          return;
        }
        setFile({ name: chosen.name, columns, rows });
      },
      error: (err) => {
        setParsing(null);
        setParseError(`The file could not be read (${err.message}). Choose a CSV file.`);
      },
    });
  };

  const run = async (dryRun: boolean) => {
    if (!built || !target.data) return;
    const parts: Item[][] = [];
    for (let i = 0; i < built.items.length; i += CHUNK) parts.push(built.items.slice(i, i + CHUNK));
    const total = built.items.length;
    const kind = dryRun ? "checking" : "importing";
    let done = 0;
    let imported = 0;
    let skipped = built.repeated;
    const report: ReportRow[] = [...built.errors];
    setPhase({ kind, done, total });
    for (const part of parts) {
      try {
        const result = await sendImport({ surveyId: target.data.surveyId, dryRun, responses: part.map((p) => p.body) });
        imported += result.imported;
        skipped += result.skipped;
      } catch (error) {
        const rowErrors = error instanceof ApiError && error.status === 422 ? error.errors.filter((e) => e.path.startsWith("/responses/")) : [];
        if (!dryRun || rowErrors.length === 0) {
          setPhase({ kind: "failed", error, during: dryRun ? "check" : "import", done, total });
          return;
        }
        report.push(...reportServerErrors(part, rowErrors, mapping));
      }
      done += part.length;
      setPhase({ kind, done, total });
    }
    report.sort((a, b) => a.row - b.row);
    setPhase(dryRun ? { kind: "checked", imported, skipped, report } : { kind: "imported", imported, skipped });
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const questions = target.data?.questions ?? [];
  const mapped = file?.columns.filter((c) => mapping[c] && mapping[c] !== "ignore") ?? [];
  const targetLabel = (t: Target) => (t.startsWith("q:") ? (questions.find((q) => `q:${q.name}` === t)?.title ?? t.slice(2)) : fieldLabels[t as Field]);
  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone });

  return (
    <>
      <PageHeading title="Import responses">Import responses</PageHeading>
      <p className="muted">
        Bring years of scores from another tool (Delighted, Formbricks, SurveyMonkey or any CSV export): they keep their own dates and appear in every trend and
        index. The whole file is checked before anything is stored, and running the same file again is safe: responses already imported are skipped.
      </p>

      <Step n={1} title="Choose the survey and the file">
        <div className="form-grid">
          <FormField id="import-survey" label="Survey" hint="Rows are checked against its published questions.">
            {(control) => (
              <select
                {...control}
                value={surveyId}
                disabled={!published?.length || busy}
                onChange={(e) => {
                  setSurveyId(e.target.value);
                  setPhase({ kind: "mapping" });
                }}
              >
                <option value="">Choose a survey…</option>
                {published?.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="import-file" label="CSV file" hint="The first line names the columns.">
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".csv,text/csv"
                disabled={busy}
                // Choosing the same file again after fixing it must read it again, which only a change of value does.
                onClick={(e) => {
                  e.currentTarget.value = "";
                }}
                onChange={(e) => void chooseFile(e)}
              />
            )}
          </FormField>
        </div>
        {picker.isPending && <Loading>Loading surveys…</Loading>}
        {published?.length === 0 && <p>No survey is published yet. Publish a survey first: imported answers are checked against its questions.</p>}
        <ProblemBanner error={picker.error ?? target.error ?? (parseError && { title: "Cannot read the file", detail: parseError })} />
        {parsing && <Loading>Reading the file… {plural(parsing.rows, "row")} so far</Loading>}
        {surveyId && target.isPending && <Loading>Loading the survey's questions…</Loading>}
      </Step>

      {file && target.data && (
        <Step n={2} title="Match the columns">
          <p className="small muted">
            {file.name}: {plural(file.rows.filter((r) => !blankRow(r)).length, "row")}, {plural(file.columns.length, "column")}. We guessed from the column names; what you choose is
            remembered in this browser for this survey.
          </p>
          <ScrollRegion label="Column mapping">
            <table className="table compact import-mapping" data-testid="import-mapping">
              <thead>
                <tr>
                  <th scope="col">Column in the file</th>
                  <th scope="col">Import as</th>
                </tr>
              </thead>
              <tbody>
                {file.columns.map((column, i) => (
                  <tr key={column}>
                    <th scope="row">
                      {column}
                      <span className="cell-note import-sample">{sampleOf(file, column)}</span>
                    </th>
                    <td>
                      <select
                        aria-label={`Import “${column}” as`}
                        data-testid={`map-${i}`}
                        value={mapping[column] ?? "ignore"}
                        disabled={busy}
                        onChange={(e) => changed({ mapping: { ...mapping, [column]: e.target.value as Target } })}
                      >
                        <option value="ignore">Ignore</option>
                        <optgroup label="Response">
                          {(Object.keys(fieldLabels) as Field[]).map((f) => (
                            <option key={f} value={f}>
                              {fieldLabels[f]}
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label="Question">
                          {questions.map((q) => (
                            <option key={q.name} value={`q:${q.name}`}>
                              {q.title}
                              {q.title !== q.name ? ` (${q.name})` : ""}
                            </option>
                          ))}
                        </optgroup>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <div className="form-grid import-dates">
            <FormField id="import-zone" label="Time zone of the file's dates" hint="Dates that state their own offset keep it.">
              {(control) => (
                <select {...control} value={timeZone} disabled={busy} onChange={(e) => changed({ zone: e.target.value })}>
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z}
                      {z === target.data.timeZone ? " (your organisation)" : ""}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="import-date-order" label="Dates written as">
              {(control) => (
                <select {...control} value={order} disabled={busy} onChange={(e) => changed({ order: e.target.value as DateOrder })}>
                  <option value="ymd">Year first (2025-03-14)</option>
                  <option value="mdy">Month first (03/14/2025)</option>
                  <option value="dmy">Day first (14/03/2025)</option>
                </select>
              )}
            </FormField>
          </div>
        </Step>
      )}

      {file && target.data && built && (
        <Step n={3} title="Check and import">
          {built.blocking.length > 0 ? (
            <div className="banner banner-warn" data-testid="import-blocking">
              <ul>
                {built.blocking.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <h3>Preview</h3>
              <ScrollRegion label="Preview of the first rows">
                <table className="table compact" data-testid="import-preview">
                  <thead>
                    <tr>
                      <th scope="col">Row</th>
                      <th scope="col">Answered at ({timeZone})</th>
                      {mapped
                        .filter((c) => mapping[c] !== "respondedAt")
                        .map((c) => (
                          <th scope="col" key={c}>
                            {targetLabel(mapping[c]!)}
                          </th>
                        ))}
                    </tr>
                  </thead>
                  <tbody>
                    {built.items.slice(0, PREVIEW_ROWS).map((item) => (
                      <tr key={item.row}>
                        <td>{item.row}</td>
                        <td>
                          <time dateTime={item.body.respondedAt}>{dateFormat.format(new Date(item.body.respondedAt))}</time>
                        </td>
                        {mapped
                          .filter((c) => mapping[c] !== "respondedAt")
                          .map((c) => (
                            <td key={c}>{file.rows[item.row - 2]?.[c]}</td>
                          ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              {built.items.length === 0 && <p>No row of the file can be imported yet: see the problems below.</p>}
              <p className="small muted">
                {plural(built.items.length, "row")} to send
                {built.repeated > 0 && `; ${plural(built.repeated, "row repeats", "rows repeat")} an id seen earlier in the file and will be skipped`}.
              </p>
              <div className="actions">
                <button type="button" className="button" disabled={busy || built.items.length + built.errors.length === 0} onClick={() => void run(true)}>
                  {phase.kind === "checking" ? "Checking…" : "Check the file"}
                </button>
              </div>
            </>
          )}

          {phase.kind === "checking" && <Progress label="Checking the file" done={phase.done} total={phase.total} />}
          {phase.kind === "importing" && <Progress label="Importing" done={phase.done} total={phase.total} />}

          <div ref={resultRef} tabIndex={-1} className="import-result">
            {phase.kind === "checked" && phase.report.length > 0 && (
              <div className="banner banner-error" role="alert" data-testid="import-errors">
                <p>
                  <strong>Nothing was imported.</strong> {plural(phase.report.length, "problem")} in{" "}
                  {plural(new Set(phase.report.map((r) => r.row)).size, "row")}. Fix them in the file (rows are numbered as a spreadsheet shows them: the header is
                  row 1), choose it again, and check again.
                </p>
                <ul className="import-error-list">
                  {phase.report.slice(0, SHOWN_ERRORS).map((r, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several problems in the same column.
                    <li key={i}>
                      Row {r.row}
                      {r.column && `, ${r.column}`}: {r.message}
                    </li>
                  ))}
                </ul>
                {phase.report.length > SHOWN_ERRORS && <p>And {plural(phase.report.length - SHOWN_ERRORS, "more problem")} in the report.</p>}
                <button type="button" className="button secondary" data-testid="download-report" onClick={() => downloadReport(file.name, phase.report)}>
                  Download the error report (CSV)
                </button>
              </div>
            )}
            {phase.kind === "checked" && phase.report.length === 0 && (
              <div className="banner import-ready" data-testid="import-ready">
                <p>
                  <strong>Every row is valid.</strong> {plural(phase.imported, "response")} will be imported
                  {phase.skipped > 0 && `; ${plural(phase.skipped, "row")} already imported or repeated will be skipped`}.
                </p>
                <button type="button" className="button" onClick={() => void run(false)} disabled={phase.imported === 0}>
                  Import {plural(phase.imported, "response")}
                </button>
              </div>
            )}
            {phase.kind === "imported" && (
              <p role="status" className="notice" data-testid="import-done">
                Imported {plural(phase.imported, "response")}
                {phase.skipped > 0 && `; skipped ${plural(phase.skipped, "row")} already imported or repeated`}. They now count in analytics by the dates they were given.
              </p>
            )}
            {phase.kind === "failed" && (
              <ProblemBanner error={phase.error}>
                <p>
                  {phase.during === "import"
                    ? `The import stopped after ${plural(phase.done, "row")} of ${count.format(phase.total)}. Run it again: rows already imported are skipped, so nothing is stored twice.`
                    : "The check stopped before the end; nothing was imported. Try again."}
                </p>
                <button type="button" className="button secondary" onClick={() => void run(phase.during === "check")}>
                  {phase.during === "import" ? "Run the import again" : "Check again"}
                </button>
              </ProblemBanner>
            )}
          </div>
        </Step>
      )}
    </>
  );
}
