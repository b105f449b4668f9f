// SurveyJS taking over the server's plain form: the answers given there (read by the server's own rules), and the
// control a person was on, carried into the model so nothing tapped or typed before the script arrived is lost.
import type { SurveyModel } from "survey-core";
import { FORM_FIELDS, plainPage, readPlainForm } from "../../server/domain/plain-form";

export type FocusedControl = { name: string; selection?: [number, number] };

const withText = (el: Element): el is HTMLInputElement | HTMLTextAreaElement =>
  el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !["radio", "checkbox"].includes(el.type));

type Answers = { questions: { valueName: string }[]; answers: Record<string, unknown> };

/** The form's answers as the server drew it (`pristine`), or as they stand now, read by the server's own rules. */
function formAnswers(form: HTMLFormElement, definition: Record<string, unknown>, { pristine }: { pristine: boolean }): Answers | undefined {
  let source = form;
  if (pristine) {
    // A copy reset to what the server sent: its checked and value attributes.
    source = form.cloneNode(true) as HTMLFormElement;
    source.reset();
  }
  const fields = new FormData(source);
  const shown = new Set(fields.getAll(FORM_FIELDS.shown).map(String));
  // Only the answers are read here: the words the page would show do not matter.
  const page = plainPage(definition, Number(fields.get(FORM_FIELDS.page)), "en", { yes: "", no: "", selectPlaceholder: "" }, (name) => shown.has(name));
  if (!page) return undefined;
  return { questions: page.questions, answers: readPlainForm(page.questions, (name) => fields.getAll(name).filter((v): v is string => typeof v === "string")) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function apply(model: SurveyModel, { questions, answers }: Answers, unless: Record<string, unknown>): void {
  for (const { valueName } of questions) {
    if (same(answers[valueName], unless[valueName])) continue;
    if (answers[valueName] === undefined) model.clearValue(valueName);
    else model.setValue(valueName, answers[valueName]);
  }
}

/**
 * What the server put in the form beyond the saved answers (the number picked in the email, default values), into
 * `model` before its answers are saved as they change: like the email's number, nothing of it is saved unasked.
 */
export function takeServerChoices(form: HTMLFormElement, model: SurveyModel, definition: Record<string, unknown>, saved: Record<string, unknown>): void {
  const drawn = formAnswers(form, definition, { pristine: true });
  if (drawn) apply(model, drawn, saved);
}

/** What the person changed in the form before SurveyJS arrived, into `model` (saved like any answer); and which control had focus. */
export function adoptPlainForm(form: HTMLFormElement, model: SurveyModel, definition: Record<string, unknown>): FocusedControl | undefined {
  const drawn = formAnswers(form, definition, { pristine: true });
  const now = formAnswers(form, definition, { pristine: false });
  if (!drawn || !now) return undefined;
  apply(model, now, drawn.answers);
  const active = document.activeElement;
  if (!active || !form.contains(active) || !("name" in active) || typeof active.name !== "string" || active.name.startsWith("rapport:")) return undefined;
  return { name: active.name, ...(withText(active) && active.selectionStart !== null && { selection: [active.selectionStart, active.selectionEnd ?? active.selectionStart] as [number, number] }) };
}

/** Focuses the question the person was on in the plain form, the caret where it was. */
export function restoreFocus(model: SurveyModel, focused: FocusedControl): void {
  const question = model.getQuestionByValueName(focused.name);
  if (!question) return;
  question.focus();
  const now = document.activeElement;
  if (focused.selection && now && withText(now)) {
    try {
      now.setSelectionRange(...focused.selection);
    } catch {
      // Some input types (email, number) have no selection to set.
    }
  }
}
