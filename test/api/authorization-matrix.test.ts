// Every API endpoint against every kind of caller, from one table: who may, and what everyone else gets.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { invitations, units, userUnits, users } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, PASSWORD, type TestContext } from "../support/app";
import { interaction, publishedSurvey, surveyDefinition, tokenFromMailbox } from "../support/factories";

// `unitManager` is a manager given one unit that no fixture's case belongs to: a manager in every other respect.
const principals = ["anonymous", "agent", "reviewer", "manager", "unitManager", "admin", "apiKey", "otherOrg"] as const;
type Principal = (typeof principals)[number];

type Fixture = Record<string, string>;
type Row = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  // The route as the app registers it; `url` fills in its parameters for one call.
  route: string;
  url: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  // Resources each call needs of its own (a fresh draft to publish, a fresh person to change, ...).
  prepare?: (ctx: TestContext) => Promise<Fixture>;
  // Either the principals allowed and the status they get, or one status for every caller (public endpoints).
  allow?: Principal[];
  ok?: number;
  everyone?: number;
  // What a signed-in admin of another organisation gets: 404 when the URL names this organisation's resource.
  otherOrg?: number;
  // What a manager of other units gets, where it differs from what every manager gets.
  unitManager?: number;
};

const readers: Principal[] = ["reviewer", "manager", "admin", "otherOrg"];
const editors: Principal[] = ["manager", "admin", "otherOrg"];
const admins: Principal[] = ["admin", "otherOrg"];
const anyone: Principal[] = ["agent", "reviewer", "manager", "admin", "otherOrg"];
// Agents work the cases they own; reviewers only read them.
const caseWorkers: Principal[] = ["agent", "manager", "admin", "otherOrg"];

let unique = 0;
const fresh = (prefix: string) => `${prefix}-${++unique}-${Math.random().toString(36).slice(2, 8)}`;

async function draftSurvey(ctx: TestContext): Promise<Fixture> {
  const res = await ctx.request("/api/surveys", { as: "manager", body: { title: fresh("Draft"), definition: surveyDefinition() } });
  return { survey: res.json.id };
}

async function published(ctx: TestContext): Promise<Fixture> {
  return { survey: await publishedSurvey(ctx) };
}

// A survey with two published versions, so there is an earlier one to go back to.
async function rolledForward(ctx: TestContext): Promise<Fixture> {
  const survey = await publishedSurvey(ctx);
  await ctx.request(`/api/surveys/${survey}`, { method: "PUT", as: "manager", body: { title: fresh("Second") } });
  await ctx.request(`/api/surveys/${survey}/publish`, { as: "manager", body: {} });
  return { survey };
}

async function ruled(ctx: TestContext): Promise<Fixture> {
  const survey = await publishedSurvey(ctx);
  const rules = await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager" });
  return { survey, rule: rules.json.items[0].id };
}

async function unit(ctx: TestContext): Promise<Fixture> {
  const name = fresh("Unit");
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ unit: name })] } });
  const units: { id: string; name: string }[] = (await ctx.request("/api/units?limit=200", { as: "admin" })).json.items;
  return { unit: units.find((u) => u.name === name)!.id };
}

async function unitAndSurvey(ctx: TestContext): Promise<Fixture> {
  return { ...(await unit(ctx)), survey: await publishedSurvey(ctx) };
}

async function kiosk(ctx: TestContext): Promise<Fixture> {
  const f = await unitAndSurvey(ctx);
  const opened = await ctx.request(`/api/units/${f.unit}/kiosk`, { as: "admin", method: "PUT", body: { surveyId: f.survey } });
  return { ...f, slug: opened.json.slug };
}

async function pack(ctx: TestContext): Promise<Fixture> {
  const made = await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2026-01-15" } });
  const withAction = await ctx.request(`/api/review-packs/${made.json.id}/actions`, { as: "reviewer", body: { title: fresh("Action") } });
  return { pack: made.json.id, action: withAction.json.actions[0].id };
}

async function kpi(ctx: TestContext): Promise<Fixture> {
  const res = await ctx.request("/api/kpis", { as: "manager", body: { name: fresh("KPI"), metric: "nps", target: 40, warning: 20, direction: "higher", period: "quarter" } });
  return { kpi: res.json.id };
}

