// The dashboard's filters: survey, period (presets or days), units, channels, staff, interaction types and the metric.
import { useQuery } from "@tanstack/react-query";
import { filterOptionsQuery, localDay } from "../analytics-queries";
import { surveyPickerQuery } from "../queries";
import { fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { metricInfo } from "./format";
import type { AnalyticsSearch, RangePreset } from "./search";

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const presetNames: Record<RangePreset | "custom", string> = {
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "12m": "Last 12 months",
  quarter: "This quarter",
  custom: "Chosen dates",
};

type Props = {
  search: AnalyticsSearch;
  set: (patch: Partial<AnalyticsSearch>) => void;
  /** The days the server read, for the default period it chose. */
  shownDays?: { fromDay: string; toDay: string };
  metric: string;
  metricOptions: string[];
  scales: Record<string, number>;
  problem: unknown;
};

export function FilterBar({ search, set, shownDays, metric, metricOptions, scales, problem }: Props) {
  const surveys = useQuery(surveyPickerQuery).data;
  const options = useQuery(filterOptionsQuery).data;
  const custom = Boolean(search.from || search.to);
  const preset = custom ? "custom" : (search.range ?? "90d");
  const fallback = (() => {
    const to = new Date();
    const from = new Date(to);
    from.setDate(from.getDate() - 89);
    return { from: localDay(from), to: localDay(to) };
  })();
  // The days the server counted for the preset, in the organisation's calendar.
  const presetShown = shownDays && { from: shownDays.fromDay, to: shownDays.toDay };
  const from = search.from ?? presetShown?.from ?? fallback.from;
  const to = search.to ?? presetShown?.to ?? fallback.to;
  const surveyId = search.surveyId ?? "";
  const knownSurvey = !surveyId || surveys?.some((s) => s.id === surveyId);
  const narrowed = Boolean(search.unit?.length || search.channel?.length || search.agent?.length || search.type?.length);

  return (
    <form className="filters dash-filters" onSubmit={(e) => e.preventDefault()} aria-label="Analytics filters">
      <FormField id="analytics-survey" label="Survey">
        {(control) => (
          <select {...control} value={surveyId} onChange={(e) => set({ surveyId: e.target.value || undefined })}>
            <option value="">All surveys</option>
            {!knownSurvey && <option value={surveyId}>{surveys ? "Unknown survey" : "Loading…"}</option>}
            {surveys?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="analytics-range" label="Period">
        {(control) => (
          <select
            {...control}
            value={preset}
            onChange={(e) => {
              const v = e.target.value as RangePreset | "custom";
              if (v === "custom") set({ range: undefined, from, to });
              else set({ range: v === "90d" ? undefined : v, from: undefined, to: undefined });
            }}
          >
            {(Object.keys(presetNames) as (keyof typeof presetNames)[]).map((k) => (
              <option key={k} value={k}>
                {presetNames[k]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="analytics-from" label="From" errors={fieldErrorsAt(problem, "/from")}>
        {(control) => <input {...control} type="date" value={from} max={to} onChange={(e) => isDay(e.target.value) && set({ range: undefined, from: e.target.value, to })} />}
      </FormField>
      <FormField id="analytics-to" label="To" errors={fieldErrorsAt(problem, "/to")}>
        {(control) => <input {...control} type="date" value={to} min={from} onChange={(e) => isDay(e.target.value) && set({ range: undefined, from, to: e.target.value })} />}
      </FormField>
      <FormField id="analytics-metric" label="Metric" hint="For the trend, segments and staff">
        {(control) => (
          <select {...control} value={metric} onChange={(e) => set({ metric: e.target.value === "nps" ? undefined : e.target.value })}>
            {metricOptions.map((m) => (
              <option key={m} value={m}>
                {metricInfo(m, scales).name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="dash-multi-row">
        <MultiChoice id="unit" label="Units" chosen={search.unit} choices={options?.units.map((u) => ({ value: u.id, label: u.name }))} set={(unit) => set({ unit })} />
        <MultiChoice id="channel" label="Channels" chosen={search.channel} choices={options?.channels.map((c) => ({ value: c, label: c }))} set={(channel) => set({ channel })} />
        <MultiChoice id="agent" label="Staff" chosen={search.agent} choices={options?.agents.map((a) => ({ value: a.id, label: a.name }))} set={(agent) => set({ agent })} />
        <MultiChoice id="type" label="Interaction types" chosen={search.type} choices={options?.types.map((t) => ({ value: t, label: t }))} set={(type) => set({ type })} />
        {narrowed && (
          <button type="button" className="button secondary small" onClick={() => set({ unit: undefined, channel: undefined, agent: undefined, type: undefined })}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}

type Choice = { value: string; label: string };

/** Several values of one filter: a disclosure of checkboxes, each change applied at once. */
function MultiChoice({ id, label, chosen = [], choices, set }: { id: string; label: string; chosen?: string[]; choices?: Choice[]; set: (v: string[] | undefined) => void }) {
  const names = chosen.map((v) => choices?.find((c) => c.value === v)?.label ?? v);
  const summary = names.length === 0 ? "all" : names.length <= 2 ? names.join(", ") : `${names.length} chosen`;
  const toggle = (value: string, on: boolean) => {
    const next = on ? [...chosen, value] : chosen.filter((v) => v !== value);
    set(next.length ? next : undefined);
  };
  return (
    <details className="multi-choice" data-testid={`filter-${id}`}>
      <summary>
        {label}: <span className={names.length ? "multi-chosen" : "muted"}>{summary}</span>
      </summary>
      <fieldset>
        <legend className="sr-only">{label}</legend>
        {!choices && <p className="muted">Loading…</p>}
        {choices?.length === 0 && <p className="muted">None recorded yet.</p>}
        {choices?.map((c) => (
          <label key={c.value} className="check">
            <input type="checkbox" checked={chosen.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
