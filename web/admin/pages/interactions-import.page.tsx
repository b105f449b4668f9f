// Importing a CSV file of service interactions: map its columns, check the whole file, then store it all at once or not at all.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../../shared/api-client";
import {
  interactionMappingQuery,
  saveInteractionMapping,
  sendInteractionImport,
  type InteractionImportResult,
  type InteractionInput,
  type InteractionMapping,
  type MappingTarget,
  type UploadProgress,
} from "../import-queries";
import { isBlankRow, type CsvFile } from "../import/csv-file";
import { guessDateOrder, isKnownZone, readDate, useToZoned, zonesWith, type DateOrder, type ToZoned } from "../import/dates";
import { columnOf, firstMapping, guessByName, type Mapping } from "../import/mapping";
import { BlockingIssues, CsvFilePicker, CsvFileStatus, DateSettings, ErrorReport, MappingTable, Progress, Step, count, plural, useCsvFile, type OptionGroup } from "../import/parts";
import { reportServerErrors, type ReportRow } from "../import/report";
import { canEdit } from "../queries";
import { Link } from "@tanstack/react-router";
import { useSession } from "../session";
import { Message } from "../shell";
import { Loading, PageHeading, ProblemBanner } from "../ui/feedback";
import { ScrollRegion } from "../ui/scroll-region";

// The server takes a file in one request, all or nothing, up to this many rows.
const MAX_ROWS = 10_000;
const MAX_ATTRIBUTES = 20;
const MAX_REMEMBERED = 200;
const PREVIEW_ROWS = 5;
const TIME_ZONE_KEY = "@timeZone";
const DATE_ORDER_KEY = "@dateOrder";

type Target = MappingTarget;
type Field = Exclude<Target, "ignore" | "attribute">;
type Item = { row: number; body: InteractionInput };
type Built = { items: Item[]; errors: ReportRow[]; blocking: string[]; rows: number };

const fieldLabels: Record<Field, string> = {
  externalId: "Interaction id (externalId)",
  occurredAt: "Happened at (date)",
  type: "Type",
  channel: "Channel",
  unit: "Unit",
  agent: "Agent (staff)",
  "customer.email": "Customer email",
  "customer.name": "Customer name",
  "customer.locale": "Customer language (locale)",
  "customer.timezone": "Customer time zone",
};
const interactionFields: Field[] = ["externalId", "occurredAt", "type", "channel", "unit", "agent"];
const customerFields: Field[] = ["customer.email", "customer.name", "customer.locale", "customer.timezone"];
const required: { field: Field; ask: string }[] = [
  { field: "externalId", ask: "each interaction's id in your system (Interaction id): it makes importing the same file again safe" },
  { field: "occurredAt", ask: "when each interaction happened (Happened at)" },
  { field: "type", ask: "each interaction's type (Type), such as complaint or order" },
  { field: "channel", ask: "each interaction's channel (Channel), such as phone or email" },
  { field: "customer.email", ask: "the customer's email address (Customer email): invitations go there" },
];

// Column names help desks and CRMs export, normalised (lower case, letters and digits only).
const fieldGuesses: Partial<Record<Target, string[]>> = {
  externalId: ["id", "externalid", "interactionid", "ticketid", "ticket", "ticketnumber", "caseid", "case", "casenumber", "reference", "ref", "callid", "conversationid", "orderid"],
  occurredAt: ["occurredat", "date", "closedat", "closed", "solvedat", "resolvedat", "createdat", "created", "timestamp", "datetime", "time", "enddate", "completedat", "happenedat"],
  type: ["type", "interactiontype", "category", "reason", "topic", "tickettype", "casetype"],
  channel: ["channel", "source", "medium", "via"],
  unit: ["unit", "branch", "location", "store", "site", "team", "region", "office", "department", "group"],
  agent: ["agent", "staff", "employee", "rep", "representative", "assignee", "owner", "advisor", "handledby"],
  "customer.email": ["email", "customeremail", "emailaddress", "requesteremail", "contactemail", "mail"],
  "customer.name": ["name", "customername", "fullname", "requester", "requestername", "contactname", "customer"],
  "customer.locale": ["locale", "language", "lang", "customerlocale", "customerlanguage"],
  "customer.timezone": ["timezone", "tz", "customertimezone", "zone"],
};

const isTarget = (value: string | undefined): value is Target => value === "ignore" || value === "attribute" || (value !== undefined && value in fieldLabels);

