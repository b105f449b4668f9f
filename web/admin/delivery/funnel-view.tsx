// A survey's funnel as a list of bars: from the period's interactions to answers and unsubscribes, each with its
// count and its share of the step it follows from, and the response rate with its 95 % interval.
import { useQuery } from "@tanstack/react-query";
import { filterOptionsQuery } from "../analytics-queries";
import { funnelQuery, type Funnel, type FunnelScope, type FunnelStep } from "../delivery-queries";
import { rulesQuery, type Rule } from "../queries";
import { fieldErrorsAt, Loading, ProblemBanner } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { usePagedList } from "../ui/paged-list";

const labels: Record<FunnelStep, string> = {
  interactions: "Interactions",
  matched: "Matched a rule",
  sampledOut: "Sampled out",
  heldContact: "Held by the contact rules",
  suppressed: "Address suppressed",
  tooLate: "Too late to invite",
  scheduled: "Scheduled",
  sent: "Sent",
  delivered: "Delivered",
  bounced: "Bounced",
  opened: "Opened the survey",
  completed: "Completed",
  unsubscribed: "Unsubscribed",
};

// A step as the base of another's share: "12 % of matched".
const baseNames: Partial<Record<FunnelStep, string>> = { interactions: "interactions", matched: "matched", scheduled: "scheduled", sent: "sent", delivered: "delivered" };

// Ways out of the funnel, shown beneath the step they leave from.
const exits = new Set<FunnelStep>(["sampledOut", "heldContact", "suppressed", "tooLate", "bounced", "unsubscribed"]);

const hints: Partial<Record<FunnelStep, string>> = {
  interactions: "All of the organisation's interactions in the period (at the unit, if chosen).",
  heldContact: "The customer had a survey too recently (one every N days, across surveys).",
  delivered: "Reported by the mail provider, or proven by the survey being opened.",
  opened: "The survey page loaded: email opens are not counted, as image proxies fake them.",
};

const presets = { "30d": "Last 30 days", "90d": "Last 90 days", "12m": "Last 12 months", quarter: "This quarter", custom: "Chosen dates" } as const;
type Preset = keyof typeof presets;

const integers = new Intl.NumberFormat(undefined);
const pct = (v: number) => `${v < 10 && v > 0 ? v.toFixed(1) : Math.round(v)} %`;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** "Rule 2: complaint · phone · 50 % sampled", numbered oldest first as the editor lists them. */
function ruleLabel(rule: Rule, number: number): string {
  const match = rule.match as { types?: string[]; channels?: string[]; units?: string[] };
  const what = [...(match.types ?? []), ...(match.channels ?? []), ...(match.units ?? [])].join(", ") || "every interaction";
  const sample = "samplePercent" in rule && typeof rule.samplePercent === "number" && rule.samplePercent < 100 ? ` · ${rule.samplePercent} % sampled` : "";
  return `Rule ${number}: ${what}${sample}`;
}

