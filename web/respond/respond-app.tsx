// The respondent page: open an invitation's survey, send the answers once, and say plainly what happened.
import { useEffect, useRef, useState } from "react";
import type { SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { scalesOf } from "../../server/domain/metric-roles";
import { respondentMessages, type RespondentMessages } from "../../server/domain/respondent-messages";
import { pageLanguage } from "../../server/domain/survey-languages";
import { ApiError, api, isAbort, read, segment } from "../shared/api-client";
import { adoptPlainForm, restoreFocus, takeServerChoices } from "./plain-takeover";
import { ProgressSaver, type SaveState } from "./progress-saver";
import { pipeInteraction, questionLabel, surveyModel } from "./survey-page";

type ErrorReason = "invalid" | "answered" | "closed" | "throttled" | "unreachable" | "failed";

type Screen =
  | { kind: "loading" }
  | { kind: "survey"; model: SurveyModel; title: string; description: string; textsLang?: string; definition: Record<string, unknown> }
  | { kind: "thanks" }
  | { kind: "error"; reason: ErrorReason; detail?: string; note?: string };

type SubmitProblem = { kind: "invalid"; detail: string; items: string[] } | { kind: "unsent"; detail: string };

// Public endpoints are rate-limited per network address (429): say so rather than "something went wrong".
function errorCopy(m: RespondentMessages): Record<ErrorReason, { heading: string; body: string; retry?: boolean }> {
  return {
    invalid: { heading: m.invalidHeading, body: m.invalidBody },
    answered: { heading: m.answeredHeading, body: m.answeredBody },
    closed: { heading: m.closedHeading, body: m.closedBody },
    throttled: { heading: m.throttledHeading, body: m.throttledBody, retry: true },
    unreachable: { heading: m.unreachableHeading, body: m.unreachableBody, retry: true },
    failed: { heading: m.failedHeading, body: m.failedBody, retry: true },
  };
}

function reasonFor(err: unknown): ErrorReason {
  if (!(err instanceof ApiError)) return "unreachable";
  if (err.status === 404) return "invalid";
  if (err.status === 409) return "answered";
  if (err.status === 410) return "closed";
  if (err.status === 429) return "throttled";
  return "failed";
}

// Answers survive a reload or a dropped connection until the server has them; storage may be refused.
const draftKey = (token: string) => `rapport:answers:${token}`;
function readDraft(token: string): Record<string, unknown> | undefined {
  try {
    const raw = sessionStorage.getItem(draftKey(token));
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
function writeDraft(token: string, data: unknown | undefined): void {
  try {
    if (data === undefined) sessionStorage.removeItem(draftKey(token));
    else sessionStorage.setItem(draftKey(token), JSON.stringify(data));
  } catch {
    // Private browsing or a full quota: answers then live only in memory.
  }
}

/**
 * A number picked in the email arrives as ?rating=n and is selected on the first scored question, never sent: a
 * link scanner that opens the page records nothing, and the person still submits. A value off the scale is ignored.
 */
function preselectRating(model: SurveyModel, { alreadyShown }: { alreadyShown: boolean }): void {
  const url = new URL(location.href);
  const raw = url.searchParams.get("rating");
  if (raw === null) return;
  // Applied once: a reload keeps the person's own later choice (in the draft) rather than the email's.
  url.searchParams.delete("rating");
  history.replaceState(history.state, "", url);
  // The server's form selected it already, and the person may have picked another number since.
  if (alreadyShown) return;
  const question = model.getAllQuestions().find((q) => q.getType() === "rating" && scalesOf(String(q.getPropertyValue("metric") ?? "")).length > 0);
  if (!question || !/^\d{1,2}$/.test(raw)) return;
  const value = Number(raw);
  const values = (question as unknown as { visibleRateValues: { value: unknown }[] }).visibleRateValues;
  if (values.some((item) => item.value === value)) question.value = value;
}

type Handlers = {
  sending: (busy: boolean) => void;
  problem: (p: SubmitProblem | null) => void;
  screen: (s: Screen) => void;
  save: (s: SaveState) => void;
  notice: (text: string | null) => void;
  /** The page's own words, once the survey says which language the page is in. */
  messages: (m: RespondentMessages) => void;
};

const saveCopy = (m: RespondentMessages): Record<SaveState, string> => ({ idle: "", saving: m.saving, saved: m.saved, retrying: m.notSavedRetrying });

/** Resumes the saved answers and page, then saves as the person goes: debounced, on page change and when the tab is left. */
function saveAsTheyGo(token: string, model: SurveyModel, saved: ConstructorParameters<typeof ProgressSaver>[2], signal: AbortSignal, on: Handlers, m: RespondentMessages) {
  const openUrl = `/api/public/invitations/${segment(token)}`;
  if (saved) model.currentPageNo = Math.max(0, Math.min(saved.currentPage, model.visiblePageCount - 1));
  const saver = new ProgressSaver(`${openUrl}/progress`, model, saved, {
    state: on.save,
    merged: () => on.notice(m.mergedNotice),
    saved: () => writeDraft(token, undefined),
    answered: (lost) => {
      writeDraft(token, undefined);
      // Said when another tab or device submitted first, so a person knows whether what they typed here counted.
      on.screen({ kind: "error", reason: "answered", note: lost ? m.lostHere : m.keptHere });
    },
    ended: (status) => on.screen({ kind: "error", reason: status === 410 ? "closed" : "invalid" }),
  });
  model.onValueChanged.add(() => saver.changed());
  model.onCurrentPageChanged.add(() => saver.pageChanged());
  addEventListener("pagehide", () => saver.flush(), { signal });
  document.addEventListener("visibilitychange", () => (document.visibilityState === "hidden" ? saver.flush() : void saver.refresh(openUrl)), { signal });
  // Answers kept on this tab but never saved (a dropped connection before a reload) go up straight away.
  if (readDraft(token)) saver.changed();
  return saver;
}

/**
 * How the page began: the survey asked for by the entry script while SurveyJS loaded (used once), the server's plain
 * form when it drew one, and how to put the finished page in its place.
 */
export type Takeover = { opening?: Promise<Response>; form: HTMLFormElement | null; reveal: () => void };

async function openSurvey(token: string, signal: AbortSignal, on: Handlers, takeover: Takeover): Promise<Screen> {
  const invitationApi = api.public.invitations[":token"];
  const param = { token: segment(token) };
  const opening = takeover.opening as ReturnType<typeof invitationApi.$get> | undefined;
  takeover.opening = undefined;
  const invitation = await read(opening ?? invitationApi.$get({ param }, { init: { signal } }));
  // The customer's own language when their interactions gave one, else whatever this browser asks for.
  const { model, textsLang, lang } = await surveyModel(invitation.definition, invitation.customerLocale ? [invitation.customerLocale] : navigator.languages);
  const m = respondentMessages(lang);
  on.messages(m);
  pipeInteraction(model, invitation.variables, lang);
  // Saved on any tab or device first; what this tab kept but never saved goes over it.
  if (invitation.progress) model.mergeData(invitation.progress.data);
  const draft = readDraft(token);
  if (draft) model.mergeData(draft);
  // The number picked in the email, as the server's form shows it; never saved until the person changes something.
  if (takeover.form) takeServerChoices(takeover.form, model, invitation.definition, invitation.progress?.data ?? {});
  preselectRating(model, { alreadyShown: !!takeover.form });
  model.onValueChanged.add((sender) => writeDraft(token, sender.data));
  const saver = saveAsTheyGo(token, model, invitation.progress, signal, on, m);
  // A new page starts at its first question, for the keyboard and for a screen reader reading on; the page the
  // link resumes on (set above) keeps focus where the person is.
  model.onCurrentPageChanged.add((sender) => sender.focusFirstQuestion());

  model.onCompleting.add(async (sender, options) => {
    saver.stop();
    on.sending(true);
    on.problem(null);
    try {
      await read(invitationApi.response.$post({ param, json: { data: sender.data } }));
    } catch (err) {
      options.allow = false;
      if (err instanceof ApiError && err.status === 422) {
        const labels = err.errors.map((e) => questionLabel(sender, e));
        saver.resume();
        on.problem({ kind: "invalid", detail: m.problemIntro, items: labels.map((l) => l.text) });
        const first = labels.find((l) => l.questionName)?.questionName;
        if (first) sender.focusQuestion(first);
      } else if (err instanceof ApiError && [404, 409, 410].includes(err.status)) {
        writeDraft(token, undefined);
        on.screen({ kind: "error", reason: reasonFor(err), ...(err.status === 409 && { note: saver.dirty ? m.lostHere : m.keptHere }) });
      } else {
        saver.resume();
        const detail = !(err instanceof ApiError) ? m.unreachableBody : err.status === 429 ? m.throttledBody : err.detail;
        on.problem({ kind: "unsent", detail });
      }
    } finally {
      on.sending(false);
    }
  });
  model.onComplete.add(() => {
    writeDraft(token, undefined);
    on.screen({ kind: "thanks" });
  });

  return { kind: "survey", model, title: model.title || invitation.title, description: model.description ?? "", definition: invitation.definition, ...(textsLang && { textsLang }) };
}

export function RespondApp({ token, takeover }: { token: string | null; takeover: Takeover }) {
  const [screen, setScreen] = useState<Screen>({ kind: "loading" });
  const [problem, setProblem] = useState<SubmitProblem | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [notice, setNotice] = useState<string | null>(null);
  // Until the survey says otherwise, the page speaks the browser's language.
  const [m, setMessages] = useState(() => respondentMessages(pageLanguage({}, navigator.languages).lang));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how "Try again" asks for the survey once more.
  useEffect(() => {
    if (!token) {
      setScreen({ kind: "error", reason: "invalid" });
      return;
    }
    const controller = new AbortController();
    setScreen({ kind: "loading" });
    openSurvey(token, controller.signal, { sending: setSending, problem: setProblem, screen: setScreen, save: setSaveState, notice: setNotice, messages: setMessages }, takeover).then(setScreen, (err) => {
      if (isAbort(err)) return;
      setScreen({ kind: "error", reason: reasonFor(err), detail: err instanceof ApiError ? err.detail : undefined });
    });
    return () => controller.abort();
  }, [token, attempt]);

  // A screen change replaces everything a screen reader was reading, so start it again at the new heading. The
  // first screen replaces the server's form instead: its answers and the control in use carry over, and focus
  // stays where the person is (nowhere, if they had not started).
  const revealed = useRef(false);
  useEffect(() => {
    if (screen.kind === "loading") return;
    // The server's form works on its own: a passing failure to fetch the survey (the network, the rate limit)
    // leaves it in place rather than trading a working page for an error.
    if (!revealed.current && screen.kind === "error" && takeover.form && ["throttled", "unreachable", "failed"].includes(screen.reason)) return;
    document.title = screen.kind === "survey" ? screen.title : screen.kind === "thanks" ? m.thanksHeading : errorCopy(m)[screen.reason].heading;
    if (!revealed.current) {
      revealed.current = true;
      const focused = screen.kind === "survey" && takeover.form ? adoptPlainForm(takeover.form, screen.model, screen.definition) : undefined;
      takeover.reveal();
      if (screen.kind === "survey" && focused) restoreFocus(screen.model, focused);
      if (takeover.form) return;
    }
    headingRef.current?.focus();
  }, [screen, takeover, m]);

  useEffect(() => {
    if (problem?.kind === "unsent") problemRef.current?.focus();
  }, [problem]);

  const retrySend = () => {
    if (screen.kind === "survey") screen.model.completeLastPage();
  };

  return (
    <main className="respond-shell">
      {screen.kind === "loading" && (
        <p className="respond-status" role="status">
          {m.loading}
        </p>
      )}

      {screen.kind === "survey" && (
        <>
          <header className="respond-header" lang={screen.textsLang} dir={screen.textsLang && "auto"}>
            <h1 ref={headingRef} tabIndex={-1}>
              {screen.title}
            </h1>
            {screen.description && <p>{screen.description}</p>}
          </header>
          {problem && (
            <div ref={problemRef} tabIndex={-1} className="respond-problem" role="alert" data-testid="submit-problem">
              {problem.kind === "invalid" ? (
                <>
                  <p>
                    <strong>{problem.detail}</strong> {m.problemFix}
                  </p>
                  <ul>
                    {problem.items.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <>
                  <p>
                    <strong>{m.notSentYet}</strong> {problem.detail} {m.keptOnPage}
                  </p>
                  <button type="button" className="respond-button" onClick={retrySend} disabled={sending}>
                    {m.tryAgain}
                  </button>
                </>
              )}
            </div>
          )}
          <p className="respond-sending" role="status">
            {sending ? m.sending : ""}
          </p>
          {notice && (
            <p className="respond-notice" role="status" data-testid="merge-notice">
              {notice}
            </p>
          )}
          <p className="respond-saved" role="status" data-testid="save-state">
            {saveCopy(m)[saveState]}
          </p>
          <Survey model={screen.model} />
        </>
      )}

      {screen.kind === "thanks" && (
        <section className="respond-card">
          <h1 ref={headingRef} tabIndex={-1} data-testid="thank-you">
            {m.thanksHeading}
          </h1>
          <p>{m.thanksBody}</p>
          <p className="respond-muted">{m.closeNow}</p>
        </section>
      )}

      {screen.kind === "error" && (
        <section className="respond-card" data-testid="respond-error" data-reason={screen.reason}>
          <h1 ref={headingRef} tabIndex={-1}>
            {errorCopy(m)[screen.reason].heading}
          </h1>
          <p>{errorCopy(m)[screen.reason].body}</p>
          {screen.note && <p data-testid="respond-note">{screen.note}</p>}
          {screen.reason === "failed" && screen.detail && <p className="respond-muted">{screen.detail}</p>}
          {errorCopy(m)[screen.reason].retry && (
            <button type="button" className="respond-button" onClick={() => setAttempt((n) => n + 1)}>
              {m.tryAgain}
            </button>
          )}
        </section>
      )}
    </main>
  );
}
