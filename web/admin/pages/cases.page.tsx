// /cases: follow-up cases by view (mine, overdue, unassigned, all) and status, newest first, with their due times in words.
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { caseStatusFilters, casesQuery, type CaseStatusFilter, type CaseView } from "../cases-queries";
import { Timing, StatusBadge, customerOf, priorityWords } from "../cases/parts";
import { useSession } from "../session";
import { Loading, PageHeading, ProblemBanner } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { ScrollRegion } from "../ui/scroll-region";

export type CasesSearch = { view?: CaseView; status?: CaseStatusFilter };

const viewWords: Record<CaseView, string> = { mine: "Mine", overdue: "Overdue", unassigned: "Unassigned", all: "All" };
const statusFilterWords: Record<CaseStatusFilter, string> = {
  active: "Open or contacted",
  open: "Open",
  contacted: "Contacted",
  resolved: "Resolved",
  unreachable: "Could not reach",
  closed: "Closed (resolved or could not reach)",
  all: "Any status",
};

const emptyWords: Record<CaseView, string> = {
  mine: "You own no cases with this status. Cases open for you when a customer of yours answers unhappily.",
  overdue: "No case is past its due time. Well done.",
  unassigned: "Every case with this status has an owner.",
  all: "No cases with this status. Cases open by themselves when a customer answers unhappily, or by hand from a response.",
};

export function CasesPage({ search, onSearch }: { search: CasesSearch; onSearch: (next: CasesSearch) => void }): ReactNode {
  const { me } = useSession();
  const agent = me.role === "agent";
  // An agent sees only their own cases, so "unassigned" can never hold anything for them.
  const views: CaseView[] = agent ? ["mine", "overdue"] : ["mine", "overdue", "unassigned", "all"];
  const view = search.view && views.includes(search.view) ? search.view : agent ? "mine" : "all";
  const status = search.status ?? "active";
  const list = usePagedList(casesQuery(view, status));
  const cases = list.items;
  return (
    <>
      <PageHeading title="Follow-up cases">Follow-up cases</PageHeading>
      <p className="muted">
        A case follows up an unhappy answer: call or write to the customer, record what caused it, and tell them the outcome before it is due.
        {agent ? " These are the cases you own." : ""}
      </p>
      <div className="case-filters">
        <fieldset className="segmented" data-testid="case-views">
          <legend className="sr-only">Which cases</legend>
          {views.map((v) => (
            <button key={v} type="button" className="segment" aria-pressed={v === view} onClick={() => onSearch({ ...search, view: v })}>
              {viewWords[v]}
            </button>
          ))}
        </fieldset>
        <FormField id="case-status-filter" label="Status">
          {(control) => (
            <select {...control} value={status} onChange={(e) => onSearch({ ...search, status: e.target.value as CaseStatusFilter })}>
              {caseStatusFilters.map((s) => (
                <option key={s} value={s}>
                  {statusFilterWords[s]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <ProblemBanner error={list.problem} />
      {cases === null && !list.problem && <Loading>Loading cases…</Loading>}
      {cases?.length === 0 && (
        <p className="empty-state" data-testid="cases-empty">
          {emptyWords[view]}
        </p>
      )}
      {cases && cases.length > 0 && (
        <ScrollRegion label="Follow-up cases">
          <table className="table stack-narrow case-table" data-testid="cases-table">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Customer</th>
                <th scope="col">Reason</th>
                <th scope="col">Unit and staff</th>
                <th scope="col">Owner</th>
                <th scope="col">Priority</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} data-testid="case-row">
                  <th scope="row" className="stack-title">
                    <Link to="/cases/$id" params={{ id: c.id }}>
                      Case {c.number}
                    </Link>
                  </th>
                  <td data-label="Customer">
                    <span className="break-anywhere">{customerOf(c)}</span>
                  </td>
                  <td data-label="Reason">
                    <span>{c.reason}</span>
                  </td>
                  <td data-label="Unit and staff">
                    <span>{[c.unit?.name, c.agent?.name].filter(Boolean).join(" · ") || "—"}</span>
                  </td>
                  <td data-label="Owner">
                    <span>{c.owner?.name ?? "Nobody yet"}</span>
                  </td>
                  <td data-label="Priority">
                    <span>{priorityWords[c.priority]}</span>
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={c.status} />
                  </td>
                  <td data-label="Due">
                    <Timing item={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <LoadMore list={list} label="Show more cases" />
    </>
  );
}
