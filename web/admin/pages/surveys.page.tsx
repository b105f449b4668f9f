// The survey list: status at a glance, links to edit and analyse, and a starter survey for managers.
import { ScrollRegion } from "../ui/scroll-region";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { NewSurveyDialog } from "../editor/new-survey-dialog";
import type { JsonObject } from "../editor/survey-json";
import { lifecycle } from "../lifecycle-queries";
import { archivedSurveyListQuery, canEdit, keys, surveyListQuery, write } from "../queries";
import { useSession } from "../session";
import { Loading, PageHeading, ProblemBanner } from "../ui/feedback";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { StatusBadge } from "../ui/survey-status";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function SurveysPage() {
  const { me } = useSession();
  const editable = canEdit(me);
  const [showArchived, setShowArchived] = useState(false);
  const list = usePagedList(showArchived ? archivedSurveyListQuery : surveyListQuery);
  const surveys = list.items;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [choosing, setChoosing] = useState(false);
  const create = useMutation({
    mutationFn: (body: { title: string; definition: JsonObject }) => write.createSurvey(body),
    onSuccess: (survey) => {
      void queryClient.invalidateQueries({ queryKey: keys.surveys });
      void navigate({ to: "/surveys/$id", params: { id: survey.id } });
    },
  });
  const restore = useMutation({
    mutationFn: (id: string) => lifecycle.restore(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.surveys }),
  });
  const problem = restore.error ?? list.problem;
  // Still "Creating…" after success: the editor is about to open, and a second click would make a second survey.
  const creating = create.isPending || create.isSuccess;

  const createButton = (label: string) => (
    <button type="button" className="button" onClick={() => setChoosing(true)} disabled={creating}>
      {label}
    </button>
  );

  return (
    <>
      <div className="title-row">
        <PageHeading title="Surveys">Surveys</PageHeading>
        {editable && surveys && (surveys.length > 0 || showArchived) && createButton("New survey")}
      </div>
      <label className="inline-check">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived surveys instead
      </label>
      <NewSurveyDialog open={choosing} onClose={() => setChoosing(false)} onCreate={(body) => create.mutate(body)} creating={creating} error={create.error} />
      <ProblemBanner error={problem} />
      {!surveys && !problem && <Loading>Loading surveys…</Loading>}
      {surveys?.length === 0 && showArchived && (
        <div className="empty-state">
          <h2>No archived surveys</h2>
          <p>A survey you archive leaves the list and keeps its answers; it shows here.</p>
        </div>
      )}
      {surveys?.length === 0 && !showArchived && (
        <div className="empty-state" data-testid="surveys-empty">
          <h2>No surveys yet</h2>
          {editable ? (
            <>
              <p>Start from a template (NPS, satisfaction, effort, or a service situation such as a visit or a complaint), then adapt it.</p>
              {createButton("Create your first survey")}
            </>
          ) : (
            <p>Managers create surveys; they will appear here.</p>
          )}
        </div>
      )}
      {surveys && surveys.length > 0 && (
        <ScrollRegion label="Surveys">
          <table className="table" data-testid="surveys-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-narrow">
                  Updated
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr key={s.id} data-testid="survey-row">
                  <td>
                    <Link to="/surveys/$id" params={{ id: s.id }}>
                      {s.title}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge survey={s} />
                  </td>
                  <td className="hide-narrow">
                    <time dateTime={s.updatedAt}>{dateFormat.format(new Date(s.updatedAt))}</time>
                  </td>
                  <td className="row-actions">
                    <Link className="hide-narrow" to="/surveys/$id" params={{ id: s.id }} aria-label={`${editable ? "Edit" : "View"} ${s.title}`}>
                      {editable ? "Edit" : "View"}
                    </Link>
                    <Link to="/analytics" search={{ surveyId: s.id }} aria-label={`Analytics for ${s.title}`}>
                      Analytics
                    </Link>
                    <Link to="/surveys/$id/delivery" params={{ id: s.id }} aria-label={`Delivery of ${s.title}`}>
                      Delivery
                    </Link>
                    {editable && s.archivedAt && (
                      <button type="button" className="link-button" onClick={() => restore.mutate(s.id)} disabled={restore.isPending} aria-label={`Restore ${s.title}`}>
                        Restore
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <LoadMore list={list} label="Show more surveys" />
    </>
  );
}
