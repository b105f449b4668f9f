// How a survey's publishing state reads everywhere: "Draft", "Published v3", "… · unpublished changes".
import type { Survey } from "../queries";

export function statusLabel(survey: Pick<Survey, "status" | "latestVersion" | "hasUnpublishedChanges">): string {
  if (survey.status === "draft" || survey.latestVersion === null) return "Draft";
  const published = `Published v${survey.latestVersion}`;
  return survey.hasUnpublishedChanges ? `${published} · unpublished changes` : published;
}

export function StatusBadge({ survey }: { survey: Pick<Survey, "status" | "latestVersion" | "hasUnpublishedChanges"> }) {
  const tone = survey.status === "draft" ? "badge-muted" : survey.hasUnpublishedChanges ? "badge-warn" : "badge-ok";
  return (
    <span className={`badge ${tone}`} data-testid="survey-status">
      {statusLabel(survey)}
    </span>
  );
}
