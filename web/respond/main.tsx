// Respondent entry: the survey behind /s/<token> or a counter kiosk's /k/<slug>, with nothing from the admin app.
import "survey-core/survey-core.fontless.css";
import "./respond.css";
import "../../server/domain/survey-metric";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { KioskApp } from "./kiosk-app";
import { RespondApp } from "./respond-app";
import { secretFromPath } from "./survey-page";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      {location.pathname.startsWith("/k/") ? <KioskApp slug={secretFromPath("k", location.pathname)} /> : <RespondApp token={secretFromPath("s", location.pathname)} />}
    </StrictMode>,
  );
}
