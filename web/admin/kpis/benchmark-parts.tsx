// Pieces of the benchmarks page: one series with its figures and the form that sets one, and the CSV import.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { ApiError } from "../../shared/api-client";
import { dayLabel } from "../analytics/format";
import { benchmarkWrites, kpiKeys, type BenchmarkImport, type BenchmarkSeries } from "../kpis-queries";
import type { Confirm } from "../ui/confirm-dialog";
import { Notice, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { ScrollRegion } from "../ui/scroll-region";
import { amount, metricWords } from "./metrics";

const kindWords = { competitor: "Competitor", industry: "Industry" } as const;

type SeriesProps = { series: BenchmarkSeries; onConfirm: (c: Confirm) => void };

export function SeriesPanel({ series, onConfirm }: SeriesProps) {
  const queryClient = useQueryClient();
  const [asOf, setAsOf] = useState("");
  const [value, setValue] = useState("");
  const [source, setSource] = useState("");
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState("");
  const valueRef = useRef<HTMLInputElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: kpiKeys.benchmarks });
  const put = useMutation({
    mutationFn: () => {
      if (!asOf) throw new ApiError(422, "Check your entries", "Give the date the figure describes.", [{ path: "/asOf", message: "Give the date the figure describes, such as 2026-09-30." }]);
      return benchmarkWrites.putPoint(series.id, asOf, { value: value.trim() === "" ? Number.NaN : Number(value), source });
    },
    onMutate: () => setSaved(""),
    onSuccess: async (point) => {
      await refresh();
      setSaved(`Figure for ${dayLabel(point.asOf)} saved.`);
      setAsOf("");
      setValue("");
      setSource("");
      setEditing(false);
    },
  });
  const prefix = `series-${series.id}`;
  const errors = (path: string) => fieldErrorsAt(put.error, path);
  const fieldProblem = ["/asOf", "/value", "/source"].some((p) => errors(p).length > 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    put.mutate();
  };
  const edit = (p: BenchmarkSeries["points"][number]) => {
    setAsOf(p.asOf);
    setValue(String(p.value));
    setSource(p.source);
    setEditing(true);
    put.reset();
    valueRef.current?.focus();
  };
  const deletePoint = (p: BenchmarkSeries["points"][number]) =>
    onConfirm({
      title: `Delete the figure for ${dayLabel(p.asOf)}?`,
      body: (
        <p>
          {series.name}'s {amount(series.metric, p.value)} ({p.source}) goes from this series. Review packs already prepared keep it.
        </p>
      ),
      action: "Delete figure",
      run: async () => {
        await benchmarkWrites.deletePoint(series.id, p.asOf);
        await refresh();
        setSaved(`Figure for ${dayLabel(p.asOf)} deleted.`);
      },
    });
  const deleteSeries = () =>
    onConfirm({
      title: `Delete the series “${series.name}”?`,
      body: <p>It and its {series.points.length === 1 ? "figure go" : `${series.points.length} figures go`}. Review packs already prepared keep what they showed.</p>,
      action: "Delete series",
      run: async () => {
        await benchmarkWrites.deleteSeries(series.id);
        await refresh();
      },
    });
  return (
    <section className="panel benchmark-series" aria-labelledby={`${prefix}-heading`} data-testid="benchmark-series">
      <div className="series-head">
        <h3 id={`${prefix}-heading`}>{series.name}</h3>
        <button type="button" className="button danger small" onClick={deleteSeries}>
          Delete series<span className="sr-only"> {series.name}</span>
        </button>
      </div>
      <p className="muted small">
        {kindWords[series.kind]} · {metricWords(series.metric)}
      </p>
      {series.points.length === 0 ? (
        <p data-testid="points-empty">No figures yet. Add the first below, with the day it describes and where it comes from.</p>
      ) : (
        <ScrollRegion label={`Figures of ${series.name}`}>
          <table className="table compact stack-narrow" data-testid="points-table">
            <thead>
              <tr>
                <th scope="col">As of</th>
                <th scope="col">Value</th>
                <th scope="col">Source</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {series.points.map((p) => (
                <tr key={p.asOf} data-testid="point-row">
                  <th scope="row" className="stack-title">
                    {dayLabel(p.asOf)}
                  </th>
                  <td data-label="Value">
                    <span>{amount(series.metric, p.value, 2)}</span>
                  </td>
                  <td data-label="Source">
                    <span className="wrap-anywhere">{p.source}</span>
                  </td>
                  <td data-label="Actions">
                    <span className="row-actions">
                      <button type="button" className="button secondary small" onClick={() => edit(p)}>
                        Edit<span className="sr-only"> the figure for {dayLabel(p.asOf)}</span>
                      </button>
                      <button type="button" className="button danger small" onClick={() => deletePoint(p)}>
                        Delete<span className="sr-only"> the figure for {dayLabel(p.asOf)}</span>
                      </button>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <form className="inline-form" onSubmit={submit} noValidate aria-label={`${editing ? "Change a figure of" : "Add a figure to"} ${series.name}`} data-testid="point-form">
        <FormField id={`${prefix}-as-of`} label="As of" errors={errors("/asOf")}>
          {(control) => <input {...control} type="date" value={asOf} readOnly={editing} onChange={(e) => setAsOf(e.target.value)} />}
        </FormField>
        <FormField id={`${prefix}-value`} label="Value" errors={errors("/value")}>
          {(control) => <input {...control} ref={valueRef} type="number" inputMode="decimal" step="any" value={value} onChange={(e) => setValue(e.target.value)} />}
        </FormField>
        <FormField id={`${prefix}-source`} label="Source" errors={errors("/source")}>
          {(control) => <input {...control} value={source} maxLength={300} onChange={(e) => setSource(e.target.value)} />}
        </FormField>
        <button type="submit" className="button secondary" disabled={put.isPending}>
          {editing ? "Save figure" : "Add figure"}
        </button>
        {editing && (
          <button
            type="button"
            className="button secondary inline-cancel"
            onClick={() => {
              setEditing(false);
              setAsOf("");
              setValue("");
              setSource("");
            }}
          >
            Cancel
          </button>
        )}
      </form>
      <ProblemBanner error={fieldProblem ? null : put.error} />
      <p role="status" className="small muted">
        {saved}
      </p>
    </section>
  );
}

const SAMPLE = "series,kind,metric,as_of,value,source\nAcme Bank,competitor,nps,2026-09-30,31.5,Industry NPS report 2026";

export function ImportPanel() {
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const [result, setResult] = useState<BenchmarkImport | null>(null);
  const run = useMutation({
    mutationFn: () => benchmarkWrites.importCsv(csv),
    onMutate: () => setResult(null),
    onSuccess: async (done) => {
      setResult(done);
      await queryClient.invalidateQueries({ queryKey: kpiKeys.benchmarks });
    },
  });
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setCsv(await file.text());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate();
  };
  const rowErrors = run.error instanceof ApiError ? run.error.errors.filter((e) => e.path.startsWith("/rows/")) : [];
  const fileErrors = fieldErrorsAt(run.error, "/csv");
  return (
    <section className="panel" aria-labelledby="import-heading" data-testid="benchmark-import">
      <h2 id="import-heading">Import from a CSV file</h2>
      <p>
        One row per figure, with the columns <code>series</code>, <code>kind</code> (competitor or industry), <code>metric</code> (such as nps, csat or dimension:waiting-time),{" "}
        <code>as_of</code> (the day it describes, YYYY-MM-DD), <code>value</code> and <code>source</code>; commas or semicolons. A series is made when its name is new. Every row is checked first: one
        wrong row stops the whole file, and importing the same file again changes nothing.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="import-file">CSV file</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={pick} />
        </div>
        <FormField id="import-csv" label="Or paste the rows" errors={fileErrors} hint={
            <>
              For example:
              <code className="csv-sample">{SAMPLE}</code>
            </>
          } className="import-csv-field">
          {(control) => <textarea {...control} rows={6} value={csv} spellCheck={false} onChange={(e) => setCsv(e.target.value)} />}
        </FormField>
        <button type="submit" className="button" disabled={run.isPending || csv.trim() === ""}>
          {run.isPending ? "Importing…" : "Import"}
        </button>
      </form>
      {rowErrors.length > 0 ? (
        <div role="alert" className="banner banner-error" data-testid="import-errors">
          <p>
            <strong>Nothing was imported.</strong> Fix {rowErrors.length === 1 ? "this row" : `these ${rowErrors.length} problems`} and import the file again:
          </p>
          <ul>
            {rowErrors.map((e) => (
              <li key={e.path}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <ProblemBanner error={fileErrors.length > 0 ? null : run.error} />
      )}
      {result && (
        <Notice>
          <span data-testid="import-result">
            Imported. {result.message} Series: {result.series.created} new, {result.series.existing} existing. Figures: {result.points.created} new, {result.points.updated} changed,{" "}
            {result.points.unchanged} unchanged.
          </span>
        </Notice>
      )}
    </section>
  );
}
