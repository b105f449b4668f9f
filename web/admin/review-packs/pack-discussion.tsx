// What people add to a pack: actions (carried over and raised here), comments, and the conclusions.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { dayLabel } from "../analytics/format";
import { changeAction, changePack, commentOnPack, keepPack, raiseAction, reviewKeys, type ActionItem, type Pack } from "../review-packs-queries";
import { Notice, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { PackSection } from "./pack-figures";
import { when } from "./parts";

function ActionRow({ action, packId, editable, showPack }: { action: ActionItem; packId: string; editable: boolean; showPack: boolean }) {
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: (status: "open" | "done") => changeAction(action.id, { status }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewKeys.pack(packId) }),
  });
  const done = action.status === "done";
  return (
    <li className="pack-action" data-testid="pack-action">
      <p className="pack-action-title">
        <strong>{action.title}</strong>{" "}
        {done ? <span className="badge badge-ok">Done</span> : action.overdue ? <span className="badge badge-warn">Overdue</span> : <span className="badge badge-muted">Open</span>}
      </p>
      <p className="small muted">
        {action.owner ? `Owner: ${action.owner.name}` : "No owner yet"}
        {" · "}
        {action.dueOn ? `due ${dayLabel(action.dueOn)}` : "no due date"}
        {done && action.doneAt && <> · done {when(action.doneAt)}</>}
        {showPack && <> · raised in “{action.packTitle}”</>}
      </p>
      {editable && (
        <p className="pack-controls">
          <button type="button" className="button secondary small" disabled={mark.isPending} onClick={() => mark.mutate(done ? "open" : "done")}>
            {done ? "Open again" : "Mark done"}
            <span className="sr-only">: {action.title}</span>
          </button>
        </p>
      )}
      <ProblemBanner error={mark.error} />
    </li>
  );
}

function AddAction({ pack }: { pack: Pack }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [dueOn, setDueOn] = useState("");
  const add = useMutation({
    mutationFn: () => raiseAction(pack.id, { title: title.trim(), ownerId: ownerId || null, dueOn: dueOn || null }),
    onSuccess: async (next) => {
      setTitle("");
      setOwnerId("");
      setDueOn("");
      await keepPack(queryClient, next);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const fields = ["/title", "/ownerId", "/dueOn"].some((p) => fieldErrorsAt(add.error, p).length > 0);
  return (
    <form className="pack-form inline-form" onSubmit={submit} noValidate aria-label="Raise an action" data-testid="add-action-form">
      <FormField id="action-title" label="Action" className="grow" errors={fieldErrorsAt(add.error, "/title")}>
        {(control) => <input {...control} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />}
      </FormField>
      <FormField id="action-owner" label="Owner" errors={fieldErrorsAt(add.error, "/ownerId")}>
        {(control) => (
          <select {...control} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">Nobody yet</option>
            {pack.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="action-due" label="Due date (optional)" errors={fieldErrorsAt(add.error, "/dueOn")}>
        {(control) => <input {...control} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
      </FormField>
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? "Adding…" : "Add action"}
      </button>
      <ProblemBanner error={fields ? null : add.error} />
    </form>
  );
}

export function PackActions({ pack }: { pack: Pack }) {
  const editable = pack.status !== "closed";
  return (
    <PackSection id="actions" title="Actions" newPage>
      <h3>Carried over from earlier reviews</h3>
      {pack.carried.length === 0 ? (
        <p>No open actions were left from earlier reviews.</p>
      ) : (
        <ul className="plain-list pack-action-list" data-testid="pack-carried">
          {pack.carried.map((a) => (
            <ActionRow key={a.id} action={a} packId={pack.id} editable={editable} showPack />
          ))}
        </ul>
      )}
      <h3>Raised in this review</h3>
      {pack.actions.length === 0 ? (
        <p>No actions raised yet.</p>
      ) : (
        <ul className="plain-list pack-action-list" data-testid="pack-actions">
          {pack.actions.map((a) => (
            <ActionRow key={a.id} action={a} packId={pack.id} editable={editable} showPack={false} />
          ))}
        </ul>
      )}
      {editable && <AddAction pack={pack} />}
    </PackSection>
  );
}

export function PackComments({ pack }: { pack: Pack }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const add = useMutation({
    mutationFn: () => commentOnPack(pack.id, body.trim()),
    onSuccess: async (next) => {
      setBody("");
      await keepPack(queryClient, next);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const fieldProblem = fieldErrorsAt(add.error, "/body").length > 0;
  return (
    <PackSection id="comments" title="Comments">
      {pack.comments.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ol className="plain-list pack-comments" data-testid="pack-comments">
          {pack.comments.map((c) => (
            <li key={c.id}>
              <p className="small muted">
                {c.author?.name ?? "A former member"}, {when(c.createdAt)}
              </p>
              <p className="pack-text">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {pack.status !== "closed" && (
        <form className="pack-form" onSubmit={submit} noValidate aria-label="Add a comment">
          <FormField id="pack-comment" label="Your comment" errors={fieldErrorsAt(add.error, "/body")}>
            {(control) => <textarea {...control} rows={3} value={body} onChange={(e) => setBody(e.target.value)} maxLength={4000} />}
          </FormField>
          <button type="submit" className="button secondary" disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add comment"}
          </button>
          <ProblemBanner error={fieldProblem ? null : add.error} />
        </form>
      )}
    </PackSection>
  );
}

export function PackConclusions({ pack }: { pack: Pack }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(pack.summary ?? "");
  const [saved, setSaved] = useState(false);
  // Another person's saved conclusions replace the field only while nothing is typed here.
  const [base, setBase] = useState(pack.summary ?? "");
  useEffect(() => {
    const incoming = pack.summary ?? "";
    if (incoming !== base) {
      if (text === base) setText(incoming);
      setBase(incoming);
    }
  }, [pack.summary, base, text]);
  const save = useMutation({
    mutationFn: () => changePack(pack.id, { summary: text.trim() ? text : null }),
    onSuccess: async (next) => {
      setSaved(true);
      await keepPack(queryClient, next);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  };
  const dirty = text !== base;
  if (pack.status === "closed") {
    return (
      <PackSection id="conclusions" title="Conclusions">
        {pack.summary ? <p className="pack-text">{pack.summary}</p> : <p>No conclusions were written.</p>}
      </PackSection>
    );
  }
  return (
    <PackSection id="conclusions" title="Conclusions">
      {/* The screen shows the form; print shows what was saved, since that is what the pack holds. */}
      <div className="print-only">{pack.summary ? <p className="pack-text">{pack.summary}</p> : <p>No conclusions written yet.</p>}</div>
      <form className="pack-form" onSubmit={submit} noValidate aria-label="Conclusions">
        <FormField id="pack-summary" label="What the review concluded" hint="Saved only when you press Save conclusions." errors={fieldErrorsAt(save.error, "/summary")}>
          {(control) => (
            <textarea
              {...control}
              rows={6}
              value={text}
              onChange={(e) => {
                setSaved(false);
                setText(e.target.value);
              }}
            />
          )}
        </FormField>
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save conclusions"}
          </button>
          {dirty && <span className="small warn-text">Not saved yet</span>}
          {saved && !dirty && <Notice>Conclusions saved.</Notice>}
        </div>
        <ProblemBanner error={fieldErrorsAt(save.error, "/summary").length ? null : save.error} />
      </form>
    </PackSection>
  );
}
