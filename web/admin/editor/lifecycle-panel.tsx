// Retiring and restoring a survey: close it (no new invitations, open links say so), reopen it, archive it out of
// the lists with its answers kept, bring it back, or delete a draft that never went out. Each asks first.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { lifecycle } from "../lifecycle-queries";
import { keys, type Survey } from "../queries";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { ProblemBanner } from "../ui/feedback";

type Action = "close" | "reopen" | "archive" | "restore" | "remove";

function stateLine(survey: Survey): string {
  if (survey.archivedAt) return "Archived: out of the survey list and taking no answers; its answers and analytics are kept.";
  if (survey.latestVersion === null) return "A draft: nobody has been invited yet.";
  if (survey.closedAt) return "Closed: no new invitations, and open links say the survey has closed.";
  return "Open: new interactions are invited by its rules, and its links take answers.";
}

export function LifecyclePanel({ survey, editable }: { survey: Survey; editable: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const act = useMutation({
    mutationFn: async (action: Action) => {
      if (action === "remove") return void (await lifecycle.remove(survey.id));
      await lifecycle[action](survey.id);
    },
    onSuccess: (_, action) => {
      void queryClient.invalidateQueries({ queryKey: keys.surveys });
      if (action === "remove") void navigate({ to: "/surveys" });
    },
  });
  const ask = (c: Omit<Confirm, "run">, action: Action) => setConfirm({ ...c, run: () => act.mutateAsync(action) });
  const published = survey.latestVersion !== null;

  return (
    <section className="panel" aria-labelledby="lifecycle-heading" data-testid="lifecycle-panel">
      <h2 id="lifecycle-heading">Availability</h2>
      <p>{stateLine(survey)}</p>
      <ProblemBanner error={act.error} />
      {editable && (
        <div className="actions">
          {published && !survey.closedAt && (
            <button
              type="button"
              className="button secondary"
              disabled={act.isPending}
              onClick={() =>
                ask(
                  {
                    title: "Close this survey?",
                    body: <p>No new invitations go out, those not sent yet are cancelled, and open links tell customers the survey has closed. You can reopen it later.</p>,
                    action: "Close survey",
                  },
                  "close",
                )
              }
            >
              Close survey
            </button>
          )}
          {published && survey.closedAt && !survey.archivedAt && (
            <button type="button" className="button secondary" disabled={act.isPending} onClick={() => act.mutate("reopen")}>
              Reopen survey
            </button>
          )}
          {published && !survey.archivedAt && (
            <button
              type="button"
              className="button secondary"
              disabled={act.isPending}
              onClick={() =>
                ask(
                  {
                    title: "Archive this survey?",
                    body: <p>It closes (if open) and leaves the survey list. Its answers and analytics stay; you can bring it back from the archived surveys.</p>,
                    action: "Archive survey",
                  },
                  "archive",
                )
              }
            >
              Archive
            </button>
          )}
          {survey.archivedAt && (
            <button type="button" className="button secondary" disabled={act.isPending} onClick={() => act.mutate("restore")}>
              Restore from the archive
            </button>
          )}
          {!published && (
            <button
              type="button"
              className="button danger"
              disabled={act.isPending}
              onClick={() =>
                ask(
                  {
                    title: `Delete “${survey.title}”?`,
                    body: <p>The draft and its distribution rules are deleted for good. It was never published, so no customer has seen it.</p>,
                    action: "Delete draft",
                  },
                  "remove",
                )
              }
            >
              Delete draft
            </button>
          )}
        </div>
      )}
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}
