// /responses/$id: one response in full: every answer as the customer saw it, the comments' sentiment, the
// interaction and customer it followed, and the email history of its invitation.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { ApiError } from "../../shared/api-client";
import { OpenCaseButton } from "../cases/open-case-button";
import { responseQuery, type ResponseDetail } from "../responses-queries";
import { SentimentBadge, SkeletonRows } from "../ui/comment-list";
import { PageHeading, ProblemBanner } from "../ui/feedback";
import { metricLabel, type ResponseFilters } from "./responses.page";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const when = (iso: string | null) => (iso ? <time dateTime={iso}>{timeFormat.format(new Date(iso))}</time> : <span className="muted">—</span>);

const STATUS: Record<NonNullable<ResponseDetail["invitation"]>["status"], string> = {
  pending: "Waiting to be sent",
  sent: "Sent",
  responded: "Answered",
  expired: "Expired unanswered",
  failed: "Could not be sent",
  cancelled: "Cancelled before sending",
};

function Facts({ r }: { r: ResponseDetail }) {
  const facts: [string, ReactNode][] = [
    ["Survey", `${r.surveyTitle}${r.surveyVersion ? ` (version ${r.surveyVersion})` : ""}`],
    ["Answered", when(r.respondedAt)],
    ["Unit", r.unit?.name ?? "—"],
    ["Staff", r.agent?.name ?? "—"],
    ["Channel", r.channel ?? "—"],
    ["Interaction type", r.type ?? "—"],
  ];
  if (r.imported) facts.push(["Imported", <>{when(r.importedAt)}{r.externalId && <span className="cell-note">Their id: {r.externalId}</span>}</>]);
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "nps@0-10" → "0–10": the scale an answer was given on. */
const scaleOf = (series: string) => /@(-?\d+)-(-?\d+)$/.exec(series)?.slice(1, 3).join("–");

function Answers({ r }: { r: ResponseDetail }) {
  const scored = new Map(r.scores.map((s) => [s.question, s]));
  if (r.answers.length === 0) return <p className="muted">This response holds no answers.</p>;
  return (
    <dl className="answers" data-testid="answers">
      {r.answers.map((a) => {
        const score = scored.get(a.question);
        return (
          <div key={a.question} className="answer">
            <dt>
              {a.title}
              {score && <span className="badge badge-muted answer-metric">{metricLabel(score.metric)}</span>}
            </dt>
            <dd>
              {a.text}
              {score && scaleOf(score.series) && <span className="muted"> ({scaleOf(score.series)})</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Interaction({ r }: { r: ResponseDetail }) {
  const x = r.interaction;
  if (!x) return <p className="muted">{r.imported ? "Imported from another tool: there is no interaction on record." : "The interaction is no longer on record."}</p>;
  return (
    <dl className="facts">
      <div>
        <dt>Reference</dt>
        <dd className="break-anywhere">{x.externalId}</dd>
      </div>
      <div>
        <dt>Happened</dt>
        <dd>{when(x.occurredAt)}</dd>
      </div>
      <div>
        <dt>Type and channel</dt>
        <dd>
          {x.type} · {x.channel}
        </dd>
      </div>
      <div>
        <dt>Unit and staff</dt>
        <dd>{[x.unit?.name, x.agent?.name].filter(Boolean).join(" · ") || "—"}</dd>
      </div>
      <div>
        <dt>Customer</dt>
        <dd className="break-anywhere" data-testid="customer">
          {x.customer.name ? `${x.customer.name}, ` : ""}
          {x.customer.email}
        </dd>
      </div>
    </dl>
  );
}

function EmailHistory({ r }: { r: ResponseDetail }) {
  const i = r.invitation;
  if (!i) return <p className="muted">{r.imported ? "Imported from another tool: Rapport sent no invitation." : "The invitation is no longer on record."}</p>;
  return (
    <dl className="facts" data-testid="email-history">
      <div>
        <dt>Sent to</dt>
        <dd className="break-anywhere">{i.email}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>{STATUS[i.status]}</dd>
      </div>
      <div>
        <dt>Due</dt>
        <dd>{when(i.sendAt)}</dd>
      </div>
      <div>
        <dt>Sent</dt>
        <dd>
          {when(i.sentAt)}
          <span className="cell-note">
            {i.attempts} attempt{i.attempts === 1 ? "" : "s"}
          </span>
        </dd>
      </div>
      <div>
        <dt>Answered</dt>
        <dd>{when(i.respondedAt)}</dd>
      </div>
      <div>
        <dt>Link closes</dt>
        <dd>{when(i.expiresAt)}</dd>
      </div>
      {i.providerId && (
        <div>
          <dt>Mail provider's id</dt>
          <dd className="break-anywhere">{i.providerId}</dd>
        </div>
      )}
      {i.lastError && (
        <div>
          <dt>Last error</dt>
          <dd>{i.lastError}</dd>
        </div>
      )}
    </dl>
  );
}

export function ResponsePage({ id, filters }: { id: string; filters: ResponseFilters }) {
  const { data: r, error } = useQuery(responseQuery(id));
  const back = (
    <p className="breadcrumb">
      <Link to="/responses" search={filters} data-testid="back-to-responses">
        ← Back to responses
      </Link>
    </p>
  );
  if (error) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <>
        {back}
        <PageHeading title={missing ? "Response not found" : "Response"}>{missing ? "Response not found" : "Response"}</PageHeading>
        {missing ? <p>There is no response at this address in your organisation. It may have been opened from another organisation's link.</p> : <ProblemBanner error={error} />}
      </>
    );
  }
  const title = r ? `Response of ${timeFormat.format(new Date(r.respondedAt))}` : "Response";
  return (
    <>
      {back}
      <PageHeading title={title}>{title}</PageHeading>
      {!r ? (
        <SkeletonRows rows={4} label="Loading the response" />
      ) : (
        <div className="response-detail">
          <Facts r={r} />
          <OpenCaseButton responseId={r.id} />
          <section aria-labelledby="answers-title">
            <h2 id="answers-title">Answers</h2>
            <Answers r={r} />
          </section>
          {r.comments.length > 0 && (
            <section aria-labelledby="sentiment-title">
              <h2 id="sentiment-title">Comment sentiment</h2>
              <ul className="plain-list">
                {r.comments.map((c) => (
                  <li key={c.question}>
                    <SentimentBadge label={c.sentimentLabel} /> <q>{c.text}</q>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="interaction-title">
            <h2 id="interaction-title">Interaction and customer</h2>
            <Interaction r={r} />
          </section>
          <section aria-labelledby="email-title">
            <h2 id="email-title">Email history</h2>
            <EmailHistory r={r} />
          </section>
        </div>
      )}
    </>
  );
}