async function benchmark(ctx: TestContext): Promise<Fixture> {
  const res = await ctx.request("/api/benchmarks", { as: "reviewer", body: { name: fresh("Rival"), kind: "competitor", metric: "nps" } });
  await ctx.request(`/api/benchmarks/${res.json.id}/points/2026-09-30`, { as: "reviewer", method: "PUT", body: { value: 30, source: "Report" } });
  return { series: res.json.id };
}

/** A staff record with an answer, linked to the test organisation's agent user. */
async function staffMember(ctx: TestContext): Promise<Fixture> {
  const name = fresh("Staff");
  const survey = await publishedSurvey(ctx);
  const respondedAt = new Date(Date.now() - 3_600_000).toISOString();
  await ctx.request("/api/responses/import", { as: "admin", body: { surveyId: survey, responses: [{ externalId: fresh("sc"), respondedAt, answers: { nps: 9 }, agent: name }] } });
  const agents: { id: string; name: string }[] = (await ctx.request("/api/analytics/filters", { as: "admin" })).json.agents;
  const agent = agents.find((a) => a.name === name)!.id;
  await ctx.db.update(users).set({ agentId: agent }).where(eq(users.email, "agent@test.example")).run();
  return { agent };
}

/** A case opened by hand from a response and given to the test organisation's agent. */
async function ownCase(ctx: TestContext): Promise<Fixture> {
  const { response: responseId } = await response(ctx);
  const opened = await ctx.request("/api/cases", { as: "manager", body: { responseId } });
  const agent = (await ctx.db.select().from(users).where(eq(users.email, "agent@test.example")).get())!;
  await ctx.request(`/api/cases/${opened.json.id}`, { method: "PATCH", as: "admin", body: { ownerId: agent.id } });
  return { case: opened.json.id };
}

async function resolvedCase(ctx: TestContext): Promise<Fixture> {
  const f = await ownCase(ctx);
  await ctx.request(`/api/cases/${f.case}`, { method: "PATCH", as: "admin", body: { status: "resolved" } });
  return { ...f, survey: await publishedSurvey(ctx) };
}

async function pendingPerson(ctx: TestContext): Promise<Fixture> {
  const res = await ctx.request("/api/people/invitations", { as: "admin", body: { email: `${fresh("p")}@test.example`, role: "reviewer" } });
  return { person: res.json.person.id };
}

async function surveyLink(ctx: TestContext): Promise<Fixture> {
  const survey = await publishedSurvey(ctx);
  const item = interaction();
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  return { survey, token: await tokenFromMailbox(ctx, item.customer.email) };
}

async function response(ctx: TestContext): Promise<Fixture> {
  const { token } = await surveyLink(ctx);
  await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9, comment: "Very helpful" } } });
  // Earlier calls' surveys match the same interaction too, so the link may answer any of them: take the newest.
  const list = await ctx.request("/api/responses?limit=1", { as: "admin" });
  return { response: list.json.items[0].id };
}

async function postedInteraction(ctx: TestContext): Promise<Fixture> {
  const item = interaction();
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
  return { externalId: item.externalId };
}

/** An invitation the mail provider refused, for the retry route. */
async function failedInvitation(ctx: TestContext): Promise<Fixture> {
  await publishedSurvey(ctx);
  const item = interaction();
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
  // Earlier calls' surveys match the same interaction too; whichever survey invited, its invitation will do.
  const [invitation] = await ctx.db.update(invitations).set({ status: "failed", lastError: "Refused by the provider." }).where(eq(invitations.email, item.customer.email)).returning();
  return { invitation: invitation!.id };
}

async function apiKey(ctx: TestContext): Promise<Fixture> {
  const res = await ctx.request("/api/api-keys", { as: "admin", body: { name: fresh("key") } });
  return { key: res.json.id };
}

async function suppression(ctx: TestContext): Promise<Fixture> {
  const res = await ctx.request("/api/suppressions", { as: "admin", body: { email: `${fresh("s")}@customer.example` } });
  return { suppression: res.json.id };
}

