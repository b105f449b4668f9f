// Local Resend-compatible HTTP server for tests that drive the real `resend` SDK.
//
// Point the SDK at it with `new Resend(fake.apiKey, { baseUrl: fake.url })`. Without that option the
// SDK falls back to the RESEND_BASE_URL environment variable, read once in the constructor, so the
// variable must be set before the client is built. Only POST /emails and POST /emails/batch exist.
// Rate limiting is a sliding 1 s window per API key: a request is admitted when fewer than
// `rateLimitPerSecond` requests with that key were admitted in the preceding 1000 ms of `now()`.

import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ErrorResponse } from "resend";

export type ResendErrorName = ErrorResponse["name"];

export interface FakeResendOptions {
  /** Keys the server accepts; the first one is exposed as `apiKey`. */
  apiKeys?: string[];
  /** Admitted requests per API key per sliding second (Resend's default is 2). */
  rateLimitPerSecond?: number;
  /** Epoch milliseconds; drives rate limiting, idempotency expiry and timestamps. */
  now?: () => number;
  /** Largest accepted batch (Resend's limit is 100). */
  maxBatch?: number;
  /** Share (0 to 1) of admitted requests answered at random with a 500, sending nothing. */
  faultRate?: number;
  /** What `faultRate` draws on, a number in [0, 1); pass a seeded one for a repeatable run. */
  random?: () => number;
}

export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  html: string | null;
  text: string | null;
  /** The email's own custom headers (the `headers` body field), not the HTTP request headers. */
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  idempotencyKey: string | null;
  apiKey: string;
  endpoint: "/emails" | "/emails/batch";
  batchIndex: number | null;
  receivedAt: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** What the server decided; when `responseDropped` is set the client never saw it. */
  status: number;
  errorName: ResendErrorName | null;
  apiKey: string | null;
  idempotencyKey: string | null;
  userAgent: string | null;
  replayed: boolean;
  injected: boolean;
  responseDropped: boolean;
  receivedAt: number;
}

export interface InjectedFault {
  status: number;
  name?: ResendErrorName;
  message?: string;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
  /** Sent verbatim instead of a JSON error, like a proxy's HTML error page. */
  rawBody?: string;
}

export interface HeldRequest {
  /** Resolves once a send has taken its idempotency lock and is paused before recording. */
  reached: Promise<void>;
  release(): void;
}

export interface FakeResend {
  readonly url: string;
  readonly apiKey: string;
  readonly sent: readonly SentEmail[];
  readonly requests: readonly RecordedRequest[];
  failNext(count: number, fault: InjectedFault): void;
  dropResponseNext(count?: number): void;
  holdNext(): HeldRequest;
  reset(): void;
  close(): Promise<void>;
}

const WINDOW_MS = 1000;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_IDEMPOTENCY_KEY_LENGTH = 256;
const MAX_RECIPIENTS = 50;

// Deliberately loose: the point is to catch obviously broken input the real API would refuse,
// not to implement RFC 5322.
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const NAMED_ADDRESS = /^[^<>]*<([^<>]+)>$/;

type HeaderMap = Record<string, string>;

interface Reply {
  status: number;
  body: unknown;
  errorName: ResendErrorName | null;
}

interface IdempotencyEntry {
  fingerprint: string;
  createdAt: number;
  inFlight: boolean;
  status: number;
  body: unknown;
}

interface Hold {
  markReached: () => void;
  gate: Promise<void>;
  release: () => void;
}

type Checked<T> = { ok: true; value: T } | { ok: false; name: ResendErrorName; message: string };

type OutgoingEmail = Omit<SentEmail, "id" | "idempotencyKey" | "apiKey" | "endpoint" | "batchIndex" | "receivedAt">;

function fail(name: ResendErrorName, message: string): { ok: false; name: ResendErrorName; message: string } {
  return { ok: false, name, message };
}

function errorReply(status: number, name: ResendErrorName, message: string): Reply {
  return { status, body: { statusCode: status, name, message }, errorName: name };
}

function isMailbox(value: string): boolean {
  const trimmed = value.trim();
  const named = NAMED_ADDRESS.exec(trimmed);
  return ADDRESS.test(named?.[1]?.trim() ?? trimmed);
}

function formatHint(field: string): string {
  return `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`;
}

