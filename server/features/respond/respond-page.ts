// The respondent page as the server sends it: the built page's shell with, inside it, the survey's current page as
// a plain form that can be answered and sent at once (SurveyJS takes it over when its script arrives), or the
// page's final word (thanks, answered, closed, not valid). Every text is escaped; the survey's own are plain text.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { FORM_FIELDS, type PlainChoice, type PlainPage, type PlainQuestion } from "../../domain/plain-form";
import type { RespondentMessages } from "../../domain/respondent-messages";
import type { PageLanguage } from "../../domain/survey-languages";

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;


export type PageShell = { lang: PageLanguage; title: string; body: Markup; state: "survey" | "script" | "final" };

/**
 * The built page with `shell` in place of its loading message: the document's language, direction and title set,
 * and a `data-respond` mark telling the page's script whether to take a form over, start on its own, or stay out.
 */
export async function fillTemplate(template: string, shell: PageShell): Promise<string> {
  const body = await shell.body;
  return template
    .replace(/<html lang="[^"]*"/, `<html lang="${escapeAttr(shell.lang.lang)}" dir="${shell.lang.dir}" data-respond="${shell.state}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeText(shell.title)}</title>`)
    .replace(/<!--page-->[\s\S]*<!--\/page-->/, () => String(body));
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

export type FinalReason = "thanks" | "answered" | "closed" | "invalid" | "throttled" | "failed";

/** The last word of a link: thanks after sending, or why it takes no answers (or none just now). */
export function finalCard(reason: FinalReason, m: RespondentMessages, opts: { note?: string; retry?: string } = {}): { title: string; body: Markup } {
  const { note, retry } = opts;
  const words: Record<FinalReason, [string, string]> = {
    thanks: [m.thanksHeading, m.thanksBody],
    answered: [m.answeredHeading, m.answeredBody],
    closed: [m.closedHeading, m.closedBody],
    invalid: [m.invalidHeading, m.invalidBody],
    throttled: [m.throttledHeading, m.throttledBody],
    failed: [m.failedHeading, m.failedBody],
  };
  const [heading, text] = words[reason];
  return {
    title: heading,
    body: html`<main class="respond-shell">
<section class="respond-card" data-testid="${reason === "thanks" ? "thank-you-card" : "respond-error"}" data-reason="${reason}">
<h1 tabindex="-1"${reason === "thanks" ? raw(' data-testid="thank-you"') : ""}>${heading}</h1>
<p>${text}</p>${note ? html`\n<p data-testid="respond-note">${note}</p>` : ""}${reason === "thanks" ? html`\n<p class="respond-muted">${m.closeNow}</p>` : ""}${
      retry ? html`\n<p><a class="respond-button" href="${retry}">${m.tryAgain}</a></p>` : ""
    }
</section>
</main>`,
  };
}

/** The page the script renders by itself (a page the plain form cannot show): a loading line, and a word without JavaScript. */
export function scriptOnlyBody(m: RespondentMessages): Markup {
  return html`<main class="respond-shell"><p class="respond-status" role="status">${m.loading}</p></main>
<noscript><p class="respond-status">${m.needsScript}</p></noscript>`;
}

export type FormView = {
  token: string;
  survey: { title: string; description: string; textsLang?: string };
  page: PlainPage;
  data: Record<string, unknown>;
  errors: Map<string, string>;
  /** Errors not about a question of this page, for the list at the top. */
  otherErrors: string[];
  notice?: "confirm" | "more";
  sendText: string;
  nextText: string;
  renderedAt: number;
};

const same = (a: unknown, b: PlainChoice["value"]) => a === b || (typeof a !== "object" && String(a) === String(b));
const chosen = (value: unknown, choice: PlainChoice) => (Array.isArray(value) ? value.some((v) => same(v, choice.value)) : value !== undefined && same(value, choice.value));

function titleOf(q: PlainQuestion, m: RespondentMessages) {
  return html`${q.number !== undefined ? html`<span class="plain-num">${q.number}.</span> ` : ""}${q.title}${
    q.required ? html`<span class="plain-req" aria-hidden="true"> *</span><span class="visually-hidden"> ${m.required}</span>` : ""
  }`;
}

function ratingPoints(q: Extract<PlainQuestion, { kind: "rating" }>, id: string, value: unknown, m: RespondentMessages, describedBy: string) {
  const max = q.items.at(-1)?.label ?? "";
  const ends = q.minLabel || q.maxLabel;
  return html`<div class="plain-rating rating-scale rating-scale--${q.items.length}${q.stars ? " plain-rating--stars" : ""}">
