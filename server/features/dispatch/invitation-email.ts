// The invitation email (and its reminders): the survey's first rating as a row of links, its absolute link, the
// interaction it follows, and a one-click unsubscribe (RFC 8058 headers, and a visible link in the footer).
import { html } from "hono/html";
import { isRightToLeft } from "../../domain/survey-languages";
import { localized, type RatingQuestion } from "../../domain/survey-texts";
import { emailWords, type EmailWords } from "./invitation-email-words";
import { orgTag, type OutgoingEmail } from "../../mail/mailer";


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
  const w = emailWords(locale);
  // In another language the type and channel (the organisation's own codes) stay out of the sentence.
  if (w.lang !== "en") return w.about({ ...(facts.occurredAt && { date: formatDate(facts.occurredAt, locale, timeZone, { day: "numeric", month: "long" }) }), unit: facts.unit, agent: facts.agent });
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

function ratingRow(question: RatingQuestion, link: string, locale: string, w: EmailWords) {
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
<p style="margin:8px 0 0;font-size:13px;color:#52606d">${w.tapHint}</p>`;
}

export async function renderInvitationEmail(input: InvitationEmailInput): Promise<OutgoingEmail> {
  // The customer's language where Rapport speaks it; dates always in their locale.
  const w = emailWords(input.locale);
  const greeting = w.greeting(input.name);
  const closes = formatDate(input.expiresAt, input.locale, input.timeZone, { dateStyle: "long" });
  const about = interactionPhrase(input.interaction, input.locale, input.timeZone);
  const ask = input.reminder ? w.remind(input.orgName, about) : w.ask(input.orgName, about);
  const question = input.question;
  const button = question ? w.open : w.answer;
  const [footerBefore, footerLink, footerAfter] = w.footer(input.orgName);
  const body = html`<!doctype html>
<html lang="${w.lang}" dir="${isRightToLeft(w.lang) ? "rtl" : "ltr"}"><head><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light only"></head>
<body style="margin:0;padding:8px 4px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;background:#f5f7fa">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;margin:0 auto;background:#ffffff;color:#1f2933;border-radius:8px">
<tr><td style="padding:20px 10px;background:#ffffff;color:#1f2933">
<p style="margin:0 0 4px;font-size:13px;color:#52606d">${input.orgName}</p>
<p>${greeting}</p>
<p>${ask}</p>
<h1 style="font-size:20px;color:#1f2933"><a href="${input.link}" style="color:#1f2933;text-decoration:none">${input.surveyTitle}</a></h1>
${question ? ratingRow(question, input.link, input.locale, w) : ""}
<p style="margin-top:20px"><a href="${input.link}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none">${button}</a></p>
<p style="font-size:13px;color:#52606d;word-break:break-all;overflow-wrap:anywhere">${w.orOpen} <a href="${input.link}" style="color:#1d4ed8">${input.link}</a></p>
<p style="font-size:13px;color:#52606d">${w.closes(closes)}</p>
<p style="font-size:12px;color:#52606d;border-top:1px solid #e4e7eb;padding-top:12px">${footerBefore} <a href="${input.unsubscribeLink}" style="color:#1d4ed8;word-break:break-all;overflow-wrap:anywhere">${footerLink}</a> ${footerAfter}</p>
</td></tr></table></body></html>`;
  const ratingText = question
    ? `${localized(question.title, input.locale)}\n${[localized(question.minLabel, input.locale), localized(question.maxLabel, input.locale)].filter(Boolean).join(" … ")}${
        question.minLabel || question.maxLabel ? "\n" : ""
      }${question.values.map((v) => `${v}: ${ratingLink(input.link, v)}`).join("\n")}\n\n`
    : "";
  return {
    from: input.from,
    to: input.to,
    subject: input.reminder ? w.reminderSubject(input.surveyTitle) : w.subject(input.surveyTitle),
    tags: [orgTag(input.orgId), { name: "invitation", value: input.outboxId }],
    headers: { "List-Unsubscribe": `<${input.unsubscribeLink}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    html: String(await body),
    text: `${greeting}\n\n${ask}\n\n${input.surveyTitle}\n\n${ratingText}${w.openText} ${input.link}\n\n${w.closes(closes)}\n\n${footerBefore} ${w.unsubscribeText} ${input.unsubscribeLink}\n`,
  };
}
