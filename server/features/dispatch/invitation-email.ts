// The invitation email (and its reminders): HTML and text parts with the survey title, its absolute link, and a
// one-click unsubscribe (RFC 8058 headers, and a visible link in the footer).
import { html } from "hono/html";
import { orgTag, type OutgoingEmail } from "../../mail/mailer";

export type InvitationEmailInput = {
  orgId: string;
  /** The outbox row: its tag lets a delivery event find the row before its provider id is recorded. */
  outboxId: string;
  from: string;
  to: string;
  name: string | null;
  surveyTitle: string;
  link: string;
  unsubscribeLink: string;
  reminder: boolean;
  expiresAt: Date;
};

export async function renderInvitationEmail(input: InvitationEmailInput): Promise<OutgoingEmail> {
  const greeting = input.name ? `Hello ${input.name},` : "Hello,";
  const closes = input.expiresAt.toISOString().slice(0, 10);
  const ask = input.reminder
    ? "A little while ago we asked how we did. If you have a minute, your answer still helps us."
    : "Thank you for choosing us. Would you tell us how we did? It takes under a minute.";
  const body = html`<!doctype html>
<html lang="en"><body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;background:#f5f7fa">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td>
<p>${greeting}</p>
<p>${ask}</p>
<h1 style="font-size:20px">${input.surveyTitle}</h1>
<p><a href="${input.link}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none">Answer the survey</a></p>
<p style="font-size:13px;color:#52606d">Or open this link: <a href="${input.link}">${input.link}</a><br>The survey closes on ${closes}.</p>
<p style="font-size:12px;color:#52606d;border-top:1px solid #e4e7eb;padding-top:12px">Do not want these surveys? <a href="${input.unsubscribeLink}" style="color:#1d4ed8">Unsubscribe</a> and we will not email you surveys again.</p>
</td></tr></table></body></html>`;
  return {
    from: input.from,
    to: input.to,
    subject: `${input.reminder ? "Reminder: " : ""}How did we do? ${input.surveyTitle}`,
    tags: [orgTag(input.orgId), { name: "invitation", value: input.outboxId }],
    headers: { "List-Unsubscribe": `<${input.unsubscribeLink}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    html: String(await body),
    text: `${greeting}\n\n${ask}\n\n${input.surveyTitle}\n${input.link}\n\nThe survey closes on ${closes}.\n\nDo not want these surveys? Unsubscribe: ${input.unsubscribeLink}\n`,
  };
}
