// /settings/people (admins): who is in the organisation, inviting people with a role, changing roles,
// deactivating and reactivating (with a confirmation), resending invitations, a page at a time.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError } from "../../shared/api-client";
import { filterOptionsQuery } from "../analytics-queries";
import { keys, peopleQuery, replaceInPages, write, type Invited, type Person, type Role } from "../queries";
import { useSession } from "../session";
import { TextField } from "../ui/account-forms";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, Notice, PageHeading, ProblemBanner, fieldErrorsAt, problemText } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { LoadMore, usePagedList } from "../ui/paged-list";

// The server says what went wrong with the email whenever it fails; this covers an answer that does not.
const UNSENT = "The invitation is saved, but its email could not be sent. Try Resend invitation.";

const ROLES: { role: Role; label: string; can: string }[] = [
  { role: "admin", label: "Admin", can: "Everything, including people and API keys." },
  { role: "manager", label: "Manager", can: "Designs surveys and their sending rules, sets KPIs, works the follow-up cases of their units." },
  { role: "reviewer", label: "Reviewer", can: "Reads surveys, analytics and cases; prepares the review packs." },
  { role: "agent", label: "Agent", can: "Front-line staff: sees their own feedback and scorecard, and works the follow-up cases given to them." },
];
const roleLabel = (role: Role) => ROLES.find((r) => r.role === role)?.label ?? role;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const STATUS: Record<Person["status"], { label: string; className: string }> = {
  active: { label: "Active", className: "badge badge-ok" },
  invited: { label: "Invited", className: "badge badge-warn" },
  deactivated: { label: "Deactivated", className: "badge badge-muted" },
};

// A message about one person shows in that person's row; one about an invitation, above the list.
type Message = { kind: "ok" | "warn" | "error"; text: string; personId?: string };
type PersonChange = { role?: Role; active?: boolean; agentId?: string | null; unitIds?: string[] };

/** An agent's staff record, or a manager's units: what their cases and scorecard are scoped to. */
function PersonScope({ person, busy, onChange }: { person: Person; busy: boolean; onChange: (change: PersonChange) => Promise<void> }) {
  const options = useQuery(filterOptionsQuery).data;
  const label = person.name ?? person.email;
  const [chosen, setChosen] = useState<string[]>(person.units.map((u) => u.id));
  if (person.role === "agent") {
    return (
      <div className="person-scope">
        <label htmlFor={`staff-${person.id}`}>Staff record</label>
        <select
          id={`staff-${person.id}`}
          value={person.agent?.id ?? ""}
          disabled={busy || !options}
          aria-describedby={`staff-hint-${person.id}`}
          onChange={(e) => void onChange({ agentId: e.target.value || null })}
        >
          <option value="">Not linked</option>
          {person.agent && !options?.agents.some((a) => a.id === person.agent?.id) && <option value={person.agent.id}>{person.agent.name}</option>}
          {options?.agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <span id={`staff-hint-${person.id}`} className="cell-note">
          {person.agent ? `${label} sees ${person.agent.name}'s feedback and cases.` : "Link the staff member the interactions name, so their feedback and cases reach them."}
        </span>
      </div>
    );
  }
  if (person.role !== "manager") return null;
  const summary = person.units.length ? person.units.map((u) => u.name).join(", ") : "All units";
  return (
    <div className="person-scope">
      <details>
        <summary>
          Units: <span className="break-anywhere">{summary}</span>
        </summary>
        <fieldset className="unit-choices">
          <legend className="sr-only">Units {label} manages</legend>
          <p className="cell-note">A manager given units sees and works only those units' cases. None ticked: the whole organisation.</p>
          {options?.units.map((u) => (
            <label key={u.id} className="check">
              <input type="checkbox" checked={chosen.includes(u.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, u.id] : c.filter((id) => id !== u.id)))} />
              {u.name}
            </label>
          ))}
          <button type="button" className="button secondary small" disabled={busy} onClick={() => void onChange({ unitIds: chosen })}>
            Save units<span className="sr-only"> of {label}</span>
          </button>
        </fieldset>
      </details>
    </div>
  );
}

