// A metric select in words, grouped: scores, the dimensions the analytics know, and follow-up cases.
import { useQuery } from "@tanstack/react-query";
import { summaryQuery } from "../analytics-queries";
import type { ControlProps } from "../ui/form-field";
import { metricGroups, metricWords } from "./metrics";

export function MetricSelect({ control, value, onChange }: { control: ControlProps; value: string; onChange: (metric: string) => void }) {
  // The dimensions answered lately, as the dashboard knows them; a saved one no longer answered stays choosable.
  const summary = useQuery(summaryQuery({}));
  const dimensions = (summary.data?.dimensions ?? []).map((d) => d.name);
  const groups = metricGroups([...new Set(dimensions)]);
  const known = groups.some((g) => g.options.some((o) => o.value === value));
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {!known && <option value={value}>{metricWords(value)}</option>}
      {groups.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
