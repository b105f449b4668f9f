// Rating questions as a row of tappable numbers at every width, never SurveyJS's narrow-screen dropdown.
import "./rating-buttons.css";
import type { QuestionRatingModel, SurveyModel } from "survey-core";

// Beyond eleven points a scale is no CX metric; it wraps as the browser likes (rating-buttons.css).
const EVEN_SPLIT_MAX = 11;

const isRating = (question: { getType(): string }): question is QuestionRatingModel => question.getType() === "rating";

/**
 * Forces the button display on every rating question of `model` and tags each scale with its size, so the
 * stylesheet can split one that must wrap into even rows (0–5 / 6–10) with its end labels above and below.
 */
export function showRatingsAsButtons(model: SurveyModel): void {
  for (const question of model.getAllQuestions(false, true, true)) {
    if (isRating(question)) question.displayMode = "buttons";
  }
  model.onUpdateQuestionCssClasses.add((_, { question, cssClasses }) => {
    if (!isRating(question) || question.rateType !== "labels") return;
    const points = question.visibleRateValues.length;
    if (points < 2 || points > EVEN_SPLIT_MAX) return;
    cssClasses.root = `${cssClasses.root} rating-scale rating-scale--${points}`;
  });
}
