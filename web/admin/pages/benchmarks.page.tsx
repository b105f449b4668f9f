// /kpis/benchmarks: competitor and industry series, each figure with its day and source, entered by hand or imported.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState, type FormEvent, type ReactNode } from "react";
import { ImportPanel, SeriesPanel } from "../kpis/benchmark-parts";
import { MetricSelect } from "../kpis/metric-select";
import "../kpis/kpis.css";
import { benchmarksQuery, benchmarkWrites, kpiKeys } from "../kpis-queries";
import { useSession } from "../session";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, Notice, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { NotForYourRole, readsKpis } from "./kpis.page";

function NewSeriesForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"competitor" | "industry">("competitor");
  const [metric, setMetric] = useState("nps");
  const [added, setAdded] = useState("");
  const create = useMutation({
    mutationFn: () => benchmarkWrites.createSeries({ name, kind, metric }),
    onMutate: () => setAdded(""),
    onSuccess: async (series) => {
      await queryClient.invalidateQueries({ queryKey: kpiKeys.benchmarks });
      setAdded(`Series “${series.name}” added. Give it its figures below.`);
      setName("");
    },
  });
  const errors = (path: string) => fieldErrorsAt(create.error, path);
  const fieldProblem = ["/name", "/kind", "/metric"].some((p) => errors(p).length > 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="panel" aria-labelledby="new-series-heading">
      <h2 id="new-series-heading">Add a series</h2>
      <form className="inline-form" onSubmit={submit} noValidate data-testid="series-form">
        <FormField id="series-name" label="Name" errors={errors("/name")} hint="The competitor, or the survey the industry figure comes from.">
          {(control) => <input {...control} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <FormField id="series-kind" label="Kind" errors={errors("/kind")}>
          {(control) => (
            <select {...control} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="competitor">Competitor</option>
              <option value="industry">Industry</option>
            </select>
          )}
        </FormField>
        <FormField id="series-metric" label="Metric" errors={errors("/metric")}>
          {(control) => <MetricSelect control={control} value={metric} onChange={setMetric} />}
        </FormField>
        <button type="submit" className="button" disabled={create.isPending}>
          Add series
        </button>
      </form>
      <ProblemBanner error={fieldProblem ? null : create.error} />
      {added && <Notice>{added}</Notice>}
    </section>
  );
}

export function BenchmarksPage(): ReactNode {
  const { me } = useSession();
  const allowed = readsKpis(me.role);
  const list = useQuery({ ...benchmarksQuery, enabled: allowed });
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  if (!allowed) {
    return (
      <>
        <PageHeading title="Benchmarks">Benchmarks</PageHeading>
        <NotForYourRole what="Benchmarks" role={me.role} />
      </>
    );
  }
  const series = list.data?.items;
  return (
    <>
      <PageHeading title="Benchmarks">Benchmarks</PageHeading>
      <p className="muted">
        Competitors' and the industry's figures for a metric, each with the day it describes and where it comes from. Review packs set your <Link to="/kpis">KPIs</Link> beside the latest figure of
        each series for the same metric.
      </p>
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
      <NewSeriesForm />
      <section aria-labelledby="series-heading">
        <h2 id="series-heading">Series</h2>
        <ProblemBanner error={list.error} />
        {list.isPending && <Loading>Loading benchmarks…</Loading>}
        {series?.length === 0 && (
          <div className="empty-state" data-testid="benchmarks-empty">
            <p>No benchmark series yet. Add one above, or import a CSV file of figures below.</p>
          </div>
        )}
        {series?.map((s) => (
          <SeriesPanel key={s.id} series={s} onConfirm={setConfirm} />
        ))}
      </section>
      <ImportPanel />
    </>
  );
}
