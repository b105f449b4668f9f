// The invitation email (and its reminders): the survey's first rating as a row of links, its absolute link, the
// interaction it follows, and a one-click unsubscribe (RFC 8058 headers, and a visible link in the footer).
import { html } from "hono/html";
import { scalesOf } from "../../domain/metric-roles";
import { isJsonObject, walkElements, type JsonObject } from "../../domain/survey-elements";
import { orgTag, type OutgoingEmail } from "../../mail/mailer";

/** A SurveyJS text as written: a string, or one per locale ({ default, de, … }). */
type Text = unknown;

/** The survey's first scored rating question as the email shows it: its whole scale and the words at its ends. */
export type RatingQuestion = { title: Text; values: number[]; minLabel: Text; maxLabel: Text };

/** What the invitation follows, as far as it is known. */
export type InteractionFacts = { type: string | null; channel: string | null; occurredAt: Date | null; unit: string | null; agent: string | null };

export type InvitationEmailInput = {
  orgId: string;
  orgName: string;
  /** The outbox row: its tag lets a delivery event find the row before its provider id is recorded. */
  outboxId: string;
  from: string;
  to: string;
  name: string | null;
  /** The title respondents see (the published definition's, else the survey's). */
  surveyTitle: string;
  question: RatingQuestion | null;
  interaction: InteractionFacts;
  /** BCP 47 tag the dates are written in; the zone they are read in. */
  locale: string;
  timeZone: string | null;
  link: string;
  unsubscribeLink: string;
  reminder: boolean;
  expiresAt: Date;
};

