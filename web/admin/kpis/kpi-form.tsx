// The form that sets or changes a KPI: every field the server checks, with its message beside the field.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { filterOptionsQuery } from "../analytics-queries";
import { kpiKeys, kpiWrites, type KpiInput, type KpiWithStatus } from "../kpis-queries";
import { surveyPickerQuery } from "../queries";
import { ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { MetricSelect } from "./metric-select";
import { usualDirection } from "./metrics";

type Draft = { name: string; metric: string; surveyId: string; unitId: string; channel: string; direction: "higher" | "lower"; target: string; warning: string; period: "month" | "quarter" };

const blank: Draft = { name: "", metric: "nps", surveyId: "", unitId: "", channel: "", direction: "higher", target: "", warning: "", period: "month" };

const draftOf = (k: KpiWithStatus): Draft => ({
  name: k.name,
  metric: k.metric,
  surveyId: k.scope.surveyId ?? "",
  unitId: k.scope.unitId ?? "",
  channel: k.scope.channel ?? "",
  direction: k.direction,
  target: String(k.target),
  warning: String(k.warning),
  period: k.period,
});

// An empty number goes as null, so the server names the field rather than reading a zero nobody typed.
const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

const FIELDS = ["/name", "/metric", "/surveyId", "/unitId", "/channel", "/direction", "/target", "/warning", "/period"];

type Props = { kpi: KpiWithStatus | null; onDone: (message: string) => void };

export function KpiForm({ kpi, onDone }: Props) {
  const queryClient = useQueryClient();
  const options = useQuery(filterOptionsQuery);
  const surveys = useQuery(surveyPickerQuery);
  const [draft, setDraft] = useState<Draft>(() => (kpi ? draftOf(kpi) : blank));
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      const body: KpiInput = {
        name: draft.name,
        metric: draft.metric,
        surveyId: draft.surveyId || null,
        unitId: draft.unitId || null,
        channel: draft.channel || null,
        direction: draft.direction,
        target: numberOf(draft.target),
        warning: numberOf(draft.warning),
        period: draft.period,
      };
      return kpi ? kpiWrites.update(kpi.id, body) : kpiWrites.create(body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: kpiKeys.list });
      onDone(kpi ? `“${saved.name}” saved.` : `“${saved.name}” added.`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const errors = (path: string) => fieldErrorsAt(save.error, path);
  const fieldProblem = FIELDS.some((p) => errors(p).length > 0);
  const title = kpi ? `Change “${kpi.name}”` : "Add a KPI";
  const published = surveys.data ?? [];
  return (
    <section className="panel kpi-form" aria-labelledby="kpi-form-heading" data-testid="kpi-form">
      <h2 id="kpi-form-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <FormField id="kpi-name" label="Name" errors={errors("/name")} hint="As people will call it, e.g. “NPS, North branch”.">
            {(control) => <input {...control} value={draft.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} />}
          </FormField>
          <FormField id="kpi-metric" label="Metric" errors={errors("/metric")}>
            {(control) => (
              <MetricSelect
                control={control}
                value={draft.metric}
                onChange={(metric) => set({ metric, direction: usualDirection(metric) === usualDirection(draft.metric) ? draft.direction : usualDirection(metric) })}
              />
            )}
          </FormField>
          <FormField id="kpi-direction" label="Better when the figure is" errors={errors("/direction")}>
            {(control) => (
              <select {...control} value={draft.direction} onChange={(e) => set({ direction: e.target.value as Draft["direction"] })}>
                <option value="higher">Higher (target is a minimum)</option>
                <option value="lower">Lower (target is a maximum)</option>
              </select>
            )}
          </FormField>
          <FormField id="kpi-target" label="Target" errors={errors("/target")}>
            {(control) => <input {...control} type="number" inputMode="decimal" step="any" value={draft.target} onChange={(e) => set({ target: e.target.value })} />}
          </FormField>
          <FormField
            id="kpi-warning"
            label="Warning level"
            errors={errors("/warning")}
            hint={draft.direction === "higher" ? "Below the target: red when even the best reading misses it." : "Above the target: red when even the best reading misses it."}
            liveHint
          >
            {(control) => <input {...control} type="number" inputMode="decimal" step="any" value={draft.warning} onChange={(e) => set({ warning: e.target.value })} />}
          </FormField>
          <FormField id="kpi-period" label="Review period" errors={errors("/period")}>
            {(control) => (
              <select {...control} value={draft.period} onChange={(e) => set({ period: e.target.value as Draft["period"] })}>
                <option value="month">Month</option>
                <option value="quarter">Quarter</option>
              </select>
            )}
          </FormField>
          <FormField id="kpi-survey" label="Survey" errors={errors("/surveyId")}>
            {(control) => (
              <select {...control} value={draft.surveyId} onChange={(e) => set({ surveyId: e.target.value })}>
                <option value="">Every survey</option>
                {published.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="kpi-unit" label="Unit" errors={errors("/unitId")}>
            {(control) => (
              <select {...control} value={draft.unitId} onChange={(e) => set({ unitId: e.target.value })}>
                <option value="">Whole organisation</option>
                {options.data?.units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="kpi-channel" label="Channel" errors={errors("/channel")}>
            {(control) => (
              <select {...control} value={draft.channel} onChange={(e) => set({ channel: e.target.value })}>
                <option value="">Every channel</option>
                {draft.channel && !options.data?.channels.includes(draft.channel) && <option value={draft.channel}>{draft.channel}</option>}
                {options.data?.channels.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <ProblemBanner error={fieldProblem ? null : (save.error ?? options.error ?? surveys.error)} />
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? "Saving…" : kpi ? "Save KPI" : "Add KPI"}
          </button>
          <button type="button" className="button secondary" onClick={() => onDone("")}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
