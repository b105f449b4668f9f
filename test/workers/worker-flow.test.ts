// The Workers build end to end in local workerd with D1: the API flow from sign-in to analytics, the cron-driven
// dispatcher with a reminder and a one-click unsubscribe, the web pages and API reference from static assets, and a
// refusal to run without APP_SECRET.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { surveyDefinition } from "../support/factories";
import { PAGE_MARKERS, WORKER_PASSWORD, startLocalWorker, type LocalWorker } from "../support/worker-harness";
import { securityHeaders } from "../../server/lib/security-headers";

function expectSecurityHeaders(headers: Headers, referrerPolicy: string) {
  const expected = securityHeaders("/", { https: false });
  expect(headers.get("content-security-policy")).toBe(expected["content-security-policy"]);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(headers.get("referrer-policy")).toBe(referrerPolicy);
}

type Call = { method?: string; body?: unknown; cookie?: string; apiKey?: string };

function client(worker: LocalWorker) {
  return async function call(path: string, init: Call = {}) {
    const headers: Record<string, string> = { origin: worker.url };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.cookie) headers.cookie = init.cookie;
    if (init.apiKey) headers.authorization = `Bearer ${init.apiKey}`;
    const res = await fetch(`${worker.url}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: "manual",
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

async function signIn(call: ReturnType<typeof client>, email: string) {
  const res = await call("/api/auth/login", { body: { email, password: WORKER_PASSWORD } });
  expect(res.status, res.text).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

describe("the Worker in local workerd with D1", () => {
  let worker: LocalWorker;
  let call: ReturnType<typeof client>;

  beforeAll(async () => {
    worker = await startLocalWorker();
    call = client(worker);
  }, 90_000);

  afterAll(async () => {
    await worker?.dispose();
  }, 30_000);

  it("takes an interaction through invitation, emailed link, response and summary, then reminds one who did not answer until they unsubscribe", async () => {
    expect((await call("/api/health")).json).toEqual({ ok: true });
    const manager = await signIn(call, worker.emails.manager);
    const admin = await signIn(call, worker.emails.admin);

    const created = await call("/api/surveys", { cookie: manager, body: { title: "After the call", definition: surveyDefinition() } });
    expect(created.status, created.text).toBe(201);
    const surveyId: string = created.json.id;
    const published = await call(`/api/surveys/${surveyId}/publish`, { cookie: manager, body: {} });
    expect(published.status, published.text).toBe(201);
    expect(published.json).toEqual({ version: 1 });
    // Reminders a day after the invitation and three days after that, to whoever has not answered by then.
    const rule = await call(`/api/surveys/${surveyId}/rules`, { cookie: manager, body: { match: {}, delayMinutes: 0, expiresAfterDays: 7, reminderDays: [1, 3] } });
    expect(rule.status, rule.text).toBe(201);

    const email = "pat@customer.example";
    const ingested = await call("/api/interactions", {
      apiKey: worker.apiKey,
      body: {
        interactions: [
          { externalId: "call-1", occurredAt: new Date(Date.now() - 3_600_000).toISOString(), type: "enquiry", channel: "email", unit: "North", agent: "Sam", customer: { email } },
        ],
      },
    });
    expect(ingested.status, ingested.text).toBe(202);
    expect(ingested.json).toMatchObject({ accepted: 1, duplicates: 0 });

    const scheduled = await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
    expect(scheduled.status).toBe(200);
    // The tick runs in ctx.waitUntil, after the trigger has answered, so the mail shows up shortly.
    let message: { to: string; text: string } | undefined;
    for (const deadline = Date.now() + 15_000; !message && Date.now() < deadline; ) {
      const mailbox = await call(`/api/dev/mailbox?to=${encodeURIComponent(email)}`, { cookie: admin });
      expect(mailbox.status, mailbox.text).toBe(200);
      message = mailbox.json.items[0];
      if (!message) await new Promise((r) => setTimeout(r, 200));
    }
    expect(message, "the scheduled dispatcher sent no invitation").toBeDefined();
    const link = /http:\/\/rapport\.test\/s\/([A-Za-z0-9_-]+)/.exec(message!.text);
    expect(link, message!.text).not.toBeNull();
    const token = link![1]!;

    const invitation = await call(`/api/public/invitations/${token}`);
    expect(invitation.status, invitation.text).toBe(200);
    expect(invitation.json).toMatchObject({ title: "After the call", definition: surveyDefinition() });
    const answers = { data: { nps: 9, csat: 5, ces: 6, comment: "great" } };
    const answered = await call(`/api/public/invitations/${token}/response`, { body: answers });
    expect(answered.status, answered.text).toBe(201);
    expect((await call(`/api/public/invitations/${token}/response`, { body: answers })).status).toBe(409);

    const summary = await call(`/api/analytics/summary?surveyId=${surveyId}`, { cookie: manager });
    expect(summary.status, summary.text).toBe(200);
    expect(summary.json).toMatchObject({
      responses: 1,
      nps: { score: 100 },
      csat: { top2box: 100 },
      ces: { mean: 6 },
      invitations: { sent: 1, responded: 1 },
    });
    // The rollups on D1: every analytics read, from the grains each filter needs.
    const q = `surveyId=${surveyId}`;
    const trend = await call(`/api/analytics/trend?${q}&metric=nps&interval=month`, { cookie: manager });
    expect(trend.status, trend.text).toBe(200);
    expect(trend.json.points.at(-1)).toMatchObject({ value: 100, n: 1 });
    const units = await call(`/api/analytics/segments?${q}&metric=csat&by=unit&minN=1`, { cookie: manager });
    expect(units.json.rows).toEqual([expect.objectContaining({ label: "North", value: 100, n: 1, belowMinN: false })]);
    const staff = await call(`/api/analytics/staff?${q}&metric=nps&minN=1`, { cookie: manager });
    expect(staff.json.ranked).toEqual([expect.objectContaining({ agent: expect.objectContaining({ name: "Sam" }), n: 1, rate: 100 })]);
    const both = await call(`/api/analytics/summary?${q}&unit=North&channel=email`, { cookie: manager });
    expect(both.json).toMatchObject({ responses: 1, nps: { score: 100 } });
    expect((await call(`/api/analytics/drivers?${q}`, { cookie: manager })).status).toBe(200);
    // The comment with its sentiment, the response with its answers, and a streamed export, on D1.
    const comments = await call(`/api/analytics/comments?${q}`, { cookie: manager });
    expect(comments.json.items).toEqual([expect.objectContaining({ text: "great", sentimentLabel: "positive" })]);
    const listed = await call(`/api/responses?${q}&q=great`, { cookie: manager });
    expect(listed.json.items).toHaveLength(1);
    expect((await call(`/api/responses/${listed.json.items[0].id}`, { cookie: manager })).status).toBe(200);
    const csv = await fetch(`${worker.url}/api/analytics/export?table=responses&${q}`, { headers: { cookie: manager } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split("\n").filter(Boolean)).toHaveLength(2);
    // History imported through the API feeds the same rollups.
    const imported = await call("/api/responses/import", {
      apiKey: worker.apiKey,
      body: { surveyId, responses: [{ externalId: "old-1", respondedAt: new Date(Date.now() - 86_400_000).toISOString(), answers: { nps: 3 }, unit: "North" }] },
    });
    expect(imported.status, imported.text).toBe(201);
    const after = await call(`/api/analytics/summary?${q}&unit=North`, { cookie: manager });
    expect(after.json).toMatchObject({ responses: 2, nps: { score: 0, n: 2 } });

    // The respondent page is the Worker's own: an answered link says so before any script runs.
    const page = await fetch(`${worker.url}/s/${token}`);
    expect(page.status).toBe(409);
    const answeredPage = await page.text();
    expect(answeredPage).toContain(PAGE_MARKERS.respond);
    expect(answeredPage).toContain("already answered");

    // Someone who does not answer is reminded when the reminder falls due; the one who answered is not.
    const lee = "lee@customer.example";
    const mailTo = async (to: string) => {
      const mailbox = await call(`/api/dev/mailbox?to=${encodeURIComponent(to)}`, { cookie: admin });
      expect(mailbox.status, mailbox.text).toBe(200);
      return mailbox.json.items as { subject: string; text: string }[];
    };
    /** Runs the cron trigger and waits until `to` has `count` messages (the tick runs after the trigger answers). */
    const tickUntil = async (to: string, count: number) => {
      expect((await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`)).status).toBe(200);
      let mail = await mailTo(to);
      for (const deadline = Date.now() + 15_000; mail.length < count && Date.now() < deadline; mail = await mailTo(to)) await new Promise((r) => setTimeout(r, 200));
      expect(mail.map((m) => m.subject), `mail to ${to}`).toHaveLength(count);
      return mail;
    };
    const later = (externalId: string, customer: string) =>
      call("/api/interactions", {
        apiKey: worker.apiKey,
        body: { interactions: [{ externalId, occurredAt: new Date(Date.now() - 600_000).toISOString(), type: "enquiry", channel: "phone", customer: { email: customer } }] },
      });
    expect((await later("call-2", lee)).status).toBe(202);
    await tickUntil(lee, 1);
    // A day goes by: the first reminders (Pat's, cancelled by the answer, and Lee's) fall due.
    await worker.d1(`UPDATE invitations SET send_at = ${Date.now() - 60_000} WHERE sequence = 1`);
    const reminded = await tickUntil(lee, 2);
    expect(reminded.map((m) => m.subject)).toEqual(["Reminder: How did we do? After the call", "How did we do? After the call"]);
    // Both reminders were due in the same batch: Lee's arrival means Pat's was decided against, not delayed.
    expect(await mailTo(email)).toHaveLength(1);

    // One click in the reminder's footer (a mail client's POST: no cookie, no Origin) stops the second reminder.
    const unsubscribe = /http:\/\/rapport\.test\/u\/([A-Za-z0-9_-]+)/.exec(reminded[0]!.text);
    expect(unsubscribe, reminded[0]!.text).not.toBeNull();
    const unsubscribeUrl = `${worker.url}/u/${unsubscribe![1]}`;
    const ask = await fetch(unsubscribeUrl);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain("Stop survey emails from Worker test org?");
    expectSecurityHeaders(ask.headers, "no-referrer");
    const clicked = await fetch(unsubscribeUrl, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }), redirect: "manual" });
    expect(clicked.status).toBe(200);
    expect(await clicked.text()).toContain("You are unsubscribed");
    // Three more days: the second reminder falls due, beside a new customer's invitation that marks the batch done.
    await worker.d1(`UPDATE invitations SET send_at = ${Date.now() - 60_000} WHERE sequence = 2`);
    expect((await later("call-3", "kim@customer.example")).status).toBe(202);
    await tickUntil("kim@customer.example", 1);
    expect(await mailTo(lee)).toHaveLength(2);
  }, 90_000);

  it("ingests more interactions than D1 binds parameters in one statement, and recognises them when sent again", async () => {
    const interactions = Array.from({ length: 150 }, (_, i) => ({
      externalId: `bulk-${i}`,
      occurredAt: new Date(Date.now() - 7_200_000).toISOString(),
      type: "bulk",
      channel: "phone",
      customer: { email: `bulk${i}@customer.example`, name: "Sam" },
      unit: "North",
      agent: "Alex",
    }));
    const first = await call("/api/interactions", { apiKey: worker.apiKey, body: { interactions } });
    expect(first.status, first.text).toBe(202);
    expect(first.json).toMatchObject({ accepted: 150, duplicates: 0 });
    const again = await call("/api/interactions", { apiKey: worker.apiKey, body: { interactions } });
    expect(again.status, again.text).toBe(202);
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 150 });
  }, 30_000);

  it("serves the respondent page under /s/, the admin app on every other page path, and files as they are", async () => {
    for (const path of ["/s/anything", "/s/anything/else"]) {
      const res = await fetch(`${worker.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toMatch(/text\/html/);
      const text = await res.text();
      expect(text, path).toContain(PAGE_MARKERS.respond);
      expect(text, path).toContain("This link isn't valid");
    }
    for (const path of ["/", "/surveys", "/surveys/123/results", "/mailbox"]) {
      const res = await fetch(`${worker.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/text\/html/);
      expect(await res.text(), path).toContain(PAGE_MARKERS.admin);
    }
    const script = await fetch(`${worker.url}/assets/app-test.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expectSecurityHeaders(script.headers, "strict-origin-when-cross-origin");
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");

    const unknownApi = await call("/api/no-such-thing");
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get("content-type")).toMatch(/problem\+json/);
  }, 30_000);

  it("serves the API reference page from static assets and the OpenAPI document from the API", async () => {
    const page = await fetch(`${worker.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expectSecurityHeaders(page.headers, "strict-origin-when-cross-origin");
    expect(await page.text()).toContain(PAGE_MARKERS.docs);
    const doc = await call("/api/openapi.json");
    expect(doc.status, doc.text).toBe(200);
    expect(doc.json).toMatchObject({ openapi: "3.1.0", info: { title: "Rapport API" } });
    expect(doc.json.paths["/api/interactions"]?.post).toBeDefined();
  }, 30_000);

  it("sends the same security headers as the Node server on pages and API answers", async () => {
    const respondPage = await fetch(`${worker.url}/s/some-token`);
    expectSecurityHeaders(respondPage.headers, "no-referrer");
    // The page names the customer's survey and answers so far: kept by no cache.
    expect(respondPage.headers.get("cache-control")).toBe("no-store");
    const adminPage = await fetch(`${worker.url}/surveys`);
    expectSecurityHeaders(adminPage.headers, "strict-origin-when-cross-origin");
    expectSecurityHeaders((await call("/api/health")).headers, "strict-origin-when-cross-origin");
    expectSecurityHeaders((await call("/api/no-such-thing")).headers, "strict-origin-when-cross-origin");
    // http://rapport.test is the public URL here, so no HSTS.
    expect(adminPage.headers.get("strict-transport-security")).toBeNull();
  }, 30_000);
});

describe("the Worker without APP_SECRET", () => {
  let worker: LocalWorker;

  beforeAll(async () => {
    worker = await startLocalWorker({ bindings: { APP_SECRET: "" }, seed: false });
  }, 90_000);

  afterAll(async () => {
    await worker?.dispose();
  }, 30_000);

  it("answers API calls with a problem that names the missing secret, and still serves the pages", async () => {
    const res = await fetch(`${worker.url}/api/health`);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await res.json()).detail).toMatch(/APP_SECRET/);
    const page = await fetch(`${worker.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(PAGE_MARKERS.admin);
    expectSecurityHeaders(res.headers, "strict-origin-when-cross-origin");
    expectSecurityHeaders(page.headers, "strict-origin-when-cross-origin");
  }, 30_000);
});
