// SurveyJS in Rapport's look: the system font stack (no web-font download) and a brand colour that keeps
// white button text above 4.5:1 contrast, which the stock teal does not.
import { DefaultTheme, type SurveyModel } from "survey-core";

export const systemFontStack = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const overrides: Record<string, string> = {
  "--sjs2-typography-font-family-text": systemFontStack,
  "--sjs-font-family": systemFontStack,
  "--sjs2-color-project-brand-600": "#1f5fbf",
  // The neutral page grey of both entries instead of SurveyJS's mint canvas.
  "--sjs2-color-utility-body": "transparent",
  "--sjs2-color-utility-surface-survey": "#f3f4f6",
  "--sjs2-color-fg-basic-secondary": "rgba(from var(--sjs2-color-fg-basic-primary) r g b / 0.72)",
  "--sjs2-color-fg-basic-tertiary": "rgba(from var(--sjs2-color-fg-basic-primary) r g b / 0.62)",
};

export function applySurveyTheme(model: SurveyModel): void {
  model.applyTheme({ cssVariables: overrides }, DefaultTheme);
}