function Bars({ funnel }: { funnel: Funnel }) {
  const widest = Math.max(1, ...funnel.steps.map((s) => s.count));
  return (
    <ol className="funnel" data-testid="funnel">
      {funnel.steps.map((s) => (
        <li key={s.step} className={exits.has(s.step) ? "funnel-step funnel-exit" : "funnel-step"} data-testid={`funnel-${s.step}`}>
          <span className="funnel-label">
            {labels[s.step]}
            {hints[s.step] && <span className="cell-note">{hints[s.step]}</span>}
          </span>
          <span className="funnel-bar" aria-hidden="true">
            <span className="funnel-fill" style={{ width: `${(s.count / widest) * 100}%` }} />
          </span>
          <span className="funnel-figures">
            <strong>{integers.format(s.count)}</strong>
            {s.of && <span className="funnel-share">{s.pct === null ? "—" : `${pct(s.pct)} of ${baseNames[s.of] ?? labels[s.of].toLowerCase()}`}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function ResponseRate({ rate }: { rate: Funnel["responseRate"] }) {
  if (rate.pct === null) return <p className="muted">No response rate yet: nothing was sent for the interactions of this period.</p>;
  return (
    <p className="funnel-rate" data-testid="funnel-rate">
      Response rate <strong>{pct(rate.pct)}</strong>{" "}
      {rate.ci95 && (
        <span>
          (95 % interval {pct(rate.ci95[0])} to {pct(rate.ci95[1])})
        </span>
      )}
      <span className="cell-note">
        {integers.format(rate.completed)} completed of {integers.format(rate.sent)} sent.
      </span>
    </p>
  );
}

export function FunnelView({ surveyId, scope, onScope }: { surveyId: string; scope: FunnelScope; onScope: (next: FunnelScope) => void }) {
  const rules = usePagedList(rulesQuery(surveyId)).items;
  const units = useQuery(filterOptionsQuery).data?.units;
  const funnel = useQuery(funnelQuery(surveyId, scope));
  const custom = Boolean(scope.from || scope.to);
  const preset: Preset = custom ? "custom" : (scope.range ?? "90d");
  const set = (patch: Partial<FunnelScope>) => onScope(Object.fromEntries(Object.entries({ ...scope, ...patch }).filter(([, v]) => v !== undefined)) as FunnelScope);
  const shown = funnel.data;
  const oldestFirst = [...(rules ?? [])].reverse();

  return (
    <>
      <form className="filters funnel-filters" onSubmit={(e) => e.preventDefault()} aria-label="Funnel filters">
        <FormField id="funnel-rule" label="Rule">
          {(control) => (
            <select {...control} value={scope.ruleId ?? ""} onChange={(e) => set({ ruleId: e.target.value || undefined })}>
              <option value="">All of the survey's rules</option>
              {oldestFirst.map((r, i) => (
                <option key={r.id} value={r.id}>
                  {ruleLabel(r, i + 1)}
                </option>
              ))}
              {scope.ruleId && rules && !rules.some((r) => r.id === scope.ruleId) && <option value={scope.ruleId}>Unknown rule</option>}
            </select>
          )}
        </FormField>
        <FormField id="funnel-unit" label="Unit">
          {(control) => (
            <select {...control} value={scope.unitId ?? ""} onChange={(e) => set({ unitId: e.target.value || undefined })}>
              <option value="">Every unit</option>
              {units?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
              {scope.unitId && units && !units.some((u) => u.id === scope.unitId) && <option value={scope.unitId}>Unknown unit</option>}
            </select>
          )}
        </FormField>
        <FormField id="funnel-period" label="Period">
          {(control) => (
            <select
              {...control}
              value={preset}
              onChange={(e) => {
                const v = e.target.value as Preset;
                if (v === "custom") set({ range: undefined, from: shown?.fromDay, to: shown?.toDay });
                else set({ range: v === "90d" ? undefined : v, from: undefined, to: undefined });
              }}
            >
              {(Object.keys(presets) as Preset[]).map((k) => (
                <option key={k} value={k}>
                  {presets[k]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="funnel-from" label="From" errors={fieldErrorsAt(funnel.error, "/from")}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={scope.from ?? shown?.fromDay ?? ""}
              max={scope.to ?? shown?.toDay}
              onChange={(e) => isDay(e.target.value) && set({ range: undefined, from: e.target.value, to: scope.to ?? shown?.toDay })}
            />
          )}
        </FormField>
        <FormField id="funnel-to" label="To" errors={fieldErrorsAt(funnel.error, "/to")}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={scope.to ?? shown?.toDay ?? ""}
              min={scope.from ?? shown?.fromDay}
              onChange={(e) => isDay(e.target.value) && set({ range: undefined, to: e.target.value, from: scope.from ?? shown?.fromDay })}
            />
          )}
        </FormField>
      </form>
      <ProblemBanner error={funnel.error} />
      {!shown && !funnel.error && <Loading>Counting the funnel…</Loading>}
      {shown && (
        <div className={funnel.isPlaceholderData ? "stale" : undefined} aria-busy={funnel.isFetching || undefined}>
          <ResponseRate rate={shown.responseRate} />
          {shown.steps[0]!.count === 0 ? (
            <p className="empty-state" data-testid="funnel-empty">
              No interactions in this period{scope.unitId ? " at this unit" : ""}. Choose a longer period, or wait for interactions to arrive.
            </p>
          ) : (
            <>
              {shown.steps[1]!.count === 0 && (
                <p className="muted" data-testid="funnel-unmatched">
                  None of these interactions matched one of the survey's rules: add or widen a rule in the survey's editor.
                </p>
              )}
              <Bars funnel={shown} />
            </>
          )}
          <p className="muted small">
            Interactions from {shown.fromDay} to {shown.toDay} ({shown.timeZone}), counted by when they happened; what became of their invitations is counted up to now.
          </p>
        </div>
      )}
    </>
  );
}
