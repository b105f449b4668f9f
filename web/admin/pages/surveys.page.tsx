// The survey list: status at a glance, links to edit and analyse, and a starter survey for managers.
import { useState } from "react";
import { api } from "../../shared/api";
import { canEdit, type Survey } from "../api-types";
import { starterDefinition, starterTitle } from "../editor/starter-survey";
import { Link, navigate } from "../router";
import { useSession } from "../session";
import { Loading, PageHeading, ProblemBanner } from "../ui/feedback";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { StatusBadge } from "../ui/survey-status";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function SurveysPage() {
  const { me } = useSession();
  const editable = canEdit(me);
  const list = usePagedList<Survey>("/api/surveys");
  const surveys = list.items;
  const [createProblem, setProblem] = useState<unknown>(null);
  const problem = createProblem ?? list.problem;
  const [creating, setCreating] = useState(false);

  const create = async () => {
    setCreating(true);
    setProblem(null);
    try {
      const survey = await api.post<Survey>("/api/surveys", { title: starterTitle, definition: starterDefinition() });
      navigate(`/surveys/${encodeURIComponent(survey.id)}`);
    } catch (err) {
      setProblem(err);
      setCreating(false);
    }
  };

  const createButton = (label: string) => (
    <button type="button" className="button" onClick={create} disabled={creating}>
      {creating ? "Creating…" : label}
    </button>
  );

  return (
    <>
      <div className="title-row">
        <PageHeading title="Surveys">Surveys</PageHeading>
        {editable && surveys && surveys.length > 0 && createButton("New survey")}
      </div>
      <ProblemBanner error={problem} />
      {!surveys && !problem && <Loading>Loading surveys…</Loading>}
      {surveys?.length === 0 && (
        <div className="empty-state" data-testid="surveys-empty">
          <h2>No surveys yet</h2>
          {editable ? (
            <>
              <p>Start from a ready-made survey with NPS, satisfaction and effort questions, then adapt it.</p>
              {createButton("Create your first survey")}
            </>
          ) : (
            <p>Managers create surveys; they will appear here.</p>
          )}
        </div>
      )}
      {surveys && surveys.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Surveys" tabIndex={0}>
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
                    <Link to={`/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                  </td>
                  <td>
                    <StatusBadge survey={s} />
                  </td>
                  <td className="hide-narrow">
                    <time dateTime={s.updatedAt}>{dateFormat.format(new Date(s.updatedAt))}</time>
                  </td>
                  <td className="row-actions">
                    <Link className="hide-narrow" to={`/surveys/${encodeURIComponent(s.id)}`} aria-label={`${editable ? "Edit" : "View"} ${s.title}`}>
                      {editable ? "Edit" : "View"}
                    </Link>
                    <Link to={`/analytics?surveyId=${encodeURIComponent(s.id)}`} aria-label={`Analytics for ${s.title}`}>
                      Analytics
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label="Show more surveys" />
    </>
  );
}