function MessageLine({ message }: { message: Message }) {
  if (message.kind === "ok") return <Notice>{message.text}</Notice>;
  return (
    <p className={`banner ${message.kind === "warn" ? "banner-warn" : "banner-error"}`} role="alert">
      {message.text}
    </p>
  );
}

function InviteForm({ onInvited }: { onInvited: (result: Invited) => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("manager");
  const invite = useMutation({
    mutationFn: write.invitePerson,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: keys.people });
      onInvited(result);
      setEmail("");
      setName("");
    },
  });
  const error = invite.error;
  const busy = invite.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email, name, role });
  };

  const roleErrors = fieldErrorsAt(error, "/role");
  return (
    <section className="panel invite-panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <p className="muted small">They get an email with a link to choose a password. The link works once, for 7 days.</p>
      <form onSubmit={submit} noValidate data-testid="invite-form">
        <div className="form-grid">
          <TextField id="invite-email" label="Email" type="email" inputMode="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrorsAt(error, "/email")} />
          <TextField id="invite-person-name" label="Name (optional)" autoComplete="off" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrorsAt(error, "/name")} />
          <FormField id="invite-role" label="Role" hint={ROLES.find((r) => r.role === role)?.can} liveHint errors={roleErrors}>
            {(control) => (
              <select {...control} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r.role} value={r.role}>
                    {r.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <ProblemBanner error={error instanceof ApiError && error.status === 422 ? null : error} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Inviting…" : "Send invitation"}
        </button>
      </form>
    </section>
  );
}

function PersonItem({
  person,
  isMe,
  message,
  onChange,
  onResend,
  askConfirm,
}: {
  person: Person;
  isMe: boolean;
  message: Message | null;
  onChange: (change: PersonChange) => Promise<void>;
  onResend: () => Promise<void>;
  askConfirm: (c: Confirm) => void;
}) {
  const [busy, setBusy] = useState(false);
  const label = person.name ?? person.email;
  const status = STATUS[person.status];
  const act = (run: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await run();
    } finally {
      setBusy(false);
    }
  };

  const changeRole = (role: Role) => {
    if (isMe && role !== "admin") {
      askConfirm({
        title: `Make yourself ${roleLabel(role).toLowerCase()}?`,
        body: <p>You will lose access to People and API keys at once, and only another admin can give it back.</p>,
        action: `Make me ${roleLabel(role).toLowerCase()}`,
        run: () => onChange({ role }),
      });
      return;
    }
    void act(() => onChange({ role }))();
  };

  const deactivate = () =>
    askConfirm({
      title: isMe ? "Deactivate your own account?" : `Deactivate ${label}?`,
      body: (
        <p>
          {isMe ? "You are" : `${label} is`} signed out at once and cannot sign in until an admin reactivates the account. Nothing they made is deleted.
        </p>
      ),
      action: "Deactivate",
      run: () => onChange({ active: false }),
    });

  return (
    <li className="person" data-testid="person" data-email={person.email}>
      <div className="person-who">
        <span className="person-name">
          {label}
          {isMe && <span className="muted"> (you)</span>}
        </span>
        {person.name && <span className="cell-note break-anywhere">{person.email}</span>}
        <span className="cell-note">
          {person.invitedBy ? `Invited by ${person.invitedBy.name ?? person.invitedBy.email}` : "Added"} on{" "}
          <time dateTime={person.createdAt}>{dateFormat.format(new Date(person.createdAt))}</time>
        </span>
      </div>
      <div className="person-status">
        <span className={status.className}>{status.label}</span>
      </div>
      <div className="person-role">
        <label htmlFor={`role-${person.id}`} className="sr-only">
          Role of {label}
        </label>
        <select id={`role-${person.id}`} value={person.role} disabled={busy || person.status === "deactivated"} onChange={(e) => changeRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r.role} value={r.role}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div className="person-actions">
        {person.status === "invited" && (
          <button type="button" className="button secondary small" disabled={busy} onClick={act(onResend)}>
            Resend invitation
          </button>
        )}
        {person.status === "deactivated" ? (
          <button type="button" className="button secondary small" disabled={busy} onClick={act(() => onChange({ active: true }))}>
            Reactivate
          </button>
        ) : (
          <button type="button" className="button secondary small danger-text" disabled={busy} onClick={deactivate}>
            Deactivate<span className="sr-only"> {label}</span>
          </button>
        )}
      </div>
      {person.status !== "deactivated" && <PersonScope person={person} busy={busy} onChange={(change) => act(() => onChange(change))()} />}
      {message && (
        <div className="person-message" data-testid="person-message">
          <MessageLine message={message} />
        </div>
      )}
    </li>
  );
}

