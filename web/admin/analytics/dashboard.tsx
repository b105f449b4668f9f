// The reviewer's dashboard: filters from the URL, indices with their uncertainty, trend, segments, drivers, staff, comments.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { exportHref, scopeOf, settingsOf, summaryQuery, type Scope, type Summary } from "../analytics-queries";
import type { CommentFilters } from "../comments-queries";
import { surveyPickerQuery } from "../queries";
import { useSession } from "../session";
import { CommentList } from "../ui/comment-list";
import { ProblemBanner } from "../ui/feedback";
import { DriversSection } from "./drivers-section";
import { DropoffSection } from "./dropoff-section";
import { FilterBar } from "./filter-bar";
import { metricInfo } from "./format";
import { IndexCards } from "./index-cards";
import { IndexWeightsPanel } from "./index-weights";
import { Section, Skeleton } from "./parts";
import type { AnalyticsSearch } from "./search";
import { defaults } from "./search";
import { SegmentsSection } from "./segments-section";
import { StaffSection } from "./staff-section";
import { TrendSection } from "./trend-section";

const baseMetrics = ["nps", "csat", "csat-mean", "ces", "ces-agree", "loyalty", "index", "response-rate"];

type Props = { search: AnalyticsSearch; onSearch: (next: AnalyticsSearch) => void };

export default function Dashboard({ search, onSearch }: Props) {
  // A setting back at its default leaves the URL, so links stay short and equal views share one address.
  const set = (patch: Partial<AnalyticsSearch>) => {
    const next: Record<string, unknown> = { ...search, ...patch };
    for (const [k, v] of Object.entries(defaults)) if (next[k] === v) next[k] = undefined;
    onSearch(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as AnalyticsSearch);
  };
  const scope = scopeOf(search);
  const settings = settingsOf(search);
  const summary = useQuery(summaryQuery(scope));
  const data = summary.data;
  const scales = Object.fromEntries((data?.dimensions ?? []).map((d) => [d.metric, d.scale.max]));
  const metricOptions = [...baseMetrics, ...(data?.dimensions ?? []).map((d) => d.metric)];
  if (!metricOptions.includes(settings.metric)) metricOptions.push(settings.metric);
  const info = metricInfo(settings.metric, scales);

  return (
    <>
      <FilterBar search={search} set={set} shownDays={data} metric={settings.metric} metricOptions={metricOptions} scales={scales} problem={summary.error} />
      <ProblemBanner error={summary.error} />
      {!data && summary.isPending && <Skeleton label="Loading the figures…" lines={3} />}
      {data && !summary.isError && (
        <div className={summary.isPlaceholderData ? "stale" : undefined} aria-busy={summary.isFetching}>
          {data.note && (
            <p className="dash-note" data-testid="summary-note">
              {data.note}
            </p>
          )}
          {data.responses === 0 ? (
            <NoResponses scope={scope} onClear={() => set({ unit: undefined, channel: undefined, agent: undefined, type: undefined })} />
          ) : (
            <Figures data={data} scope={scope} search={search} settings={settings} info={info} set={set} />
          )}
        </div>
      )}
      {/* Outside the figures: customers who saved answers but submitted none still show where they stopped. */}
      {data && !summary.isError && <DropoffSection scope={scope} />}
    </>
  );
}

type FiguresProps = {
  data: Summary;
  scope: Scope;
  search: AnalyticsSearch;
  settings: ReturnType<typeof settingsOf>;
  info: ReturnType<typeof metricInfo>;
  set: (patch: Partial<AnalyticsSearch>) => void;
};

function Figures({ data, scope, search, settings, info, set }: FiguresProps) {
  const { metric } = settings;
  return (
    <>
      <Section id="indices" title={`Indices, ${period(data)}`} exportHref={exportHref("summary", scope)}>
        <IndexCards summary={data} />
        <IndexWeightsPanel dimensions={data.dimensions.map((d) => d.metric)} />
      </Section>
      <TrendSection scope={scope} metric={metric} info={info} interval={settings.interval} setInterval={(interval) => set({ interval })} />
      <SegmentsSection scope={scope} metric={metric} info={info} by={settings.by} minN={settings.minN} set={set} />
      <DriversSection scope={scope} outcome={settings.outcome} setOutcome={(outcome) => set({ outcome })} />
      <StaffSection scope={scope} metric={metric} info={info} minN={settings.minN} method={settings.method} set={set} />
      <CommentsSection scope={scope} search={search} />
    </>
  );
}

const dayName = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const period = (s: Summary) => `${dayName.format(new Date(`${s.fromDay}T00:00:00Z`))} to ${dayName.format(new Date(`${s.toDay}T00:00:00Z`))}`;

/** The Responses page carries one value a filter in its URL; several chosen leave that filter to this page. */
function single(values: string[] | undefined): string | undefined {
  return values?.length === 1 ? values[0] : undefined;
}

function CommentsSection({ scope, search }: { scope: Scope; search: AnalyticsSearch }) {
  const filters: CommentFilters = {
    surveyId: scope.surveyId,
    from: scope.from,
    to: scope.to,
    unit: search.unit,
    channel: search.channel,
    agent: search.agent,
    type: search.type,
  };
  const oneEach = { ...filters, unit: single(search.unit), channel: single(search.channel), agent: single(search.agent), type: single(search.type) };
  const several = (["unit", "channel", "agent", "type"] as const).filter((k) => (search[k]?.length ?? 0) > 1);
  return (
    <Section id="comments" title="What customers wrote" exportHref={exportHref("responses", scope)} exportLabel="Download responses (CSV)">
      <CommentList filters={filters} limit={5} label="Latest comments" empty={<p>No comments in this period. Comments appear when customers write in a survey's comment box.</p>} />
      <p className="dash-more">
        <Link to="/responses" search={oneEach}>
          Read every response
        </Link>
        {several.length > 0 && <> (the Responses page filters by one {several.join(" and one ")} at a time)</>}
      </p>
    </Section>
  );
}

function NoResponses({ scope, onClear }: { scope: Scope; onClear: () => void }) {
  const { me } = useSession();
  const surveys = useQuery(surveyPickerQuery).data;
  const narrowed = Boolean(scope.unit || scope.channel || scope.agent || scope.type);
  if (surveys?.length === 0) {
    return (
      <div className="empty-state" data-testid="analytics-empty">
        <h2>No surveys yet</h2>
        <p>
          <Link to="/surveys">Create a survey</Link>, publish it and add a rule that invites customers after an interaction. Their answers appear here as they come in.
        </p>
      </div>
    );
  }
  return (
    <div className="empty-state" data-testid="analytics-empty">
      <h2>No responses in this period</h2>
      {narrowed ? (
        <p>
          Nothing matches these filters.{" "}
          <button type="button" className="link-button" onClick={onClear}>
            Clear the filters
          </button>{" "}
          or choose a longer period.
        </p>
      ) : (
        <p>
          Choose a longer period, or get answers in: publish a survey with a distribution rule on <Link to="/surveys">its page</Link> so customers are invited after each
          interaction
          {me.role === "admin" && (
            <>
              , or <Link to="/import">import past responses</Link> from another tool
            </>
          )}
          .
        </p>
      )}
    </div>
  );
}
