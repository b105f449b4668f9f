// The emails that carry one-time links: an invitation to join an organisation, and a password reset.
import { html } from "hono/html";
import { orgTag, type OutgoingEmail } from "../../mail/mailer";
import type { LinkPurpose } from "./accounts.schemas";

export type AccountEmailInput = {
  orgId: string;
  from: string;
  to: string;
  purpose: LinkPurpose;
  name: string | null;
  organisation: string;
  inviter?: string | null;
  link: string;
  expiresAt: Date;
};

const expiryInWords = (expiresAt: Date) => `${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function wording(input: AccountEmailInput) {
  if (input.purpose === "invite") {
    const who = input.inviter ? `${input.inviter} invites you` : "You are invited";
    return {
      subject: `Join ${input.organisation} on Rapport`,
      lead: `${who} to join ${input.organisation} on Rapport, where your team reads what customers say about its service.`,
      action: "Choose your password",
      note: `The link works once, until ${expiryInWords(input.expiresAt)}. If it has expired, ask whoever invited you to send a new one.`,
    };
  }
  return {
    subject: "Reset your Rapport password",
    lead: `Someone (we hope you) asked to reset the password of your Rapport account at ${input.organisation}.`,
    action: "Choose a new password",
    note: "The link works once, within an hour. If you did not ask for it, ignore this email: your password stays as it is.",
  };
}

export async function renderAccountEmail(input: AccountEmailInput): Promise<OutgoingEmail> {
  const greeting = input.name ? `Hello ${input.name},` : "Hello,";
  const w = wording(input);
  const body = html`<!doctype html>
<html lang="en"><body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;background:#f5f7fa">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td>
<p>${greeting}</p>
<p>${w.lead}</p>
<p><a href="${input.link}" style="display:inline-block;background:#1f5fbf;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none">${w.action}</a></p>
<p style="font-size:13px;color:#52606d">Or open this link: <a href="${input.link}">${input.link}</a><br>${w.note}</p>
</td></tr></table></body></html>`;
  return {
    from: input.from,
    to: input.to,
    subject: w.subject,
    tags: [orgTag(input.orgId)],
    html: String(await body),
    text: `${greeting}\n\n${w.lead}\n\n${w.action}: ${input.link}\n\n${w.note}\n`,
  };
}
