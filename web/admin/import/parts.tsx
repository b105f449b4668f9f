// The pieces every CSV import page is built from: numbered steps, the file picker and its reading, the mapping
// table, the dates' zone and order, progress bars and the error report.
import { useId, useRef, useState, type ReactNode } from "react";
import { ProblemBanner } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { ScrollRegion } from "../ui/scroll-region";
import { CsvFileProblem, SAVE_AS_UTF8, encodingNames, readCsvFile, type CsvFile, type ReadProgress } from "./csv-file";
import { dateOrderLabels, type DateOrder } from "./dates";
import { sampleOf, type Mapping } from "./mapping";
import { downloadReport, type ReportRow } from "./report";

export const count = new Intl.NumberFormat();
export const plural = (n: number, one: string, many = `${one}s`) => `${count.format(n)} ${n === 1 ? one : many}`;

const SHOWN_ERRORS = 20;

export function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
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

/** A labelled progress bar; without `value` it shows work under way whose end cannot be measured. */
export function Progress({ label, value, max = 1, status }: { label: string; value?: number; max?: number; status: ReactNode }) {
  const id = useId();
  return (
    <div className="import-progress" data-testid="import-progress">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={max} value={value} />
      <p className="small muted" role="status">
        {status}
      </p>
    </div>
  );
}

type FileState = { file: CsvFile | null; reading: ReadProgress | null; problem: string | null };

/** A CSV file chosen and read in the browser; choosing another while one is read forgets the first. */
export function useCsvFile(options: Parameters<typeof readCsvFile>[2] = {}) {
  const [state, setState] = useState<FileState>({ file: null, reading: null, problem: null });
  const latest = useRef(0);
  const choose = async (chosen: File | undefined) => {
    const turn = ++latest.current;
    setState({ file: null, reading: chosen ? { fraction: 0, rows: 0 } : null, problem: null });
    if (!chosen) return;
    try {
      const file = await readCsvFile(chosen, (reading) => turn === latest.current && setState((s) => ({ ...s, reading })), options);
      if (turn === latest.current) setState({ file, reading: null, problem: null });
    } catch (err) {
      if (turn !== latest.current) return;
      setState({ file: null, reading: null, problem: err instanceof CsvFileProblem ? err.message : `The file could not be read (${String(err)}). Choose a CSV file.` });
    }
  };
  return { ...state, choose };
}

type CsvFileState = ReturnType<typeof useCsvFile>;

/** The file input; choosing a file starts reading it. */
export function CsvFilePicker({ state, disabled, hint = "The first line names the columns." }: { state: CsvFileState; disabled?: boolean; hint?: ReactNode }) {
  return (
    <FormField id="import-file" label="CSV file" hint={hint}>
      {(control) => (
        <input
          {...control}
          type="file"
          accept=".csv,text/csv"
          disabled={disabled}
          // Choosing the same file again after fixing it must read it again, which only a change of value does.
          onClick={(e) => {
            e.currentTarget.value = "";
          }}
          onChange={(e) => void state.choose(e.target.files?.[0])}
        />
      )}
    </FormField>
  );
}

/** How far reading the file has got, what went wrong reading it, or what to check about its encoding. */
export function CsvFileStatus({ state }: { state: CsvFileState }) {
  return (
    <>
      {state.reading && <Progress label="Reading the file" value={state.reading.fraction} status={`${plural(state.reading.rows, "row")} so far`} />}
      <ProblemBanner error={state.problem && { title: "Cannot read the file", detail: state.problem }} />
      {state.file?.encoding === "windows-1252" && (
        <div className="banner banner-warn" data-testid="encoding-notice">
          <p>
            <strong>This file is not saved as UTF-8.</strong> We read it as {encodingNames["windows-1252"]}, as Excel on Windows saves CSV files. Check the names in
            the preview: if letters look wrong (such as “Ã©” instead of “é”), the file uses another encoding. {SAVE_AS_UTF8}
          </p>
        </div>
      )}
    </>
  );
}

export type OptionGroup<T extends string> = { label: string; options: { value: T; label: string }[] };

/** One row per column of the file, each with a sample value and a choice of what to import it as. */
export function MappingTable<T extends string>({
  file,
  mapping,
  ignore,
  groups,
  disabled,
  onChange,
}: {
  file: CsvFile;
  mapping: Mapping<T>;
  ignore: T;
  groups: (column: string) => OptionGroup<T>[];
  disabled?: boolean;
  onChange: (next: Mapping<T>) => void;
}) {
  return (
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
                  value={mapping[column] ?? ignore}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...mapping, [column]: e.target.value as T })}
                >
                  <option value={ignore}>Ignore</option>
                  {groups(column).map((g) => (
                    <optgroup key={g.label} label={g.label}>
                      {g.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The time zone the file's dates are in and the order it writes day and month. */
export function DateSettings(props: {
  timeZone: string;
  zones: string[];
  organisationZone: string;
  order: DateOrder;
  disabled?: boolean;
  onZone: (zone: string) => void;
  onOrder: (order: DateOrder) => void;
}) {
  return (
    <div className="form-grid import-dates">
      <FormField id="import-zone" label="Time zone of the file's dates" hint="Dates that state their own offset keep it.">
        {(control) => (
          <select {...control} value={props.timeZone} disabled={props.disabled} onChange={(e) => props.onZone(e.target.value)}>
            {props.zones.map((z) => (
              <option key={z} value={z}>
                {z}
                {z === props.organisationZone ? " (your organisation)" : ""}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="import-date-order" label="Dates written as">
        {(control) => (
          <select {...control} value={props.order} disabled={props.disabled} onChange={(e) => props.onOrder(e.target.value as DateOrder)}>
            {(Object.keys(dateOrderLabels) as DateOrder[]).map((o) => (
              <option key={o} value={o}>
                {dateOrderLabels[o]}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </div>
  );
}

/** What stops the file from being imported, row by row, with the whole list to download. */
export function ErrorReport({ fileName, report, children }: { fileName: string; report: ReportRow[]; children: ReactNode }) {
  return (
    <div className="banner banner-error" role="alert" data-testid="import-errors">
      <p>
        <strong>Nothing was imported.</strong> {plural(report.length, "problem")} in {plural(new Set(report.map((r) => r.row)).size, "row")}. {children}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the list scrolls when long, and keyboard users must be able to scroll it. */}
      <ul className="import-error-list" tabIndex={0} aria-label="Problems in the file">
        {report.slice(0, SHOWN_ERRORS).map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several problems in the same column.
          <li key={i}>
            Row {r.row}
            {r.column && `, ${r.column}`}: {r.message}
          </li>
        ))}
      </ul>
      {report.length > SHOWN_ERRORS && <p>And {plural(report.length - SHOWN_ERRORS, "more problem")} in the report.</p>}
      <button type="button" className="button secondary" data-testid="download-report" onClick={() => downloadReport(fileName, report)}>
        Download the report (CSV)
      </button>
    </div>
  );
}

/** What stops a file from being checked at all (a required column not mapped, a date that cannot be read). */
export function BlockingIssues({ issues }: { issues: string[] }) {
  return (
    <div className="banner banner-warn" data-testid="import-blocking">
      <ul>
        {issues.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
    </div>
  );
}