/** A cell as an attribute: a plain number or true/false as such, anything else as the text it is. */
function attributeValue(text: string): string | number | boolean {
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(text) && String(Number(text)) === text) return Number(text);
  return text;
}

/** The file's rows as the import endpoint takes them, with what can be told wrong before asking the server. */
function buildRows(file: CsvFile, mapping: Mapping<Target>, zone: string, order: DateOrder, toZoned: ToZoned): Built {
  const blocking: string[] = [];
  for (const { field, ask } of required) if (!columnOf(mapping, field)) blocking.push(`Choose the column that holds ${ask}.`);
  for (const field of Object.keys(fieldLabels) as Field[]) {
    const columns = file.columns.filter((c) => mapping[c] === field);
    if (columns.length > 1) blocking.push(`${columns.map((c) => `“${c}”`).join(" and ")} are all imported as ${fieldLabels[field]}; keep one and ignore the others.`);
  }
  const attributeColumns = file.columns.filter((c) => mapping[c] === "attribute");
  if (attributeColumns.length > MAX_ATTRIBUTES) blocking.push(`Import at most ${MAX_ATTRIBUTES} columns as attributes; ${attributeColumns.length} are chosen now.`);
  const items: Item[] = [];
  const errors: ReportRow[] = [];
  const filled = file.rows.filter((r) => !isBlankRow(r)).length;
  if (blocking.length) return { items, errors, blocking, rows: filled };
  const column = (field: Field) => columnOf(mapping, field)!;
  const cell = (record: Record<string, string>, c: string | undefined) => (c ? (record[c] ?? "").trim() : "");
  const optional = (record: Record<string, string>, field: Field) => cell(record, columnOf(mapping, field)) || undefined;
  file.rows.forEach((record, index) => {
    // Spreadsheet numbering: the header is row 1.
    const row = index + 2;
    if (isBlankRow(record)) return;
    const externalId = cell(record, column("externalId"));
    const when = cell(record, column("occurredAt"));
    const at = when ? readDate(when, order, zone, toZoned) : null;
    if (!externalId) errors.push({ row, column: column("externalId"), message: "This row has no interaction id; fill it in or remove the row." });
    if (!at) {
      errors.push({
        row,
        column: column("occurredAt"),
        message: when ? `The date “${when}” could not be read; write it like 2026-03-14 09:30, or change the date order.` : "This row has no date; fill it in or remove the row.",
      });
    }
    if (!externalId || !at) return;
    const attributes: Record<string, string | number | boolean> = {};
    for (const c of attributeColumns) {
      const value = cell(record, c);
      if (value !== "") attributes[c] = attributeValue(value);
    }
    items.push({
      row,
      body: {
        externalId,
        occurredAt: at.toISOString(),
        type: cell(record, column("type")),
        channel: cell(record, column("channel")),
        customer: {
          email: cell(record, column("customer.email")),
          name: optional(record, "customer.name"),
          locale: optional(record, "customer.locale"),
          timezone: optional(record, "customer.timezone"),
        },
        unit: optional(record, "unit"),
        agent: optional(record, "agent"),
        ...(Object.keys(attributes).length > 0 && { attributes }),
      },
    });
  });
  return { items, errors, blocking, rows: filled };
}

/** The server names a wrong field by its place among the rows sent; the report names the file's row and column. */
function reportItemErrors(items: Item[], errors: ApiError["errors"], mapping: Mapping<Target>): ReportRow[] {
  return reportServerErrors(errors, "interactions", (index, [field, sub]) => {
    const row = items[index]?.row ?? 0;
    // Attributes are named after their columns.
    if (field === "attributes") return { row, column: sub ?? "" };
    const target = field === "customer" ? `customer.${sub ?? "email"}` : field;
    return { row, column: (isTarget(target) && columnOf(mapping, target)) || "" };
  });
}

/** What to remember: this file's columns, the columns of earlier files while there is room, and the file's dates. */
function mappingToSave(saved: Record<string, string>, file: CsvFile, mapping: Mapping<Target>, zone: string, order: DateOrder): Record<string, string> {
  const rememberable = file.columns.filter((c) => c.length <= 200 && c !== TIME_ZONE_KEY && c !== DATE_ORDER_KEY);
  const current = Object.fromEntries(rememberable.slice(0, MAX_REMEMBERED - 2).map((c) => [c, mapping[c] ?? "ignore"]));
  const earlier = Object.entries(saved).filter(([k]) => !(k in current) && k !== TIME_ZONE_KEY && k !== DATE_ORDER_KEY);
  return { ...Object.fromEntries(earlier.slice(0, MAX_REMEMBERED - 2 - Object.keys(current).length)), ...current, [TIME_ZONE_KEY]: zone, [DATE_ORDER_KEY]: order };
}

