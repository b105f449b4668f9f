// /responses: every individual response, filtered by survey, period, context, score band and text (the
// filters live in the URL), newest first, a page at a time; each opens the response in full.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useState, type FormEvent } from "react";
import { setFilters, type ScoreBand, type SingleAnswerFilters } from "../comments-queries";
import { surveyPickerQuery } from "../queries";
import { filterOptionsQuery, responsesQuery, type ResponseItem } from "../responses-queries";
import { useSession } from "../session";
import { SkeletonRows } from "../ui/comment-list";
import { PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { ScrollRegion } from "../ui/scroll-region";

export type ResponseFilters = SingleAnswerFilters;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

export const BANDS: { value: ScoreBand; label: string }[] = [
  { value: "promoter", label: "Promoters (NPS 9–10)" },
  { value: "passive", label: "Passives (NPS 7–8)" },
  { value: "detractor", label: "Detractors (NPS 0–6)" },
  { value: "high", label: "Satisfied (CSAT 4–5)" },
  { value: "mid", label: "Neutral (CSAT 3)" },
  { value: "low", label: "Dissatisfied (CSAT 1–2)" },
];

/** "nps" → "NPS", "dimension:time-taken" → "Time taken". */
export function metricLabel(metric: string): string {
  if (metric.startsWith("dimension:")) {
    const name = metric.slice("dimension:".length).replace(/-/g, " ");
    return name.charAt(0).toUpperCase() + name.slice(1);
  }
  return metric === "loyalty" ? "Loyalty" : metric.toUpperCase();
}

export const scoreLine = (scores: ResponseItem["scores"]) => scores.map((s) => `${metricLabel(s.metric)} ${s.value}`).join(" · ");

function Select({ id, label, value, options, onChange, any = "Any" }: { id: string; label: string; value: string | undefined; options: { value: string; label: string }[]; onChange: (v: string | undefined) => void; any?: string }) {
  return (
    <FormField id={id} label={label}>
      {(control) => (
        <select {...control} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{any}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {/* A value from a shared link that is not offered (yet) stays selectable, so the menu tells the truth. */}
          {value && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
        </select>
      )}
    </FormField>
  );
}

export function ResponseFiltersForm({ filters, onFilters, problem, idPrefix }: { filters: ResponseFilters; onFilters: (next: ResponseFilters) => void; problem: unknown; idPrefix: string }) {
  const surveys = useQuery(surveyPickerQuery).data;
  const options = useQuery(filterOptionsQuery).data;
  const [text, setText] = useState(filters.q ?? "");
  useEffect(() => setText(filters.q ?? ""), [filters.q]);
  const set = (patch: Partial<ResponseFilters>) => onFilters(setFilters({ ...filters, ...patch }));
  const search = (event: FormEvent) => {
    event.preventDefault();
    set({ q: text.trim() || undefined });
  };
  const names = (rows: { id: string; name: string }[] | undefined) => (rows ?? []).map((r) => ({ value: r.id, label: r.name }));
  const plain = (rows: string[] | undefined) => (rows ?? []).map((r) => ({ value: r, label: r }));
  return (
    <form className="filters answer-filters" onSubmit={search} aria-label="Filters">
      <Select id={`${idPrefix}-survey`} label="Survey" any="All surveys" value={filters.surveyId} options={(surveys ?? []).map((s) => ({ value: s.id, label: s.title }))} onChange={(surveyId) => set({ surveyId })} />
      <FormField id={`${idPrefix}-from`} label="From" errors={fieldErrorsAt(problem, "/from")}>
        {(control) => <input {...control} type="date" value={filters.from ?? ""} max={filters.to} onChange={(e) => (e.target.value === "" || isDay(e.target.value)) && set({ from: e.target.value || undefined })} />}
      </FormField>
      <FormField id={`${idPrefix}-to`} label="To" errors={fieldErrorsAt(problem, "/to")}>
        {(control) => <input {...control} type="date" value={filters.to ?? ""} min={filters.from} onChange={(e) => (e.target.value === "" || isDay(e.target.value)) && set({ to: e.target.value || undefined })} />}
      </FormField>
      <Select id={`${idPrefix}-unit`} label="Unit" value={filters.unit} options={names(options?.units)} onChange={(unit) => set({ unit })} />
      <Select id={`${idPrefix}-channel`} label="Channel" value={filters.channel} options={plain(options?.channels)} onChange={(channel) => set({ channel })} />
      <Select id={`${idPrefix}-agent`} label="Staff" value={filters.agent} options={names(options?.agents)} onChange={(agent) => set({ agent })} />
      <Select id={`${idPrefix}-type`} label="Interaction type" value={filters.type} options={plain(options?.types)} onChange={(type) => set({ type })} />
      <Select id={`${idPrefix}-band`} label="Score band" value={filters.band} options={BANDS} onChange={(band) => set({ band: band as ScoreBand | undefined })} />
      <FormField id={`${idPrefix}-q`} label="Text contains" className="grow">
        {(control) => (
          <span className="search-row">
            <input {...control} type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
            <button type="submit" className="button secondary">
              Search
            </button>
          </span>
        )}
      </FormField>
    </form>
  );
}

const anyFilter = (f: ResponseFilters) => Object.values(setFilters(f)).length > 0;

export function ResponsesPage({ filters, onFilters }: { filters: ResponseFilters; onFilters: (next: ResponseFilters) => void }) {
  const { me } = useSession();
  const list = usePagedList(responsesQuery(filters));
  const { items, problem } = list;
  return (
    <>
      <div className="title-row">
        <PageHeading title="Responses">Responses</PageHeading>
        {anyFilter(filters) && (
          <button type="button" className="button secondary small" onClick={() => onFilters({})}>
            Clear filters
          </button>
        )}
      </div>
      <p className="muted">What each customer answered, newest first. {!filters.from && !filters.to && "Showing the last 90 days; choose dates to see others."}</p>
      <ResponseFiltersForm filters={filters} onFilters={onFilters} problem={problem} idPrefix="responses" />
      <ProblemBanner error={problem} />
      {items === null && !problem && <SkeletonRows rows={5} label="Loading responses" />}
      {items?.length === 0 && (
        <div className="empty-state" data-testid="responses-empty">
          {anyFilter(filters) ? (
            <p>No responses match these filters. Widen the period or clear a filter to see more.</p>
          ) : (
            <p>
              No responses in the last 90 days. They appear here as customers answer their invitations
              {me.role === "admin" ? (
                <>
                  , or <Link to="/import">import earlier answers</Link>
                </>
              ) : null}
              .
            </p>
          )}
        </div>
      )}
      {items && items.length > 0 && (
        <ScrollRegion label="Responses, newest first">
          <table className="table responses-table" data-testid="responses-table">
            <thead>
              <tr>
                <th scope="col">Answered</th>
                <th scope="col">Survey</th>
                <th scope="col">Scores</th>
                <th scope="col">Comment</th>
                <th scope="col">Unit · staff · channel</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-testid="response-row">
                  <td className="nowrap">
                    <Link to="/responses/$id" params={{ id: r.id }} search={filters}>
                      {timeFormat.format(new Date(r.respondedAt))}
                    </Link>
                    {r.imported && <span className="cell-note">Imported</span>}
                  </td>
                  <td>{r.surveyTitle}</td>
                  <td className="nowrap">{scoreLine(r.scores) || <span className="muted">None</span>}</td>
                  <td className="comment-cell">{r.comment ?? <span className="muted">—</span>}</td>
                  <td>
                    {[r.unit?.name, r.agent?.name, r.channel].filter(Boolean).join(" · ") || <span className="muted">—</span>}
                    {r.type && <span className="cell-note">{r.type}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <LoadMore list={list} label="Show older responses" />
    </>
  );
}
