// What people do on a case: move its status, record the root cause, reassign it, note, email the outcome, re-survey.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { addCaseNote, changeCase, emailOutcome, keepCase, sendResurvey, type CaseChanges, type CaseDetail, type CasePriority, type CaseStatus } from "../cases-queries";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Notice, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { priorities, priorityWords } from "./parts";

type RootCause = NonNullable<CaseChanges["rootCause"]>;
// The server's list, repeated here because the web app imports only types from it; the type keeps both in step.
export const rootCauses = [
  "Staff behaviour",
  "Waiting time",
  "Process or policy",
  "Product or service fault",
  "Communication",
  "Price",
  "Customer expectation",
  "Other",
] as const satisfies readonly RootCause[];

function useCaseWrite<A>(write: (arg: A) => Promise<CaseDetail>, done?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (detail) => {
      await keepCase(queryClient, detail);
      done?.();
    },
  });
}

// Where a case may go next, and what the button says; the server holds the same rule.
const moves: Record<CaseStatus, { to: CaseStatus; label: string }[]> = {
  open: [
    { to: "contacted", label: "Mark contacted" },
    { to: "resolved", label: "Mark resolved" },
    { to: "unreachable", label: "Could not reach" },
  ],
  contacted: [
    { to: "resolved", label: "Mark resolved" },
    { to: "unreachable", label: "Could not reach" },
    { to: "open", label: "Back to open" },
  ],
  resolved: [{ to: "open", label: "Reopen" }],
  unreachable: [{ to: "open", label: "Reopen" }],
};

export function StatusActions({ detail }: { detail: CaseDetail }) {
  const buttons = useRef<HTMLFieldSetElement>(null);
  // The pressed button goes away with the old status: keep keyboard focus on the next steps instead of the page.
  const move = useCaseWrite(
    (status: CaseStatus) => changeCase(detail.id, { status }),
    () => setTimeout(() => buttons.current?.querySelector("button")?.focus()),
  );
  return (
    <div className="case-moves" data-testid="case-moves">
      <fieldset className="case-move-buttons" ref={buttons}>
        <legend className="small muted">Next step</legend>
        {/* The usual next step stands out; the others are there without competing with it. */}
        {moves[detail.status].map((m, i) => (
          <button key={m.to} type="button" className={i === 0 && m.to !== "open" ? "button" : "button secondary"} disabled={move.isPending} onClick={() => move.mutate(m.to)}>
            {m.label}
          </button>
        ))}
      </fieldset>
      <ProblemBanner error={move.error} />
    </div>
  );
}

