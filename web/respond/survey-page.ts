// What the invitation page and the counter kiosk share: one survey model set up the same way (sanitized, themed,
// scales as buttons, in the customer's language), and server errors put on their questions.
import { Model, type SurveyModel } from "survey-core";
import { unescapeToken } from "../../server/domain/json-pointer";
import type { FieldError } from "../shared/api-client";
import { showRatingsAsButtons } from "../shared/rating-buttons";
import { protectSurvey } from "../shared/survey-sanitize";
import { applySurveyTheme } from "../shared/survey-theme";
import { choosePageLanguage, markTextLanguage } from "./survey-locales";

/**
 * The survey's model, ready to show: sanitized, themed, scales as buttons, in the best language of `preferred`,
 * with no title or completion page of its own (the page's h1 and thanks stand in). Sets the document's lang and dir.
 */
export async function surveyModel(definition: Record<string, unknown>, preferred: readonly string[]) {
  const language = await choosePageLanguage(definition, preferred);
  const model = new Model(definition);
  protectSurvey(model);
  applySurveyTheme(model);
  showRatingsAsButtons(model);
  model.locale = language.locale;
  // The question texts may be in another language than the page's: marked so screen readers say them right.
  const textsLang = language.texts !== language.lang ? language.texts : undefined;
  if (textsLang) markTextLanguage(model, textsLang);
  model.showTitle = false;
  model.showCompletePage = false;
  document.documentElement.lang = language.lang;
  document.documentElement.dir = language.dir;
  return { model, textsLang, lang: language.lang };
}

/** Puts a server error on its question and names the question for the list above the survey. */
export function questionLabel(model: SurveyModel, error: FieldError): { text: string; questionName?: string } {
  const valueName = /^\/data\/([^/]+)/.exec(error.path)?.[1];
  const question = valueName ? model.getQuestionByValueName(unescapeToken(valueName)) : null;
  if (!question) return { text: error.message };
  question.addError(error.message);
  return { text: `${question.title || question.name} — ${error.message}`, questionName: question.name };
}

/** The interaction's facts for texts that pipe them in ({customerName}…), the date written in the page's language. */
export function pipeInteraction(model: SurveyModel, facts: Partial<Record<"customerName" | "unitName" | "agentName" | "interactionDate", string>>, lang: string): void {
  // Every field is set, an unknown one empty: survey-core would otherwise show its {placeholder} as written.
  for (const name of ["customerName", "unitName", "agentName", "interactionDate"] as const) {
    const value = facts[name];
    if (!value) model.setVariable(name, "");
    else if (name !== "interactionDate") model.setVariable(name, value);
    else {
      try {
        model.setVariable(name, new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(new Date(value)));
      } catch {
        model.setVariable(name, value.slice(0, 10));
      }
    }
  }
}