function checkRecipients(raw: unknown, field: string, required: boolean): Checked<string[]> {
  if (raw === undefined || raw === null) {
    return required ? fail("missing_required_field", `Missing \`${field}\` field.`) : { ok: true, value: [] };
  }
  const list = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(list) || !list.every((item): item is string => typeof item === "string")) {
    return fail("validation_error", formatHint(field));
  }
  if (list.length === 0) {
    return required ? fail("missing_required_field", `Missing \`${field}\` field.`) : { ok: true, value: [] };
  }
  if (list.length > MAX_RECIPIENTS) {
    return fail("validation_error", `Too many recipients in \`${field}\` field. The maximum is ${MAX_RECIPIENTS}.`);
  }
  if (!list.every(isMailbox)) return fail("validation_error", formatHint(field));
  return { ok: true, value: list };
}

function checkOptionalString(raw: unknown, field: string): Checked<string | null> {
  if (raw === undefined || raw === null) return { ok: true, value: null };
  if (typeof raw !== "string") return fail("validation_error", `Invalid \`${field}\` field. Expected a string.`);
  return { ok: true, value: raw };
}

function checkEmail(raw: unknown, inBatch: boolean): Checked<OutgoingEmail> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return fail("validation_error", "The email must be a JSON object.");
  }
  const email = raw as Record<string, unknown>;

  if (email.from === undefined || email.from === null || email.from === "") {
    return fail("missing_required_field", "Missing `from` field.");
  }
  if (typeof email.from !== "string" || !isMailbox(email.from)) return fail("validation_error", formatHint("from"));

  const to = checkRecipients(email.to, "to", true);
  if (!to.ok) return to;
  const cc = checkRecipients(email.cc, "cc", false);
  if (!cc.ok) return cc;
  const bcc = checkRecipients(email.bcc, "bcc", false);
  if (!bcc.ok) return bcc;
  const replyTo = checkRecipients(email.reply_to, "reply_to", false);
  if (!replyTo.ok) return replyTo;

  if (email.subject === undefined || email.subject === null || email.subject === "") {
    return fail("missing_required_field", "Missing `subject` field.");
  }
  if (typeof email.subject !== "string") return fail("validation_error", "Invalid `subject` field. Expected a string.");

  const html = checkOptionalString(email.html, "html");
  if (!html.ok) return html;
  const text = checkOptionalString(email.text, "text");
  if (!text.ok) return text;
  const template = email.template as { id?: unknown } | undefined | null;
  const hasTemplate = typeof template === "object" && template !== null && typeof template.id === "string";
  if (!html.value && !text.value && !hasTemplate) return fail("missing_required_field", "Missing `html` or `text` field.");

  if (inBatch && email.attachments !== undefined) {
    return fail("validation_error", "The `attachments` field is not supported in batch sending.");
  }
  if (inBatch && email.scheduled_at !== undefined) {
    return fail("validation_error", "The `scheduled_at` field is not supported in batch sending.");
  }

  const headers = email.headers;
  if (
    headers !== undefined &&
    (typeof headers !== "object" || headers === null || Object.values(headers).some((v) => typeof v !== "string"))
  ) {
    return fail("validation_error", "Invalid `headers` field. Expected an object of strings.");
  }

  return {
    ok: true,
    value: {
      from: email.from,
      to: to.value,
      cc: cc.value,
      bcc: bcc.value,
      replyTo: replyTo.value,
      subject: email.subject,
      html: html.value,
      text: text.value,
      headers: { ...(headers as Record<string, string> | undefined) },
      tags: Array.isArray(email.tags) ? (email.tags as { name: string; value: string }[]) : [],
    },
  };
}

// Key order must not make two logically identical bodies look different.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function defaultFaultName(status: number): ResendErrorName {
  if (status === 429) return "rate_limit_exceeded";
  if (status >= 500) return "internal_server_error";
  return "application_error";
}

/**
 * Starts the fake on an ephemeral 127.0.0.1 port. Every request passes, in order: injected faults,
 * auth, rate limit, random faults, routing, idempotency, validation. A random fault counts against the
 * rate limit, as a server error after admission would. Only successful sends are stored against an
 * idempotency key, so a keyed retry after any error (injected, 4xx, 429) is processed afresh.
 */