type Counts = Pick<InteractionImportResult, "accepted" | "duplicates" | "invitations">;
type Phase =
  | { kind: "mapping" }
  | { kind: "checking" | "importing"; upload: UploadProgress }
  | { kind: "checked"; report: ReportRow[]; counts: Counts | null }
  | { kind: "imported"; counts: Counts }
  | { kind: "failed"; error: unknown; during: "check" | "import" };

/** The upload's bytes while they go, then a bar without an end while the server checks (and stores) every row. */
function Sending({ label, upload }: { label: string; upload: UploadProgress }) {
  const kb = (n: number) => `${count.format(Math.ceil(n / 1024))} KB`;
  if (upload.total === 0) return <Progress label={label} status="Getting the rows ready…" />;
  if (upload.sent >= upload.total) return <Progress label={label} status="Sent; the server is checking every row…" />;
  return <Progress label={label} value={upload.sent} max={upload.total} status={`Sending the rows: ${kb(upload.sent)} of ${kb(upload.total)}`} />;
}

/** "9,950 interactions imported, 50 were already there, 3,120 invitations scheduled", or what a check expects. */
function countsSentence(c: Counts, future: boolean) {
  const there = c.duplicates === 1 ? (future ? "is" : "was") : future ? "are" : "were";
  return [
    `${plural(c.accepted, "interaction")} ${future ? "will be imported" : "imported"}`,
    ...(c.duplicates > 0 ? [`${count.format(c.duplicates)} ${there} already there`] : []),
    `${plural(c.invitations, "invitation")} ${future ? "will be scheduled" : "scheduled"}`,
  ].join(", ");
}

export function InteractionsImportPage() {
  const { me } = useSession();
  if (!canEdit(me)) {
    return (
      <Message title="Import interactions">
        <p>Importing interactions needs the manager or admin role; you are signed in as {me.role}.</p>
      </Message>
    );
  }
  return <InteractionsImport />;
}

