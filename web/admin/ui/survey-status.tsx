// How a survey's state reads everywhere: "Draft", "Published v3", "… · unpublished changes", "Closed · v3", "Archived".
import type { Survey } from "../queries";

type Status = Pick<Survey, "status" | "latestVersion" | "hasUnpublishedChanges"> & Partial<Pick<Survey, "closedAt" | "archivedAt">>;

export function statusLabel(survey: Status): string {
  if (survey.archivedAt) return "Archived";
  if (survey.status === "draft" || survey.latestVersion === null) return "Draft";
  if (survey.closedAt) return `Closed · v${survey.latestVersion}`;
  const published = `Published v${survey.latestVersion}`;
  return survey.hasUnpublishedChanges ? `${published} · unpublished changes` : published;
}

export function StatusBadge({ survey }: { survey: Status }) {
  const tone = survey.status === "draft" || survey.closedAt || survey.archivedAt ? "badge-muted" : survey.hasUnpublishedChanges ? "badge-warn" : "badge-ok";
  return (
    <span className={`badge ${tone}`} data-testid="survey-status">
      {statusLabel(survey)}
    </span>
  );
}