const unknownToken = "A".repeat(43);
const caseSettingsBody = {
  rules: [{ kind: "nps-detractor", enabled: true, atMost: 4, priority: "high" }],
  owner: "agent-then-manager",
  sla: { urgent: { hours: 4 }, high: { hours: 8 }, normal: { hours: 16 }, low: { hours: 40 } },
};

const table: Row[] = [
  { method: "GET", route: "/api/health", url: () => "/api/health", everyone: 200 },
  { method: "GET", route: "/api/openapi.json", url: () => "/api/openapi.json", everyone: 200 },
  { method: "GET", route: "/api/problems", url: () => "/api/problems", everyone: 200 },
  { method: "GET", route: "/api/problems/:slug", url: () => "/api/problems/not-found", everyone: 200 },
  // The test app has no built reference page; the Node and Worker entries serve it (test/e2e/api-docs.test.ts).
  { method: "GET", route: "/api/docs", url: () => "/api/docs", everyone: 404 },
  { method: "POST", route: "/api/auth/login", url: () => "/api/auth/login", body: () => ({ email: "reviewer@test.example", password: PASSWORD }), everyone: 200 },
  { method: "POST", route: "/api/auth/logout", url: () => "/api/auth/logout", body: () => ({}), everyone: 204 },
  { method: "GET", route: "/api/me", url: () => "/api/me", allow: anyone, ok: 200 },
  { method: "POST", route: "/api/me/password", url: () => "/api/me/password", body: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }), allow: anyone, ok: 204 },
  { method: "GET", route: "/api/auth/tokens/:token", url: () => `/api/auth/tokens/${unknownToken}`, everyone: 404 },
  { method: "POST", route: "/api/auth/invitations/accept", url: () => "/api/auth/invitations/accept", body: () => ({ token: unknownToken, password: "a long new password" }), everyone: 404 },
  { method: "POST", route: "/api/auth/password-reset", url: () => "/api/auth/password-reset", body: () => ({ email: "reviewer@test.example" }), everyone: 202 },
  { method: "POST", route: "/api/auth/password-reset/complete", url: () => "/api/auth/password-reset/complete", body: () => ({ token: unknownToken, password: "a long new password" }), everyone: 404 },
  { method: "GET", route: "/api/setup", url: () => `/api/setup?token=${unknownToken}`, everyone: 404 },
  {
    method: "POST",
    route: "/api/setup",
    url: () => "/api/setup",
    body: () => ({ token: unknownToken, organisation: { name: "Late", timeZone: "UTC" }, admin: { email: "late@test.example", name: "Late", password: "a long new password" } }),
    everyone: 404,
  },
  { method: "GET", route: "/api/people", url: () => "/api/people", allow: admins, ok: 200 },
  { method: "POST", route: "/api/people/invitations", url: () => "/api/people/invitations", body: () => ({ email: `${fresh("new")}@test.example`, role: "agent" }), allow: admins, ok: 201 },
  { method: "POST", route: "/api/people/:id/invitation", prepare: pendingPerson, url: (f) => `/api/people/${f.person}/invitation`, body: () => ({}), allow: admins, ok: 201, otherOrg: 404 },
  { method: "PATCH", route: "/api/people/:id", prepare: pendingPerson, url: (f) => `/api/people/${f.person}`, body: () => ({ role: "manager" }), allow: admins, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/api-keys", url: () => "/api/api-keys", allow: admins, ok: 200 },
  { method: "POST", route: "/api/api-keys", url: () => "/api/api-keys", body: () => ({ name: fresh("key") }), allow: admins, ok: 201 },
  { method: "POST", route: "/api/api-keys/:id/revoke", prepare: apiKey, url: (f) => `/api/api-keys/${f.key}/revoke`, body: () => ({}), allow: admins, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/surveys", url: () => "/api/surveys", allow: readers, ok: 200 },
  { method: "POST", route: "/api/surveys", url: () => "/api/surveys", body: () => ({ title: fresh("Survey"), definition: surveyDefinition() }), allow: editors, ok: 201 },
  { method: "GET", route: "/api/surveys/:id", prepare: draftSurvey, url: (f) => `/api/surveys/${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "PUT", route: "/api/surveys/:id", prepare: draftSurvey, url: (f) => `/api/surveys/${f.survey}`, body: () => ({ title: fresh("Renamed") }), allow: editors, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/surveys/:id/publish", prepare: draftSurvey, url: (f) => `/api/surveys/${f.survey}/publish`, body: () => ({}), allow: editors, ok: 201, otherOrg: 404 },
  { method: "POST", route: "/api/surveys/:id/close", prepare: published, url: (f) => `/api/surveys/${f.survey}/close`, body: () => ({}), allow: editors, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/surveys/:id/reopen", prepare: published, url: (f) => `/api/surveys/${f.survey}/reopen`, body: () => ({}), allow: editors, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/surveys/:id/archive", prepare: published, url: (f) => `/api/surveys/${f.survey}/archive`, body: () => ({}), allow: editors, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/surveys/:id/restore", prepare: published, url: (f) => `/api/surveys/${f.survey}/restore`, body: () => ({}), allow: editors, ok: 200, otherOrg: 404 },
  { method: "DELETE", route: "/api/surveys/:id", prepare: draftSurvey, url: (f) => `/api/surveys/${f.survey}`, allow: editors, ok: 204, otherOrg: 404 },
  { method: "GET", route: "/api/surveys/:id/versions", prepare: published, url: (f) => `/api/surveys/${f.survey}/versions`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/surveys/:id/diff", prepare: published, url: (f) => `/api/surveys/${f.survey}/diff?from=1&to=draft`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/surveys/:id/rollback", prepare: rolledForward, url: (f) => `/api/surveys/${f.survey}/rollback`, body: () => ({ version: 1 }), allow: editors, ok: 201, otherOrg: 404 },
  { method: "GET", route: "/api/survey-templates", url: () => "/api/survey-templates", allow: readers, ok: 200 },
  { method: "GET", route: "/api/surveys/:id/rules", prepare: published, url: (f) => `/api/surveys/${f.survey}/rules`, allow: readers, ok: 200, otherOrg: 404 },
  {
    method: "POST",
    route: "/api/surveys/:id/rules",
    prepare: published,
    url: (f) => `/api/surveys/${f.survey}/rules`,
    body: () => ({ match: { types: ["complaint"] }, delayMinutes: 60, expiresAfterDays: 7 }),
    allow: editors,
    ok: 201,
    otherOrg: 404,
  },
  {
    method: "PATCH",
    route: "/api/surveys/:id/rules/:ruleId",
    prepare: ruled,
    url: (f) => `/api/surveys/${f.survey}/rules/${f.rule}`,
    body: () => ({ active: false }),
    allow: editors,
    ok: 200,
    otherOrg: 404,
  },
  { method: "DELETE", route: "/api/surveys/:id/rules/:ruleId", prepare: ruled, url: (f) => `/api/surveys/${f.survey}/rules/${f.rule}`, allow: editors, ok: 204, otherOrg: 404 },
  {
    method: "POST",
    route: "/api/surveys/:id/rules/dry-run",
    prepare: published,
    url: (f) => `/api/surveys/${f.survey}/rules/dry-run`,
    body: () => ({ match: { types: ["complaint"] }, delayMinutes: 60, expiresAfterDays: 7 }),
    allow: editors,
    ok: 200,
    otherOrg: 404,
  },
  { method: "GET", route: "/api/rules/seen-values", url: () => "/api/rules/seen-values", allow: readers, ok: 200 },
  { method: "GET", route: "/api/contact-rules", url: () => "/api/contact-rules", allow: editors, ok: 200 },
  { method: "PUT", route: "/api/contact-rules", url: () => "/api/contact-rules", body: () => ({ contactGapDays: 30, quietHours: { start: "21:00", end: "08:00" } }), allow: admins, ok: 200 },
  { method: "GET", route: "/api/units", url: () => "/api/units", allow: editors, ok: 200 },
  { method: "PUT", route: "/api/units/:id/time-zone", prepare: unit, url: (f) => `/api/units/${f.unit}/time-zone`, body: () => ({ timeZone: "Europe/Paris" }), allow: admins, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/kiosks", url: () => "/api/kiosks", allow: editors, ok: 200 },
  { method: "GET", route: "/api/kpis", url: () => "/api/kpis", allow: readers, ok: 200 },
  {
    method: "POST",
    route: "/api/kpis",
    url: () => "/api/kpis",
    body: () => ({ name: fresh("KPI"), metric: "csat", target: 80, warning: 70, direction: "higher", period: "month" }),
    allow: editors,
    ok: 201,
  },
  { method: "GET", route: "/api/kpis/:id", prepare: kpi, url: (f) => `/api/kpis/${f.kpi}`, allow: readers, ok: 200, otherOrg: 404 },
  {
    method: "PUT",
    route: "/api/kpis/:id",
    prepare: kpi,
    url: (f) => `/api/kpis/${f.kpi}`,
    body: () => ({ name: fresh("KPI"), metric: "nps", target: 50, warning: 30, direction: "higher", period: "month" }),
    allow: editors,
    ok: 200,
    otherOrg: 404,
  },
  { method: "DELETE", route: "/api/kpis/:id", prepare: kpi, url: (f) => `/api/kpis/${f.kpi}`, allow: editors, ok: 204, otherOrg: 404 },
  { method: "GET", route: "/api/benchmarks", url: () => "/api/benchmarks", allow: readers, ok: 200 },
  { method: "POST", route: "/api/benchmarks", url: () => "/api/benchmarks", body: () => ({ name: fresh("Rival"), kind: "competitor", metric: "nps" }), allow: readers, ok: 201 },
  { method: "DELETE", route: "/api/benchmarks/:id", prepare: benchmark, url: (f) => `/api/benchmarks/${f.series}`, allow: readers, ok: 204, otherOrg: 404 },
  {
    method: "PUT",
    route: "/api/benchmarks/:id/points/:asOf",
    prepare: benchmark,
    url: (f) => `/api/benchmarks/${f.series}/points/2026-12-31`,
    body: () => ({ value: 31, source: "Report" }),
    allow: readers,
    ok: 200,
    otherOrg: 404,
  },
  { method: "DELETE", route: "/api/benchmarks/:id/points/:asOf", prepare: benchmark, url: (f) => `/api/benchmarks/${f.series}/points/2026-09-30`, allow: readers, ok: 204, otherOrg: 404 },
  {
    method: "POST",
    route: "/api/benchmarks/import",
    url: () => "/api/benchmarks/import",
    body: () => ({ csv: `series,kind,metric,as_of,value,source\n${fresh("Rival")},competitor,nps,2026-09-30,30,Report` }),
    allow: readers,
    ok: 200,
  },
  { method: "GET", route: "/api/me/scorecard", prepare: staffMember, url: () => "/api/me/scorecard", allow: ["agent"], ok: 200 },
  { method: "GET", route: "/api/agents/:id/scorecard", prepare: staffMember, url: (f) => `/api/agents/${f.agent}/scorecard`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/review-packs", url: () => "/api/review-packs", allow: readers, ok: 200 },
  { method: "GET", route: "/api/review-packs/due", url: () => "/api/review-packs/due", allow: readers, ok: 200 },
  { method: "POST", route: "/api/review-packs", url: () => "/api/review-packs", body: () => ({ period: "quarter", day: "2026-02-01" }), allow: readers, ok: 201 },
  { method: "GET", route: "/api/review-packs/:id", prepare: pack, url: (f) => `/api/review-packs/${f.pack}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "PATCH", route: "/api/review-packs/:id", prepare: pack, url: (f) => `/api/review-packs/${f.pack}`, body: () => ({ summary: "Noted." }), allow: readers, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/review-packs/:id/refresh", prepare: pack, url: (f) => `/api/review-packs/${f.pack}/refresh`, body: () => ({}), allow: readers, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/review-packs/:id/comments", prepare: pack, url: (f) => `/api/review-packs/${f.pack}/comments`, body: () => ({ body: "A remark." }), allow: readers, ok: 201, otherOrg: 404 },
  { method: "POST", route: "/api/review-packs/:id/actions", prepare: pack, url: (f) => `/api/review-packs/${f.pack}/actions`, body: () => ({ title: fresh("Do") }), allow: readers, ok: 201, otherOrg: 404 },
  { method: "PATCH", route: "/api/action-items/:id", prepare: pack, url: (f) => `/api/action-items/${f.action}`, body: () => ({ status: "done" }), allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/cases", url: () => "/api/cases", allow: anyone, ok: 200 },
  { method: "POST", route: "/api/cases", prepare: response, url: () => "/api/cases", body: (f) => ({ responseId: f.response }), allow: editors, ok: 201, otherOrg: 422, unitManager: 422 },
  { method: "GET", route: "/api/cases/:id", prepare: ownCase, url: (f) => `/api/cases/${f.case}`, allow: anyone, ok: 200, otherOrg: 404, unitManager: 404 },
  { method: "PATCH", route: "/api/cases/:id", prepare: ownCase, url: (f) => `/api/cases/${f.case}`, body: () => ({ status: "contacted" }), allow: caseWorkers, ok: 200, otherOrg: 404, unitManager: 404 },
  { method: "POST", route: "/api/cases/:id/notes", prepare: ownCase, url: (f) => `/api/cases/${f.case}/notes`, body: () => ({ body: "Called back." }), allow: caseWorkers, ok: 201, otherOrg: 404, unitManager: 404 },
  {
    method: "POST",
    route: "/api/cases/:id/outcome-email",
    prepare: ownCase,
    url: (f) => `/api/cases/${f.case}/outcome-email`,
    body: () => ({ subject: "Your feedback", body: "We looked into it and fixed it." }),
    allow: caseWorkers,
    ok: 201,
    otherOrg: 404,
    unitManager: 404,
  },
  { method: "POST", route: "/api/cases/:id/resurvey", prepare: resolvedCase, url: (f) => `/api/cases/${f.case}/resurvey`, body: (f) => ({ surveyId: f.survey }), allow: caseWorkers, ok: 201, otherOrg: 404, unitManager: 404 },
  { method: "GET", route: "/api/case-settings", url: () => "/api/case-settings", allow: readers, ok: 200 },
  { method: "PUT", route: "/api/case-settings", url: () => "/api/case-settings", body: () => caseSettingsBody, allow: editors, ok: 200 },
  { method: "PUT", route: "/api/units/:id/kiosk", prepare: unitAndSurvey, url: (f) => `/api/units/${f.unit}/kiosk`, body: (f) => ({ surveyId: f.survey }), allow: admins, ok: 200, otherOrg: 404 },
  { method: "DELETE", route: "/api/units/:id/kiosk", prepare: kiosk, url: (f) => `/api/units/${f.unit}/kiosk`, allow: admins, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/invitations", prepare: published, url: (f) => `/api/invitations?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/invitations/counts", prepare: published, url: (f) => `/api/invitations/counts?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/invitations/:id/retry", prepare: failedInvitation, url: (f) => `/api/invitations/${f.invitation}/retry`, body: () => ({}), allow: editors, ok: 200, otherOrg: 404 },
  { method: "POST", route: "/api/invitations/retry", prepare: published, url: () => "/api/invitations/retry", body: (f) => ({ surveyId: f.survey }), allow: editors, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/funnel", prepare: published, url: (f) => `/api/analytics/funnel?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/dropoff", prepare: published, url: (f) => `/api/analytics/dropoff?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/summary", prepare: published, url: (f) => `/api/analytics/summary?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/trend", prepare: published, url: (f) => `/api/analytics/trend?surveyId=${f.survey}&metric=csat&interval=week`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/segments", prepare: published, url: (f) => `/api/analytics/segments?surveyId=${f.survey}&by=channel`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/staff", prepare: published, url: (f) => `/api/analytics/staff?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/drivers", prepare: published, url: (f) => `/api/analytics/drivers?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/comments", prepare: published, url: (f) => `/api/analytics/comments?surveyId=${f.survey}&q=wait`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/comment-themes-summary", prepare: published, url: (f) => `/api/analytics/comment-themes-summary?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/themes", url: () => "/api/analytics/themes", allow: readers, ok: 200, otherOrg: 200 },
  {
    method: "PUT",
    route: "/api/analytics/themes",
    url: () => "/api/analytics/themes",
    body: () => ({ themes: [{ name: "Waiting time", keywords: ["wait", "queue"] }] }),
    allow: admins,
    ok: 200,
    otherOrg: 200,
  },
  { method: "GET", route: "/api/responses", prepare: published, url: (f) => `/api/responses?surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/responses/:id", prepare: response, url: (f) => `/api/responses/${f.response}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/export", prepare: published, url: (f) => `/api/analytics/export?table=responses&surveyId=${f.survey}`, allow: readers, ok: 200, otherOrg: 404 },
  { method: "GET", route: "/api/analytics/filters", url: () => "/api/analytics/filters", allow: readers, ok: 200, otherOrg: 200 },
  { method: "GET", route: "/api/analytics/index-weights", url: () => "/api/analytics/index-weights", allow: readers, ok: 200, otherOrg: 200 },
  { method: "PUT", route: "/api/analytics/index-weights", url: () => "/api/analytics/index-weights", body: () => ({ weights: { nps: 2, csat: 1 } }), allow: admins, ok: 200, otherOrg: 200 },
  { method: "POST", route: "/api/interactions", url: () => "/api/interactions", body: () => ({ interactions: [interaction()] }), allow: ["apiKey"], ok: 202 },
  { method: "POST", route: "/api/interactions/import", url: () => "/api/interactions/import", body: () => ({ interactions: [interaction()] }), allow: ["apiKey", ...editors], ok: 201 },
  { method: "GET", route: "/api/interactions/import/mapping", url: () => "/api/interactions/import/mapping", allow: editors, ok: 200 },
  {
    method: "PUT",
    route: "/api/interactions/import/mapping",
    url: () => "/api/interactions/import/mapping",
    body: () => ({ mapping: { Ref: "externalId", "@dateOrder": "dmy" } }),
    allow: editors,
    ok: 200,
  },
  {
    method: "PATCH",
    route: "/api/interactions/:externalId",
    prepare: postedInteraction,
    url: (f) => `/api/interactions/${encodeURIComponent(f.externalId!)}`,
    body: () => ({ status: "reopened" }),
    allow: ["apiKey", ...editors],
    ok: 200,
    otherOrg: 404,
  },
  { method: "GET", route: "/api/responses/import/:surveyId", prepare: published, url: (f) => `/api/responses/import/${f.survey}`, allow: ["apiKey", "admin", "otherOrg"], ok: 200, otherOrg: 404 },
  {
    method: "POST",
    route: "/api/responses/import",
    prepare: published,
    url: () => "/api/responses/import",
    body: (f) => ({ surveyId: f.survey, responses: [{ externalId: fresh("import"), respondedAt: "2025-03-14T09:30:00Z", answers: { nps: 9 } }] }),
    allow: ["apiKey", "admin", "otherOrg"],
    ok: 201,
    otherOrg: 404,
  },
  { method: "GET", route: "/api/dev/mailbox", url: () => "/api/dev/mailbox", allow: admins, ok: 200 },
  { method: "GET", route: "/api/suppressions", url: () => "/api/suppressions", allow: ["manager", "admin", "otherOrg"], ok: 200 },
  { method: "POST", route: "/api/suppressions", url: () => "/api/suppressions", body: () => ({ email: `${fresh("s")}@customer.example` }), allow: admins, ok: 201 },
  {
    method: "POST",
    route: "/api/suppressions/:id/lift",
    prepare: suppression,
    url: (f) => `/api/suppressions/${f.suppression}/lift`,
    body: () => ({ reason: "Asked to hear from us again." }),
    allow: admins,
    ok: 200,
    otherOrg: 404,
  },
  // Signed by the mail provider, not signed in: the test app has no signing secret, so it is switched off for all.
  { method: "POST", route: "/api/webhooks/resend", url: () => "/api/webhooks/resend", body: () => ({ type: "email.delivered", data: {} }), everyone: 503 },
  { method: "GET", route: "/api/public/kiosks/:slug", prepare: kiosk, url: (f) => `/api/public/kiosks/${f.slug}`, everyone: 200 },
  { method: "POST", route: "/api/public/kiosks/:slug/response", prepare: kiosk, url: (f) => `/api/public/kiosks/${f.slug}/response`, body: () => ({ data: { nps: 9 } }), everyone: 201 },
  { method: "GET", route: "/api/public/invitations/:token", prepare: surveyLink, url: (f) => `/api/public/invitations/${f.token}`, everyone: 200 },
  { method: "POST", route: "/api/public/invitations/:token/visit", prepare: surveyLink, url: (f) => `/api/public/invitations/${f.token}/visit`, everyone: 204 },
  {
    method: "POST",
    route: "/api/public/invitations/:token/response",
    prepare: surveyLink,
    url: (f) => `/api/public/invitations/${f.token}/response`,
    body: () => ({ data: { nps: 9 } }),
    everyone: 201,
  },
  {
    method: "PUT",
    route: "/api/public/invitations/:token/progress",
    prepare: surveyLink,
    url: (f) => `/api/public/invitations/${f.token}/progress`,
    body: () => ({ data: { nps: 9 }, currentPage: 0, furthestPage: 0, revision: 0 }),
    everyone: 200,
  },
];

function expected(row: Row, who: Principal): number {
  if (row.everyone !== undefined) return row.everyone;
  if (who === "unitManager") return row.unitManager ?? expected(row, "manager");
  const allowed = row.allow!.includes(who);
  if (who === "otherOrg" && allowed) return row.otherOrg ?? row.ok!;
  if (allowed) return row.ok!;
  // Session routes do not take API keys, and API-key routes do not take sessions: both are "not signed in".
  if (who === "anonymous" || who === "apiKey" || row.allow!.every((p) => p === "apiKey")) return 401;
  return 403;
}

/** A manager of the test organisation given one unit of their own, signed in. */
async function unitManagerCookie(ctx: TestContext) {
  const [unit] = await ctx.db.insert(units).values({ orgId: ctx.orgId, name: "Somewhere else" }).returning();
  const [manager] = await ctx.db
    .insert(users)
    .values({ orgId: ctx.orgId, email: "unit.manager@test.example", name: "Unit manager", role: "manager", passwordHash: (await ctx.db.select().from(users).where(eq(users.email, "manager@test.example")).get())!.passwordHash })
    .returning();
  await ctx.db.insert(userUnits).values({ userId: manager!.id, unitId: unit!.id });
  return ctx.signIn("unit.manager@test.example");
}

async function call(ctx: TestContext, other: Awaited<ReturnType<TestContext["addOrganisation"]>>, row: Row, who: Principal, unitManager: string) {
  const fixture = row.prepare ? await row.prepare(ctx) : {};
  const headers: Record<string, string> = {};
  if (who === "otherOrg") headers.cookie = other.adminCookie;
  if (who === "unitManager") headers.cookie = unitManager;
  return ctx.request(row.url(fixture), {
    method: row.method,
    ...(row.body && { body: row.body(fixture) }),
    ...(["agent", "reviewer", "manager", "admin"].includes(who) && { as: who as "agent" | "reviewer" | "manager" | "admin" }),
    ...(who === "apiKey" && { apiKey: ctx.apiKey }),
    headers,
  });
}

describe("authorization matrix", () => {
  it("has a row for every API route the app registers", async () => {
    const ctx = await createTestContext();
    const registered = ctx.app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
      .map((r) => `${r.method} ${r.path}`);
    const covered = new Set(table.map((r) => `${r.method} ${r.route}`));
    expect([...new Set(registered)].filter((r) => !covered.has(r))).toEqual([]);
  });

  it("states what another organisation gets on every signed-in route that names a resource", () => {
    // Left unstated, another organisation's admin would be expected to succeed like our own.
    const unstated = table.filter((r) => r.allow && (r.route.includes("/:") || r.url({}).includes("?")) && r.otherOrg === undefined);
    expect(unstated.map((r) => `${r.method} ${r.route}`)).toEqual([]);
  });

  for (const row of table) {
    it(`${row.method} ${row.route}: ${row.everyone !== undefined ? `${row.everyone} for everyone` : `only ${row.allow!.join(", ")}`}`, async () => {
      const ctx = await createTestContext();
      const other = await ctx.addOrganisation("Other org");
      const unitManager = await unitManagerCookie(ctx);
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const who of principals) {
        want[who] = expected(row, who);
        got[who] = (await call(ctx, other, row, who, unitManager)).status;
      }
      expect(got).toEqual(want);
    }, 30_000);
  }
});
