// Respondent entry: the survey behind /s/<token> or a counter kiosk's /k/<slug>, with nothing from the admin app.
import "survey-core/survey-core.fontless.css";
import "./respond.css";
import "../../server/domain/survey-metric";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { KioskApp, slugFromPath } from "./kiosk-app";
import { RespondApp, tokenFromPath } from "./respond-app";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      {location.pathname.startsWith("/k/") ? <KioskApp slug={slugFromPath(location.pathname)} /> : <RespondApp token={tokenFromPath(location.pathname)} />}
    </StrictMode>,
  );
}
