// Two organisations in one database: nothing of one is visible to, or writable by, the other.
// The authorization matrix checks the status another organisation's admin gets; these tests check the data.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext, type TestRole } from "../support/app";
import { interaction, publishedSurvey, surveyDefinition, tokenFromMailbox } from "../support/factories";

type Other = Awaited<ReturnType<TestContext["addOrganisation"]>>;

/** What the second organisation owns: every kind of thing a route can name. */
type Theirs = {
  survey: string;
  draft: string;
  draftTitle: string;
  rule: string;
  invitation: string;
  token: string;
  customer: string;
  externalId: string;
  admin: string;
  person: string;
  personEmail: string;
  key: string;
  keyName: string;
  keyPrefix: string;
  defaultKey: string;
  response: string;
  suppression: string;
  unit: string;
  unitName: string;
  pack: string;
  action: string;
  case: string;
  kpi: string;
  series: string;
  agent: string;
};

type Ours = { survey: string; token: string; customer: string };

const rule = { match: {}, delayMinutes: 0, expiresAfterDays: 7 };
const uniq = () => crypto.randomUUID().slice(0, 8);

async function ingest(ctx: TestContext, apiKey: string, items: unknown[]) {
  const res = await ctx.request("/api/interactions", { apiKey, body: { interactions: items } });
  if (res.status !== 202) throw new Error(`ingest: ${res.status} ${res.text}`);
  return res.json;
}

/** Our organisation (the test one: admin, manager, reviewer, API key) and theirs, each with one of everything. */
async function twoOrganisations() {
  const ctx = await createTestContext();
  const other = await ctx.addOrganisation("Their org");
  const by = other.admin;

  const survey = await publishedSurvey(ctx, rule, by);
  const draftTitle = `Their draft ${uniq()}`;
  const draft: string = (await ctx.request("/api/surveys", { ...by, body: { title: draftTitle, definition: surveyDefinition() } })).json.id;
  const unitName = `Their unit ${uniq()}`;
  const theirItem = interaction({ unit: unitName });
  await ingest(ctx, other.apiKey, [theirItem]);

  const ourSurvey = await publishedSurvey(ctx);
  const ourItem = interaction();
  await ingest(ctx, ctx.apiKey, [ourItem]);
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });

  const token = await tokenFromMailbox(ctx, theirItem.customer.email, by);
  expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 3 } } })).status).toBe(201);
  const personEmail = `someone-${uniq()}@their.example`;
  const keyName = `Their key ${uniq()}`;
  const key = (await ctx.request("/api/api-keys", { ...by, body: { name: keyName } })).json;
  const people: { id: string; email: string }[] = (await ctx.request("/api/people", { ...by })).json.items;
  const keys: { id: string; prefix: string }[] = (await ctx.request("/api/api-keys", { ...by })).json.items;

  const theirs: Theirs = {
    survey,
    draft,
    draftTitle,
    rule: (await ctx.request(`/api/surveys/${survey}/rules`, { ...by })).json.items[0].id,
    invitation: (await ctx.request(`/api/invitations?surveyId=${survey}`, { ...by })).json.items[0].id,
    token,
    customer: theirItem.customer.email,
    externalId: theirItem.externalId,
    admin: people.find((p) => p.email === other.adminEmail)!.id,
    person: (await ctx.request("/api/people/invitations", { ...by, body: { email: personEmail, role: "manager" } })).json.person.id,
    personEmail,
    key: key.id,
    keyName,
    keyPrefix: key.prefix,
    defaultKey: keys.find((k) => k.prefix === other.apiKey.slice(0, 8))!.id,
    response: (await ctx.request("/api/responses", { ...by })).json.items[0].id,
    suppression: (await ctx.request("/api/suppressions", { ...by, body: { email: theirItem.customer.email, note: "Their note" } })).json.id,
    unit: (await ctx.request("/api/units", { ...by })).json.items[0].id,
    unitName,
    ...(await theirPack(ctx, by)),
    ...(await theirTargets(ctx, by, survey)),
    // Their customer's score of 3 opened a follow-up case by their organisation's rules.
    case: (await ctx.request("/api/cases?status=all", { ...by })).json.items[0].id,
  };
  await ctx.db.update(users).set({ agentId: await ourStaff(ctx, ourSurvey) }).where(eq(users.email, "agent@test.example")).run();
  const ours: Ours = { survey: ourSurvey, token: await tokenFromMailbox(ctx, ourItem.customer.email), customer: ourItem.customer.email };
  return { ctx, other, theirs, ours };
}

