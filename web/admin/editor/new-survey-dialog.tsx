// Starting a survey: from a template (the plain indices or a service situation, in two languages) or from the
// ready-made mix of NPS, satisfaction and effort, with a title of the manager's own.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { surveyLanguages } from "../../../server/domain/survey-languages";
import { templatesQuery, type SurveyTemplate } from "../lifecycle-queries";
import { Loading, ProblemBanner } from "../ui/feedback";
import { starterDefinition, starterTitle } from "./starter-survey";
import type { JsonObject } from "./survey-json";

type Choice = { id: string; title: string; description: string; languages: string[]; definition: () => JsonObject };

const languageNames = new Intl.DisplayNames(undefined, { type: "language" });
const languageName = (tag: string) => {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
};

const fromTemplate = (t: SurveyTemplate): Choice => ({
  id: t.id,
  title: t.title.default,
  description: t.description.default,
  languages: surveyLanguages(t.definition),
  // A copy each time: the cached template must not change when the new survey does.
  definition: () => structuredClone(t.definition),
});

const starter: Choice = {
  id: "starter",
  title: starterTitle,
  description: "NPS, satisfaction and effort with an open comment: the three service indices in one short survey.",
  languages: ["en"],
  definition: starterDefinition,
};

export function NewSurveyDialog({
  open,
  onClose,
  onCreate,
  creating,
  error,
}: {
  open: boolean;
  onClose: () => void;
  onCreate: (survey: { title: string; definition: JsonObject }) => void;
  creating: boolean;
  error: unknown;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const templates = useQuery({ ...templatesQuery, enabled: open });
  const choices = [starter, ...(templates.data?.items.map(fromTemplate) ?? [])];
  const [chosen, setChosen] = useState(starter.id);
  const [title, setTitle] = useState(starter.title);
  const [titleEdited, setTitleEdited] = useState(false);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  const choose = (choice: Choice) => {
    setChosen(choice.id);
    // The title follows the template until the manager writes their own.
    if (!titleEdited) setTitle(choice.title);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const choice = choices.find((c) => c.id === chosen) ?? starter;
    onCreate({ title: title.trim() || choice.title, definition: choice.definition() });
  };

  return (
    <dialog ref={ref} className="dialog new-survey-dialog" aria-labelledby="new-survey-heading" onClose={onClose} data-testid="new-survey-dialog">
      {open && (
        <form onSubmit={submit}>
          <h2 id="new-survey-heading">New survey</h2>
          <ProblemBanner error={error} />
          <fieldset className="template-choices">
            <legend>Start from</legend>
            {templates.isPending && <Loading>Loading the templates…</Loading>}
            {templates.error && <p className="muted">The templates could not be loaded; you can still start from the ready-made survey.</p>}
            {choices.map((choice) => (
              <label key={choice.id} className="template-choice">
                <input type="radio" name="template" value={choice.id} checked={chosen === choice.id} onChange={() => choose(choice)} />
                <span>
                  <strong>{choice.title}</strong>
                  <span className="muted">{choice.description}</span>
                  <span className="template-languages">{choice.languages.map(languageName).join(" · ")}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <label htmlFor={titleId} className="field-label">
            Title
          </label>
          <input
            id={titleId}
            value={title}
            maxLength={200}
            required
            onChange={(e) => {
              setTitle(e.target.value);
              setTitleEdited(true);
            }}
          />
          <p className="hint">Your team sees this title in lists; respondents see the survey's own title where it has one.</p>
          <div className="actions">
            <button type="submit" className="button" disabled={creating}>
              {creating ? "Creating…" : "Create survey"}
            </button>
            <button type="button" className="button secondary" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
