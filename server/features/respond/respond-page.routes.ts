// /s/<token>: the respondent page. GET sends the survey's current page as a plain form inside the built page, so
// the first rating can be tapped before any script arrives; SurveyJS takes the form over when its script does.
// POST is that form sent without the script (or before it arrived): checked by the same rules as the API, one page
// at a time, answers kept on every answer back.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { parseAccept } from "hono/utils/accept";
import type { AppEnv } from "../../app";
import { AppError, NotFound } from "../../errors";
import { INVALID_LINK } from "./respond.schemas";
import { FORM_FIELDS, plainPage, readPlainForm, type PlainPage } from "../../domain/plain-form";
import { respondentMessages, type RespondentMessages } from "../../domain/respondent-messages";
import { pageLanguage, type PageLanguage } from "../../domain/survey-languages";
import { firstRatingQuestion, localized } from "../../domain/survey-texts";
import { publicContext } from "../../lib/route-context";
import { fillTemplate, finalCard, scriptOnlyBody, surveyForm, type FinalReason, type FormView, type PageShell } from "./respond-page";
import * as service from "./respond.service";

// The page is the customer's own and names their survey: no cache may keep it.
const PRIVATE = { "cache-control": "no-store" };

// A form sent back sooner than this after it was drawn was not filled in by a person reading it: a link scanner
// that submits what it finds gets the page again, with nothing recorded. A person who was that quick sends again.
const MIN_HUMAN_MS = 1500;

type Opened = Awaited<ReturnType<typeof service.openForPage>>;

/** The languages the visitor asks for: the customer's own when their interactions gave one, else the browser's. */
function preferredLanguages(c: Context<AppEnv>, customerLocale?: string | null): string[] {
  if (customerLocale) return [customerLocale];
  return parseAccept(c.req.header("accept-language") ?? "")
    .filter((a) => a.q > 0 && a.type !== "*")
    .map((a) => a.type);
}

async function send(c: Context<AppEnv>, shell: PageShell, status: ContentfulStatusCode) {
  const template = await c.get("deps").respondPage?.();
  if (!template) return c.text("The web app is not built. Run npm run build.", 404);
  return c.html(await fillTemplate(template, shell), status, PRIVATE);
}

const finalReason = (status: number): FinalReason | undefined => (status === 404 ? "invalid" : status === 409 ? "answered" : status === 410 ? "closed" : undefined);

type Survey = { opened: Opened; lang: PageLanguage; m: RespondentMessages; definition: Record<string, unknown> };

function surveyFor(c: Context<AppEnv>, opened: Opened): Survey {
  const definition = opened.version.definition;
  const lang = pageLanguage(definition, preferredLanguages(c, opened.invitation.customerLocale));
  return { opened, lang, m: respondentMessages(lang.lang), definition };
}

const defaultsOf = (m: RespondentMessages) => ({ yes: m.yes, no: m.no, selectPlaceholder: m.selectPlaceholder });

type FormState = Pick<FormView, "data" | "notice"> & { page: PlainPage; errors?: Map<string, string>; otherErrors?: string[] };

function sendForm(c: Context<AppEnv>, s: Survey, state: FormState, status: ContentfulStatusCode) {
  const { definition, lang, m } = s;
  const title = localized(definition.title, lang.texts) || s.opened.version.title;
  const body = surveyForm(
    {
      token: c.req.param("token") ?? "",
      survey: { title, description: localized(definition.description, lang.texts), ...(lang.texts !== lang.lang && { textsLang: lang.texts }) },
      page: state.page,
      data: state.data,
      errors: state.errors ?? new Map(),
      otherErrors: state.otherErrors ?? [],
      ...(state.notice && { notice: state.notice }),
      sendText: localized(definition.completeText, lang.texts) || m.send,
      nextText: localized(definition.pageNextText, lang.texts) || m.next,
      renderedAt: c.get("deps").now().getTime(),
    },
    m,
  );
  return send(c, { lang, title, body, state: "survey" }, status);
}

/** A number picked in the email (?rating=n) selects that point of the first scored question; nothing is saved. */
function withEmailRating(c: Context<AppEnv>, definition: Record<string, unknown>, data: Record<string, unknown>) {
  const raw = c.req.query("rating");
  const question = raw !== undefined && /^\d{1,2}$/.test(raw) ? firstRatingQuestion(definition) : null;
  if (question?.values.includes(Number(raw))) data[question.valueName] = Number(raw);
  return data;
}

async function show(c: Context<AppEnv>) {
  const s = surveyFor(c, await service.openForPage(publicContext(c), c.req.param("token") ?? ""));
  const { progress } = s.opened;
  const page = plainPage(s.definition, progress?.currentPage ?? 0, s.lang.texts, defaultsOf(s.m));
  if (!page) return send(c, { lang: s.lang, title: localized(s.definition.title, s.lang.texts) || s.opened.version.title, body: scriptOnlyBody(s.m), state: "script" }, 200);
  const data = withEmailRating(c, s.definition, { ...(progress?.data ?? {}) });
  for (const q of page.questions) if (data[q.valueName] === undefined && q.defaultValue !== undefined) data[q.valueName] = q.defaultValue;
  return sendForm(c, s, { page, data }, 200);
}

