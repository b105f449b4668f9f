// One card per index: its value in its unit, the 95 % interval as ± and in full, and the n behind it.
import type { ReactNode } from "react";
import type { Summary } from "../analytics-queries";
import { count, dimensionTitle, figure, plusMinus, range, type Ci } from "./format";

function Card({ testId, title, children }: { testId: string; title: string; children: ReactNode }) {
  return (
    <section className="metric-card" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{title}</h3>
      {children}
    </section>
  );
}

const NoAnswers = ({ what = "answers" }: { what?: string }) => <p className="metric-empty">No {what} in this period</p>;

type Kind = "score" | "percent" | "mean" | "index";

/** The big figure with its ± beside it, and the full interval and n below. */
function Figure({ kind, value, ci, n, of, nNote }: { kind: Kind; value: number | null; ci: Ci; n: number; of?: number; nNote?: string }) {
  return (
    <>
      <p className="metric-value">
        {figure(kind, value, ci)}
        {of !== undefined && value !== null && <span className="metric-of"> / {of}</span>}
        {ci && <span className="metric-pm"> {plusMinus(kind, ci)}</span>}
      </p>
      <p className="metric-note">
        {ci ? `95% CI ${range(kind, ci)}` : "95% CI not available"} · <span className="nowrap">n = {count(n)}</span>
        {nNote && ` ${nNote}`}
      </p>
    </>
  );
}

function Secondary({ label, kind, value, ci, of }: { label: string; kind: Kind; value: number | null; ci: Ci; of?: number }) {
  return (
    <p className="metric-secondary">
      {label} {figure(kind, value, ci)}
      {of !== undefined && value !== null && ` / ${of}`} <span className="metric-note">({ci ? `95% CI ${range(kind, ci)}` : "no interval"})</span>
    </p>
  );
}

function NpsBar({ nps }: { nps: NonNullable<Summary["nps"]> }) {
  const parts = [
    { key: "promoters", label: "Promoters (9–10)", count: nps.promoters },
    { key: "passives", label: "Passives (7–8)", count: nps.passives },
    { key: "detractors", label: "Detractors (0–6)", count: nps.detractors },
  ];
  const share = (c: number) => (nps.n > 0 ? (c / nps.n) * 100 : 0);
  return (
    <>
      {/* The legend below carries the same figures as text, so the bar itself stays out of the reading order. */}
      <div className="nps-bar" aria-hidden="true">
        {parts.map((p) => (
          <span key={p.key} className={`nps-seg nps-${p.key}`} style={{ width: `${share(p.count)}%` }} />
        ))}
      </div>
      <ul className="nps-legend">
        {parts.map((p) => (
          <li key={p.key} data-testid={`nps-${p.key}`}>
            <span className={`swatch nps-${p.key}`} aria-hidden="true" />
            {p.label}: {count(p.count)} ({figure("percent", share(p.count))})
          </li>
        ))}
      </ul>
    </>
  );
}

export function IndexCards({ summary }: { summary: Summary }) {
  const { invitations, nps, csat, ces, loyalty, dimensions, index } = summary;
  return (
    <div className="metric-grid">
      <Card testId="metric-index" title="Satisfaction index (0–100)">
        {index.value === null ? (
          <p className="metric-empty">{index.missing.length ? `No answers to ${index.missing.join(", ")} in this period` : "No answers in this period"}</p>
        ) : (
          <Figure kind="index" value={index.value} ci={index.ci95} n={index.n} nNote="(least-answered item)" />
        )}
        <p className="metric-note">{index.weightsVersion === 0 ? "Equal weights on the items answered" : `Weights version ${index.weightsVersion}`}</p>
      </Card>

      <Card testId="metric-nps" title="Net Promoter Score">
        {nps === null ? (
          <NoAnswers />
        ) : (
          <>
            <Figure kind="score" value={nps.score} ci={nps.ci95} n={nps.n} />
            <NpsBar nps={nps} />
          </>
        )}
      </Card>

      <Card testId="metric-csat" title="Customer satisfaction (CSAT)">
        {csat === null ? (
          <NoAnswers />
        ) : (
          <>
            <Figure kind="percent" value={csat.top2box} ci={csat.top2boxCi95} n={csat.n} />
            <p className="metric-note">satisfied or very satisfied (4–5)</p>
            <Secondary label="Mean" kind="mean" value={csat.mean} ci={csat.meanCi95} of={5} />
          </>
        )}
      </Card>

      <Card testId="metric-ces" title="Customer effort (CES)">
        {ces === null ? (
          <NoAnswers />
        ) : (
          <>
            <Figure kind="mean" value={ces.mean} ci={ces.meanCi95} n={ces.n} of={7} />
            <p className="metric-note">mean ease, 7 = easiest</p>
            <Secondary label="Agree it was easy (5–7):" kind="percent" value={ces.agree} ci={ces.agreeCi95} />
          </>
        )}
      </Card>

      <Card testId="metric-loyalty" title="Loyalty">
        {loyalty === null ? (
          <NoAnswers />
        ) : (
          <>
            <Figure kind="percent" value={loyalty.top2box} ci={loyalty.top2boxCi95} n={loyalty.n} />
            <p className="metric-note">would come back (4–5)</p>
            <Secondary label="Mean" kind="mean" value={loyalty.mean} ci={loyalty.meanCi95} of={5} />
          </>
        )}
      </Card>

      <Card testId="metric-rate" title="Response rate">
        {invitations.rate === null ? (
          <p className="metric-empty">No invitations sent in this period</p>
        ) : (
          <>
            <Figure kind="percent" value={invitations.rate} ci={invitations.rateCi95} n={invitations.sent} nNote="sent" />
            <p className="metric-note">
              {count(invitations.responded)} of {count(invitations.sent)} invitations answered
            </p>
          </>
        )}
      </Card>

      <Card testId="metric-responses" title="Responses">
        <p className="metric-value" data-testid="responses-count">
          {count(summary.responses)}
        </p>
        <p className="metric-note">in this period, all sources</p>
      </Card>

      {dimensions.map((d) => (
        <Card key={d.series} testId={`metric-${d.metric.replace(":", "-")}`} title={dimensionTitle(d.name)}>
          {d.n === 0 ? (
            <NoAnswers />
          ) : (
            <>
              <Figure kind="mean" value={d.mean} ci={d.meanCi95} n={d.n} of={d.scale.max} />
              <p className="metric-note">
                mean rating ({d.scale.min}–{d.scale.max}); {figure("percent", d.top2box)} in the top two
              </p>
            </>
          )}
        </Card>
      ))}
    </div>
  );
}
