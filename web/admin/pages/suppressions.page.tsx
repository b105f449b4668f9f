// /settings/suppressions: the addresses Rapport never emails (unsubscribed, bounced, spam reports, added by hand).
// Admins and managers read it; admins add an address and lift an entry, with a reason, after a confirmation.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useSession } from "../session";
import { addSuppression, liftSuppression, suppressionKeys, suppressionsQuery, type SuppressionEntry, type SuppressionFilters, type SuppressionReason } from "../suppressions-queries";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, Notice, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { ScrollRegion } from "../ui/scroll-region";

const REASONS: { value: SuppressionReason; label: string }[] = [
  { value: "unsubscribed", label: "Unsubscribed" },
  { value: "bounced", label: "Bounced" },
  { value: "complained", label: "Reported as spam" },
  { value: "manual", label: "Added by hand" },
];
const reasonLabel = (reason: SuppressionReason) => REASONS.find((r) => r.value === reason)?.label ?? reason;

const STATUSES: { value: SuppressionFilters["status"]; label: string }[] = [
  { value: "active", label: "On the list" },
  { value: "lifted", label: "Lifted" },
  { value: "all", label: "All" },
];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const when = (iso: string) => <time dateTime={iso}>{dateFormat.format(new Date(iso))}</time>;

function AddForm({ onAdded }: { onAdded: (entry: SuppressionEntry) => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [note, setNote] = useState("");
  const add = useMutation({
    mutationFn: addSuppression,
    onSuccess: async (entry) => {
      await queryClient.invalidateQueries({ queryKey: suppressionKeys.all });
      setEmail("");
      setNote("");
      onAdded(entry);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ email: email.trim(), ...(note.trim() && { note: note.trim() }) });
  };
  const fieldProblem = fieldErrorsAt(add.error, "/email").length + fieldErrorsAt(add.error, "/note").length > 0;
  return (
    <section className="panel" aria-labelledby="add-suppression-heading">
      <h2 id="add-suppression-heading">Add an address</h2>
      <p className="muted small">Nothing more is sent to it from any survey, including invitations and reminders already planned.</p>
      <form className="inline-form" onSubmit={submit} noValidate data-testid="add-suppression-form">
        <FormField id="suppress-email" label="Email address" className="grow" errors={fieldErrorsAt(add.error, "/email")}>
          {(control) => <input {...control} type="email" inputMode="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={320} />}
        </FormField>
        <FormField id="suppress-note" label="Note (optional)" className="grow" errors={fieldErrorsAt(add.error, "/note")}>
          {(control) => <input {...control} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="Asked us by phone to stop" />}
        </FormField>
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add to the list"}
        </button>
      </form>
      {/* Field problems show beside their field; anything else (already on the list, offline) here. */}
      <ProblemBanner error={fieldProblem ? null : add.error} />
    </section>
  );
}

function Filters({ filters, onFilters }: { filters: SuppressionFilters; onFilters: (next: SuppressionFilters) => void }) {
  const [text, setText] = useState(filters.q ?? "");
  const search = (event: FormEvent) => {
    event.preventDefault();
    onFilters({ ...filters, q: text.trim() || undefined });
  };
  return (
    <form className="filters answer-filters" onSubmit={search} aria-label="Filters">
      <FormField id="suppressions-q" label="Address contains" className="grow">
        {(control) => (
          <span className="search-row">
            <input {...control} type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={320} />
            <button type="submit" className="button secondary">
              Search
            </button>
          </span>
        )}
      </FormField>
      <FormField id="suppressions-reason" label="Reason">
        {(control) => (
          <select {...control} value={filters.reason ?? ""} onChange={(e) => onFilters({ ...filters, reason: (e.target.value || undefined) as SuppressionReason | undefined })}>
            <option value="">Any reason</option>
            {REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="suppressions-status" label="Show">
        {(control) => (
          <select {...control} value={filters.status} onChange={(e) => onFilters({ ...filters, status: e.target.value as SuppressionFilters["status"] })}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </form>
  );
}

function Status({ entry }: { entry: SuppressionEntry }) {
  if (!entry.lifted) return <span className="badge badge-warn">Not emailed</span>;
  const by = entry.lifted.by ? ` by ${entry.lifted.by.name ?? entry.lifted.by.email}` : "";
  return (
    <span>
      <span className="badge badge-muted">Lifted</span>
      <span className="cell-note">
        {when(entry.lifted.at)}
        {by}: “{entry.lifted.reason}”
      </span>
    </span>
  );
}

export function SuppressionsPage() {
  const { me } = useSession();
  if (me.role === "admin" || me.role === "manager") return <SuppressionList admin={me.role === "admin"} />;
  return (
    <>
      <PageHeading title="Suppression list">Suppression list</PageHeading>
      <p>This page needs the admin or manager role; you are signed in as {me.role}.</p>
    </>
  );
}

function SuppressionList({ admin }: { admin: boolean }) {
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<SuppressionFilters>({ status: "active" });
  const list = usePagedList(suppressionsQuery(filters));
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const lift = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => liftSuppression(id, reason),
    onSuccess: (entry) => {
      setNotice(`${entry.email} may be emailed again for new interactions.`);
      return queryClient.invalidateQueries({ queryKey: suppressionKeys.all });
    },
  });

  const askLift = (entry: SuppressionEntry) => {
    lift.reset();
    setConfirm({
      title: `Email ${entry.email} again?`,
      body: (
        <>
          <p>
            Rapport may invite this address again after new interactions. Emails cancelled while it was on the list stay cancelled, and the entry stays here as
            lifted, with your reason.
          </p>
          <div className="field">
            <label htmlFor="lift-reason">Why may it be emailed again?</label>
            <textarea id="lift-reason" ref={reasonRef} required maxLength={500} rows={3} />
          </div>
        </>
      ),
      action: "Lift from the list",
      run: async () => {
        await lift.mutateAsync({ id: entry.id, reason: reasonRef.current?.value.trim() ?? "" }).catch(() => undefined);
      },
    });
  };

  const filtered = filters.status !== "active" || filters.reason !== undefined || filters.q !== undefined;
  const items = list.items;
  return (
    <>
      <PageHeading title="Suppression list">Suppression list</PageHeading>
      <p className="muted">
        Rapport sends no survey to these addresses: people who unsubscribed, addresses whose email bounced for good or was reported as spam, and addresses
        added by hand.
      </p>
      {admin && <AddForm onAdded={(entry) => setNotice(`${entry.email} is on the list; anything waiting to be sent to it was cancelled.`)} />}
      {notice && <Notice>{notice}</Notice>}

      <section className="panel" aria-labelledby="suppressions-heading">
        <h2 id="suppressions-heading">Addresses</h2>
        <Filters filters={filters} onFilters={setFilters} />
        <ProblemBanner error={lift.error ?? list.problem} />
        <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />

        {!items && !list.problem && <Loading>Loading the list…</Loading>}
        {items?.length === 0 && (
          <div className="empty-state" data-testid="suppressions-empty">
            {filtered ? (
              <p>Nothing matches these filters. Clear the search or choose another reason to see more.</p>
            ) : (
              <>
                <p>
                  <strong>No addresses are on the list.</strong>
                </p>
                <p className="muted">When someone unsubscribes, or an email bounces for good or is reported as spam, the address appears here and gets no more surveys.</p>
              </>
            )}
          </div>
        )}
        {items && items.length > 0 && (
          <ScrollRegion label="Suppressed addresses">
            <table className="table stack-narrow" data-testid="suppressions-table">
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Since</th>
                  <th scope="col">Details</th>
                  <th scope="col">Status</th>
                  {admin && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="stack-title break-anywhere">
                      {entry.email}
                      {entry.name && <span className="cell-note">{entry.name}</span>}
                    </td>
                    <td data-label="Reason">{reasonLabel(entry.reason)}</td>
                    <td data-label="Since">{when(entry.createdAt)}</td>
                    <td data-label="Details">{entry.detail ?? ""}</td>
                    <td data-label="Status">
                      <Status entry={entry} />
                    </td>
                    {admin && (
                      <td className="row-actions">
                        {!entry.lifted && (
                          <button type="button" className="button secondary small" onClick={() => askLift(entry)} aria-label={`Lift ${entry.email} from the list`}>
                            Lift
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <LoadMore list={list} label="Show more addresses" />
      </section>
    </>
  );
}
