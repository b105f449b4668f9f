// Proves the fake Resend server enforces the real API's rules when driven by the real SDK.

import { Resend } from "resend";
import type { CreateBatchOptions, CreateEmailOptions } from "resend";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeResend } from "../support/fake-resend";
import type { FakeResend, FakeResendOptions } from "../support/fake-resend";

const START = Date.UTC(2030, 0, 1);

let clock = START;
let fake: FakeResend;
let resend: Resend;

async function start(opts: FakeResendOptions = {}): Promise<void> {
  await fake?.close();
  fake = await startFakeResend({ now: () => clock, ...opts });
  resend = new Resend(fake.apiKey, { baseUrl: fake.url });
}

// Most tests care about something other than the rate limit, so they step past its window.
function nextSecond(): void {
  clock += 1000;
}

function invitation(n = 0, overrides: Partial<CreateEmailOptions> = {}): CreateEmailOptions {
  return {
    from: "Rapport Surveys <surveys@rapport.example>",
    to: [`customer${n}@example.com`],
    subject: `How did we do? (${n})`,
    html: `<p>Survey ${n}</p>`,
    text: `Survey ${n}`,
    ...overrides,
  } as CreateEmailOptions;
}

function batchOf(size: number): CreateBatchOptions {
  return Array.from({ length: size }, (_, n) => invitation(n));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeEach(async () => {
  clock = START;
  await start();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

describe("sending", () => {
  it("accepts a single email, returns a UUID and records what the SDK sent", async () => {
    const { data, error, headers } = await resend.emails.send(
      invitation(1, { headers: { "X-Survey-Id": "s-1" }, cc: "manager@example.com" }),
    );

    expect(error).toBeNull();
    expect(data?.id).toMatch(UUID);
    expect(headers?.["ratelimit-limit"]).toBe("2");
    expect(headers?.["ratelimit-remaining"]).toBe("1");
    expect(fake.sent).toEqual([
      expect.objectContaining({
        id: data?.id,
        from: "Rapport Surveys <surveys@rapport.example>",
        to: ["customer1@example.com"],
        cc: ["manager@example.com"],
        subject: "How did we do? (1)",
        html: "<p>Survey 1</p>",
        text: "Survey 1",
        headers: { "X-Survey-Id": "s-1" },
        idempotencyKey: null,
        apiKey: fake.apiKey,
        batchIndex: null,
        receivedAt: START,
      }),
    ]);
    expect(fake.requests).toEqual([
      expect.objectContaining({ method: "POST", path: "/emails", status: 200, userAgent: "resend-node:6.38.0" }),
    ]);
  });

  it("accepts a batch of 100 and returns one id per email in order", async () => {
    const { data, error } = await resend.batch.send(batchOf(100));

    expect(error).toBeNull();
    const ids = data?.data.map((item) => item.id) ?? [];
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    expect(fake.sent.map((email) => email.id)).toEqual(ids);
    expect(fake.sent.map((email) => email.batchIndex)).toEqual([...Array(100).keys()]);
    expect(fake.sent[99]?.to).toEqual(["customer99@example.com"]);
  });

  it("rejects a batch of 101 with a 422 validation_error returned as a value, sending nothing", async () => {
    const { data, error } = await resend.batch.send(batchOf(101));

    expect(data).toBeNull();
    expect(error).toEqual({
      statusCode: 422,
      name: "validation_error",
      message: "Too many emails in batch. The maximum is 100.",
    });
    expect(fake.sent).toHaveLength(0);
  });

  it("rejects an empty batch with 422", async () => {
    const { error } = await resend.batch.send([]);

    expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
  });

  it("honours a configured maximum batch size", async () => {
    await start({ maxBatch: 3 });

    const { error } = await resend.batch.send(batchOf(4));

    expect(error).toMatchObject({ statusCode: 422, message: "Too many emails in batch. The maximum is 3." });
  });

  it("rejects invalid fields with 422 naming the field", async () => {
    await start({ rateLimitPerSecond: 100 });
    const cases: [Partial<CreateEmailOptions>, string, string][] = [
      [{ from: "not an address" }, "validation_error", "Invalid `from` field"],
      [{ from: "" }, "missing_required_field", "Missing `from` field."],
      [{ to: [] }, "missing_required_field", "Missing `to` field."],
      [{ to: ["fine@example.com", "broken@"] }, "validation_error", "Invalid `to` field"],
      [
        { to: Array.from({ length: 51 }, (_, n) => `r${n}@example.com`) },
        "validation_error",
        "Too many recipients in `to` field",
      ],
      [{ subject: "" }, "missing_required_field", "Missing `subject` field."],
      [{ html: undefined, text: undefined }, "missing_required_field", "Missing `html` or `text` field."],
    ];

    for (const [overrides, name, message] of cases) {
      const { error } = await resend.emails.send(invitation(0, overrides));
      expect(error, message).toMatchObject({ statusCode: 422, name, message: expect.stringContaining(message) });
    }
    expect(fake.sent).toHaveLength(0);
  });

  it("accepts named recipients and text-only emails", async () => {
    const { error } = await resend.emails.send(
      invitation(0, { to: "Ada Lovelace <ada@example.com>", html: undefined, text: "Plain survey link" }),
    );

    expect(error).toBeNull();
    expect(fake.sent[0]).toMatchObject({ to: ["Ada Lovelace <ada@example.com>"], html: null, text: "Plain survey link" });
  });

  it("rejects a whole strict batch when one email is invalid, naming its index", async () => {
    const emails = batchOf(3);
    emails[2] = { ...invitation(2), subject: "" } as CreateEmailOptions;

    const { error } = await resend.batch.send(emails);

    expect(error).toEqual({
      statusCode: 422,
      name: "missing_required_field",
      message: "emails[2]: Missing `subject` field.",
    });
    expect(fake.sent).toHaveLength(0);
  });

  it("sends the valid emails of a permissive batch and reports the invalid ones by index", async () => {
    const emails = batchOf(3);
    emails[1] = { ...invitation(1), to: "nobody" } as CreateEmailOptions;

    const { data, error } = await resend.batch.send(emails, { batchValidation: "permissive" });

    expect(error).toBeNull();
    expect(data?.data).toHaveLength(2);
    expect(data?.errors).toEqual([{ index: 1, message: expect.stringContaining("Invalid `to` field") }]);
    expect(fake.sent.map((email) => email.batchIndex)).toEqual([0, 2]);
  });
});

describe("authentication", () => {
  it("rejects a key the server does not know with 403 invalid_api_key", async () => {
    const stranger = new Resend("re_not_configured", { baseUrl: fake.url });

    const { error } = await stranger.emails.send(invitation());

    expect(error).toEqual({ statusCode: 403, name: "invalid_api_key", message: "API key is invalid." });
    expect(fake.sent).toHaveLength(0);
    expect(fake.requests[0]).toMatchObject({ status: 403, apiKey: "re_not_configured" });
  });

  it("rejects a request without an Authorization header with 401 missing_api_key", async () => {
    // The SDK refuses to run without a key, so this has to be a bare request.
    const response = await fetch(`${fake.url}/emails`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(invitation()),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      name: "missing_api_key",
      message: "Missing API key in the authorization header.",
    });
  });

  it("accepts every configured key and exposes the first as apiKey", async () => {
    await start({ apiKeys: ["re_primary", "re_secondary"] });
    const secondary = new Resend("re_secondary", { baseUrl: fake.url });

    expect(fake.apiKey).toBe("re_primary");
    expect((await secondary.emails.send(invitation())).error).toBeNull();
  });

  it("answers unknown paths with 404 not_found", async () => {
    const { error } = await resend.emails.get("4ef9a417-02e9-4d39-ad75-9611e0fcc33c");

    expect(error).toMatchObject({ statusCode: 404, name: "not_found" });
  });
});

describe("rate limiting", () => {
  it("rejects the third request within one second with 429 and a retry-after header", async () => {
    expect((await resend.emails.send(invitation(1))).error).toBeNull();
    clock += 400;
    expect((await resend.emails.send(invitation(2))).error).toBeNull();
    clock += 400;

    const limited = await resend.emails.send(invitation(3));

    expect(limited.error).toEqual({
      statusCode: 429,
      name: "rate_limit_exceeded",
      message: "Too many requests. You can only make 2 requests per second.",
    });
    expect(limited.headers).toMatchObject({
      "retry-after": "1",
      "ratelimit-limit": "2",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "1",
    });
    expect(fake.sent).toHaveLength(2);

    // Sliding window: only the first request has aged out 1000 ms after it was made.
    clock = START + 1000;
    expect((await resend.emails.send(invitation(3))).error).toBeNull();
    expect((await resend.emails.send(invitation(4))).error).toMatchObject({ statusCode: 429 });
  });

  it("counts each API key separately and honours a configured limit", async () => {
    await start({ apiKeys: ["re_a", "re_b"], rateLimitPerSecond: 1 });
    const a = new Resend("re_a", { baseUrl: fake.url });
    const b = new Resend("re_b", { baseUrl: fake.url });

    expect((await a.emails.send(invitation(1))).error).toBeNull();
    expect((await b.emails.send(invitation(2))).error).toBeNull();
    expect((await a.emails.send(invitation(3))).error).toMatchObject({ statusCode: 429 });
  });
});

describe("idempotency", () => {
  it("replays the original id for the same key and body without sending again", async () => {
    const first = await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });
    nextSecond();
    const again = await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });

    expect(again.error).toBeNull();
    expect(again.data).toEqual(first.data);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]?.idempotencyKey).toBe("invite/1");
    expect(fake.requests.map((request) => request.replayed)).toEqual([false, true]);
  });

  it("replays a batch passed its key through the options argument", async () => {
    const first = await resend.batch.send(batchOf(5), { idempotencyKey: "batch/wave-1" });
    nextSecond();
    const again = await resend.batch.send(batchOf(5), { idempotencyKey: "batch/wave-1" });

    expect(first.data?.data).toHaveLength(5);
    expect(again.data).toEqual(first.data);
    expect(fake.sent).toHaveLength(5);
  });

  it("rejects the same key with a different body with 409 invalid_idempotent_request", async () => {
    await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });
    nextSecond();

    const { error } = await resend.emails.send(invitation(2), { idempotencyKey: "invite/1" });

    expect(error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(fake.sent).toHaveLength(1);
  });

  it("rejects the same key while the first request is in flight with 409 concurrent_idempotent_requests", async () => {
    const held = fake.holdNext();
    const first = resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });
    await held.reached;

    const second = await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });
    held.release();

    expect(second.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
    expect((await first).error).toBeNull();
    expect(fake.sent).toHaveLength(1);
  });

  it("scopes keys to the API key that used them", async () => {
    await start({ apiKeys: ["re_a", "re_b"] });
    const a = new Resend("re_a", { baseUrl: fake.url });
    const b = new Resend("re_b", { baseUrl: fake.url });

    await a.emails.send(invitation(1), { idempotencyKey: "shared" });
    const { error } = await b.emails.send(invitation(2), { idempotencyKey: "shared" });

    expect(error).toBeNull();
    expect(fake.sent).toHaveLength(2);
  });

  it("forgets a key after 24 hours", async () => {
    await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });
    clock += 24 * 60 * 60 * 1000;

    const { error } = await resend.emails.send(invitation(2), { idempotencyKey: "invite/1" });

    expect(error).toBeNull();
    expect(fake.sent).toHaveLength(2);
  });

  it("rejects a key longer than 256 characters with 400 invalid_idempotency_key", async () => {
    const { error } = await resend.emails.send(invitation(), { idempotencyKey: "k".repeat(257) });

    expect(error).toMatchObject({ statusCode: 400, name: "invalid_idempotency_key" });
  });

  it("does not store a rejected request, so a corrected retry with the same key goes through", async () => {
    await resend.emails.send(invitation(1, { subject: "" }), { idempotencyKey: "invite/1" });
    const { error } = await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });

    expect(error).toBeNull();
    expect(fake.sent).toHaveLength(1);
  });
});

