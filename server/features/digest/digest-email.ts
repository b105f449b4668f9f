// The managers' weekly digest email: KPIs whose status changed, cases past their due time, the review due next.
import { html } from "hono/html";
import { orgTag, type OutgoingEmail } from "../../mail/mailer";

export type DigestKpi = { name: string; from: string | null; to: string; value: string; reason: string };
export type DigestCase = { number: number; reason: string; owner: string | null; overdueHours: number; link: string };
export type DigestPack = { label: string; state: "not-started" | "open" | "not-yet"; dueBy: string; link: string };

export type DigestInput = {
  orgId: string;
  from: string;
  to: string;
  name: string | null;
  organisation: string;
  week: string;
  kpis: DigestKpi[];
  overdue: DigestCase[];
  overdueMore: number;
  pack: DigestPack | null;
  appUrl: string;
};

const STATUS: Record<string, string> = { green: "on target", amber: "uncertain or near target", red: "off target", "no-data": "no data yet" };
const statusWords = (s: string | null) => (s ? (STATUS[s] ?? s) : "new");

const overdueFor = (hours: number) => (hours < 48 ? `${Math.max(1, Math.round(hours))} h overdue` : `${Math.round(hours / 24)} days overdue`);

function packLine(p: DigestPack) {
  if (p.state === "not-started") return `The ${p.label} review has no pack yet; it is due by ${p.dueBy}.`;
  if (p.state === "open") return `The ${p.label} review pack is not closed yet; it is due by ${p.dueBy}.`;
  return `Next review: ${p.label}, due by ${p.dueBy}.`;
}

export function digestSubject(input: Pick<DigestInput, "kpis" | "overdue" | "overdueMore">) {
  const parts = [
    input.kpis.length ? `${input.kpis.length} KPI${input.kpis.length === 1 ? "" : "s"} changed` : "no KPI changes",
    `${input.overdue.length + input.overdueMore} overdue case${input.overdue.length + input.overdueMore === 1 ? "" : "s"}`,
  ];
  return `Your week in Rapport: ${parts.join(", ")}`;
}

export async function renderDigestEmail(input: DigestInput): Promise<OutgoingEmail> {
  const greeting = input.name ? `Hello ${input.name},` : "Hello,";
  const kpiLines = input.kpis.map((k) => `${k.name}: ${statusWords(k.from)} → ${statusWords(k.to)} (${k.value}). ${k.reason}`);
  const caseLines = input.overdue.map((c) => `Case ${c.number}, ${overdueFor(c.overdueHours)}: ${c.reason}. Owner: ${c.owner ?? "nobody yet"}. ${c.link}`);
  const more = input.overdueMore > 0 ? `…and ${input.overdueMore} more: ${input.appUrl}/cases?view=overdue` : "";
  const text = [
    greeting,
    "",
    `Here is ${input.organisation}'s service quality this week (${input.week}).`,
    "",
    "KPIs that changed status",
    ...(kpiLines.length ? kpiLines.map((l) => `- ${l}`) : ["- None: every KPI is where it was last week."]),
    "",
    "Follow-up cases past their due time",
    ...(caseLines.length ? caseLines.map((l) => `- ${l}`) : ["- None. Well done."]),
    ...(more ? [more] : []),
    "",
    "The review",
    `- ${input.pack ? `${packLine(input.pack)} ${input.pack.link}` : "No review period is set."}`,
    "",
    `KPIs: ${input.appUrl}/kpis`,
  ].join("\n");
  const body = html`<!doctype html>
<html lang="en"><body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;background:#f5f7fa">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td>
<p>${greeting}</p>
<p>Here is ${input.organisation}'s service quality this week (${input.week}).</p>
<h2 style="font-size:17px;margin:20px 0 8px">KPIs that changed status</h2>
${kpiLines.length ? html`<ul>${input.kpis.map((k) => html`<li><strong>${k.name}</strong>: ${statusWords(k.from)} → <strong>${statusWords(k.to)}</strong> (${k.value}). ${k.reason}</li>`)}</ul>` : html`<p>None: every KPI is where it was last week.</p>`}
<h2 style="font-size:17px;margin:20px 0 8px">Follow-up cases past their due time</h2>
${caseLines.length ? html`<ul>${input.overdue.map((c) => html`<li><a href="${c.link}">Case ${c.number}</a>, ${overdueFor(c.overdueHours)}: ${c.reason}. Owner: ${c.owner ?? "nobody yet"}.</li>`)}</ul>` : html`<p>None. Well done.</p>`}
${more ? html`<p><a href="${input.appUrl}/cases?view=overdue">…and ${input.overdueMore} more</a></p>` : ""}
<h2 style="font-size:17px;margin:20px 0 8px">The review</h2>
<p>${input.pack ? html`${packLine(input.pack)} <a href="${input.pack.link}">Open the review packs</a>` : "No review period is set."}</p>
<p style="font-size:13px;color:#52606d"><a href="${input.appUrl}/kpis">All KPIs</a></p>
</td></tr></table></body></html>`;
  return { from: input.from, to: input.to, subject: digestSubject(input), tags: [orgTag(input.orgId)], html: String(await body), text: `${text}\n` };
}
