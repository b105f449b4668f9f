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

function PreviewModel({ definition }: { definition: JsonObject }) {
  const [model, setModel] = useState<SurveyModel | null>(null);
  useEffect(() => {
    const next = new Model(definition);
    // The preview runs on the admin app's origin, where script in a draft would act as whoever opens it.
    protectSurvey(next);
    applySurveyTheme(next);
    showRatingsAsButtons(next);
    // A preview never submits; its last page only shows where the thank-you page would be.
    next.completedHtml = "<h3>End of the preview</h3><p>Respondents see the thank-you page here. Nothing was saved.</p>";
    setModel(next);
    return () => next.dispose();
  }, [definition]);
  return model ? <Survey model={model} /> : null;
}

/** `revision` changes with every new definition, which also clears an earlier render failure. */
export default function SurveyPreview({ definition, revision }: { definition: JsonObject; revision: number }) {
  return (
    <PreviewBoundary key={revision}>
      <PreviewModel definition={definition} />
    </PreviewBoundary>
  );
}
