// One staff member's scorecard: their figures with n and interval, the monthly trend as chart and table, their latest comments.
import { lazy, Suspense } from "react";
import type { Trend } from "../analytics-queries";
import { count, dayLabel, figure, metricInfo, periodLabel, range, type Ci } from "../analytics/format";
import { Skeleton } from "../analytics/parts";
import type { Scorecard } from "../kpis-queries";
import { SentimentBadge } from "../ui/comment-list";
import { ScrollRegion } from "../ui/scroll-region";

const TrendChart = lazy(() => import("../analytics/charts").then((m) => ({ default: m.TrendChart })));

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

type Kind = "score" | "percent" | "index";

function Figure({ label, kind, value, ci, n, testId }: { label: string; kind: Kind; value: number | null | undefined; ci: Ci; n: number; testId: string }) {
  return (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <strong className="kpi-figure">{n === 0 ? "—" : figure(kind, value, ci)}</strong>
        <span className="cell-note">{n === 0 ? "no answers in the period" : `95 % interval ${range(kind, ci)}; n = ${count(n)}`}</span>
      </dd>
    </div>
  );
}

function TrendPart({ scorecard }: { scorecard: Scorecard }) {
  const info = metricInfo(scorecard.trend.metric);
  const points = scorecard.trend.points;
  const answered = points.filter((p) => p.n > 0 && p.value !== null);
  if (answered.length === 0) return <p data-testid="scorecard-trend-empty">No answers by month in this period yet.</p>;
  // The scorecard's months are not tested against each other, so none is marked as a significant move.
  const trend = { points: points.map((p) => ({ ...p, change: null })) } as unknown as Trend;
  const limits: [number, number] = info.kind === "score" ? [-100, 100] : [0, 100];
  const title = `${info.name} by month, ${periodLabel(points[0]!.period)} to ${periodLabel(points[points.length - 1]!.period)}`;
  const first = answered[0]!;
  const last = answered[answered.length - 1]!;
  const desc = `From ${figure(info.kind, first.value, first.ci95)} in ${periodLabel(first.period)} to ${figure(info.kind, last.value, last.ci95)} in ${periodLabel(last.period)}. Shaded: the 95% interval; gaps: months without answers. The table below gives every month.`;
  return (
    <>
      <Suspense fallback={<Skeleton label="Loading the chart…" chart lines={0} />}>
        <TrendChart trend={trend} limits={limits} formatValue={(v) => figure(info.kind, v, undefined, 0)} formatPeriod={periodLabel} title={title} desc={desc} />
      </Suspense>
      <ScrollRegion label={`${title}, as a table`}>
        <table className="table compact" data-testid="scorecard-trend">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">{info.short}</th>
              <th scope="col">95% interval</th>
              <th scope="col">n</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.period}>
                <th scope="row">{periodLabel(p.period)}</th>
                <td>{p.n === 0 ? "no answers" : figure(info.kind, p.value, p.ci95)}</td>
                <td>{p.n === 0 ? "—" : range(info.kind, p.ci95)}</td>
                <td>{count(p.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

export function ScorecardView({ scorecard }: { scorecard: Scorecard }) {
  const s = scorecard;
  return (
    <>
      <p className="muted" data-testid="scorecard-period">
        {s.agent.name}, {dayLabel(s.fromDay)} to {dayLabel(s.toDay)}: {count(s.responses)} {s.responses === 1 ? "response" : "responses"}. Each figure with its 95 % interval: the fewer the answers,
        the wider it is.
      </p>
      <section className="panel" aria-labelledby="figures-heading">
        <h2 id="figures-heading">Figures</h2>
        <dl className="facts scorecard-facts">
          <Figure label="Net Promoter Score" kind="score" value={s.nps?.score} ci={s.nps?.ci95} n={s.nps?.n ?? 0} testId="scorecard-nps" />
          <Figure label="CSAT, satisfied (4–5)" kind="percent" value={s.csat?.top2box} ci={s.csat?.ci95} n={s.csat?.n ?? 0} testId="scorecard-csat" />
          <Figure label="Satisfaction index" kind="index" value={s.index.value} ci={s.index.ci95} n={s.index.n} testId="scorecard-index" />
        </dl>
      </section>
      <section className="panel" aria-labelledby="trend-heading">
        <h2 id="trend-heading">Month by month</h2>
        <TrendPart scorecard={s} />
      </section>
      <section className="panel" aria-labelledby="comments-heading">
        <h2 id="comments-heading">Latest comments</h2>
        {s.comments.length === 0 ? (
          <p data-testid="scorecard-comments-empty">No comments in this period yet.</p>
        ) : (
          <ul className="comment-list" aria-label="Latest comments, newest first">
            {s.comments.map((c) => (
              <li key={c.id} className="comment" data-testid="scorecard-comment">
                <blockquote className="comment-text">{c.text}</blockquote>
                <p className="comment-tags">
                  <SentimentBadge label={c.sentimentLabel} />
                  {c.themes.map((t) => (
                    <span key={t} className="badge theme-chip">
                      {t}
                    </span>
                  ))}
                </p>
                <p className="comment-meta">
                  <time dateTime={c.respondedAt}>{dateFormat.format(new Date(c.respondedAt))}</time>
                  {[c.unit?.name, c.channel].filter(Boolean).map((x) => ` · ${x}`)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
