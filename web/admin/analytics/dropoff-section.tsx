// Drop-off per question: how many customers reached each question and how many answered it, saved answers included.
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, read } from "../../shared/api-client";
import type { Scope } from "../analytics-queries";
import { ScrollRegion } from "../ui/scroll-region";
import "./dropoff.css";
import { count } from "./format";
import { Section, SectionProblem, Skeleton } from "./parts";

type Dropoff = InferResponseType<typeof api.analytics.dropoff.$get, 200>;

const pct = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 });

const dropoffQuery = (surveyId: string, scope: Scope) => {
  const query = { surveyId, ...(scope.from && { from: scope.from }), ...(scope.to && { to: scope.to }), ...(scope.range && { range: scope.range }) };
  return queryOptions({
    queryKey: ["analytics", "dropoff", query] as const,
    queryFn: ({ signal }) => read(api.analytics.dropoff.$get({ query }, { init: { signal } })),
    placeholderData: keepPreviousData,
  });
};

export function DropoffSection({ scope }: { scope: Scope }) {
  return (
    <Section id="dropoff" title="Where customers stop">
      {scope.surveyId ? (
        <DropoffFigures surveyId={scope.surveyId} scope={scope} />
      ) : (
        <p className="dash-empty" data-testid="dropoff-empty">
          Choose a survey above to see how far its customers got, question by question.
        </p>
      )}
    </Section>
  );
}

function DropoffFigures({ surveyId, scope }: { surveyId: string; scope: Scope }) {
  const dropoff = useQuery(dropoffQuery(surveyId, scope));
  const data = dropoff.data;
  return (
    <>
      <SectionProblem error={dropoff.error} />
      {!data && dropoff.isPending && <Skeleton label="Loading where customers stop…" lines={3} />}
      {data && (
        <div className={dropoff.isPlaceholderData ? "stale" : undefined} aria-busy={dropoff.isFetching}>
          <DropoffBody data={data} />
        </div>
      )}
    </>
  );
}

function DropoffBody({ data }: { data: Dropoff }) {
  if (data.questions.length === 0) return <p className="dash-empty">This survey has no published questions yet. Publish it to see where customers stop.</p>;
  if (data.started === 0) {
    return (
      <p className="dash-empty" data-testid="dropoff-empty">
        Nothing was answered or saved in this period. Customers' answers are saved as they go, so this fills in as soon as someone starts the survey.
      </p>
    );
  }
  const widest = Math.max(1, data.started);
  return (
    <>
      <p className="dash-lead">
        {count(data.started)} {data.started === 1 ? "customer" : "customers"} started the survey; {count(data.completed)} submitted it ({pct.format(data.completed / widest)}).
        <span className="dropoff-key" aria-hidden="true" />
        reached
        <span className="dropoff-key dropoff-key-answered" aria-hidden="true" />
        answered
      </p>
      <ScrollRegion label="Reached and answered, question by question">
        <table className="table compact" data-testid="dropoff-table">
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Reached</th>
              <th scope="col">Answered</th>
              <th scope="col">Answered of reached</th>
              <th scope="col">
                <span className="sr-only">Bars</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.questions.map((q) => (
              <tr key={q.name}>
                <th scope="row">
                  {q.title}
                  {q.title !== q.name && <span className="cell-note"> {q.name}</span>}
                </th>
                <td className="num">{count(q.reached)}</td>
                <td className="num">{count(q.answered)}</td>
                <td className="num">{q.reached ? pct.format(q.answered / q.reached) : "—"}</td>
                <td aria-hidden="true">
                  <span className="dropoff-bars">
                    <span className="dropoff-bar">
                      <span className="dropoff-fill" style={{ width: `${(q.reached / widest) * 100}%` }} />
                    </span>
                    <span className="dropoff-bar">
                      <span className="dropoff-fill dropoff-fill-answered" style={{ width: `${(q.answered / widest) * 100}%` }} />
                    </span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
