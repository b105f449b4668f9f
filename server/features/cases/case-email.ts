// The emails a case sends: the outcome to the customer (plain words the owner edited), and the list of newly
// overdue cases to a unit's managers.
import { html } from "hono/html";
import { orgTag, type OutgoingEmail } from "../../mail/mailer";

/** A starting point the owner edits: it names the case and what the customer told us, and leaves the outcome to them. */
export function outcomeDraft(c: { organisation: string; number: number; customerName: string | null; reason: string; ownerName: string | null }) {
  const greeting = c.customerName ? `Dear ${c.customerName},` : "Hello,";
  return {
    subject: `Following up on your feedback (case ${c.number})`,
    body: [
      greeting,
      "",
      `Thank you for telling us about your recent experience with ${c.organisation}. You told us: ${c.reason}.`,
      "",
      "Here is what we found and what we have done about it:",
      "",
      "[Write the outcome here.]",
      "",
      "If anything is still not right, reply to this email and we will pick it up.",
      "",
      "Kind regards,",
      c.ownerName ?? c.organisation,
    ].join("\n"),
  };
}

export async function renderOutcomeEmail(input: { orgId: string; from: string; to: string; organisation: string; subject: string; body: string }): Promise<OutgoingEmail> {
  const paragraphs = input.body.split(/\n{2,}/).map((p) => p.split("\n"));
  const body = html`<!doctype html>
<html lang="en"><body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;background:#f5f7fa">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px"><tr><td>
${paragraphs.map((lines) => html`<p>${lines.map((line, i) => (i ? html`<br>${line}` : line))}</p>`)}
</td></tr></table></body></html>`;
  return { from: input.from, to: input.to, subject: input.subject, tags: [orgTag(input.orgId)], html: String(await body), text: `${input.body}\n` };
}

export type OverdueCase = { number: number; reason: string; owner: string | null; overdueHours: number; link: string };

const overdueFor = (hours: number) => (hours < 48 ? `${Math.max(1, Math.round(hours))} h overdue` : `${Math.round(hours / 24)} days overdue`);

export async function renderEscalationEmail(input: { orgId: string; from: string; to: string; name: string | null; cases: OverdueCase[]; listLink: string }): Promise<OutgoingEmail> {
  const n = input.cases.length;
  const subject = n === 1 ? `Case ${input.cases[0]!.number} is past its due time` : `${n} follow-up cases are past their due time`;
  const greeting = input.name ? `Hello ${input.name},` : "Hello,";
  const lines = input.cases.map((c) => `Case ${c.number}, ${overdueFor(c.overdueHours)}: ${c.reason}. Owner: ${c.owner ?? "nobody yet"}. ${c.link}`);
  const text = [greeting, "", `${n === 1 ? "This case" : "These cases"} of your units passed ${n === 1 ? "its" : "their"} due time without the customer being told the outcome:`, "", ...lines.map((l) => `- ${l}`), "", `All overdue cases: ${input.listLink}`].join("\n");
  const body = html`<!doctype html>
<html lang="en"><body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;background:#f5f7fa">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px"><tr><td>
<p>${greeting}</p>
<p>${n === 1 ? "This case" : "These cases"} of your units passed ${n === 1 ? "its" : "their"} due time without the customer being told the outcome:</p>
<ul>${input.cases.map((c) => html`<li><a href="${c.link}">Case ${c.number}</a>, ${overdueFor(c.overdueHours)}: ${c.reason}. Owner: ${c.owner ?? "nobody yet"}.</li>`)}</ul>
<p><a href="${input.listLink}">All overdue cases</a></p>
</td></tr></table></body></html>`;
  return { from: input.from, to: input.to, subject, tags: [orgTag(input.orgId)], html: String(await body), text: `${text}\n` };
}
