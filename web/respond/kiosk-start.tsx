// The counter kiosk's page, loaded by the entry for /k/<slug>.
import "survey-core/survey-core.fontless.css";
import "../../server/domain/survey-metric";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { KioskApp } from "./kiosk-app";

export function start(slug: string | null) {
  const root = document.getElementById("root");
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <KioskApp slug={slug} />
      </StrictMode>,
    );
  }
}
