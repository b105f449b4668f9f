// /cases/$id: one follow-up case beside the customer's answers, its history, and what its owner does with it.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { ApiError } from "../../shared/api-client";
import { caseQuery, type CaseDetail } from "../cases-queries";
import { CaseHistory } from "../cases/case-history";
import { AssignForm, NoteForm, OutcomeComposer, ResurveyControl, RootCauseForm, StatusActions } from "../cases/case-work";
import { StatusBadge, Timing, canReassign, canWork, customerOf, priorityWords, when } from "../cases/parts";
import { useSession } from "../session";
import { SkeletonRows } from "../ui/comment-list";
import { PageHeading, ProblemBanner } from "../ui/feedback";

function Facts({ c }: { c: CaseDetail }) {
  const facts: [string, ReactNode][] = [
    ["Status", <StatusBadge key="s" status={c.status} />],
    ["Due", <span key="d">{when(c.dueAt)} · <Timing item={c} /></span>],
    ["Priority", <span key="p" data-testid="case-priority">{priorityWords[c.priority]}</span>],
    ["Owner", <span key="o" data-testid="case-owner">{c.owner?.name ?? "Nobody yet"}</span>],
    ["Customer", <span key="c" className="break-anywhere">{[c.customer.name, c.customer.email].filter(Boolean).join(", ") || "Unknown"}</span>],
    ["Unit and staff", [c.unit?.name, c.agent?.name].filter(Boolean).join(" · ") || "—"],
    ["Root cause", <span key="r" data-testid="case-root-cause">{c.rootCause ?? "Not known yet"}</span>],
    ["Opened", when(c.createdAt)],
  ];
  return (
    <dl className="facts" data-testid="case-facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Answers({ c }: { c: CaseDetail }) {
  const r = c.response;
  return (
    <section aria-labelledby="case-answers-title" className="case-answers panel">
      <h2 id="case-answers-title">The customer's answers</h2>
      <p className="small muted">
        {r.surveyTitle}, answered {when(r.respondedAt)}.{" "}
        <Link to="/responses/$id" params={{ id: r.id }}>
          The whole response
        </Link>
      </p>
      {r.answers.length === 0 ? (
        <p className="muted">This response holds no answers.</p>
      ) : (
        <dl className="answers" data-testid="case-answers">
          {r.answers.map((a) => (
            <div key={a.question} className="answer">
              <dt>{a.title}</dt>
              <dd>{a.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

export function CasePage({ id }: { id: string }): ReactNode {
  const { me } = useSession();
  const { data: c, error } = useQuery(caseQuery(id));
  const back = (
    <p className="breadcrumb">
      <Link to="/cases">← Back to cases</Link>
    </p>
  );
  if (error) {
    const missing = error instanceof ApiError && error.status === 404;
    const title = missing ? "Case not found" : "Case";
    return (
      <>
        {back}
        <PageHeading title={title}>{title}</PageHeading>
        {missing ? <p>There is no such case among yours. It may belong to someone else, or to another organisation.</p> : <ProblemBanner error={error} />}
      </>
    );
  }
  const title = c ? `Case ${c.number}: ${customerOf(c)}` : "Case";
  const works = canWork(me.role);
  return (
    <>
      {back}
      <PageHeading title={title}>{title}</PageHeading>
      {!c ? (
        <SkeletonRows rows={4} label="Loading the case" />
      ) : (
        <>
          <p className="case-reason">{c.reason}</p>
          {!works && <p className="notice">You can read this case; its owner, a manager or an admin works it.</p>}
          <div className="case-layout">
            <Answers c={c} />
            <div className="case-work">
              <section aria-labelledby="case-facts-title" className="panel">
                <h2 id="case-facts-title">The case</h2>
                <Facts c={c} />
                {works && <StatusActions detail={c} />}
                {works && <RootCauseForm detail={c} />}
                {canReassign(me.role) && <AssignForm detail={c} />}
              </section>
              {works && (
                <section aria-labelledby="case-outcome-title" className="panel">
                  <h2 id="case-outcome-title">Email the customer the outcome</h2>
                  <OutcomeComposer detail={c} />
                </section>
              )}
              <section aria-labelledby="case-resurvey-title" className="panel">
                <h2 id="case-resurvey-title">Re-survey</h2>
                <ResurveyControl detail={c} canSend={works} />
              </section>
              <section aria-labelledby="case-history-title" className="panel">
                <h2 id="case-history-title">History</h2>
                <CaseHistory events={c.events} />
                {works && <NoteForm detail={c} />}
              </section>
            </div>
          </div>
        </>
      )}
    </>
  );
}