describe("fault injection", () => {
  it("fails the next request with the injected status and lets the one after succeed", async () => {
    fake.failNext(1, { status: 500 });

    const failed = await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });
    const retried = await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });

    expect(failed.error).toMatchObject({ statusCode: 500, name: "internal_server_error" });
    expect(retried.error).toBeNull();
    expect(fake.sent).toHaveLength(1);
    expect(fake.requests.map((request) => [request.status, request.injected])).toEqual([
      [500, true],
      [200, false],
    ]);
  });

  it("passes an injected retry-after header through to the SDK caller", async () => {
    fake.failNext(2, { status: 503, message: "Service unavailable.", retryAfter: 7 });

    const first = await resend.emails.send(invitation());
    const second = await resend.emails.send(invitation());

    for (const result of [first, second]) {
      expect(result.error).toEqual({ statusCode: 503, name: "internal_server_error", message: "Service unavailable." });
      expect(result.headers?.["retry-after"]).toBe("7");
    }
  });

  it("surfaces a non-JSON error page as application_error carrying the HTTP status", async () => {
    fake.failNext(1, { status: 502, rawBody: "<html>Bad gateway</html>" });

    const { error } = await resend.emails.send(invitation());

    expect(error).toMatchObject({ statusCode: 502, name: "application_error" });
  });

  it("records a send whose response is lost, and a keyed retry replays it without a second email", async () => {
    fake.dropResponseNext();

    const lost = await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });

    expect(lost).toEqual({
      data: null,
      error: {
        name: "application_error",
        statusCode: null,
        message: "Unable to fetch data. The request could not be resolved.",
      },
      headers: null,
    });
    expect(fake.sent).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ status: 200, responseDropped: true });

    nextSecond();
    const retried = await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });

    expect(retried.error).toBeNull();
    expect(retried.data?.id).toBe(fake.sent[0]?.id);
    expect(fake.sent).toHaveLength(1);
  });
});

describe("lifecycle", () => {
  it("clears traffic, idempotency keys and rate-limit windows on reset", async () => {
    const { sent, requests } = fake;
    await resend.emails.send(invitation(1), { idempotencyKey: "invite/1" });
    await resend.emails.send(invitation(2));

    fake.reset();

    expect(sent).toHaveLength(0);
    expect(requests).toHaveLength(0);
    const { error } = await resend.emails.send(invitation(3), { idempotencyKey: "invite/1" });
    expect(error).toBeNull();
  });

  it("is reachable through RESEND_BASE_URL when the SDK is built without baseUrl", async () => {
    vi.stubEnv("RESEND_BASE_URL", fake.url);
    const fromEnv = new Resend(fake.apiKey);

    const { error } = await fromEnv.emails.send(invitation());

    expect(error).toBeNull();
    expect(fake.sent).toHaveLength(1);
  });
});
