// Live preview of a draft as respondents will see it. Loaded lazily: it brings survey-core with it.
import "survey-core/survey-core.fontless.css";
import "../../../server/domain/survey-metric";
import { Component, useEffect, useState, type ReactNode } from "react";
import { Model, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { showRatingsAsButtons } from "../../shared/rating-buttons";
import { protectSurvey } from "../../shared/survey-sanitize";
import { applySurveyTheme } from "../../shared/survey-theme";
import type { JsonObject } from "./survey-json";

class PreviewBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <p className="banner banner-warn" role="status">
        The preview cannot show this definition: {this.state.error}
      </p>
    );
  }
}

function PreviewModel({ definition, locale }: { definition: JsonObject; locale: string | undefined }) {
  const [model, setModel] = useState<SurveyModel | null>(null);
  useEffect(() => {
    const next = new Model(definition);
    if (locale) next.locale = locale;
    // The preview runs on the admin app's origin, where script in a draft would act as whoever opens it.
    protectSurvey(next);
    applySurveyTheme(next);
    showRatingsAsButtons(next);
    // A preview never submits; its last page only shows where the thank-you page would be.
    next.completedHtml = "<h3>End of the preview</h3><p>Respondents see the thank-you page here. Nothing was saved.</p>";
    setModel(next);
    return () => next.dispose();
  }, [definition, locale]);
  return model ? <Survey model={model} /> : null;
}

/**
 * `revision` changes with every new definition, which also clears an earlier render failure. `locale` shows the
 * texts in one of the survey's languages (survey-core's own buttons stay in English unless its strings are loaded).
 */
export default function SurveyPreview({ definition, revision, locale }: { definition: JsonObject; revision: number; locale?: string }) {
  return (
    <PreviewBoundary key={revision}>
      <PreviewModel definition={definition} locale={locale} />
    </PreviewBoundary>
  );
}
