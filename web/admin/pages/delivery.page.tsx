// /surveys/:id/delivery: where a survey's invitations stand (by state, with counts, reasons, reminders and a
// retry for failed sends) and its funnel from interactions to answers.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { FunnelView } from "../delivery/funnel-view";
import { countsQuery, deliveryKeys, invitationStates, invitationsQuery, retry, type FunnelScope, type InvitationItem, type InvitationState } from "../delivery-queries";
import { canEdit, surveyQuery } from "../queries";
import { useSession } from "../session";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, Notice, PageHeading, ProblemBanner } from "../ui/feedback";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { ScrollRegion } from "../ui/scroll-region";
import "../delivery/delivery.css";

export type DeliverySearch = FunnelScope & { state?: InvitationState };

const stateNames: Record<InvitationState, string> = {
  scheduled: "Scheduled",
  sent: "Sent",
  delivered: "Delivered",
  bounced: "Bounced",
  failed: "Failed",
  expired: "Expired",
  answered: "Answered",
  cancelled: "Cancelled",
};

// What each state means, under the filter when it is chosen.
const stateHelp: Record<InvitationState, string> = {
  scheduled: "Waiting in the outbox for their time (quiet hours and the delay after the interaction).",
  sent: "Handed to the mail provider; no word yet on delivery.",
  delivered: "The customer's mail server took them and the link is still open.",
  bounced: "The customer's mail server refused them; the address is now suppressed.",
  failed: "The mail provider refused to send them. Send them again once the cause is fixed.",
  expired: "The link closed before the customer answered.",
  answered: "The customer answered the survey.",
  cancelled: "Decided against before sending: the customer answered, unsubscribed or was suppressed, or the interaction was reopened.",
};

const badgeClass: Record<InvitationState, string> = {
  scheduled: "badge",
  sent: "badge",
  delivered: "badge badge-ok",
  answered: "badge badge-ok",
  bounced: "badge badge-danger",
  failed: "badge badge-danger",
  expired: "badge badge-muted",
  cancelled: "badge badge-muted",
};

// The router marks the one state link whose search is exactly the page's (aria-current="page"), not "All" as well.
const exactly = { exact: true } as const;

// The year only when it is not this one: most of a survey's invitations are recent.
const thisYear = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
const otherYear = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
const time = (iso: string) => {
  const at = new Date(iso);
  return <time dateTime={iso}>{(at.getFullYear() === new Date().getFullYear() ? thisYear : otherYear).format(at)}</time>;
};
const integers = new Intl.NumberFormat(undefined);
const plural = (n: number, one: string, many = `${one}s`) => `${integers.format(n)} ${n === 1 ? one : many}`;

function Times({ item }: { item: InvitationItem }) {
  const open = new Date(item.expiresAt) > new Date();
  return (
    <ul className="plain-list delivery-times">
      {item.sentAt ? <li>Sent {time(item.sentAt)}</li> : <li>{item.state === "scheduled" ? "Due" : "Was due"} {time(item.sendAt)}</li>}
      {item.deliveredAt && item.state !== "bounced" && <li>Delivered {time(item.deliveredAt)}</li>}
      {item.visitedAt && <li>Opened the survey {time(item.visitedAt)}</li>}
      {item.respondedAt && <li>Answered {time(item.respondedAt)}</li>}
      {!item.respondedAt && item.state !== "cancelled" && (
        <li className="muted">
          Link {open ? "closes" : "closed"} {time(item.expiresAt)}
        </li>
      )}
    </ul>
  );
}

function Reminders({ item }: { item: InvitationItem }) {
  if (item.reminders.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="plain-list">
      {item.reminders.map((r) => (
        <li key={r.id}>
          Reminder {r.sequence}: <span className={badgeClass[r.state]}>{stateNames[r.state]}</span>{" "}
          {r.sentAt ? time(r.sentAt) : r.state === "scheduled" ? <>for {time(r.sendAt)}</> : null}
          {r.reason && <span className="cell-note">{r.reason}</span>}
        </li>
      ))}
    </ul>
  );
}

