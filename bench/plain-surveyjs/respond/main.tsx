// The baseline of the page benchmark: the same survey as a plain SurveyJS page would show it (react,
// survey-core and survey-react-ui with their stylesheet, no server rendering, SurveyJS's own defaults).
import "survey-core/survey-core.fontless.css";
import { createRoot } from "react-dom/client";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";

const token = location.pathname.split("/")[2] ?? "";
void fetch(`/api/public/invitations/${token}`)
  .then((res) => res.json())
  .then((invitation: { definition: Record<string, unknown> }) => {
    createRoot(document.getElementById("root")!).render(<Survey model={new Model(invitation.definition)} />);
  });
