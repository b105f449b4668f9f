// Importing history from a CSV export (Delighted, Formbricks, SurveyMonkey): map columns, check the whole file, then import it.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError, type FieldError } from "../../shared/api-client";
import { importTargetQuery, sendImport, type ImportQuestion, type ImportRow, type ImportTarget } from "../import-queries";
import { isBlankRow, type CsvFile } from "../import/csv-file";
import { guessDateOrder, readDate, useToZoned, zonesWith, type DateOrder, type ToZoned } from "../import/dates";
import { columnOf, firstMapping, guessByName, normalisedName, type Mapping as ColumnMapping } from "../import/mapping";
import { BlockingIssues, CsvFilePicker, CsvFileStatus, DateSettings, ErrorReport, MappingTable, Progress, Step, count, plural, useCsvFile } from "../import/parts";
import { reportServerErrors, type ReportRow } from "../import/report";
import { surveyPickerQuery } from "../queries";
import { Link } from "@tanstack/react-router";
import { useSession } from "../session";
import { Loading, PageHeading, ProblemBanner } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { ScrollRegion } from "../ui/scroll-region";

const CHUNK = 1000;
const PREVIEW_ROWS = 5;

type Field = "externalId" | "respondedAt" | "unit" | "channel" | "agent" | "type" | "customerEmail";
type Target = "ignore" | Field | `q:${string}`;
type Mapping = ColumnMapping<Target>;
type Item = { row: number; body: ImportRow };
type Built = { items: Item[]; errors: ReportRow[]; repeated: number; blocking: string[] };

const fieldLabels: Record<Field, string> = {
  externalId: "Response id (externalId)",
  respondedAt: "Answered at (date)",
  unit: "Unit",
  channel: "Channel",
  agent: "Agent (staff)",
  type: "Interaction type",
  customerEmail: "Customer email",
};

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
  const guess = (column: string): Target => {
    const n = normalisedName(column);
    const byName = questions.find((q) => normalisedName(q.name) === n || normalisedName(q.title) === n);
    if (byName) return `q:${byName.name}`;
    const field = guessByName<Target>(column, fieldGuesses, "ignore");
    if (field !== "ignore") return field;
    for (const [metric, names] of Object.entries(metricGuesses)) {
      const q = questions.find((x) => x.metric === metric);
      if (q && names.includes(n)) return `q:${q.name}`;
    }
    return "ignore";
  };
  return firstMapping(columns, guess, "ignore");
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

/** The file's rows as the import endpoint takes them, with what can be told wrong before asking the server. */
function buildRows(file: CsvFile, mapping: Mapping, target: ImportTarget, zone: string, order: DateOrder, toZoned: ToZoned): Built {
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
    if (isBlankRow(record)) return;
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
function reportPartErrors(part: Item[], errors: FieldError[], mapping: Mapping): ReportRow[] {
  const fieldColumn: Record<string, Target> = { externalId: "externalId", respondedAt: "respondedAt", unit: "unit", channel: "channel", agent: "agent", type: "type", customer: "customerEmail" };
  return reportServerErrors(errors, "responses", (index, [field, name]) => {
    const target: Target | undefined = field === "answers" ? (name ? `q:${name}` : undefined) : field ? fieldColumn[field] : undefined;
    return { row: part[index]?.row ?? 0, column: (target && columnOf(mapping, target)) ?? "" };
  });
}

type Phase =
  | { kind: "mapping" }
  | { kind: "checking" | "importing"; done: number; total: number }
  | { kind: "checked"; imported: number; skipped: number; report: ReportRow[] }
  | { kind: "imported"; imported: number; skipped: number }
  | { kind: "failed"; error: unknown; during: "check" | "import"; done: number; total: number };

export function ImportPage() {
  const { me } = useSession();
  const picker = useQuery(surveyPickerQuery);
  const published = picker.data?.filter((s) => s.status === "published");
  const [surveyId, setSurveyId] = useState("");
  const target = useQuery({ ...importTargetQuery(surveyId), enabled: surveyId !== "" });
  const csv = useCsvFile();
  const file = csv.file;
  const [mapping, setMapping] = useState<Mapping>({});
  const [zone, setZone] = useState<string | null>(null);
  const [order, setOrder] = useState<DateOrder>("ymd");
  const [phase, setPhase] = useState<Phase>({ kind: "mapping" });
  const toZoned = useToZoned();
  const resultRef = useRef<HTMLDivElement>(null);

  const timeZone = zone ?? target.data?.timeZone ?? "UTC";
  const zones = useMemo(() => zonesWith(timeZone), [timeZone]);

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
    () => (file && target.data && toZoned ? buildRows(file, mapping, target.data, timeZone, order, toZoned) : null),
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
        report.push(...reportPartErrors(part, rowErrors, mapping));
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
      <p>
        Loading service interactions to invite customers? <Link to="/interactions/import">Import interactions</Link> instead.
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
          <CsvFilePicker state={csv} disabled={busy} />
        </div>
        {picker.isPending && <Loading>Loading surveys…</Loading>}
        {published?.length === 0 && <p>No survey is published yet. Publish a survey first: imported answers are checked against its questions.</p>}
        <ProblemBanner error={picker.error ?? target.error} />
        <CsvFileStatus state={csv} />
        {surveyId && target.isPending && <Loading>Loading the survey's questions…</Loading>}
      </Step>

      {file && target.data && (
        <Step n={2} title="Match the columns">
          <p className="small muted">
            {file.name}: {plural(file.rows.filter((r) => !isBlankRow(r)).length, "row")}, {plural(file.columns.length, "column")}. We guessed from the column names; what you choose is
            remembered in this browser for this survey.
          </p>
          <MappingTable
            file={file}
            mapping={mapping}
            ignore="ignore"
            disabled={busy}
            onChange={(next) => changed({ mapping: next })}
            groups={() => [
              { label: "Response", options: (Object.keys(fieldLabels) as Field[]).map((f) => ({ value: f, label: fieldLabels[f] })) },
              { label: "Question", options: questions.map((q) => ({ value: `q:${q.name}` as const, label: q.title !== q.name ? `${q.title} (${q.name})` : q.title })) },
            ]}
          />
          <DateSettings
            timeZone={timeZone}
            zones={zones}
            organisationZone={target.data.timeZone}
            order={order}
            disabled={busy}
            onZone={(z) => changed({ zone: z })}
            onOrder={(o) => changed({ order: o })}
          />
        </Step>
      )}

      {file && target.data && built && (
        <Step n={3} title="Check and import">
          {built.blocking.length > 0 ? (
            <BlockingIssues issues={built.blocking} />
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

          {(phase.kind === "checking" || phase.kind === "importing") && (
            <Progress
              label={phase.kind === "checking" ? "Checking the file" : "Importing"}
              value={phase.done}
              max={phase.total}
              status={`${count.format(phase.done)} of ${plural(phase.total, "row")}`}
            />
          )}

          <div ref={resultRef} tabIndex={-1} className="import-result">
            {phase.kind === "checked" && phase.report.length > 0 && (
              <ErrorReport fileName={file.name} report={phase.report}>
                Fix them in the file (rows are numbered as a spreadsheet shows them: the header is row 1), choose it again, and check again.
              </ErrorReport>
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