<div class="plain-points">${ends ? html`<span class="plain-end plain-end--min" id="${id}-min">${q.minLabel}</span>` : ""}${q.items.map(
    (item, i) =>
      html`<label class="plain-point"><input type="radio" name="${q.valueName}" value="${String(item.value)}"${chosen(value, item) ? raw(" checked") : ""}${
        q.required && i === 0 ? raw(" required") : ""
      }${describedBy ? html` aria-describedby="${describedBy}"` : ""}><span>${
        q.stars ? html`<span aria-hidden="true">★</span><span class="visually-hidden">${m.starOf.replace("{n}", item.label).replace("{max}", max)}</span>` : item.label
      }</span></label>`,
  )}${ends ? html`<span class="plain-end plain-end--max" id="${id}-max">${q.maxLabel}</span>` : ""}</div>
</div>`;
}

function choices(q: Extract<PlainQuestion, { kind: "radio" | "checkbox" }>, value: unknown, describedBy: string) {
  const type = q.kind === "radio" ? "radio" : "checkbox";
  return html`<div class="plain-choices">${q.choices.map(
    (c, i) =>
      html`<label class="plain-choice"><input type="${type}" name="${q.valueName}" value="${String(c.value)}"${chosen(value, c) ? raw(" checked") : ""}${
        q.required && type === "radio" && i === 0 ? raw(" required") : ""
      }${describedBy ? html` aria-describedby="${describedBy}"` : ""}><span>${c.label}</span></label>`,
  )}</div>`;
}

function question(q: PlainQuestion, index: number, value: unknown, error: string | undefined, m: RespondentMessages) {
  const id = `q${index}`;
  const described = [q.description && `${id}-desc`, error && `${id}-err`].filter(Boolean).join(" ");
  const desc = q.description ? html`<p class="plain-desc" id="${id}-desc">${q.description}</p>` : "";
  const err = error ? html`<p class="plain-error" id="${id}-err">${error}</p>` : "";
  const cls = `plain-q${error ? " plain-q--error" : ""}`;
  if (q.kind === "rating" || q.kind === "radio" || q.kind === "checkbox") {
    const ends = q.kind === "rating" && (q.minLabel || q.maxLabel) ? [`${id}-min`, `${id}-max`] : [];
    // The group says its description and error once; each choice only says the scale's end words.
    const groupDescribed = [described, ...ends].filter(Boolean).join(" ");
    const controls = q.kind === "rating" ? ratingPoints(q, id, value, m, "") : choices(q, value, "");
    return html`<fieldset class="${cls}" id="${id}" data-question="${q.valueName}"${groupDescribed ? html` aria-describedby="${groupDescribed}"` : ""}${
      error ? raw(' aria-invalid="true"') : ""
    }>
