// The chosen metric period by period: chart (loaded on demand), its significant moves in words, and the same figures as a table.
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { exportHref, trendQuery, type Scope, type Trend } from "../analytics-queries";
import { ScrollRegion } from "../ui/scroll-region";
import { count, dayLabel, figure, periodLabel, plusMinus, range, type MetricInfo } from "./format";
import { Section, SectionProblem, Select, Skeleton } from "./parts";
import type { Interval } from "./search";

const TrendChart = lazy(() => import("./charts").then((m) => ({ default: m.TrendChart })));

const limitsOf = (info: MetricInfo): [number, number] => (info.kind === "score" ? [-100, 100] : info.kind === "mean" ? [1, info.scaleMax ?? 7] : [0, 100]);

const intervalNames: Record<Interval, string> = { day: "Day", week: "Week", month: "Month", quarter: "Quarter" };
const intervalPlural: Record<Interval, string> = { day: "days", week: "weeks", month: "months", quarter: "quarters" };

type Props = { scope: Scope; metric: string; info: MetricInfo; interval: Interval; setInterval: (i: Interval) => void };

export function TrendSection({ scope, metric, info, interval, setInterval }: Props) {
  const trend = useQuery(trendQuery(scope, metric, interval));
  const data = trend.data;
  return (
    <Section
      id="trend"
      title={`${info.name} over time`}
      exportHref={exportHref("trend", scope, { metric, interval })}
      controls={
        <Select
          id="trend-interval"
          label="By"
          value={interval}
          options={(Object.keys(intervalNames) as Interval[]).map((i) => ({ value: i, label: intervalNames[i] }))}
          onChange={(v) => setInterval(v as Interval)}
        />
      }
    >
      <SectionProblem error={trend.error} />
      {!data && trend.isPending && <Skeleton label="Loading the trend…" chart lines={1} />}
      {data && (
        <div className={trend.isPlaceholderData ? "stale" : undefined} aria-busy={trend.isFetching}>
          <TrendBody trend={data} info={info} interval={data.interval} />
        </div>
      )}
    </Section>
  );
}

function TrendBody({ trend, info, interval }: { trend: Trend; info: MetricInfo; interval: Interval }) {
  const [asTable, setAsTable] = useState(false);
  const points = trend.points;
  const answered = points.filter((p) => p.n > 0 && p.value !== null);
  const moves = points.flatMap((p, i) => (p.change === "up" || p.change === "down" ? [{ p, before: points[i - 1] }] : []));
  if (answered.length === 0) return <p className="dash-empty">No answers to this metric in the period. Choose another metric or a longer period.</p>;
  const first = answered[0]!;
  const last = answered[answered.length - 1]!;
  const title = `${info.name} by ${interval}, ${periodLabel(points[0]!.period)} to ${periodLabel(points[points.length - 1]!.period)}`;
  const movesText = moves.length
    ? `Significant changes: ${moves.map(({ p }) => `${p.change} in ${periodLabel(p.period)}`).join("; ")}.`
    : `No significant change from one ${interval} to the next.`;
  const desc = `From ${figure(info.kind, first.value, first.ci95)} in ${periodLabel(first.period)} to ${figure(info.kind, last.value, last.ci95)} in ${periodLabel(last.period)}. ${movesText} Shaded: the 95% interval; gaps: ${intervalPlural[interval]} without answers. The table toggle shows every figure.`;
  return (
    <>
      <Suspense fallback={<Skeleton label="Loading the chart…" chart lines={0} />}>
        <TrendChart
          trend={trend}
          limits={limitsOf(info)}
          formatValue={(v) => figure(info.kind, v, undefined, info.kind === "mean" ? 1 : 0)}
          formatPeriod={periodLabel}
          title={title}
          desc={desc}
        />
      </Suspense>
      <div className="trend-moves" data-testid="trend-moves">
        {moves.length === 0 ? (
          <p className="muted">No significant change from one {interval} to the next (5% level).</p>
        ) : (
          <ul>
            {moves.map(({ p, before }) => (
              <li key={p.period}>
                <span className={p.change === "up" ? "move-up" : "move-down"} aria-hidden="true">
                  {p.change === "up" ? "▲" : "▼"}
                </span>{" "}
                {periodLabel(p.period)}: significantly {p.change} to {figure(info.kind, p.value, p.ci95)}
                {before && before.value !== null && ` from ${figure(info.kind, before.value, before.ci95)} in ${periodLabel(before.period)}`} (n = {count(p.n)})
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="link-button" aria-expanded={asTable} aria-controls="trend-table" onClick={() => setAsTable(!asTable)}>
        {asTable ? "Hide the table" : "Show as table"}
      </button>
      {/* Always in the page for screen readers; shown on request for everyone else. */}
      <div id="trend-table" className={asTable ? "trend-table" : "sr-only"}>
        <ScrollRegion label={`${title}, as a table`}>
          <table className="table compact" data-testid="trend-table">
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">{info.short}</th>
                <th scope="col">95% interval</th>
                <th scope="col">n</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.period}>
                  <th scope="row">
                    {periodLabel(p.period)}
                    <span className="cell-note">
                      {dayLabel(p.from)} – {dayLabel(p.to)}
                    </span>
                  </th>
                  <td>{p.n === 0 ? "no answers" : figure(info.kind, p.value, p.ci95)}</td>
                  <td>{p.n === 0 ? "—" : `${range(info.kind, p.ci95)} ${plusMinus(info.kind, p.ci95) && `(${plusMinus(info.kind, p.ci95)})`}`}</td>
                  <td>{count(p.n)}</td>
                  <td>{p.change === "up" ? "up (significant)" : p.change === "down" ? "down (significant)" : p.change === "flat" ? "no significant change" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </div>
    </>
  );
}