export async function startFakeResend(opts: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKeys = opts.apiKeys && opts.apiKeys.length > 0 ? [...opts.apiKeys] : [`re_test_${randomBytes(12).toString("hex")}`];
  const primaryKey = apiKeys[0] ?? "";
  const validKeys = new Set(apiKeys);
  const limit = opts.rateLimitPerSecond ?? 2;
  const maxBatch = opts.maxBatch ?? 100;
  const now = opts.now ?? Date.now;
  const faultRate = opts.faultRate ?? 0;
  const random = opts.random ?? Math.random;

  const sent: SentEmail[] = [];
  const requests: RecordedRequest[] = [];
  const faults: InjectedFault[] = [];
  const holds: Hold[] = [];
  const activeHolds = new Set<Hold>();
  const windows = new Map<string, number[]>();
  const idempotency = new Map<string, IdempotencyEntry>();
  let dropsPending = 0;

  function admit(apiKey: string, at: number): { admitted: boolean; headers: HeaderMap } {
    const log = (windows.get(apiKey) ?? []).filter((t) => t > at - WINDOW_MS);
    windows.set(apiKey, log);
    const admitted = log.length < limit;
    if (admitted) log.push(at);
    const oldest = log[0] ?? at;
    const resetSeconds = Math.max(1, Math.ceil((oldest + WINDOW_MS - at) / 1000));
    const headers: HeaderMap = {
      "ratelimit-limit": String(limit),
      "ratelimit-remaining": String(Math.max(0, limit - log.length)),
      "ratelimit-reset": String(resetSeconds),
    };
    if (!admitted) headers["retry-after"] = String(resetSeconds);
    return { admitted, headers };
  }

  function takeHold(): Hold | undefined {
    const hold = holds.shift();
    if (hold) activeHolds.add(hold);
    return hold;
  }

  function releaseAllHolds(): void {
    for (const hold of [...holds, ...activeHolds]) hold.release();
    holds.length = 0;
    activeHolds.clear();
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: HeaderMap): void {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = now();
    const rawBody = await readBody(req);
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const record: RecordedRequest = {
      method,
      path,
      status: 0,
      errorName: null,
      apiKey: null,
      idempotencyKey: headerValue(req, "idempotency-key"),
      userAgent: headerValue(req, "user-agent"),
      replayed: false,
      injected: false,
      responseDropped: false,
      receivedAt,
    };
    let responseHeaders: HeaderMap = {};
    const finish = (reply: Reply): void => {
      record.status = reply.status;
      record.errorName = reply.errorName;
      requests.push(record);
      sendJson(res, reply.status, reply.body, responseHeaders);
    };

    const fault = faults.shift();
    if (fault) {
      record.injected = true;
      record.status = fault.status;
      const name = fault.name ?? defaultFaultName(fault.status);
      record.errorName = name;
      requests.push(record);
      const headers: HeaderMap = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      if (fault.rawBody !== undefined) {
        res.writeHead(fault.status, { "content-type": "text/html; charset=utf-8", ...headers });
        res.end(fault.rawBody);
      } else {
        const message = fault.message ?? "Injected failure.";
        sendJson(res, fault.status, { statusCode: fault.status, name, message }, headers);
      }
      return;
    }

    const auth = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(req, "authorization") ?? "");
    const apiKey = auth?.[1];
    if (apiKey === undefined) {
      return finish(errorReply(401, "missing_api_key", "Missing API key in the authorization header."));
    }
    record.apiKey = apiKey;
    if (!validKeys.has(apiKey)) return finish(errorReply(403, "invalid_api_key", "API key is invalid."));

    const rate = admit(apiKey, receivedAt);
    responseHeaders = rate.headers;
    if (!rate.admitted) {
      const message = `Too many requests. You can only make ${limit} requests per second.`;
      return finish(errorReply(429, "rate_limit_exceeded", message));
    }
    if (faultRate > 0 && random() < faultRate) {
      record.injected = true;
      return finish(errorReply(500, "internal_server_error", "Injected random failure."));
    }

    const endpoint = path === "/emails" || path === "/emails/batch" ? path : null;
    if (endpoint === null) return finish(errorReply(404, "not_found", "The requested endpoint does not exist."));
    if (method !== "POST") return finish(errorReply(405, "method_not_allowed", "Method is not allowed for the requested path."));

    const idempotencyKey = record.idempotencyKey;
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      return finish(errorReply(400, "invalid_idempotency_key", "The key must be between 1-256 chars."));
    }

    let payload: unknown;
    try {
      payload = JSON.parse(rawBody);
    } catch {
      return finish(errorReply(400, "validation_error", "The request body is not valid JSON."));
    }

    // Scoped by API key so two tenants sharing a key string never see each other's responses.
    const storeKey = idempotencyKey === null ? null : `${apiKey}\u0000${idempotencyKey}`;
    const fingerprint = createHash("sha256").update(`${endpoint}\n${canonical(payload)}`).digest("hex");
    if (storeKey !== null) {
      const existing = idempotency.get(storeKey);
      if (existing && receivedAt - existing.createdAt >= IDEMPOTENCY_TTL_MS) idempotency.delete(storeKey);
      else if (existing?.inFlight) {
        return finish(
          errorReply(409, "concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress."),
        );
      } else if (existing && existing.fingerprint !== fingerprint) {
        return finish(errorReply(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload."));
      } else if (existing) {
        record.replayed = true;
        return finish({ status: existing.status, body: existing.body, errorName: null });
      }
    }

    const permissive = endpoint === "/emails/batch" && headerValue(req, "x-batch-validation")?.toLowerCase() === "permissive";
    const accepted: { email: OutgoingEmail; index: number | null }[] = [];
    const rejected: { index: number; message: string }[] = [];
    if (endpoint === "/emails") {
      const checked = checkEmail(payload, false);
      if (!checked.ok) return finish(errorReply(422, checked.name, checked.message));
      accepted.push({ email: checked.value, index: null });
    } else {
      if (!Array.isArray(payload)) {
        return finish(errorReply(422, "validation_error", "The request body must be an array of emails."));
      }
      if (payload.length === 0) return finish(errorReply(422, "validation_error", "The batch must contain at least 1 email."));
      if (payload.length > maxBatch) {
        return finish(errorReply(422, "validation_error", `Too many emails in batch. The maximum is ${maxBatch}.`));
      }
      for (const [index, item] of payload.entries()) {
        const checked = checkEmail(item, true);
        if (checked.ok) accepted.push({ email: checked.value, index });
        else if (permissive) rejected.push({ index, message: checked.message });
        else return finish(errorReply(422, checked.name, `emails[${index}]: ${checked.message}`));
      }
    }

    const entry: IdempotencyEntry = { fingerprint, createdAt: receivedAt, inFlight: true, status: 0, body: null };
    if (storeKey !== null) idempotency.set(storeKey, entry);

    const hold = takeHold();
    if (hold) {
      hold.markReached();
      await hold.gate;
      activeHolds.delete(hold);
    }

    const ids = accepted.map(({ email, index }) => {
      const id = randomUUID();
      sent.push({
        ...email,
        id,
        idempotencyKey,
        apiKey,
        endpoint,
        batchIndex: index,
        receivedAt,
      });
      return { id };
    });
    const body = endpoint === "/emails" ? ids[0] : permissive ? { data: ids, errors: rejected } : { data: ids };
    entry.inFlight = false;
    entry.status = 200;
    entry.body = body;

    if (dropsPending > 0) {
      dropsPending -= 1;
      record.status = 200;
      record.responseDropped = true;
      requests.push(record);
      res.socket?.destroy();
      return;
    }
    finish({ status: 200, body, errorName: null });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, { statusCode: 500, name: "internal_server_error", message }, {});
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: primaryKey,
    sent,
    requests,
    failNext(count, fault) {
      for (let i = 0; i < count; i += 1) faults.push({ ...fault });
    },
    dropResponseNext(count = 1) {
      dropsPending += count;
    },
    holdNext() {
      let markReached = (): void => {};
      let release = (): void => {};
      const reached = new Promise<void>((resolve) => {
        markReached = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ markReached, gate, release });
      return { reached, release };
    },
    reset() {
      // Arrays are cleared in place so references a test already holds stay live.
      sent.length = 0;
      requests.length = 0;
      faults.length = 0;
      dropsPending = 0;
      windows.clear();
      idempotency.clear();
      releaseAllHolds();
    },
    close() {
      // Idempotent so an afterEach hook can close a fake the test already closed.
      closing ??= (async () => {
        releaseAllHolds();
        server.closeAllConnections();
        await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      })();
      return closing;
    },
  };
}