/** A review pack of theirs with one action in it. */
async function theirPack(ctx: TestContext, by: Other["admin"]) {
  const pack = (await ctx.request("/api/review-packs", { ...by, body: { period: "month", day: "2026-01-15" } })).json.id as string;
  const withAction = await ctx.request(`/api/review-packs/${pack}/actions`, { ...by, body: { title: "Their action" } });
  return { pack, action: withAction.json.actions[0].id as string };
}

/** A KPI, a benchmark series with a figure, and a staff member with an answer, of theirs. */
async function theirTargets(ctx: TestContext, by: Other["admin"], survey: string) {
  const kpi = (await ctx.request("/api/kpis", { ...by, body: { name: "Their KPI", metric: "nps", target: 40, warning: 20, direction: "higher", period: "month" } })).json.id as string;
  const series = (await ctx.request("/api/benchmarks", { ...by, body: { name: "Their rival", kind: "competitor", metric: "nps" } })).json.id as string;
  await ctx.request(`/api/benchmarks/${series}/points/2026-09-30`, { ...by, method: "PUT", body: { value: 30, source: "Their report" } });
  const respondedAt = new Date(Date.now() - 3_600_000).toISOString();
  await ctx.request("/api/responses/import", { ...by, body: { surveyId: survey, responses: [{ externalId: "their-staff", respondedAt, answers: { nps: 9 }, agent: "Their staff" }] } });
  const agent = ((await ctx.request("/api/analytics/filters", { ...by })).json.agents as { id: string }[])[0]!.id;
  return { kpi, series, agent };
}

/** A staff member of ours with an answer, for the scorecard pages. */
async function ourStaff(ctx: TestContext, survey: string): Promise<string> {
  const respondedAt = new Date(Date.now() - 3_600_000).toISOString();
  await ctx.request("/api/responses/import", { as: "admin", body: { surveyId: survey, responses: [{ externalId: "our-staff", respondedAt, answers: { nps: 9 }, agent: "Our staff" }] } });
  return ((await ctx.request("/api/analytics/filters", { as: "admin" })).json.agents as { id: string; name: string }[]).find((a) => a.name === "Our staff")!.id;
}

/** Everything the second organisation can read about its own things, to compare before and after. */
async function theirView(ctx: TestContext, other: Other, t: Theirs) {
  const urls = [
    `/api/surveys/${t.survey}`,
    `/api/surveys/${t.draft}`,
    "/api/surveys?limit=200",
    `/api/surveys/${t.survey}/rules`,
    `/api/surveys/${t.draft}/rules`,
    `/api/invitations?surveyId=${t.survey}`,
    // A fixed range: the default one moves with the clock.
    `/api/analytics/summary?surveyId=${t.survey}&from=2000-01-01&to=2100-01-01`,
    "/api/people?limit=200",
    "/api/api-keys?limit=200",
    "/api/dev/mailbox?limit=200",
    "/api/suppressions?status=all&limit=200",
    "/api/contact-rules",
    "/api/units?limit=200",
    "/api/kiosks?limit=200",
    "/api/review-packs?limit=200",
    "/api/cases?status=all&limit=200",
    "/api/kpis",
    "/api/benchmarks",
    `/api/agents/${t.agent}/scorecard?from=2000-01-01&to=2100-01-01`,
  ];
  const view: Record<string, unknown> = {};
  for (const url of urls) {
    const res = await ctx.request(url, { ...other.admin });
    expect(res.status, url).toBe(200);
    view[url] = res.json;
  }
  return view;
}

