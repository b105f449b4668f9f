// Test app factory: a migrated in-memory libSQL database, a demo-shaped organisation, and request helpers.
import type { Db } from "../../db/client";
import { openLibsql } from "../../db/libsql";
import { migrateLibsql } from "../../db/migrate";
import { apiKeys, organisations, roles, users, type Role } from "../../db/schema";
import { createApp, type Deps } from "../../server/app";
import type { AppSettings } from "../../server/config";
import { hashPassword, randomToken, sha256 } from "../../server/lib/crypto";
import { createDevMailbox } from "../../server/mail/dev-mailbox";
import type { Mailer } from "../../server/mail/mailer";

export const PASSWORD = "correct horse battery";
export const ORIGIN = "http://rapport.test";

export type TestContextOptions = {
  mailer?: (db: Db) => Mailer;
  now?: () => Date;
  settings?: Partial<AppSettings>;
  // Off by default, so per-address throttles stay out of tests that sign in or answer many times.
  clientAddress?: Deps["clientAddress"];
  // The API reference page, for browser tests that serve the built web app.
  docsPage?: Deps["docsPage"];
  respondPage?: Deps["respondPage"];
  // A database with no organisation at all, as production starts (first-run setup); orgId and apiKey are then "".
  empty?: boolean;
};

export type TestRole = Role;

export type TestRequestInit = { method?: string; body?: unknown; as?: TestRole; apiKey?: string | null; headers?: Record<string, string> };
/** Who signs a request: one of the test organisation's roles, or a session cookie of someone else's. */
export type Caller = Pick<TestRequestInit, "as" | "headers">;

export async function openTestDb(): Promise<Db> {
  const db = await openLibsql(":memory:");
  await migrateLibsql(db, "db/migrations");
  return db;
}

export async function createTestContext(opts: TestContextOptions = {}) {
  const db = await openTestDb();
  // Few iterations keep sign-in fast in tests; production uses the default.
  const passwordHash = await hashPassword(PASSWORD, 1000);
  let orgId = "";
  let apiKey = "";
  if (!opts.empty) {
    orgId = crypto.randomUUID();
    // No quiet hours unless a test sets them: invitations due "now" must not wait for morning when tests run at night.
    await db.insert(organisations).values({ id: orgId, name: "Test org", quietStartMinute: null, quietEndMinute: null }).run();
    for (const role of roles) {
      await db.insert(users).values({ orgId, email: `${role}@test.example`, name: role, role, passwordHash }).run();
    }
    apiKey = `rpk_${randomToken(24)}`;
    await db.insert(apiKeys).values({ orgId, name: "test", keyHash: await sha256(apiKey), prefix: apiKey.slice(0, 8) }).run();
  }

  const settings: AppSettings = {
    publicUrl: ORIGIN,
    appSecret: "test-secret-test-secret-test-secret!",
    mailFrom: "Rapport <surveys@rapport.test>",
    mailRatePerSecond: 1000,
    devMailbox: true,
    production: false,
    maxSqlParams: 100,
    ...opts.settings,
  };
  const mailer = opts.mailer ? opts.mailer(db) : createDevMailbox(db);
  const deps: Deps = { db, mailer, settings, ...(opts.now && { now: opts.now }), ...(opts.clientAddress && { clientAddress: opts.clientAddress }), ...(opts.docsPage && { docsPage: opts.docsPage }), ...(opts.respondPage && { respondPage: opts.respondPage }) };
  const app = createApp(deps);
  const cookies = new Map<string, string>();

  async function request(path: string, init: TestRequestInit = {}) {
    const headers: Record<string, string> = { origin: ORIGIN, ...init.headers };
    if (init.body !== undefined) headers["content-type"] ??= "application/json";
    if (init.as) headers.cookie = await sessionCookie(init.as);
    if (init.apiKey !== undefined && init.apiKey !== null) headers.authorization = `Bearer ${init.apiKey}`;
    const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    const res = await app.request(`${ORIGIN}${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  async function sessionCookie(role: TestRole) {
    const cached = cookies.get(role);
    if (cached) return cached;
    const cookie = await signIn(`${role}@test.example`);
    cookies.set(role, cookie);
    return cookie;
  }

  /** Signs in anyone by email (not cached), for people a test created itself. */
  async function signIn(email: string, password = PASSWORD) {
    const res = await app.request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  }

  /**
   * Another organisation in the same database, with an admin (`admin@<slug>.example`) and an API key of its own;
   * `admin` signs a request as that admin: `request(path, { ...other.admin, body })`.
   */
  async function addOrganisation(name: string) {
    const id = crypto.randomUUID();
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    await db.insert(organisations).values({ id, name, quietStartMinute: null, quietEndMinute: null }).run();
    const adminEmail = `admin@${slug}.example`;
    await db.insert(users).values({ orgId: id, email: adminEmail, name: `${name} admin`, role: "admin", passwordHash }).run();
    const key = `rpk_${randomToken(24)}`;
    await db.insert(apiKeys).values({ orgId: id, name: "test", keyHash: await sha256(key), prefix: key.slice(0, 8) }).run();
    const adminCookie = await signIn(adminEmail);
    const admin: Caller = { headers: { cookie: adminCookie } };
    return { orgId: id, name, adminEmail, apiKey: key, adminCookie, admin };
  }

  return { app, db, deps, settings, mailer, orgId, apiKey, request, sessionCookie, signIn, addOrganisation };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