<legend class="plain-title${q.titleHidden ? " visually-hidden" : ""}">${titleOf(q, m)}</legend>
${desc}${controls}${err}
</fieldset>`;
  }
  const input = `${id}-input`;
  const common = html` id="${input}" name="${q.valueName}"${q.required ? raw(" required") : ""}${described ? html` aria-describedby="${described}"` : ""}${
    error ? raw(' aria-invalid="true"') : ""
  }`;
  const current = value === undefined || value === null ? "" : String(value);
  let control: Markup;
  if (q.kind === "select") {
    control = html`<select class="plain-input"${common}><option value="">${q.placeholder}</option>${q.choices.map(
      (c) => html`<option value="${String(c.value)}"${chosen(value, c) ? raw(" selected") : ""}>${c.label}</option>`,
    )}</select>`;
  } else if (q.kind === "comment") {
    control = html`<textarea class="plain-input" rows="${q.rows}"${q.maxLength ? html` maxlength="${q.maxLength}"` : ""}${
      q.placeholder ? html` placeholder="${q.placeholder}"` : ""
    }${common}>${current}</textarea>`;
  } else {
    control = html`<input class="plain-input" type="${q.inputType}" value="${current}"${q.maxLength ? html` maxlength="${q.maxLength}"` : ""}${
      q.min ? html` min="${q.min}"` : ""
    }${q.max ? html` max="${q.max}"` : ""}${q.step ? html` step="${q.step}"` : ""}${q.placeholder ? html` placeholder="${q.placeholder}"` : ""}${
      q.inputType === "email" ? raw(' autocomplete="email"') : ""
    }${common}>`;
  }
  return html`<div class="${cls}" id="${id}" data-question="${q.valueName}">
<label class="plain-title${q.titleHidden ? " visually-hidden" : ""}" for="${input}">${titleOf(q, m)}</label>
${desc}${control}${err}
</div>`;
}

/** The survey's current page as a form that posts to the link itself. */
export function surveyForm(view: FormView, m: RespondentMessages): Markup {
  const { page, survey } = view;
  const listed = page.questions.flatMap((q, i) => {
    const e = view.errors.get(q.valueName);
    return e ? [{ href: `#q${i}`, text: `${q.title} — ${e}` }] : [];
  });
  const problems =
    listed.length || view.otherErrors.length
      ? html`<div class="respond-problem" role="alert" tabindex="-1" autofocus data-testid="submit-problem">
<p><strong>${m.problemIntro}</strong> ${m.problemFix}</p>
<ul>${listed.map((l) => html`<li><a href="${l.href}">${l.text}</a></li>`)}${view.otherErrors.map((t) => html`<li>${t}</li>`)}</ul>
</div>`
      : "";
  const notice = view.notice
    ? html`<div class="respond-notice" role="status" tabindex="-1" autofocus data-testid="plain-notice">${
        view.notice === "confirm" ? html`<p><strong>${m.confirmHeading}</strong></p><p>${m.confirmBody}</p>` : html`<p>${m.moreQuestions}</p>`
      }</div>`
    : "";
  const textsLang = survey.textsLang ? html` lang="${survey.textsLang}" dir="auto"` : "";
  // The questions keep the page's direction (a right-to-left page lays its scales out from the right, as SurveyJS
  // does); only their texts take the direction of their own language (plain-form.css).
  const questionsLang = survey.textsLang ? html` lang="${survey.textsLang}"` : "";
  return html`<main class="respond-shell">
<header class="respond-header"${textsLang}>
<h1 tabindex="-1">${survey.title}</h1>${survey.description ? html`\n<p>${survey.description}</p>` : ""}
</header>
${problems}${notice}
<form class="plain-survey" method="post" action="/s/${encodeURIComponent(view.token)}" data-page="${page.index}">
<input type="hidden" name="${FORM_FIELDS.page}" value="${page.index}">
<input type="hidden" name="${FORM_FIELDS.at}" value="${view.renderedAt}">
${page.questions.map((q) => html`<input type="hidden" name="${FORM_FIELDS.shown}" value="${q.name}">`)}
<div class="plain-page"${questionsLang}>
${page.title ? html`<h2 class="plain-page-title">${page.title}</h2>` : ""}${page.description ? html`<p class="plain-page-desc">${page.description}</p>` : ""}
${page.questions.map((q, i) => question(q, i, view.data[q.valueName], view.errors.get(q.valueName), m))}
</div>
<div class="plain-actions"><button type="submit" class="respond-button plain-send${page.hasNext ? " plain-send--next" : ""}">${page.hasNext ? view.nextText : view.sendText}</button></div>
</form>
</main>`;
}