type Call = { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; url: string; body?: unknown };
type Row = {
  // Who of our organisation tries: roles that may use the route on their own things, or our API key.
  callers: (TestRole | "apiKey")[];
  calls: (t: Theirs) => Call[];
  // What they get, which must also be what they get for things that do not exist at all.
  status: number;
};

const renamed = { title: "Taken over", definition: surveyDefinition() };

// Every route that names something in its path or query, tried on the other organisation's things.
const rows: Record<string, Row> = {
  "GET /api/surveys/:id": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/surveys/${t.survey}` }, { url: `/api/surveys/${t.draft}` }] },
  "PUT /api/surveys/:id": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [t.survey, t.draft].map((id) => ({ method: "PUT" as const, url: `/api/surveys/${id}`, body: renamed })),
  },
  "POST /api/surveys/:id/publish": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [t.survey, t.draft].map((id) => ({ method: "POST" as const, url: `/api/surveys/${id}/publish`, body: {} })),
  },
  ...Object.fromEntries(
    (["close", "reopen", "archive", "restore"] as const).map((action) => [
      `POST /api/surveys/:id/${action}`,
      { callers: ["manager", "admin"], status: 404, calls: (t: Theirs) => [t.survey, t.draft].map((id) => ({ method: "POST" as const, url: `/api/surveys/${id}/${action}`, body: {} })) },
    ]),
  ),
  "DELETE /api/surveys/:id": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ method: "DELETE", url: `/api/surveys/${t.draft}` }] },
  "GET /api/surveys/:id/versions": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/surveys/${t.survey}/versions` }] },
  "GET /api/surveys/:id/diff": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/surveys/${t.survey}/diff?from=1&to=draft` }] },
  "POST /api/surveys/:id/rollback": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ method: "POST", url: `/api/surveys/${t.survey}/rollback`, body: { version: 1 } }] },
  "GET /api/surveys/:id/rules": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/surveys/${t.survey}/rules` }] },
  "POST /api/surveys/:id/rules": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [t.survey, t.draft].map((id) => ({ method: "POST" as const, url: `/api/surveys/${id}/rules`, body: rule })),
  },
  "PATCH /api/surveys/:id/rules/:ruleId": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [{ method: "PATCH", url: `/api/surveys/${t.survey}/rules/${t.rule}`, body: { active: false, delayMinutes: 1 } }],
  },
  "DELETE /api/surveys/:id/rules/:ruleId": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ method: "DELETE", url: `/api/surveys/${t.survey}/rules/${t.rule}` }] },
  "POST /api/surveys/:id/rules/dry-run": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [
      { method: "POST", url: `/api/surveys/${t.survey}/rules/dry-run`, body: rule },
      { method: "POST", url: `/api/surveys/${t.survey}/rules/dry-run?ruleId=${t.rule}`, body: rule },
    ],
  },
  "PUT /api/units/:id/time-zone": { callers: ["admin"], status: 404, calls: (t) => [{ method: "PUT", url: `/api/units/${t.unit}/time-zone`, body: { timeZone: "Asia/Tokyo" } }] },
  "PUT /api/units/:id/kiosk": { callers: ["admin"], status: 404, calls: (t) => [{ method: "PUT", url: `/api/units/${t.unit}/kiosk`, body: { surveyId: t.survey } }] },
  "DELETE /api/units/:id/kiosk": { callers: ["admin"], status: 404, calls: (t) => [{ method: "DELETE", url: `/api/units/${t.unit}/kiosk` }] },
  "GET /api/review-packs/:id": { callers: ["reviewer", "manager", "admin"], status: 404, calls: (t) => [{ url: `/api/review-packs/${t.pack}` }] },
  "PATCH /api/review-packs/:id": { callers: ["reviewer", "admin"], status: 404, calls: (t) => [{ method: "PATCH", url: `/api/review-packs/${t.pack}`, body: { summary: "Ours now" } }] },
  "POST /api/review-packs/:id/refresh": { callers: ["reviewer"], status: 404, calls: (t) => [{ method: "POST", url: `/api/review-packs/${t.pack}/refresh` }] },
  "POST /api/review-packs/:id/comments": { callers: ["manager"], status: 404, calls: (t) => [{ method: "POST", url: `/api/review-packs/${t.pack}/comments`, body: { body: "Hello" } }] },
  "POST /api/review-packs/:id/actions": { callers: ["reviewer"], status: 404, calls: (t) => [{ method: "POST", url: `/api/review-packs/${t.pack}/actions`, body: { title: "Take it over" } }] },
  "PATCH /api/action-items/:id": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ method: "PATCH", url: `/api/action-items/${t.action}`, body: { status: "done" } }] },
  // A unit of theirs narrows our list to nothing, as an unknown unit does.
  "GET /api/cases": { callers: ["manager", "admin"], status: 200, calls: (t) => [{ url: `/api/cases?unitId=${t.unit}&status=all` }] },
  "GET /api/cases/:id": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/cases/${t.case}` }] },
  "PATCH /api/cases/:id": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ method: "PATCH", url: `/api/cases/${t.case}`, body: { status: "resolved" } }] },
  "POST /api/cases/:id/notes": { callers: ["manager"], status: 404, calls: (t) => [{ method: "POST", url: `/api/cases/${t.case}/notes`, body: { body: "Ours now" } }] },
  "POST /api/cases/:id/outcome-email": { callers: ["manager"], status: 404, calls: (t) => [{ method: "POST", url: `/api/cases/${t.case}/outcome-email`, body: { subject: "Hello there", body: "This is not your case." } }] },
  "POST /api/cases/:id/resurvey": { callers: ["admin"], status: 404, calls: (t) => [{ method: "POST", url: `/api/cases/${t.case}/resurvey`, body: { surveyId: t.survey } }] },
  "GET /api/kpis/:id": { callers: ["reviewer", "manager", "admin"], status: 404, calls: (t) => [{ url: `/api/kpis/${t.kpi}` }] },
  "PUT /api/kpis/:id": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [{ method: "PUT", url: `/api/kpis/${t.kpi}`, body: { name: "Ours now", metric: "csat", target: 80, warning: 70, direction: "higher", period: "month" } }],
  },
  "DELETE /api/kpis/:id": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ method: "DELETE", url: `/api/kpis/${t.kpi}` }] },
  "DELETE /api/benchmarks/:id": { callers: ["reviewer", "admin"], status: 404, calls: (t) => [{ method: "DELETE", url: `/api/benchmarks/${t.series}` }] },
  "PUT /api/benchmarks/:id/points/:asOf": {
    callers: ["manager"],
    status: 404,
    calls: (t) => [{ method: "PUT", url: `/api/benchmarks/${t.series}/points/2026-09-30`, body: { value: 99, source: "Ours" } }],
  },
  "DELETE /api/benchmarks/:id/points/:asOf": { callers: ["reviewer"], status: 404, calls: (t) => [{ method: "DELETE", url: `/api/benchmarks/${t.series}/points/2026-09-30` }] },
  "GET /api/agents/:id/scorecard": {
    callers: ["reviewer", "manager", "admin"],
    status: 404,
    calls: (t) => [{ url: `/api/agents/${t.agent}/scorecard` }, { url: `/api/agents/${t.agent}/scorecard?surveyId=${t.survey}` }],
  },
  // Our agent, linked to a staff member of ours, names their survey.
  "GET /api/me/scorecard": { callers: ["agent"], status: 404, calls: (t) => [{ url: `/api/me/scorecard?surveyId=${t.survey}` }] },
  "GET /api/invitations": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/invitations?surveyId=${t.survey}` }] },
  "GET /api/invitations/counts": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/invitations/counts?surveyId=${t.survey}` }] },
  "POST /api/invitations/:id/retry": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ method: "POST", url: `/api/invitations/${t.invitation}/retry`, body: {} }] },
  "POST /api/invitations/retry": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ method: "POST", url: "/api/invitations/retry", body: { surveyId: t.survey } }] },
  "GET /api/analytics/funnel": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [{ url: `/api/analytics/funnel?surveyId=${t.survey}` }, { url: `/api/analytics/funnel?surveyId=${t.survey}&ruleId=${t.rule}&from=2000-01-01&to=2100-01-01` }],
  },
  "GET /api/analytics/dropoff": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/analytics/dropoff?surveyId=${t.survey}&from=2000-01-01&to=2100-01-01` }] },
  "GET /api/analytics/summary": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [{ url: `/api/analytics/summary?surveyId=${t.survey}` }, { url: `/api/analytics/summary?surveyId=${t.survey}&from=2000-01-01&to=2100-01-01` }],
  },
  "GET /api/analytics/comments": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/analytics/comments?surveyId=${t.survey}&from=2000-01-01&to=2100-01-01` }] },
  "GET /api/analytics/comment-themes-summary": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/analytics/comment-themes-summary?surveyId=${t.survey}` }] },
  "GET /api/responses": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/responses?surveyId=${t.survey}&from=2000-01-01&to=2100-01-01` }] },
  "GET /api/responses/:id": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/responses/${t.response}` }] },
  "GET /api/analytics/trend": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/analytics/trend?surveyId=${t.survey}&from=2000-01-01&to=2000-12-31` }] },
  "GET /api/analytics/segments": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/analytics/segments?surveyId=${t.survey}&from=2000-01-01&to=2000-12-31` }] },
  "GET /api/analytics/staff": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/analytics/staff?surveyId=${t.survey}&from=2000-01-01&to=2000-12-31` }] },
  "GET /api/analytics/drivers": { callers: ["manager", "admin"], status: 404, calls: (t) => [{ url: `/api/analytics/drivers?surveyId=${t.survey}&from=2000-01-01&to=2000-12-31` }] },
  "GET /api/analytics/export": {
    callers: ["manager", "admin"],
    status: 404,
    calls: (t) => [{ url: `/api/analytics/export?table=responses&surveyId=${t.survey}` }, { url: `/api/analytics/export?table=trend&surveyId=${t.survey}&from=2000-01-01&to=2000-12-31` }],
  },
  "GET /api/dev/mailbox": { callers: ["admin"], status: 200, calls: (t) => [{ url: `/api/dev/mailbox?to=${encodeURIComponent(t.customer)}` }, { url: `/api/dev/mailbox?to=${encodeURIComponent(t.personEmail)}` }] },
  "GET /api/suppressions": { callers: ["manager", "admin"], status: 200, calls: (t) => [{ url: `/api/suppressions?q=${encodeURIComponent(t.customer)}&status=all` }] },
  "POST /api/suppressions/:id/lift": { callers: ["admin"], status: 404, calls: (t) => [{ method: "POST", url: `/api/suppressions/${t.suppression}/lift`, body: { reason: "Ours to lift?" } }] },
  "POST /api/people/:id/invitation": { callers: ["admin"], status: 404, calls: (t) => [{ method: "POST", url: `/api/people/${t.person}/invitation`, body: {} }] },
  "PATCH /api/people/:id": {
    callers: ["admin"],
    status: 404,
    calls: (t) => [
      { method: "PATCH", url: `/api/people/${t.person}`, body: { role: "admin" } },
      { method: "PATCH", url: `/api/people/${t.admin}`, body: { active: false } },
    ],
  },
  "POST /api/api-keys/:id/revoke": {
    callers: ["admin"],
    status: 404,
    calls: (t) => [t.key, t.defaultKey].map((id) => ({ method: "POST" as const, url: `/api/api-keys/${id}/revoke`, body: {} })),
  },
  // Before POST /api/interactions below, which stores an interaction of ours under their externalId.
  "PATCH /api/interactions/:externalId": {
    callers: ["manager", "admin", "apiKey"],
    status: 404,
    calls: (t) => [{ method: "PATCH", url: `/api/interactions/${encodeURIComponent(t.externalId)}`, body: { status: "cancelled" } }],
  },
  // Their externalIds mean nothing to us: ours is a new interaction, not a duplicate of theirs.
  "POST /api/interactions": { callers: ["apiKey"], status: 202, calls: (t) => [{ method: "POST", url: "/api/interactions", body: { interactions: [interaction({ externalId: t.externalId })] } }] },
  "GET /api/responses/import/:surveyId": { callers: ["admin", "apiKey"], status: 404, calls: (t) => [{ url: `/api/responses/import/${t.survey}` }] },
  "POST /api/responses/import": {
    callers: ["admin", "apiKey"],
    status: 404,
    calls: (t) => [{ method: "POST", url: "/api/responses/import", body: { surveyId: t.survey, responses: [{ externalId: t.externalId, respondedAt: "2025-03-14T09:30:00Z", answers: { nps: 9 } }] } }],
  },
};

// Routes that name something yet belong to no organisation: whoever holds the token or slug is the caller.
const exempt: Record<string, string> = {
  "GET /api/problems/:slug": "the problem catalogue is the same for everyone",
  "GET /api/auth/tokens/:token": "an emailed account token is its own credential; no session is consulted",
  "GET /api/surveys": "`archived` only picks which of the caller's own surveys are listed (the listing itself is in theirView)",
  "GET /api/public/invitations/:token": "a respondent's link is its own credential; no session is consulted",
  "POST /api/public/invitations/:token/response": "a respondent's link is its own credential; no session is consulted",
  "PUT /api/public/invitations/:token/progress": "a respondent's link is its own credential; no session is consulted",
  "POST /api/public/invitations/:token/visit": "a respondent's link is its own credential; no session is consulted",
  "GET /api/public/kiosks/:slug": "a kiosk's random link is its own credential; no session is consulted",
  "POST /api/public/kiosks/:slug/response": "a kiosk's random link is its own credential; no session is consulted",
  "GET /api/setup": "first-run setup comes before any organisation exists",
};

/** Things of nobody's, shaped like theirs, for "answers as if it did not exist". */
const nobody = (): Theirs => {
  const id = () => crypto.randomUUID();
  return {
    survey: id(),
    draft: id(),
    draftTitle: "nobody",
    rule: id(),
    invitation: id(),
    token: "A".repeat(43),
    customer: `nobody-${uniq()}@nowhere.example`,
    externalId: `nobody-${uniq()}`,
    admin: id(),
    person: id(),
    personEmail: `nobody-${uniq()}@nowhere.example`,
    key: id(),
    keyName: "nobody",
    keyPrefix: "rpk_none",
    defaultKey: id(),
    response: id(),
    suppression: id(),
    unit: id(),
    unitName: "nobody",
    pack: id(),
    action: id(),
    case: id(),
    kpi: id(),
    series: id(),
    agent: id(),
  };
};

// The instance names the URL asked for, which differs by construction.
const answer = (res: { status: number; json: unknown }) => {
  const { instance: _instance, ...body } = (res.json ?? {}) as Record<string, unknown>;
  return { status: res.status, body };
};

async function routesThatNameThings(ctx: TestContext) {
  const names = new Set<string>();
  for (const r of ctx.app.routes) {
    if (r.method !== "ALL" && r.path.startsWith("/api/") && r.path.includes("/:")) names.add(`${r.method} ${r.path}`);
  }
  // Query parameters other than paging name things too; the API description lists them for documented routes.
  const doc = (await ctx.request("/api/openapi.json")).json as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const named = (op.parameters ?? []).some((p) => p.in === "path" || (p.in === "query" && p.name !== "cursor" && p.name !== "limit"));
      if (named) names.add(`${method.toUpperCase()} /api${path.replace(/^\/api/, "").replace(/\{(\w+)\}/g, ":$1")}`);
    }
  }
  return names;
}

describe("tenancy", () => {
  it("has a row, or a stated reason for none, for every route that names something in its path or query", async () => {
    const ctx = await createTestContext();
    const named = await routesThatNameThings(ctx);
    expect([...named].filter((r) => !(r in rows) && !(r in exempt))).toEqual([]);
    const registered = new Set(ctx.app.routes.map((r) => `${r.method} ${r.path}`));
    expect([...Object.keys(rows), ...Object.keys(exempt)].filter((r) => !registered.has(r))).toEqual([]);
  });

  it("answers our admin, manager and API key about their things exactly as about things that do not exist, and changes nothing of theirs", async () => {
    const { ctx, other, theirs } = await twoOrganisations();
    const before = await theirView(ctx, other, theirs);
    const mismatches: unknown[] = [];
    for (const [route, row] of Object.entries(rows)) {
      for (const who of row.callers) {
        const signed = who === "apiKey" ? { apiKey: ctx.apiKey } : { as: who };
        const theirCalls = row.calls(theirs);
        const nobodyCalls = row.calls(nobody());
        for (const [i, call] of theirCalls.entries()) {
          const got = answer(await ctx.request(call.url, { ...signed, method: call.method ?? "GET", ...(call.body !== undefined && { body: call.body }) }));
          const ghost = nobodyCalls[i]!;
          const missing = answer(await ctx.request(ghost.url, { ...signed, method: ghost.method ?? "GET", ...(ghost.body !== undefined && { body: ghost.body }) }));
          if (got.status !== row.status || JSON.stringify(got.body) !== JSON.stringify(missing.body) || got.status !== missing.status) {
            mismatches.push({ route, who, url: call.url, got, missing });
          }
        }
      }
    }
    // Soft, so a leak reports both what we saw and what we changed.
    expect.soft(mismatches).toEqual([]);
    expect(await theirView(ctx, other, theirs)).toEqual(before);
    // Their keys, both the one we tried to revoke and the one we could not name, still work.
    expect((await ctx.request("/api/interactions", { apiKey: other.apiKey, body: { interactions: [interaction()] } })).status).toBe(202);
  }, 60_000);

  it("shows neither our admin, manager nor reviewer anything of theirs on any page we can read", async () => {
    const { ctx, other, theirs, ours } = await twoOrganisations();
    const ourPack: string = (await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2026-01-15" } })).json.id;
    expect((await ctx.request(`/api/public/invitations/${ours.token}/response`, { body: { data: { nps: 2 } } })).status).toBe(201);
    const ourCase: string = (await ctx.request("/api/cases", { as: "admin" })).json.items[0].id;
    const ourKpi: string = (await ctx.request("/api/kpis", { as: "manager", body: { name: "Our KPI", metric: "nps", target: 40, warning: 20, direction: "higher", period: "month" } })).json.id;
    const ourAgent = await ourStaff(ctx, ours.survey);
    // Our own things for the routes that need one; `shows` proves the page had something of ours to show.
    const ownPages: Record<string, { url: string; shows?: string }> = {
      "GET /api/surveys": { url: "/api/surveys?limit=200", shows: ours.survey },
      "GET /api/surveys/:id": { url: `/api/surveys/${ours.survey}`, shows: ours.survey },
      "GET /api/surveys/:id/rules": { url: `/api/surveys/${ours.survey}/rules?limit=200`, shows: ours.survey },
      "GET /api/surveys/:id/versions": { url: `/api/surveys/${ours.survey}/versions`, shows: '"version":1' },
      "GET /api/surveys/:id/diff": { url: `/api/surveys/${ours.survey}/diff?from=1&to=draft`, shows: '"changes"' },
      "GET /api/invitations": { url: `/api/invitations?surveyId=${ours.survey}&limit=200`, shows: ours.customer },
      "GET /api/invitations/counts": { url: `/api/invitations/counts?surveyId=${ours.survey}`, shows: ours.survey },
      "GET /api/analytics/funnel": { url: `/api/analytics/funnel?surveyId=${ours.survey}&from=2000-01-01&to=2100-01-01`, shows: ours.survey },
      "GET /api/analytics/summary": { url: `/api/analytics/summary?surveyId=${ours.survey}&from=2000-01-01&to=2100-01-01` },
      "GET /api/analytics/dropoff": { url: `/api/analytics/dropoff?surveyId=${ours.survey}&from=2000-01-01&to=2100-01-01`, shows: ours.survey },
      "GET /api/responses/:id": { url: `/api/responses/${crypto.randomUUID()}` },
      "GET /api/analytics/trend": { url: `/api/analytics/trend?surveyId=${ours.survey}&from=2025-01-01&to=2026-12-31` },
      "GET /api/analytics/segments": { url: `/api/analytics/segments?surveyId=${ours.survey}&from=2025-01-01&to=2026-12-31` },
      "GET /api/analytics/staff": { url: `/api/analytics/staff?surveyId=${ours.survey}&from=2025-01-01&to=2026-12-31` },
      "GET /api/analytics/drivers": { url: `/api/analytics/drivers?surveyId=${ours.survey}&from=2025-01-01&to=2026-12-31` },
      "GET /api/analytics/export": { url: `/api/analytics/export?table=responses&from=2000-01-01&to=2100-01-01` },
      "GET /api/analytics/index-weights": { url: `/api/analytics/index-weights?surveyId=${ours.survey}&from=2025-01-01&to=2026-12-31` },
      "GET /api/responses/import/:surveyId": { url: `/api/responses/import/${ours.survey}`, shows: ours.survey },
      "GET /api/people": { url: "/api/people?limit=200", shows: "manager@test.example" },
      "GET /api/api-keys": { url: "/api/api-keys?limit=200", shows: ctx.apiKey.slice(0, 8) },
      "GET /api/dev/mailbox": { url: "/api/dev/mailbox?limit=200", shows: ours.customer },
      "GET /api/public/invitations/:token": { url: `/api/public/invitations/${ours.token}` },
      "GET /api/public/kiosks/:slug": { url: `/api/public/kiosks/${"A".repeat(22)}` },
      "GET /api/problems/:slug": { url: "/api/problems/not-found" },
      "GET /api/auth/tokens/:token": { url: `/api/auth/tokens/${"A".repeat(43)}` },
      "GET /api/setup": { url: `/api/setup?token=${"A".repeat(43)}` },
      "GET /api/review-packs/:id": { url: `/api/review-packs/${ourPack}`, shows: ourPack },
      "GET /api/cases/:id": { url: `/api/cases/${ourCase}`, shows: ourCase },
      "GET /api/kpis/:id": { url: `/api/kpis/${ourKpi}`, shows: ourKpi },
      "GET /api/agents/:id/scorecard": { url: `/api/agents/${ourAgent}/scorecard`, shows: ourAgent },
    };
    const secrets = [other.orgId, other.name, other.adminEmail, other.apiKey.slice(0, 8), ...Object.values(theirs)];
    const gets = [...new Set(ctx.app.routes.filter((r) => r.method === "GET" && r.path.startsWith("/api/")).map((r) => r.path))];
    const unvisited: string[] = [];
    const leaks: unknown[] = [];
    for (const path of gets) {
      const page = ownPages[`GET ${path}`] ?? (path.includes(":") ? undefined : { url: path });
      if (!page) {
        unvisited.push(`GET ${path}`);
        continue;
      }
      for (const as of ["admin", "manager", "reviewer"] as const) {
        const res = await ctx.request(page.url, { as });
        const found = secrets.filter((s) => res.text.includes(s));
        if (found.length) leaks.push({ url: page.url, as, found });
        if (page.shows && (as === "admin" || res.status === 200)) expect(res.text, `${page.url} as ${as}`).toContain(page.shows);
      }
    }
    expect(unvisited).toEqual([]);
    expect(leaks).toEqual([]);
    // The same scan finds their things where they belong, so it looks for the right strings.
    for (const url of ["/api/surveys?limit=200", "/api/people?limit=200", "/api/api-keys?limit=200", "/api/dev/mailbox?limit=200"]) {
      const text = (await ctx.request(url, { ...other.admin })).text;
      expect(secrets.filter((s) => text.includes(s)), url).not.toEqual([]);
    }
  }, 60_000);
});
