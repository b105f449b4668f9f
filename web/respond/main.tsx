// Respondent entry: the survey behind /s/<token>, with nothing from the admin app.
import "survey-core/survey-core.fontless.css";
import "./respond.css";
import "../../server/domain/survey-metric";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RespondApp, tokenFromPath } from "./respond-app";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <RespondApp token={tokenFromPath(location.pathname)} />
    </StrictMode>,
  );
}
