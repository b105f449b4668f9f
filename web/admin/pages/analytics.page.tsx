// Survey analytics for a period: responses, response rate, NPS, CSAT and CES, each with its n and interval.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { summaryQuery, surveyPickerQuery, type Summary } from "../queries";
import { Loading, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";

const DEFAULT_DAYS = 90;
const isDay = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v);

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function defaultRange(): { from: string; to: string } {
  const to = new Date();
  const from = new Date(to);
  from.setDate(from.getDate() - DEFAULT_DAYS);
  return { from: localDay(from), to: localDay(to) };
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const signed = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// The statistics core answers null where a figure is undefined (no data); show a dash, not a fake zero.
const orDash = (format: (v: number) => string) => (v: number | null) => (v === null ? "—" : format(v));
const pct = orDash((v) => `${oneDecimal.format(v)}%`);
const mean = orDash((v) => twoDecimals.format(v));
const score = orDash((v) => signed.format(v));
type Interval = readonly [number, number] | null | undefined;
const interval = (ci: Interval, format: (v: number | null) => string) => (ci ? `95% CI ${format(ci[0])} to ${format(ci[1])}` : "95% CI not available");

function Card({ testId, title, children }: { testId: string; title: string; children: ReactNode }) {
  return (
    <section className="metric-card" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{title}</h2>
      {children}
    </section>
  );
}

const NoAnswers = () => <p className="metric-empty">No answers in this period</p>;

function NpsBar({ nps }: { nps: NonNullable<Summary["nps"]> }) {
  const parts = [
    { key: "promoters", label: "Promoters (9–10)", count: nps.promoters },
    { key: "passives", label: "Passives (7–8)", count: nps.passives },
    { key: "detractors", label: "Detractors (0–6)", count: nps.detractors },
  ];
  const share = (count: number) => (nps.n > 0 ? (count / nps.n) * 100 : 0);
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
            {p.label}: {integer.format(p.count)} ({pct(share(p.count))})
          </li>
        ))}
      </ul>
    </>
  );
}

function SummaryCards({ summary }: { summary: Summary }) {
  const { invitations, nps, csat, ces } = summary;
  return (
    <div className="metric-grid">
      <Card testId="metric-responses" title="Responses">
        <p className="metric-value" data-testid="responses-count">
          {integer.format(summary.responses)}
        </p>
        <p className="metric-note">n = {integer.format(summary.responses)} in this period</p>
      </Card>

      <Card testId="metric-rate" title="Response rate">
        {invitations.rate === null ? (
          <p className="metric-empty">No invitations sent in this period</p>
        ) : (
          <>
            <p className="metric-value">{pct(invitations.rate)}</p>
            <p className="metric-note">
              {integer.format(invitations.responded)} responded of {integer.format(invitations.sent)} sent
            </p>
            <p className="metric-note">{interval(invitations.rateCi95, pct)}</p>
            <p className="metric-note">n = {integer.format(invitations.sent)}</p>
          </>
        )}
      </Card>

      <Card testId="metric-nps" title="Net Promoter Score">
        {nps === null ? (
          <NoAnswers />
        ) : (
          <>
            <p className="metric-value">{score(nps.score)}</p>
            <p className="metric-note">{interval(nps.ci95, score)}</p>
            <p className="metric-note">n = {integer.format(nps.n)}</p>
            <NpsBar nps={nps} />
          </>
        )}
      </Card>

      <Card testId="metric-csat" title="Customer satisfaction (CSAT)">
        {csat === null ? (
          <NoAnswers />
        ) : (
          <>
            <p className="metric-value">{pct(csat.top2box)}</p>
            <p className="metric-note">satisfied or very satisfied (4–5), {interval(csat.top2boxCi95, pct)}</p>
            <p className="metric-secondary">
              Mean {mean(csat.mean)} / 5 <span className="metric-note">({interval(csat.meanCi95, mean)})</span>
            </p>
            <p className="metric-note">n = {integer.format(csat.n)}</p>
          </>
        )}
      </Card>

      <Card testId="metric-ces" title="Customer effort (CES)">
        {ces === null ? (
          <NoAnswers />
        ) : (
          <>
            <p className="metric-value">{mean(ces.mean)} / 7</p>
            <p className="metric-note">mean ease, {interval(ces.meanCi95, mean)}</p>
            <p className="metric-secondary">
              {pct(ces.agree)} agree it was easy (5–7) <span className="metric-note">({interval(ces.agreeCi95, pct)})</span>
            </p>
            <p className="metric-note">n = {integer.format(ces.n)}</p>
          </>
        )}
      </Card>
    </div>
  );
}

/** The page's filters as the URL holds them; a missing date means the default period. */
export type AnalyticsFilters = { surveyId?: string; from?: string; to?: string };

export function AnalyticsPage({ filters, onFilters }: { filters: AnalyticsFilters; onFilters: (next: Required<AnalyticsFilters>) => void }) {
  const defaults = defaultRange();
  const surveyId = filters.surveyId ?? "";
  const from = filters.from ?? defaults.from;
  const to = filters.to ?? defaults.to;
  const setQuery = (next: AnalyticsFilters) => onFilters({ surveyId, from, to, ...next });

  const picker = useQuery(surveyPickerQuery);
  const surveys = picker.data;
  const figures = useQuery({
    ...summaryQuery({ surveyId, from, to }),
    enabled: surveyId !== "",
    // Changing the period keeps the last figures on screen, dimmed, until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const summary = figures.data;
  const loading = figures.isFetching;
  const problem = picker.error ?? figures.error;

  // A draft has no figures yet: open on the most recently changed published survey when there is one.
  const firstSurvey = (surveys?.find((s) => s.status === "published") ?? surveys?.[0])?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a missing survey calls for a choice, once the list is in.
  useEffect(() => {
    if (!surveyId && firstSurvey) setQuery({ surveyId: firstSurvey });
  }, [surveyId, firstSurvey]);

  const chosen = surveys?.find((s) => s.id === surveyId);
  const fromErrors = fieldErrorsAt(problem, "/from");
  const toErrors = fieldErrorsAt(problem, "/to");

  return (
    <>
      <PageHeading title="Analytics">Analytics</PageHeading>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Analytics filters">
        <FormField id="analytics-survey" label="Survey">
          {(control) => (
            <select {...control} value={surveyId} onChange={(e) => setQuery({ surveyId: e.target.value })} disabled={!surveys?.length}>
              {!surveyId && <option value="">{surveys ? "No surveys yet" : "Loading…"}</option>}
              {surveyId && !chosen && <option value={surveyId}>{surveys ? "Unknown survey" : "Loading…"}</option>}
              {surveys?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="analytics-from" label="From" errors={fromErrors}>
          {(control) => <input {...control} type="date" value={from} max={to} onChange={(e) => isDay(e.target.value) && setQuery({ from: e.target.value })} />}
        </FormField>
        <FormField id="analytics-to" label="To" errors={toErrors}>
          {(control) => <input {...control} type="date" value={to} min={from} onChange={(e) => isDay(e.target.value) && setQuery({ to: e.target.value })} />}
        </FormField>
      </form>

      <ProblemBanner error={problem} />
      {surveys?.length === 0 && <p>Create and publish a survey to see its figures here.</p>}
      {loading && <Loading>Loading figures…</Loading>}
      {summary && summary.surveyId === surveyId && !figures.isError && (
        <div aria-busy={loading} className={loading ? "stale" : undefined}>
          <SummaryCards summary={summary} />
        </div>
      )}
    </>
  );
}
