// /reviews/$id: one review pack, read top to bottom as it prints: figures, actions, comments, conclusions.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { changePack, keepPack, packQuery, refreshPack, type Pack, type PackChanges } from "../review-packs-queries";
import { PackActions, PackComments, PackConclusions } from "../review-packs/pack-discussion";
import { PackFigures } from "../review-packs/pack-figures";
import { NotForYourRole, PackStatusBadge, count, periodWords, takesPartInReviews, when } from "../review-packs/parts";
import { useSession } from "../session";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";

function Rename({ pack, onDone }: { pack: Pack; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(pack.title);
  const save = useMutation({
    mutationFn: () => changePack(pack.id, { title: title.trim() }),
    onSuccess: async (next) => {
      await keepPack(queryClient, next);
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="inline-form pack-form" onSubmit={submit} noValidate aria-label="Rename the pack">
      <FormField id="pack-title" label="Title" className="grow" errors={fieldErrorsAt(save.error, "/title")}>
        {/* biome-ignore lint/a11y/noAutofocus: the field appears because its button was pressed; typing goes there next. */}
        {(control) => <input {...control} autoFocus value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />}
      </FormField>
      <button type="submit" className="button" disabled={save.isPending}>
        Save title
      </button>
      <button type="button" className="button secondary" onClick={onDone}>
        Cancel
      </button>
      <ProblemBanner error={fieldErrorsAt(save.error, "/title").length ? null : save.error} />
    </form>
  );
}

function FlowButtons({ pack, onConfirm }: { pack: Pack; onConfirm: (confirm: Confirm) => void }) {
  const queryClient = useQueryClient();
  const group = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  const move = useMutation({
    mutationFn: (status: PackChanges["status"]) => changePack(pack.id, { status }),
    onSuccess: (next) => {
      moved.current = true;
      return keepPack(queryClient, next);
    },
  });
  // The pressed button is gone with the old status: keyboard users carry on from the next step's button,
  // once the confirmation (if any) has closed and handed focus back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new status is what this reacts to.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    const first = group.current?.querySelector("button");
    const dialog = document.querySelector<HTMLDialogElement>("dialog[open]");
    if (dialog) dialog.addEventListener("close", () => first?.focus(), { once: true });
    else first?.focus();
  }, [pack.status]);
  const close = () =>
    onConfirm({
      title: "Close the review?",
      body: (
        <p>
          The pack becomes final: its figures, comments and conclusions can no longer change, and nobody can add to it. Actions still open carry into the next review.
        </p>
      ),
      action: "Close the review",
      run: async () => {
        await move.mutateAsync("closed").catch(() => undefined);
      },
    });
  return (
    <>
      <div ref={group} className="actions pack-controls" data-testid="pack-flow">
        {pack.status === "draft" && (
          <button type="button" className="button" disabled={move.isPending} onClick={() => move.mutate("in-review")}>
            Send for review
          </button>
        )}
        {pack.status === "in-review" && (
          <>
            <button type="button" className="button" disabled={move.isPending} onClick={close}>
              Close the review
            </button>
            <button type="button" className="button secondary" disabled={move.isPending} onClick={() => move.mutate("draft")}>
              Back to draft
            </button>
          </>
        )}
        <button type="button" className="button secondary" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </div>
      <ProblemBanner error={move.error} />
    </>
  );
}

function FrozenNote({ pack }: { pack: Pack }) {
  const queryClient = useQueryClient();
  const again = useMutation({ mutationFn: () => refreshPack(pack.id), onSuccess: (next) => keepPack(queryClient, next) });
  return (
    <div className="pack-frozen">
      <p data-testid="pack-frozen">Figures frozen at {when(pack.frozenAt)}.</p>
      {pack.lateAnswers > 0 && (
        <div className="banner banner-warn" data-testid="pack-late">
          <p>
            {count(pack.lateAnswers)} {pack.lateAnswers === 1 ? "answer arrived" : "answers arrived"} after the figures were frozen; {pack.lateAnswers === 1 ? "it is" : "they are"} not in this pack.
          </p>
          {pack.status === "draft" && (
            <p className="pack-controls">
              <button type="button" className="button secondary small" disabled={again.isPending} onClick={() => again.mutate()}>
                {again.isPending ? "Reading…" : "Read the figures again"}
              </button>
            </p>
          )}
        </div>
      )}
      <ProblemBanner error={again.error} />
    </div>
  );
}

function PackBody({ pack }: { pack: Pack }) {
  const [renaming, setRenaming] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const snapshot = pack.snapshot;
  const closed = pack.status === "closed";
  return (
    <article className="review-pack" data-testid="review-pack">
      <p className="breadcrumb pack-controls">
        <Link to="/reviews">All reviews</Link>
      </p>
      <div className="title-row">
        <PageHeading title={pack.title}>{pack.title}</PageHeading>
        <PackStatusBadge status={pack.status} />
        {!closed && !renaming && (
          <button type="button" className="button secondary small pack-controls" onClick={() => setRenaming(true)}>
            Rename
          </button>
        )}
      </div>
      {renaming && !closed && <Rename pack={pack} onDone={() => setRenaming(false)} />}
      <FlowButtons pack={pack} onConfirm={setConfirm} />
      <dl className="facts pack-facts pack-meta">
        <div>
          <dt>Period</dt>
          <dd data-testid="pack-period">
            {snapshot.period.label} ({periodWords(pack.fromDay, pack.toDay)})
          </dd>
        </div>
        <div>
          <dt>Scope</dt>
          <dd>{snapshot.scope.words}</dd>
        </div>
        <div>
          <dt>Compared with</dt>
          <dd>{snapshot.previous.label}</dd>
        </div>
        <div>
          <dt>Prepared</dt>
          <dd>
            {when(pack.createdAt)}
            {pack.createdBy && ` by ${pack.createdBy.name}`}
          </dd>
        </div>
        {pack.closedAt && (
          <div>
            <dt>Closed</dt>
            <dd>{when(pack.closedAt)}</dd>
          </div>
        )}
      </dl>
      <FrozenNote pack={pack} />
      {closed && <p className="muted pack-controls">This review is closed: the pack is final and reads as it was concluded.</p>}
      <PackFigures snapshot={snapshot} draft={pack.status === "draft"} />
      <PackActions pack={pack} />
      <PackComments pack={pack} />
      <PackConclusions pack={pack} />
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </article>
  );
}

export function ReviewPackPage({ id }: { id: string }): ReactNode {
  const { me } = useSession();
  const allowed = takesPartInReviews(me.role);
  const { data: pack, error } = useQuery({ ...packQuery(id), enabled: allowed });
  if (!allowed) {
    return (
      <>
        <PageHeading title="Review pack">Review pack</PageHeading>
        <NotForYourRole role={me.role} />
      </>
    );
  }
  if (error) {
    return (
      <>
        <PageHeading title="Review pack">Review pack</PageHeading>
        <ProblemBanner error={error} />
        <p>
          <Link to="/reviews">Go to all reviews</Link>
        </p>
      </>
    );
  }
  if (!pack) return <Loading>Loading the pack…</Loading>;
  return <PackBody pack={pack} />;
}