export function RootCauseForm({ detail }: { detail: CaseDetail }) {
  const [cause, setCause] = useState<string>(detail.rootCause ?? "");
  const [saved, setSaved] = useState(false);
  const save = useCaseWrite((rootCause: RootCause | null) => changeCase(detail.id, { rootCause }), () => setSaved(true));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate((cause || null) as RootCause | null);
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate data-testid="root-cause-form">
      <FormField id="case-root-cause" label="Root cause" errors={fieldErrorsAt(save.error, "/rootCause")}>
        {(control) => (
          <select {...control} value={cause} onChange={(e) => setCause(e.target.value)}>
            <option value="">Not known yet</option>
            {rootCauses.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" className="button secondary" disabled={save.isPending || cause === (detail.rootCause ?? "")}>
        Save root cause
      </button>
      {saved && !save.isPending && <Notice>Root cause saved.</Notice>}
      <ProblemBanner error={fieldErrorsAt(save.error, "/rootCause").length ? null : save.error} />
    </form>
  );
}

export function AssignForm({ detail }: { detail: CaseDetail }) {
  const [ownerId, setOwnerId] = useState(detail.owner?.id ?? "");
  const [priority, setPriority] = useState<CasePriority>(detail.priority);
  const [saved, setSaved] = useState(false);
  const save = useCaseWrite(
    (body: CaseChanges) => changeCase(detail.id, body),
    () => setSaved(true),
  );
  const changes: CaseChanges = {
    ...(ownerId !== (detail.owner?.id ?? "") && { ownerId: ownerId || null }),
    ...(priority !== detail.priority && { priority }),
  };
  const unchanged = Object.keys(changes).length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!unchanged) save.mutate(changes);
  };
  // The current owner may no longer be among the choices (moved unit, deactivated): keep them listed.
  const owners = detail.owners.some((o) => o.id === detail.owner?.id) || !detail.owner ? detail.owners : [{ ...detail.owner, role: "" }, ...detail.owners];
  return (
    <form className="inline-form" onSubmit={submit} noValidate data-testid="assign-form">
      <FormField id="case-owner" label="Owner" errors={fieldErrorsAt(save.error, "/ownerId")}>
        {(control) => (
          <select {...control} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">Nobody</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.role ? `${o.name} (${o.role})` : o.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="case-priority" label="Priority" hint="Changing it moves the due time." errors={fieldErrorsAt(save.error, "/priority")}>
        {(control) => (
          <select {...control} value={priority} onChange={(e) => setPriority(e.target.value as CasePriority)}>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {priorityWords[p]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" className="button secondary" disabled={save.isPending || unchanged}>
        Save owner and priority
      </button>
      {saved && !save.isPending && <Notice>Owner and priority saved.</Notice>}
      <ProblemBanner error={save.error && !fieldErrorsAt(save.error, "/ownerId").length ? save.error : null} />
    </form>
  );
}

export function NoteForm({ detail }: { detail: CaseDetail }) {
  const [body, setBody] = useState("");
  const add = useCaseWrite((text: string) => addCaseNote(detail.id, text), () => setBody(""));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="note-form">
      <FormField id="case-note" label="Add a note" hint="What you did or learnt: a call, what the customer said, what happens next." errors={fieldErrorsAt(add.error, "/body")}>
        {(control) => <textarea {...control} rows={3} value={body} maxLength={4000} onChange={(e) => setBody(e.target.value)} />}
      </FormField>
      <div className="actions">
        <button type="submit" className="button secondary" disabled={add.isPending}>
          Add the note
        </button>
      </div>
      <ProblemBanner error={fieldErrorsAt(add.error, "/body").length ? null : add.error} />
    </form>
  );
}

export function OutcomeComposer({ detail }: { detail: CaseDetail }) {
  const [subject, setSubject] = useState(detail.outcomeDraft.subject);
  const [body, setBody] = useState(detail.outcomeDraft.body);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [sent, setSent] = useState(false);
  const send = useCaseWrite((email: { subject: string; body: string }) => emailOutcome(detail.id, email), () => setSent(true));
  const to = detail.customer.email;
  if (!detail.canEmail) {
    return (
      <p className="banner banner-warn" data-testid="cannot-email">
        Rapport cannot email this customer: {to ? `${to} has unsubscribed, bounced or complained` : "there is no address on record"}. Call them instead, and record the call in a note.
      </p>
    );
  }
  const review = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    send.reset();
    setConfirm({
      title: "Send this email to the customer?",
      body: (
        <dl className="facts" data-testid="confirm-email">
          <div>
            <dt>To</dt>
            <dd className="break-anywhere">{to}</dd>
          </div>
          <div>
            <dt>Subject</dt>
            <dd>{subject.trim()}</dd>
          </div>
        </dl>
      ),
      action: "Send the email",
      run: async () => {
        await send.mutateAsync({ subject, body }).catch(() => undefined);
      },
    });
  };
  // The dialog holds a form of its own, so it sits beside this one, not inside it.
  return (
    <>
    <form onSubmit={review} noValidate data-testid="outcome-form">
      <p className="muted small">
        Goes to <span className="break-anywhere">{to}</span> and is kept on the case. An open case becomes contacted.
      </p>
      <FormField id="outcome-subject" label="Subject" errors={fieldErrorsAt(send.error, "/subject")}>
        {(control) => <input {...control} type="text" value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />}
      </FormField>
      <FormField id="outcome-body" label="Message" errors={fieldErrorsAt(send.error, "/body")}>
        {(control) => <textarea {...control} rows={9} value={body} maxLength={10_000} onChange={(e) => setBody(e.target.value)} />}
      </FormField>
      <div className="actions">
        <button type="submit" className="button" disabled={send.isPending}>
          Review and send
        </button>
      </div>
      {sent && !send.isPending && <Notice>Email sent to {to}. It is kept in the history below.</Notice>}
      <ProblemBanner error={fieldErrorsAt(send.error, "/subject").length || fieldErrorsAt(send.error, "/body").length ? null : send.error} />
    </form>
    <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}

export function ResurveyControl({ detail, canSend }: { detail: CaseDetail; canSend: boolean }) {
  const [surveyId, setSurveyId] = useState(detail.resurveySurveys[0]?.id ?? "");
  const send = useCaseWrite((id: string) => sendResurvey(detail.id, id));
  if (detail.resurvey) {
    return (
      <p data-testid="resurvey-sent">
        A re-survey has been sent to the customer (invitation {detail.resurvey.status}).
      </p>
    );
  }
  if (detail.status !== "resolved") return <p className="muted">Once the case is resolved, you can send the customer a short survey asking how its resolution went.</p>;
  if (!canSend) return <p className="muted">No re-survey has been sent.</p>;
  if (!detail.canEmail) return <p className="muted">Rapport cannot email this customer, so no re-survey can be sent.</p>;
  if (detail.resurveySurveys.length === 0) return <p className="muted">Publish a survey to send one as a re-survey.</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(surveyId);
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate data-testid="resurvey-form">
      <FormField id="resurvey-survey" label="Survey to send" errors={fieldErrorsAt(send.error, "/surveyId")}>
        {(control) => (
          <select {...control} value={surveyId} onChange={(e) => setSurveyId(e.target.value)}>
            {detail.resurveySurveys.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" className="button secondary" disabled={send.isPending}>
        Send the re-survey
      </button>
      <ProblemBanner error={fieldErrorsAt(send.error, "/surveyId").length ? null : send.error} />
    </form>
  );
}
