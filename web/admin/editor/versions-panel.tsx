// A survey's published versions: what changed between any two (or a version and the draft), in words, with the
// changes that split a metric's series marked; and going back to an earlier version, published anew.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { diffQuery, lifecycle, lifecycleKeys, versionsQuery, type SurveyDiff, type VersionRef } from "../lifecycle-queries";
import { keys, type Survey } from "../queries";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, ProblemBanner } from "../ui/feedback";
import { ScrollRegion } from "../ui/scroll-region";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const refLabel = (ref: VersionRef) => (ref === "draft" ? "the draft" : `version ${ref}`);

/** The changes as a list; those that split a metric's series say so first. */
export function ChangeList({ diff }: { diff: SurveyDiff }) {
  if (diff.changes.length === 0) return <p className="muted">No differences in the questions.</p>;
  return (
    <ul className="change-list" data-testid="change-list">
      {diff.changes.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole for each comparison; a question can change in several ways.
        <li key={i} className={c.breaksSeries ? "breaks-series" : undefined}>
          {c.breaksSeries && <span>Splits a series: </span>}
          {c.text}
        </li>
      ))}
    </ul>
  );
}

/** `onDraftReplaced`: going back replaced the draft, so the editor reloads it. */
export function VersionsPanel({ survey, editable, onDraftReplaced }: { survey: Survey; editable: boolean; onDraftReplaced?: () => void }) {
  const queryClient = useQueryClient();
  const versions = useQuery(versionsQuery(survey.id));
  const latest = survey.latestVersion;
  const [from, setFrom] = useState<VersionRef | null>(null);
  const [to, setTo] = useState<VersionRef>("draft");
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const fromId = useId();
  const toId = useId();
  const start: VersionRef | null = from ?? latest;
  const diff = useQuery({ ...diffQuery(survey.id, start ?? "draft", to), enabled: start !== null && start !== to });
  const rollBack = useMutation({
    mutationFn: (version: number) => lifecycle.rollBack(survey.id, version),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.survey(survey.id) });
      onDraftReplaced?.();
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.versions(survey.id) });
      void queryClient.invalidateQueries({ queryKey: keys.surveyLists });
    },
  });

  if (latest === null) {
    return (
      <section className="panel" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <p className="muted">Not published yet: each time you publish, the version appears here, and you can compare and go back to any of them.</p>
      </section>
    );
  }
  const refs: VersionRef[] = ["draft", ...(versions.data?.items.map((v) => v.version) ?? [])];
  const parse = (value: string): VersionRef => (value === "draft" ? "draft" : Number(value));

  return (
    <section className="panel" aria-labelledby="versions-heading" data-testid="versions-panel">
      <h2 id="versions-heading">Versions</h2>
      <ProblemBanner error={versions.error ?? rollBack.error} />
      {versions.isPending && <Loading>Loading the versions…</Loading>}
      {versions.data && (
        <ScrollRegion label="Published versions">
          <table className="table version-table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.data.items.map((v) => (
                <tr key={v.version}>
                  <td>
                    {v.version}
                    {v.version === latest && <span className="muted"> (in use)</span>}
                  </td>
                  <td>
                    <time dateTime={v.publishedAt}>{dateFormat.format(new Date(v.publishedAt))}</time>
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setFrom(v.version);
                        setTo("draft");
                      }}
                    >
                      Compare with the draft<span className="sr-only"> (version {v.version})</span>
                    </button>
                    {editable && v.version !== latest && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          setConfirm({
                            title: `Go back to version ${v.version}?`,
                            body: (
                              <p>
                                Its questions are published again as version {latest + 1}, which new invitations use from now on, and become the draft. Answers already given stay
                                with the version they answered.
                              </p>
                            ),
                            action: `Publish as version ${latest + 1}`,
                            run: async () => void (await rollBack.mutateAsync(v.version)),
                          })
                        }
                      >
                        Go back to version {v.version}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <h3>Compare</h3>
      <div className="filters version-compare">
        <div className="field">
          <label htmlFor={fromId}>From</label>
          <select id={fromId} value={String(start)} onChange={(e) => setFrom(parse(e.target.value))}>
            {refs.map((r) => (
              <option key={String(r)} value={String(r)}>
                {r === "draft" ? "Draft" : `Version ${r}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={toId}>To</label>
          <select id={toId} value={String(to)} onChange={(e) => setTo(parse(e.target.value))}>
            {refs.map((r) => (
              <option key={String(r)} value={String(r)}>
                {r === "draft" ? "Draft" : `Version ${r}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div aria-live="polite">
        {start === to && <p className="muted">Choose two different versions to compare.</p>}
        {start !== to && diff.isPending && <Loading>Comparing…</Loading>}
        <ProblemBanner error={diff.error} />
        {start !== to && diff.data && (
          <>
            <p>
              From {refLabel(start ?? "draft")} to {refLabel(to)}:
            </p>
            <ChangeList diff={diff.data} />
          </>
        )}
      </div>
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}

/** In the publish dialog: what the saved draft changes since the version in use. */
export function PublishChanges({ surveyId, latest, dirty }: { surveyId: string; latest: number; dirty: boolean }) {
  // Asked afresh each time the dialog opens: the draft may have been saved a moment ago.
  const diff = useQuery({ ...diffQuery(surveyId, latest, "draft"), staleTime: 0 });
  return (
    <div data-testid="publish-changes">
      <h3>Changes since version {latest}</h3>
      {dirty && <p className="muted">As last saved; your unsaved changes are saved first and publish with them.</p>}
      {diff.isPending && <Loading>Comparing…</Loading>}
      <ProblemBanner error={diff.error} />
      {diff.data && <ChangeList diff={diff.data} />}
    </div>
  );
}