/** A SurveyJS text in `locale` (then its language, then the default); "" when there is none. */
export function localized(text: Text, locale = "en"): string {
  if (typeof text === "string") return text.trim();
  if (!isJsonObject(text)) return "";
  const language = locale.split("-")[0]!;
  for (const key of [locale, language, "default", "en"]) {
    const value = text[key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return "";
}

function ratingValues(el: JsonObject): number[] | null {
  if (Array.isArray(el.rateValues) && el.rateValues.length > 0) {
    const values = el.rateValues.map((v) => (isJsonObject(v) ? v.value : v));
    return values.every((v) => typeof v === "number") ? (values as number[]) : null;
  }
  const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
  const min = num(el.rateMin, 1);
  const step = num(el.rateStep, 1);
  const max = typeof el.rateMax === "number" ? el.rateMax : typeof el.rateCount === "number" ? min + (el.rateCount - 1) * step : 5;
  if (step !== 1 || max < min || max - min > 20) return null;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * The first rating question with a scored metric role, in page order. Only a scale its role allows is offered
 * (checked on publish, so anything else is a definition written some other way): otherwise the plain button.
 */
export function firstRatingQuestion(definition: unknown): RatingQuestion | null {
  if (!isJsonObject(definition)) return null;
  let found: RatingQuestion | null | undefined;
  walkElements(definition, {
    element(el) {
      if (found !== undefined) return false;
      if (el.type !== "rating" || scalesOf(String(el.metric ?? "")).length === 0) return;
      const values = ratingValues(el);
      const fits = values && scalesOf(String(el.metric)).some((s) => values[0] === s.min && values.at(-1) === s.max && values.every((v, i) => v === s.min + i));
      found = fits ? { title: el.title ?? el.name, values, minLabel: el.minRateDescription, maxLabel: el.maxRateDescription } : null;
      return false;
    },
  });
  return found ?? null;
}

/** The address part of a From setting ("Rapport <surveys@x.org>" or "surveys@x.org"); null when it has none. */
export function mailAddress(from: string): string | null {
  const trimmed = from.trim();
  const angled = /<([^<>\s@]+@[^<>\s@]+)>$/.exec(trimmed);
  if (angled) return angled[1]!;
  return /^[^<>\s@"]+@[^<>\s@"]+$/.test(trimmed) ? trimmed : null;
}

/** "Org name <address>": the organisation as the sender, at the address the setting names (quoted where RFC 5322 needs it). */
export function senderFrom(orgName: string, mailFrom: string): string {
  const address = mailAddress(mailFrom);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a header must not carry.
  const name = orgName.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  if (!address || !name) return mailFrom;
  const display = /^[\p{L}\p{N} !#$%&'*+\-/=?^_`{|}~]+$/u.test(name) ? name : `"${name.replace(/["\\]/g, "\\$&")}"`;
  return `${display} <${address}>`;
}

function formatDate(at: Date, locale: string, timeZone: string | null, options: Intl.DateTimeFormatOptions): string {
  // An unknown tag or zone (both come from other systems) falls back rather than failing the whole batch.
  for (const [tag, zone] of [
    [locale, timeZone],
    [locale, null],
    ["en", timeZone],
    ["en", null],
  ] as const) {
    try {
      return new Intl.DateTimeFormat(tag, { ...options, ...(zone ? { timeZone: zone } : { timeZone: "UTC" }) }).format(at);
    } catch {}
  }
  return at.toISOString().slice(0, 10);
}

const words = (value: string) => value.replace(/[_-]+/g, " ").trim().toLowerCase();
const inPerson = new Set(["in person", "person", "store", "branch", "counter", "visit", "face to face"]);

/** "about your enquiry by phone on 21 November at North branch with Sam", from whatever is known; "" when nothing is. */
export function interactionPhrase(facts: InteractionFacts, locale: string, timeZone: string | null): string {
  const parts: string[] = [];
  if (facts.type) parts.push(`your ${words(facts.type)}`);
  if (facts.channel) {
    const channel = words(facts.channel);
    parts.push(inPerson.has(channel) ? "in person" : `by ${channel}`);
  }
  if (facts.occurredAt) parts.push(`on ${formatDate(facts.occurredAt, locale, timeZone, { day: "numeric", month: "long" })}`);
  if (facts.unit) parts.push(`at ${facts.unit}`);
  if (facts.agent) parts.push(`with ${facts.agent}`);
  if (parts.length === 0) return "";
  return facts.type ? `about ${parts.join(" ")}` : `about your visit ${parts.join(" ")}`;
}

const ratingLink = (link: string, value: number) => `${link}?rating=${value}`;

// Colours are set on every cell and link: clients that invert dark mode then invert a pair, never text alone.
const number =
  "display:block;height:40px;line-height:40px;text-align:center;font-size:16px;font-weight:600;text-decoration:none;color:#1e3a8a;background:#e0e7ff;border:1px solid #a5b4fc;border-radius:4px";

function ratingRow(question: RatingQuestion, link: string, locale: string) {
  const title = localized(question.title, locale);
  const min = localized(question.minLabel, locale);
  const max = localized(question.maxLabel, locale);
  const width = `${Math.floor(100 / question.values.length)}%`;
  return html`<p style="margin:20px 0 8px;font-size:16px;font-weight:600;color:#1f2933">${title}</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="2" border="0" style="width:100%;table-layout:fixed;border-collapse:separate"><tr>${question.values.map(
    (v) =>
      html`<td width="${width}" align="center" bgcolor="#e0e7ff" style="padding:0;color:#1e3a8a;background:#e0e7ff;border-radius:4px"><a href="${ratingLink(link, v)}" title="${v}" style="${number}">${v}</a></td>`,
  )}</tr></table>
${min || max ? html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;margin-top:6px"><tr><td style="font-size:12px;color:#52606d;background:#ffffff;text-align:left">${min}</td><td style="font-size:12px;color:#52606d;background:#ffffff;text-align:right">${max}</td></tr></table>` : ""}
<p style="margin:8px 0 0;font-size:13px;color:#52606d">Tap a number to open the survey with it chosen; nothing is sent until you press the button there.</p>`;
}

export async function renderInvitationEmail(input: InvitationEmailInput): Promise<OutgoingEmail> {
  const greeting = input.name ? `Hello ${input.name},` : "Hello,";
  const closes = formatDate(input.expiresAt, input.locale, input.timeZone, { dateStyle: "long" });
  const about = interactionPhrase(input.interaction, input.locale, input.timeZone);
  const ask = input.reminder
    ? `A little while ago ${input.orgName} asked how we did${about ? ` ${about}` : ""}. If you have a minute, your answer still helps us.`
    : `Thank you for choosing ${input.orgName}. Would you tell us how we did${about ? ` ${about}` : ""}? It takes under a minute.`;
  const question = input.question;
  const button = question ? "Open the survey" : "Answer the survey";
  const body = html`<!doctype html>
<html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light only"></head>
<body style="margin:0;padding:8px 4px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;background:#f5f7fa">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;margin:0 auto;background:#ffffff;color:#1f2933;border-radius:8px">
<tr><td style="padding:20px 10px;background:#ffffff;color:#1f2933">
<p style="margin:0 0 4px;font-size:13px;color:#52606d">${input.orgName}</p>
<p>${greeting}</p>
<p>${ask}</p>
<h1 style="font-size:20px;color:#1f2933"><a href="${input.link}" style="color:#1f2933;text-decoration:none">${input.surveyTitle}</a></h1>
${question ? ratingRow(question, input.link, input.locale) : ""}
<p style="margin-top:20px"><a href="${input.link}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none">${button}</a></p>
<p style="font-size:13px;color:#52606d;word-break:break-all;overflow-wrap:anywhere">Or open this link: <a href="${input.link}" style="color:#1d4ed8">${input.link}</a></p>
<p style="font-size:13px;color:#52606d">The survey closes on ${closes}.</p>
<p style="font-size:12px;color:#52606d;border-top:1px solid #e4e7eb;padding-top:12px">Sent by ${input.orgName}. Do not want these surveys? <a href="${input.unsubscribeLink}" style="color:#1d4ed8;word-break:break-all;overflow-wrap:anywhere">Unsubscribe</a> and we will not email you surveys again.</p>
</td></tr></table></body></html>`;
  const ratingText = question
    ? `${localized(question.title, input.locale)}\n${[localized(question.minLabel, input.locale), localized(question.maxLabel, input.locale)].filter(Boolean).join(" … ")}${
        question.minLabel || question.maxLabel ? "\n" : ""
      }${question.values.map((v) => `${v}: ${ratingLink(input.link, v)}`).join("\n")}\n\n`
    : "";
  return {
    from: input.from,
    to: input.to,
    subject: `${input.reminder ? "Reminder: " : ""}How did we do? ${input.surveyTitle}`,
    tags: [orgTag(input.orgId), { name: "invitation", value: input.outboxId }],
    headers: { "List-Unsubscribe": `<${input.unsubscribeLink}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    html: String(await body),
    text: `${greeting}\n\n${ask}\n\n${input.surveyTitle}\n\n${ratingText}Open the survey: ${input.link}\n\nThe survey closes on ${closes}.\n\nSent by ${input.orgName}. Do not want these surveys? Unsubscribe: ${input.unsubscribeLink}\n`,
  };
}