export function PeoplePage() {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const list = usePagedList(peopleQuery);
  const people = list.items;
  const [message, setMessage] = useState<Message | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);

  const onInvited = (result: Invited) => {
    setMessage(
      result.delivery === "sent"
        ? { kind: "ok", text: `Invitation emailed to ${result.person.email}.` }
        : { kind: "warn", text: result.message ?? UNSENT },
    );
  };

  const change = (person: Person) => async (body: PersonChange) => {
    setMessage(null);
    try {
      const updated = await write.updatePerson(person.id, body);
      // Losing admin rights, or the account, changes what this very page may do: start again from the top.
      if (updated.id === me.id && (updated.role !== "admin" || updated.status === "deactivated")) {
        window.location.assign("/");
        return;
      }
      replaceInPages(queryClient, keys.people, updated);
      const who = updated.name ?? updated.email;
      setMessage({
        kind: "ok",
        personId: person.id,
        text:
          body.active === false
            ? `${who} is deactivated and signed out.`
            : body.active === true
              ? `${who} is active again.`
              : body.agentId !== undefined
                ? updated.agent
                  ? `${who} is linked to ${updated.agent.name}.`
                  : `${who} is no longer linked to a staff record.`
                : body.unitIds !== undefined
                  ? updated.units.length
                    ? `${who} now manages ${updated.units.map((u) => u.name).join(", ")}.`
                    : `${who} now manages the whole organisation.`
                  : `${who} is now ${roleLabel(updated.role).toLowerCase()}.`,
      });
    } catch (err) {
      setMessage({ kind: "error", personId: person.id, text: problemText(err).detail });
    }
  };

  const resend = (person: Person) => async () => {
    setMessage(null);
    try {
      const result = await write.resendInvitation(person.id);
      replaceInPages(queryClient, keys.people, result.person);
      setMessage(
        result.delivery === "sent"
          ? { kind: "ok", personId: person.id, text: `A new invitation is on its way to ${person.email}; earlier links no longer work.` }
          : { kind: "warn", personId: person.id, text: result.message ?? UNSENT },
      );
    } catch (err) {
      setMessage({ kind: "error", personId: person.id, text: problemText(err).detail });
    }
  };

  const onlyMe = people !== null && people.length <= 1 && !list.hasMore;

  return (
    <>
      <PageHeading title="People">People</PageHeading>
      <p className="muted">Everyone who can sign in to your organisation, and what their role lets them do.</p>

      <div aria-live="polite" data-testid="people-message">
        {message && !message.personId && <MessageLine message={message} />}
      </div>

      <InviteForm onInvited={onInvited} />

      <section aria-labelledby="people-heading" className="people-section">
        <h2 id="people-heading">Members</h2>
        <ProblemBanner error={list.problem} />
        {!people && !list.problem && <Loading>Loading people…</Loading>}
        {people && people.length > 0 && (
          <ul className="people-list" data-testid="people-list">
            {people.map((p) => (
              <PersonItem key={p.id} person={p} isMe={p.id === me.id} message={message?.personId === p.id ? message : null} onChange={change(p)} onResend={resend(p)} askConfirm={setConfirm} />
            ))}
          </ul>
        )}
        {onlyMe && (
          <div className="empty-state" data-testid="people-empty">
            <p>
              <strong>It is just you so far.</strong>
            </p>
            <p className="muted">Invite the people who design surveys, read the results or serve your customers, using the form above.</p>
          </div>
        )}
        <LoadMore list={list} />
      </section>
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}
