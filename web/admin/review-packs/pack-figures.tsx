// The frozen figures of a pack, section by section: KPIs, responses, drivers, themes, cases and staff.
import type { ReactNode } from "react";
import { dayLabel, metricInfo } from "../analytics/format";
import type { Pack, SnapshotKpi } from "../review-packs-queries";
import { ScrollRegion } from "../ui/scroll-region";
import { KpiStatusBadge, count, hours, num, percent, readingText } from "./parts";

type Snapshot = Pack["snapshot"];

/** One section of the pack; `newPage` starts it on a fresh printed page. */
export function PackSection({ id, title, children, newPage }: { id: string; title: string; children: ReactNode; newPage?: boolean }) {
  return (
    <section className={newPage ? "panel pack-section pack-new-page" : "panel pack-section"} aria-labelledby={`${id}-heading`} data-testid={`section-${id}`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

const targetText = (k: SnapshotKpi) => {
  const level = (v: number) => `${num(v, 1).replace(/\.0$/, "")} ${k.unit}`;
  return `Target ${k.direction === "higher" ? "at least" : "at most"} ${level(k.target)}; warning ${level(k.warning)}`;
};

function KpiRow({ kpi }: { kpi: SnapshotKpi }) {
  const now = readingText(kpi.reading, kpi.unit);
  const before = kpi.previous ? readingText(kpi.previous, kpi.unit) : null;
  return (
    <tr data-testid="pack-kpi">
      <th scope="row" className="stack-title">
        {kpi.name}
        <span className="cell-note">{kpi.scope}</span>
      </th>
      <td data-label="Figure">
        <span>
          <strong>{now.value}</strong>
          <span className="cell-note">{now.detail}</span>
        </span>
      </td>
      <td data-label="Target">
        <span>{targetText(kpi)}</span>
      </td>
      <td data-label="Status">
        <span>
          <KpiStatusBadge status={kpi.status} />
          <span className="cell-note kpi-reason">{kpi.reason}</span>
        </span>
      </td>
      <td data-label="Previous">
        <span>
          {before ? `${before.value} (${before.detail})` : "No figure for the previous period"}
          {kpi.change && <span className="cell-note">{kpi.change.words}</span>}
        </span>
      </td>
      <td data-label="Benchmarks">
        {kpi.benchmarks.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="plain-list">
            {kpi.benchmarks.map((b) => (
              <li key={`${b.name}-${b.asOf}`}>
                {b.name} ({b.kind}): {num(b.value, 1).replace(/\.0$/, "")}
                <span className="cell-note">
                  {b.source}, {dayLabel(b.asOf)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function Kpis({ snapshot, draft }: { snapshot: Snapshot; draft: boolean }) {
  return (
    <PackSection id="kpis" title="KPIs against target">
      {snapshot.kpis.length === 0 ? (
        <p data-testid="pack-kpis-empty">
          No KPIs were set when these figures were read.
          {draft && <span className="pack-controls"> Managers set them on the KPIs page; then read the figures again here.</span>}
        </p>
      ) : (
        <>
          <p className="muted small">
            Each figure with its 95 % interval. Green when even the unfavourable end of the interval meets the target, red when even the favourable end misses the warning level, amber in between.
          </p>
          <ScrollRegion label="KPIs">
            <table className="table compact stack-narrow pack-kpi-table">
              <thead>
                <tr>
                  <th scope="col">KPI and scope</th>
                  <th scope="col">{snapshot.period.label}</th>
                  <th scope="col">Target</th>
                  <th scope="col">Status</th>
                  <th scope="col">{snapshot.previous.label}, and the change</th>
                  <th scope="col">Benchmarks</th>
                </tr>
              </thead>
              <tbody>
                {snapshot.kpis.map((k) => (
                  <KpiRow key={k.id} kpi={k} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </PackSection>
  );
}

function Responses({ snapshot }: { snapshot: Snapshot }) {
  const rate = snapshot.responseRate;
  return (
    <PackSection id="responses" title="Responses">
      <dl className="facts pack-facts">
        <div>
          <dt>Answers in the period</dt>
          <dd data-testid="pack-responses">{count(snapshot.responses)}</dd>
        </div>
        <div>
          <dt>Invitations sent</dt>
          <dd>{count(snapshot.invitationsSent)}</dd>
        </div>
        <div>
          <dt>Response rate</dt>
          <dd>
            {rate.value === null ? "— (no invitations sent)" : percent(rate.value / 100, 1)}
            {rate.ci95 && (
              <span className="cell-note">
                95 % interval {percent(rate.ci95[0] / 100, 1)} to {percent(rate.ci95[1] / 100, 1)}
              </span>
            )}
          </dd>
        </div>
      </dl>
    </PackSection>
  );
}

function Drivers({ snapshot }: { snapshot: Snapshot }) {
  const d = snapshot.drivers;
  const outcome = metricInfo(d.outcome).short;
  return (
    <PackSection id="drivers" title="Key drivers">
      {d.items.length === 0 ? (
        <p>Too few rated answers to tell what drives {outcome}.</p>
      ) : (
        <>
          <p className="muted small">
            What moves {outcome} (n = {count(d.n)}): importance is how closely each rating follows it; performance is its average.
          </p>
          <ScrollRegion label="Key drivers">
            <table className="table compact stack-narrow">
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Importance</th>
                  <th scope="col">Performance</th>
                  <th scope="col">What it means</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((item) => (
                  <tr key={item.name}>
                    <th scope="row" className="stack-title">
                      {item.name}
                    </th>
                    <td data-label="Importance">
                      <span>{item.importance === null ? "—" : num(item.importance, 2)}</span>
                    </td>
                    <td data-label="Performance">
                      <span>{item.performance === null ? "—" : `${num(item.performance, 2)} of ${item.scaleMax}`}</span>
                    </td>
                    <td data-label="Meaning">
                      <span>{item.quadrant ?? "Not enough answers"}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </PackSection>
  );
}

function Themes({ snapshot }: { snapshot: Snapshot }) {
  const t = snapshot.themes;
  return (
    <PackSection id="themes" title="Top comment themes">
      {t.items.length === 0 ? (
        <p>No comments in the period matched a theme.</p>
      ) : (
        <>
          <p className="muted small">Of {count(t.total)} comments in the period.</p>
          <ol className="pack-themes">
            {t.items.map((theme) => (
              <li key={theme.name}>
                <strong>{theme.name}</strong>: {count(theme.n)} comments ({percent(theme.share / 100)})
                {theme.examples.length > 0 && (
                  <ul className="pack-quotes">
                    {theme.examples.slice(0, 3).map((quote) => (
                      <li key={quote}>
                        <q>{quote}</q>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </PackSection>
  );
}

function Cases({ snapshot }: { snapshot: Snapshot }) {
  const c = snapshot.cases;
  return (
    <PackSection id="cases" title="Follow-up cases">
      <dl className="facts pack-facts">
        <div>
          <dt>Opened</dt>
          <dd>{count(c.opened)}</dd>
        </div>
        <div>
          <dt>Closed on time</dt>
          <dd>
            {count(c.onTime.count)} of {count(c.onTime.of)}
            {c.onTime.rate !== null && ` (${percent(c.onTime.rate)})`}
            {c.onTime.ci95 && (
              <span className="cell-note">
                95 % interval {percent(c.onTime.ci95[0])} to {percent(c.onTime.ci95[1])}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Overdue</dt>
          <dd>{count(c.overdue)}</dd>
        </div>
        <div>
          <dt>Time to resolve</dt>
          <dd>
            median {hours(c.resolveHours.median)}; 90 % within {hours(c.resolveHours.p90)}
            <span className="cell-note">of {count(c.resolveHours.n)} resolved</span>
          </dd>
        </div>
      </dl>
      <h3>Root causes</h3>
      {c.rootCauses.length === 0 ? (
        <p>No root causes recorded.</p>
      ) : (
        <ul className="plain-list">
          {c.rootCauses.map((r) => (
            <li key={r.rootCause}>
              {r.rootCause}: {count(r.count)}
            </li>
          ))}
        </ul>
      )}
    </PackSection>
  );
}

type Candidate = Snapshot["staff"]["recognise"][number];
function CandidateList({ people, empty, testId }: { people: Candidate[]; empty: string; testId: string }) {
  if (people.length === 0) return <p>{empty}</p>;
  return (
    <ul className="pack-people" data-testid={testId}>
      {people.map((p) => (
        <li key={p.agent}>
          <strong>{p.agent}</strong> ({count(p.n)} answers; {percent(p.share)}, 95 % interval {percent(p.low)} to {percent(p.high)})
          <p className="small">{p.evidence}</p>
        </li>
      ))}
    </ul>
  );
}

function Staff({ snapshot }: { snapshot: Snapshot }) {
  const s = snapshot.staff;
  return (
    <PackSection id="staff" title="Staff" newPage>
      <p className="muted small">
        Each person's share of {s.basis}, with its 95 % interval. Only people with at least {count(s.minAnswers)} answers are considered
        {s.tooFew > 0 ? `; ${count(s.tooFew)} had fewer` : ""}.
      </p>
      <div className="pack-columns">
        <div>
          <h3>To recognise</h3>
          <CandidateList people={s.recognise} empty="Nobody stands out above the rest yet." testId="pack-recognise" />
        </div>
        <div>
          <h3>To coach</h3>
          <CandidateList people={s.coach} empty="Nobody stands out below the rest." testId="pack-coach" />
        </div>
      </div>
    </PackSection>
  );
}

export function PackFigures({ snapshot, draft }: { snapshot: Snapshot; draft: boolean }) {
  return (
    <>
      <Kpis snapshot={snapshot} draft={draft} />
      <Responses snapshot={snapshot} />
      <Drivers snapshot={snapshot} />
      <Themes snapshot={snapshot} />
      <Cases snapshot={snapshot} />
      <Staff snapshot={snapshot} />
    </>
  );
}
