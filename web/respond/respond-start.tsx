// The invitation page's SurveyJS side, loaded by the entry after the server's plain form is on screen. SurveyJS
// renders off screen beside the form (laid out at the page's width, hidden from screen readers and the keyboard)
// and replaces it only once ready, so the form stays usable until the last moment.
import "survey-core/survey-core.fontless.css";
import "../../server/domain/survey-metric";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RespondApp, type Takeover } from "./respond-app";

export function start(token: string | null, page: Omit<Takeover, "reveal">) {
  const root = document.getElementById("root");
  if (!root) return;
  const host = document.createElement("div");
  host.className = "respond-incoming";
  host.inert = true;
  root.append(host);
  const reveal = () => {
    for (const node of [...root.childNodes]) if (node !== host) node.remove();
    host.inert = false;
    host.className = "";
  };
  createRoot(host).render(
    <StrictMode>
      <RespondApp token={token} takeover={{ ...page, reveal }} />
    </StrictMode>,
  );
}