export function DeliveryPage({ surveyId, search, onSearch }: { surveyId: string; search: DeliverySearch; onSearch: (next: DeliverySearch) => void }) {
  const { me } = useSession();
  const editable = canEdit(me);
  const queryClient = useQueryClient();
  const survey = useQuery(surveyQuery(surveyId));
  const counts = useQuery(countsQuery(surveyId));
  const { state, ...scope } = search;
  const list = usePagedList(invitationsQuery(surveyId, state));
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all(surveyId) });

  const retryOne = useMutation({
    mutationFn: (item: InvitationItem) => retry.one(item.id),
    onSuccess: (row) => {
      setNotice(`The invitation to ${row.email} is back in the outbox and goes out within a minute or two.`);
      void refresh();
    },
  });
  const retryAll = useMutation({
    mutationFn: () => retry.allFailed(surveyId),
    onSuccess: (result) => {
      setNotice(
        `${plural(result.retried, "failed invitation")} back in the outbox.${result.closed ? ` ${plural(result.closed, "other")} stayed failed: ${result.closed === 1 ? "its link has" : "their links have"} closed.` : ""}`,
      );
      void refresh();
    },
  });

  const title = survey.data?.title ?? "Survey";
  const total = counts.data?.total;
  const failed = counts.data?.counts.failed ?? 0;
  const retryable = counts.data?.retryable ?? 0;
  const problem = survey.error ?? counts.error ?? list.problem ?? retryOne.error ?? retryAll.error;
  const now = new Date();

  const askRetryAll = () =>
    setConfirm({
      title: `Send ${plural(retryable, "failed invitation")} again?`,
      body: (
        <p>
          {retryable === 1 ? "It goes" : "They go"} back in the outbox, due now, and are checked again before sending (suppressed addresses, quiet hours).
          {failed > retryable && ` ${plural(failed - retryable, "other")} whose link has closed will stay failed.`}
        </p>
      ),
      action: "Send again",
      run: async () => {
        await retryAll.mutateAsync().catch(() => undefined);
      },
    });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/surveys" activeOptions={{ exact: true }}>
          Surveys
        </Link>{" "}
        <span aria-hidden="true">/</span>{" "}
        <Link to="/surveys/$id" params={{ id: surveyId }}>
          {title}
        </Link>{" "}
        <span aria-hidden="true">/</span>
      </p>
      <div className="title-row">
        <PageHeading title={`Delivery · ${title}`}>Delivery</PageHeading>
        <Link className="button secondary small" to="/analytics" search={{ surveyId }}>
          Analytics
        </Link>
      </div>
      <p className="muted">Where the invitations of “{title}” stand, and how many customers each step of the way loses.</p>
      <ProblemBanner error={problem} />
      {notice && <Notice>{notice}</Notice>}

      <section className="delivery-section" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">Funnel</h2>
        <FunnelView surveyId={surveyId} scope={scope} onScope={(next) => onSearch({ ...next, state })} />
      </section>

      <section className="delivery-section" aria-labelledby="invitations-heading">
        <div className="title-row">
          <h2 id="invitations-heading">Invitations</h2>
          {editable && retryable > 0 && (
            <button type="button" className="button secondary small" onClick={askRetryAll} disabled={retryAll.isPending} data-testid="retry-all">
              {retryAll.isPending ? "Sending again…" : `Retry ${plural(retryable, "failed invitation")}`}
            </button>
          )}
        </div>
        <nav aria-label="Invitations by state">
          <ul className="state-tabs">
            <li>
              <Link to="." search={{ ...scope }} replace activeOptions={exactly}>
                All <span className="state-count">{total === undefined ? "…" : integers.format(total)}</span>
              </Link>
            </li>
            {invitationStates.map((s) => (
              <li key={s}>
                <Link to="." search={{ ...scope, state: s }} replace activeOptions={exactly} data-testid={`state-${s}`}>
                  {stateNames[s]} <span className="state-count">{counts.data ? integers.format(counts.data.counts[s]) : "…"}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {state && <p className="muted">{stateHelp[state]}</p>}

        {list.items === null && !list.problem && <Loading>Loading invitations…</Loading>}
        {list.items?.length === 0 && (
          <div className="empty-state" data-testid="invitations-empty">
            {state ? (
              <p>No {stateNames[state].toLowerCase()} invitations. <Link to="." search={{ ...scope }} replace>Show all of them</Link>.</p>
            ) : (
              <p>No invitations yet: they are scheduled when interactions arrive that one of this survey's rules selects.</p>
            )}
          </div>
        )}
        {list.items && list.items.length > 0 && (
          <ScrollRegion label={state ? `${stateNames[state]} invitations` : "Invitations, latest due first"}>
            <table className="table delivery-table" data-testid="invitations-table">
              <thead>
                <tr>
                  <th scope="col">Customer and interaction</th>
                  <th scope="col">State</th>
                  <th scope="col">When</th>
                  <th scope="col">Reminders</th>
                  {editable && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.items.map((item) => {
                  const closed = new Date(item.expiresAt) <= now;
                  return (
                    <tr key={item.id} data-testid="invitation-row">
                      <td data-label="Customer">
                        <span className="break-anywhere">{item.email}</span>
                        <span className="cell-note">
                          {item.interaction.externalId} · {[item.interaction.type, item.interaction.channel, item.interaction.unit].filter(Boolean).join(" · ")}
                        </span>
                        <span className="cell-note">Happened {time(item.interaction.occurredAt)}</span>
                      </td>
                      <td data-label="State">
                        <span className={badgeClass[item.state]}>{stateNames[item.state]}</span>
                        {item.reason && <span className="cell-note delivery-reason">{item.reason}</span>}
                      </td>
                      <td data-label="When">
                        <Times item={item} />
                      </td>
                      <td data-label="Reminders">
                        <Reminders item={item} />
                      </td>
                      {editable && (
                        <td className="row-actions">
                          {item.state === "failed" &&
                            (closed ? (
                              <span className="cell-note">Link closed: cannot be sent</span>
                            ) : (
                              <button
                                type="button"
                                className="button secondary small"
                                onClick={() => retryOne.mutate(item)}
                                disabled={retryOne.isPending && retryOne.variables?.id === item.id}
                                aria-label={`Retry the invitation to ${item.email}`}
                              >
                                Retry
                              </button>
                            ))}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <LoadMore list={list} label="Show more invitations" />
      </section>
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}