function InteractionsImport() {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const saved = useQuery(interactionMappingQuery);
  const csv = useCsvFile({ maxRows: MAX_ROWS, tooMany: (max) => `This file has more than ${count.format(max)} rows, the most one import takes. Split it into files of at most ${count.format(max)} rows and import each.` });
  const file = csv.file;
  const [mapping, setMapping] = useState<Mapping<Target>>({});
  const [zone, setZone] = useState<string | null>(null);
  const [order, setOrder] = useState<DateOrder>("ymd");
  const [phase, setPhase] = useState<Phase>({ kind: "mapping" });
  const toZoned = useToZoned();
  const resultRef = useRef<HTMLDivElement>(null);

  const organisationZone = saved.data?.timeZone ?? "UTC";
  const timeZone = zone ?? organisationZone;
  const zones = useMemo(() => zonesWith(timeZone), [timeZone]);

  // A new file starts from the organisation's saved mapping, else from guesses by column name. Only a new file:
  // saving the mapping when checking must not start the file over.
  const remembered = saved.data?.mapping;
  const startedFor = useRef<CsvFile | null>(null);
  useEffect(() => {
    if (!file || !remembered || startedFor.current === file) return;
    startedFor.current = file;
    const guessed = firstMapping(file.columns, (c) => guessByName<Target>(c, fieldGuesses, "ignore"), "ignore");
    const next: Mapping<Target> = {};
    for (const column of file.columns) {
      const old = remembered[column];
      next[column] = isTarget(old) ? old : (guessed[column] ?? "ignore");
    }
    setMapping(next);
    const savedZone = remembered[TIME_ZONE_KEY];
    setZone(savedZone && isKnownZone(savedZone) ? savedZone : null);
    // A date such as 16/03 can only be day first: what the file shows wins over what was used last time.
    const dateColumn = columnOf(next, "occurredAt");
    const evident = guessDateOrder(dateColumn ? file.rows.slice(0, 500).map((r) => r[dateColumn] ?? "") : []);
    const savedOrder = remembered[DATE_ORDER_KEY];
    setOrder(evident !== "ymd" ? evident : savedOrder === "mdy" || savedOrder === "dmy" ? savedOrder : "ymd");
    setPhase({ kind: "mapping" });
  }, [file, remembered]);

  const built = useMemo(() => (file && toZoned ? buildRows(file, mapping, timeZone, order, toZoned) : null), [file, mapping, timeZone, order, toZoned]);
  const busy = phase.kind === "checking" || phase.kind === "importing";

  const changed = (next: { mapping?: Mapping<Target>; zone?: string; order?: DateOrder }) => {
    if (next.mapping) setMapping(next.mapping);
    if (next.zone) setZone(next.zone);
    if (next.order) setOrder(next.order);
    setPhase({ kind: "mapping" });
  };

  const run = async (dryRun: boolean) => {
    if (!built || !file) return;
    const kind = dryRun ? "checking" : "importing";
    setPhase({ kind, upload: { sent: 0, total: 0 } });
    let report = [...built.errors];
    let counts: Counts | null = null;
    try {
      if (dryRun) {
        // The mapping that was checked is the one to start from next time; failing to remember it must not stop the check.
        await saveInteractionMapping(mappingToSave(remembered ?? {}, file, mapping, timeZone, order))
          .then((stored) => queryClient.setQueryData<InteractionMapping>(interactionMappingQuery.queryKey, stored))
          .catch(() => undefined);
      }
      if (built.items.length > 0) {
        const result = await sendInteractionImport({ dryRun, interactions: built.items.map((i) => i.body) }, (upload) => setPhase({ kind, upload }));
        counts = { accepted: result.accepted, duplicates: result.duplicates, invitations: result.invitations };
      }
    } catch (error) {
      const rowErrors = error instanceof ApiError && error.status === 422 ? error.errors.filter((e) => e.path.startsWith("/interactions/")) : [];
      if (rowErrors.length === 0) {
        setPhase({ kind: "failed", error, during: dryRun ? "check" : "import" });
        return;
      }
      report = [...report, ...reportItemErrors(built.items, rowErrors, mapping)];
    }
    report.sort((a, b) => a.row - b.row);
    if (!dryRun && counts && report.length === 0) setPhase({ kind: "imported", counts });
    else setPhase({ kind: "checked", report, counts: report.length ? null : counts });
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone });
  const attributeColumns = file?.columns.filter((c) => mapping[c] === "attribute") ?? [];
  const groups = (column: string): OptionGroup<Target>[] => [
    { label: "Interaction", options: interactionFields.map((f) => ({ value: f, label: fieldLabels[f] })) },
    { label: "Customer", options: customerFields.map((f) => ({ value: f, label: fieldLabels[f] })) },
    { label: "Attribute", options: [{ value: "attribute", label: `Attribute “${column}”` }] },
  ];

  return (
    <>
      <PageHeading title="Import interactions">Import interactions</PageHeading>
      <p className="muted">
        Load service interactions from a CSV export of your help desk or CRM. They are handled as if your system had posted them: every interaction a live
        distribution rule selects schedules an invitation. The whole file is checked first, then stored at once or not at all; importing the same file again
        adds nothing, as interactions already there are recognised by their id.
      </p>
      {me.role === "admin" && (
        <p>
          Answers collected by another tool? <Link to="/import">Import responses</Link> instead.
        </p>
      )}

      <Step n={1} title="Choose the file">
        <CsvFilePicker state={csv} disabled={busy} hint={`The first line names the columns; at most ${count.format(MAX_ROWS)} rows. Save it from your spreadsheet as CSV UTF-8.`} />
        <CsvFileStatus state={csv} />
        {saved.isPending && <Loading>Loading your saved column mapping…</Loading>}
        <ProblemBanner error={saved.error} />
      </Step>

      {file && saved.data && (
        <Step n={2} title="Match the columns">
          <p className="small muted">
            {file.name}: {plural(built?.rows ?? 0, "row")}, {plural(file.columns.length, "column")}
            {file.delimiter === ";" ? " separated by semicolons" : ""}. We started from your organisation's last import and guessed the rest from the column names; what
            you choose is saved for everyone in your organisation when you check the file. Any other column can become an attribute that rules can match on.
          </p>
          <MappingTable file={file} mapping={mapping} ignore="ignore" disabled={busy} onChange={(next) => changed({ mapping: next })} groups={groups} />
          <DateSettings
            timeZone={timeZone}
            zones={zones}
            organisationZone={organisationZone}
            order={order}
            disabled={busy}
            onZone={(z) => changed({ zone: z })}
            onOrder={(o) => changed({ order: o })}
          />
        </Step>
      )}

      {file && saved.data && built && (
        <Step n={3} title="Check and import">
          {built.blocking.length > 0 ? (
            <BlockingIssues issues={built.blocking} />
          ) : (
            <>
              <h3>Preview</h3>
              {built.items.length > 0 ? (
                <ScrollRegion label="Preview of the first rows">
                  <table className="table compact" data-testid="import-preview">
                    <thead>
                      <tr>
                        <th scope="col">Row</th>
                        <th scope="col">Interaction id</th>
                        <th scope="col">Happened at ({timeZone})</th>
                        <th scope="col">Type</th>
                        <th scope="col">Channel</th>
                        <th scope="col">Customer</th>
                        {columnOf(mapping, "unit") && <th scope="col">Unit</th>}
                        {columnOf(mapping, "agent") && <th scope="col">Agent</th>}
                        {attributeColumns.map((c) => (
                          <th scope="col" key={c}>
                            {c}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {built.items.slice(0, PREVIEW_ROWS).map(({ row, body }) => (
                        <tr key={row}>
                          <td>{row}</td>
                          <td>{body.externalId}</td>
                          <td>
                            <time dateTime={body.occurredAt}>{dateFormat.format(new Date(body.occurredAt))}</time>
                          </td>
                          <td>{body.type}</td>
                          <td>{body.channel}</td>
                          <td>
                            {body.customer.name ? `${body.customer.name} ` : ""}
                            <span className="cell-note">{body.customer.email}</span>
                          </td>
                          {columnOf(mapping, "unit") && <td>{body.unit}</td>}
                          {columnOf(mapping, "agent") && <td>{body.agent}</td>}
                          {attributeColumns.map((c) => (
                            <td key={c}>{body.attributes?.[c] === undefined ? "" : String(body.attributes[c])}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              ) : (
                <p>No row of the file can be imported yet: check the file to see the problems.</p>
              )}
              <p className="small muted">
                {plural(built.rows, "row")} in the file. Checking sends them all once without storing anything and lists every problem; nothing is imported until
                every row is valid.
              </p>
              <div className="actions">
                <button type="button" className="button" disabled={busy || built.rows === 0} onClick={() => void run(true)}>
                  {phase.kind === "checking" ? "Checking…" : "Check the file"}
                </button>
              </div>
            </>
          )}

          {phase.kind === "checking" && <Sending label="Checking the file" upload={phase.upload} />}
          {phase.kind === "importing" && <Sending label="Importing" upload={phase.upload} />}

          <div ref={resultRef} tabIndex={-1} className="import-result">
            {phase.kind === "checked" && phase.report.length > 0 && (
              <ErrorReport fileName={file.name} report={phase.report}>
                Fix them in the file (rows are numbered as a spreadsheet shows them: the header is row 1), or change the mapping above, then check again.
              </ErrorReport>
            )}
            {phase.kind === "checked" && phase.report.length === 0 && phase.counts && (
              <div className="banner import-ready" data-testid="import-ready">
                <p>
                  <strong>Every row is valid.</strong> {countsSentence(phase.counts, true)}.
                </p>
                <button type="button" className="button" onClick={() => void run(false)} disabled={phase.counts.accepted === 0}>
                  Import {plural(phase.counts.accepted, "interaction")}
                </button>
              </div>
            )}
            {phase.kind === "imported" && (
              <p role="status" className="notice" data-testid="import-done">
                {countsSentence(phase.counts, false).replace(/^./, (c) => c.toUpperCase())}.
              </p>
            )}
            {phase.kind === "failed" && (
              <ProblemBanner error={phase.error}>
                <p>
                  {phase.during === "import"
                    ? "The import did not finish. A file is stored whole or not at all, and interactions already there are recognised by their id, so importing it again is safe."
                    : "The check did not finish; nothing was imported. Try again."}
                </p>
                <button type="button" className="button secondary" onClick={() => void run(phase.during === "check")}>
                  {phase.during === "import" ? "Import again" : "Check again"}
                </button>
              </ProblemBanner>
            )}
          </div>
        </Step>
      )}
    </>
  );
}