/** A check's message about a question, without the question's name it starts with (the page shows it beside it). */
function ownWords(message: string, name: string): string {
  for (const end of [`(${name}): `, `“${name}”: `]) {
    const at = message.indexOf(end);
    if (at >= 0) {
      const rest = message.slice(at + end.length);
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    }
  }
  return message;
}

async function answer(c: Context<AppEnv>) {
  const ctx = publicContext(c);
  const token = c.req.param("token") ?? "";
  const body = await c.req.parseBody({ all: true });
  const field = (name: string) => {
    const v = body[name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
  };
  const s = surveyFor(c, await service.openForPage(ctx, token));
  const index = Number(field(FORM_FIELDS.page)[0]);
  const shown = new Set(field(FORM_FIELDS.shown));
  const sent = Number.isInteger(index) ? plainPage(s.definition, index, s.lang.texts, defaultsOf(s.m), (name) => shown.has(name)) : null;
  // Not a form this server drew (or the survey no longer reads that way): start again from the page as it is.
  if (!sent) return c.redirect(`/s/${encodeURIComponent(token)}`, 303);

  const data: Record<string, unknown> = { ...(s.opened.progress?.data ?? {}) };
  for (const q of sent.questions) delete data[q.valueName];
  Object.assign(data, readPlainForm(sent.questions, field));

  const at = Number(field(FORM_FIELDS.at)[0]);
  if (!(at > 0) || ctx.now.getTime() - at < MIN_HUMAN_MS) return sendForm(c, s, { page: sent, data, notice: "confirm" }, 200);

  const layout = await service.pageLayout(s.opened.version, data);
  const here = layout.find((p) => p.index === index);
  const position = here ? layout.indexOf(here) : Math.max(0, layout.findIndex((p) => p.index > index));
  // Questions this page now asks because of the answers just given: shown, with nothing lost, before anything is checked.
  if (here?.questions.some((name) => !shown.has(name))) {
    const grown = plainPage(s.definition, index, s.lang.texts, defaultsOf(s.m), (name) => here.questions.includes(name));
    await service.keepProgress(ctx, token, data, position);
    if (!grown) return c.redirect(`/s/${encodeURIComponent(token)}`, 303);
    return sendForm(c, s, { page: grown, data, notice: "more" }, 200);
  }

  const check = await service.checkAnswers(s.opened.version, data);
  const errors = new Map<string, string>();
  const otherErrors: string[] = [];
  const onPage = new Map(sent.questions.map((q) => [q.valueName, q]));
  const next = layout.find((p) => p.index > index);
  if (!check.ok) {
    for (const e of check.errors) {
      const valueName = /^\/data\/(.+)$/.exec(e.path)?.[1]?.replaceAll("~1", "/").replaceAll("~0", "~");
      const q = valueName ? onPage.get(valueName) : undefined;
      if (q) errors.set(q.valueName, q.required && data[q.valueName] === undefined ? s.m.answerThis : ownWords(e.message, q.name));
      // Later pages' questions are checked when they are reached.
      else if (!next) otherErrors.push(e.message);
    }
  }
  if (errors.size || otherErrors.length) {
    await service.keepProgress(ctx, token, data, position);
    return sendForm(c, s, { page: sent, data, errors, otherErrors }, 422);
  }
  if (next) {
    await service.keepProgress(ctx, token, data, layout.indexOf(next));
    return c.redirect(`/s/${encodeURIComponent(token)}`, 303);
  }
  await service.submitResponse(ctx, token, data);
  const { title, body: card } = finalCard("thanks", s.m);
  return send(c, { lang: s.lang, title, body: card, state: "final" }, 200);
}

type Guards = {
  /** Per-address throttle; inside these routes, so a refusal is a page in the visitor's language, not JSON. */
  throttle: MiddlewareHandler<AppEnv>;
  bodyLimit: MiddlewareHandler<AppEnv>;
};

export function respondPageRoutes(guards: Guards) {
  return new Hono<AppEnv>()
    .use("*", guards.bodyLimit, guards.throttle)
    .get("/:token", show)
    .post("/:token", answer)
    // Anything longer is a link cut or pasted wrong.
    .all("/*", () => {
      throw new NotFound(INVALID_LINK);
    })
    .onError(async (err, c: Context<AppEnv>) => {
      const lang = pageLanguage({}, preferredLanguages(c));
      const status = err instanceof AppError ? err.status : 500;
      const reason = finalReason(status) ?? (status === 429 ? "throttled" : status >= 500 ? "failed" : undefined);
      if (status >= 500) console.error(`[${c.get("requestId") ?? "-"}] unexpected error on ${c.req.method} ${c.req.path}`, err);
      if (!reason) return c.text(err.message, status as ContentfulStatusCode, { ...PRIVATE, ...(err instanceof AppError ? err.headers : {}) });
      // Waiting or a server fault passes: the page offers the link again.
      const retry = reason === "throttled" || reason === "failed" ? new URL(c.req.url).pathname : undefined;
      const { title, body } = finalCard(reason, respondentMessages(lang.lang), { retry });
      if (err instanceof AppError) for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return send(c, { lang, title, body, state: "final" }, status as ContentfulStatusCode);
    });
}
