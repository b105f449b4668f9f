// The metric by unit, channel, staff or interaction type: a sortable table with a sparkline a row, thin rows greyed.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { exportHref, segmentsQuery, type Scope, type Segments } from "../analytics-queries";
import { ScrollRegion } from "../ui/scroll-region";
import { count, figure, periodLabel, range, type MetricInfo } from "./format";
import { MinNField, Section, SectionProblem, Select, Skeleton } from "./parts";
import type { SegmentBy } from "./search";

type Row = Segments["rows"][number];
type SortKey = "label" | "value" | "n" | "lower";
const byNames: Record<SegmentBy, string> = { unit: "Unit", channel: "Channel", agent: "Staff", type: "Interaction type" };

type Props = { scope: Scope; metric: string; info: MetricInfo; by: SegmentBy; minN: number; set: (patch: { by?: SegmentBy; minN?: number }) => void };

export function SegmentsSection({ scope, metric, info, by, minN, set }: Props) {
  const segments = useQuery(segmentsQuery(scope, metric, by, minN));
  const data = segments.data;
  return (
    <Section
      id="segments"
      title={`${info.name} by ${byNames[by].toLowerCase()}`}
      exportHref={exportHref("segments", scope, { metric, by, minN })}
      controls={
        <>
          <Select
            id="segments-by"
            label="Group by"
            value={by}
            options={(Object.keys(byNames) as SegmentBy[]).map((b) => ({ value: b, label: byNames[b] }))}
            onChange={(v) => set({ by: v as SegmentBy })}
          />
          <MinNField id="segments-min-n" value={minN} onChange={(n) => set({ minN: n })} />
        </>
      }
    >
      <SectionProblem error={segments.error} />
      {!data && segments.isPending && <Skeleton label="Loading the segments…" lines={4} />}
      {data && (
        <div className={segments.isPlaceholderData ? "stale" : undefined} aria-busy={segments.isFetching}>
          {data.rows.length === 0 ? (
            <p className="dash-empty">No answers to this metric in the period. Choose another metric or a longer period.</p>
          ) : (
            <SegmentTable data={data} info={info} label={byNames[data.by]} />
          )}
        </div>
      )}
    </Section>
  );
}

function SegmentTable({ data, info, label }: { data: Segments; info: MetricInfo; label: string }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "value", desc: true });
  const keyOf = (r: Row): string | number => {
    if (sort.key === "label") return r.label.toLowerCase();
    if (sort.key === "n") return r.n;
    if (sort.key === "lower") return r.ci95?.[0] ?? Number.NEGATIVE_INFINITY;
    return r.value ?? Number.NEGATIVE_INFINITY;
  };
  // Thin rows stay below the rest whatever the order: their figures are the least trustworthy.
  const rows = [...data.rows].sort((a, b) => {
    if (a.belowMinN !== b.belowMinN) return a.belowMinN ? 1 : -1;
    const [x, y] = [keyOf(a), keyOf(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return sort.desc ? -order : order;
  });
  const header = (key: SortKey, text: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}>
        <button type="button" className="sort-button" onClick={() => setSort({ key, desc: active ? !sort.desc : key !== "label" })}>
          {text}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.desc ? "▼" : "▲") : "↕"}
          </span>
        </button>
      </th>
    );
  };
  return (
    <ScrollRegion label={`${info.name} by ${label.toLowerCase()}`}>
      <table className="table compact segments-table" data-testid="segments-table">
        <thead>
          <tr>
            {header("label", label)}
            {header("value", info.short)}
            {header("lower", "95% interval")}
            {header("n", "n")}
            <th scope="col">
              By {data.sparkInterval}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key || "none"} className={r.belowMinN ? "below-min" : undefined} data-testid="segment-row">
              <th scope="row">
                {r.label || "Not recorded"}
                {r.belowMinN && <span className="cell-note">fewer than {count(data.minN)} answers</span>}
              </th>
              <td className="num">{figure(info.kind, r.value, r.ci95)}</td>
              <td className="num">{range(info.kind, r.ci95)}</td>
              <td className="num">{count(r.n)}</td>
              <td>
                <Sparkline row={r} info={info} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const SPARK_W = 96;
const SPARK_H = 24;

/** The row's figure period by period; periods without answers break the line. */
function Sparkline({ row, info }: { row: Row; info: MetricInfo }) {
  const pts = row.spark;
  const values = pts.flatMap((p) => (p.value !== null && p.n > 0 ? [p.value] : []));
  if (values.length < 2) return <span className="muted">—</span>;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (i: number) => (pts.length === 1 ? SPARK_W / 2 : (i / (pts.length - 1)) * (SPARK_W - 4) + 2);
  const y = (v: number) => SPARK_H - 3 - ((v - lo) / span) * (SPARK_H - 6);
  const runs: string[] = [];
  let run = "";
  pts.forEach((p, i) => {
    if (p.value === null || p.n === 0) {
      if (run) runs.push(run);
      run = "";
    } else run += `${run ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (run) runs.push(run);
  const answered = pts.filter((p) => p.value !== null && p.n > 0);
  const first = answered[0]!;
  const last = answered[answered.length - 1]!;
  const label = `From ${figure(info.kind, first.value)} in ${periodLabel(first.period)} to ${figure(info.kind, last.value)} in ${periodLabel(last.period)}`;
  return (
    <svg className="sparkline" width={SPARK_W} height={SPARK_H} role="img" aria-label={label}>
      {runs.map((d) => (
        <path key={d} d={d} />
      ))}
      <circle cx={x(pts.indexOf(last))} cy={y(last.value!)} r={2} />
    </svg>
  );
}
