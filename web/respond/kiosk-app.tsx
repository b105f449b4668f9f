// The counter kiosk page (/k/<slug>): the unit's survey for one walk-in customer after another, nothing kept between them.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { respondentMessages, type RespondentMessages } from "../../server/domain/respondent-messages";
import { pageLanguage } from "../../server/domain/survey-languages";
import { ApiError, api, isAbort, read, segment } from "../shared/api-client";
import { questionLabel, surveyModel } from "./survey-page";

// Long enough to read the thanks, short enough that the next customer finds a fresh survey.
export const NEXT_CUSTOMER_SECONDS = 8;

type ErrorReason = "closed" | "paused" | "throttled" | "unreachable" | "failed";

type Screen =
  | { kind: "loading" }
  | { kind: "survey"; model: SurveyModel; title: string; unitName: string; textsLang?: string }
  | { kind: "thanks" }
  | { kind: "error"; reason: ErrorReason; detail?: string };

type SubmitProblem = { detail: string; items: string[] };

function errorCopy(m: RespondentMessages): Record<ErrorReason, { heading: string; body: string }> {
  return {
    closed: { heading: m.kioskClosedHeading, body: m.kioskClosedBody },
    paused: { heading: m.kioskPausedHeading, body: m.kioskPausedBody },
    throttled: { heading: m.throttledHeading, body: m.kioskThrottledBody },
    unreachable: { heading: m.unreachableHeading, body: m.unreachableBody },
    failed: { heading: m.failedHeading, body: m.failedBody },
  };
}

/** The kiosk's own words, in the device's language (the survey's language follows it too). */
const kioskWords = () => respondentMessages(pageLanguage({}, navigator.languages).lang);

/** "8 seconds" in the page's language, plural and all, by Intl. */
function seconds(n: number, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: "unit", unit: "second", unitDisplay: "long" }).format(n);
  } catch {
    return `${n} s`;
  }
}

function reasonFor(err: unknown): ErrorReason {
  if (!(err instanceof ApiError)) return "unreachable";
  if (err.status === 404) return "closed";
  if (err.status === 409 || err.status === 410) return "paused";
  if (err.status === 429) return "throttled";
  return "failed";
}

type Handlers = { sending: (busy: boolean) => void; problem: (p: SubmitProblem | null) => void; screen: (s: Screen) => void };

async function openKiosk(slug: string, signal: AbortSignal, on: Handlers): Promise<Screen> {
  const kioskApi = api.public.kiosks[":slug"];
  const param = { slug: segment(slug) };
  const kiosk = await read(kioskApi.$get({ param }, { init: { signal } }));
  const { model, textsLang } = await surveyModel(kiosk.definition, navigator.languages);

  model.onCompleting.add(async (sender, options) => {
    on.sending(true);
    on.problem(null);
    try {
      await read(kioskApi.response.$post({ param, json: { data: sender.data } }));
    } catch (err) {
      options.allow = false;
      if (err instanceof ApiError && err.status === 422) {
        const labels = err.errors.map((e) => questionLabel(sender, e));
        on.problem({ detail: kioskWords().problemIntro, items: labels.map((l) => l.text) });
        const first = labels.find((l) => l.questionName)?.questionName;
        if (first) sender.focusQuestion(first);
      } else if (err instanceof ApiError && [404, 409, 410].includes(err.status)) {
        on.screen({ kind: "error", reason: reasonFor(err) });
      } else {
        on.problem({ detail: err instanceof ApiError ? err.detail : kioskWords().unreachableBody, items: [] });
      }
    } finally {
      on.sending(false);
    }
  });
  model.onComplete.add(() => on.screen({ kind: "thanks" }));

  return { kind: "survey", model, title: model.title || kiosk.title, unitName: kiosk.unitName, ...(textsLang && { textsLang }) };
}

export function KioskApp({ slug }: { slug: string | null }) {
  const [screen, setScreen] = useState<Screen>({ kind: "loading" });
  const m = useMemo(kioskWords, []);
  const [problem, setProblem] = useState<SubmitProblem | null>(null);
  const [sending, setSending] = useState(false);
  const [round, setRound] = useState(0);
  const [secondsLeft, setSecondsLeft] = useState(NEXT_CUSTOMER_SECONDS);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const nextCustomer = useCallback(() => setRound((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each `round` is a fresh survey for the next customer (or "Try again").
  useEffect(() => {
    if (!slug) {
      setScreen({ kind: "error", reason: "closed" });
      return;
    }
    const controller = new AbortController();
    setProblem(null);
    setScreen({ kind: "loading" });
    openKiosk(slug, controller.signal, { sending: setSending, problem: setProblem, screen: setScreen }).then(setScreen, (err) => {
      if (isAbort(err)) return;
      setScreen({ kind: "error", reason: reasonFor(err), detail: err instanceof ApiError ? err.detail : undefined });
    });
    return () => controller.abort();
  }, [slug, round]);

  // The thanks stays only a few seconds: the next customer must not see, or change, the last one's answers.
  useEffect(() => {
    if (screen.kind !== "thanks") return;
    setSecondsLeft(NEXT_CUSTOMER_SECONDS);
    const tick = setInterval(() => setSecondsLeft((s) => Math.max(0, s - 1)), 1000);
    const done = setTimeout(nextCustomer, NEXT_CUSTOMER_SECONDS * 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(done);
    };
  }, [screen, nextCustomer]);

  useEffect(() => {
    if (screen.kind === "loading") return;
    document.title = screen.kind === "survey" ? screen.title : screen.kind === "thanks" ? m.thanksHeading : errorCopy(m)[screen.reason].heading;
    headingRef.current?.focus();
  }, [screen, m]);

  useEffect(() => {
    if (problem && problem.items.length === 0) problemRef.current?.focus();
  }, [problem]);

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
            <p className="respond-muted" data-testid="kiosk-unit">
              {screen.unitName}
            </p>
            <h1 ref={headingRef} tabIndex={-1}>
              {screen.title}
            </h1>
          </header>
          {problem && (
            <div ref={problemRef} tabIndex={-1} className="respond-problem" role="alert" data-testid="submit-problem">
              <p>
                <strong>{problem.items.length > 0 ? problem.detail : m.notSentYet}</strong> {problem.items.length > 0 ? m.problemFix : `${problem.detail} ${m.keptOnPage}`}
              </p>
              {problem.items.length > 0 && (
                <ul>
                  {problem.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <p className="respond-sending" role="status">
            {sending ? m.sending : ""}
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
          {/* Not a live region: a countdown read out every second would drown the thanks. */}
          <p className="respond-muted">
            {m.kioskNextIn.replace("{time}", seconds(secondsLeft, document.documentElement.lang || "en"))}
          </p>
          <button type="button" className="respond-button" onClick={nextCustomer}>
            {m.kioskNext}
          </button>
        </section>
      )}

      {screen.kind === "error" && (
        <section className="respond-card" data-testid="respond-error" data-reason={screen.reason}>
          <h1 ref={headingRef} tabIndex={-1}>
            {errorCopy(m)[screen.reason].heading}
          </h1>
          <p>{screen.reason === "throttled" && screen.detail ? screen.detail : errorCopy(m)[screen.reason].body}</p>
          {screen.reason !== "closed" && (
            <button type="button" className="respond-button" onClick={nextCustomer}>
              {m.tryAgain}
            </button>
          )}
        </section>
      )}
    </main>
  );
}
