// Respondent entry, kept tiny: the server has already drawn the survey's page as a plain form that can be answered
// and sent, so this only starts what takes it over (SurveyJS, about 400 KB) and asks for the survey meanwhile.
// The counter kiosk (/k/<slug>) starts from its own module.
import "./respond.css";
import "../shared/rating-buttons.css";
import "./plain-form.css";
import { secretFromPath } from "./paths";

const state = document.documentElement.dataset.respond;

if (location.pathname.startsWith("/k/")) {
  void import("./kiosk-start").then((m) => m.start(secretFromPath("k", location.pathname)));
} else if (state !== "final") {
  const token = secretFromPath("s", location.pathname);
  // Asked now, so the answer is here long before the script that reads it.
  const opening = token ? fetch(`/api/public/invitations/${encodeURIComponent(token)}`, { headers: { accept: "application/json, application/problem+json" } }) : undefined;
  // Kept from becoming an unhandled rejection: the app reads it, and says what went wrong.
  opening?.catch(() => undefined);
  // A person touches the page; a link scanner loads it and runs its scripts but touches nothing. The first key,
  // tap, click or scroll is the funnel's "opened the survey".
  if (token) {
    const seen = new AbortController();
    const noteVisit = () => {
      seen.abort();
      void fetch(`/api/public/invitations/${encodeURIComponent(token)}/visit`, { method: "POST", keepalive: true }).catch(() => undefined);
    };
    for (const type of ["pointerdown", "keydown", "touchstart", "wheel", "scroll"]) addEventListener(type, noteVisit, { capture: true, passive: true, signal: seen.signal });
  }
  const form = document.querySelector<HTMLFormElement>("form.plain-survey");
  // A form sent before SurveyJS arrives is on its way to the server, which answers with the next page: leave it be.
  let sent = false;
  form?.addEventListener("submit", () => (sent = true));
  void import("./respond-start").then((m) => {
    if (!sent) m.start(token, { opening, form });
  });
}
