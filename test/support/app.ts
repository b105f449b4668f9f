// Test app factory: a migrated in-memory libSQL database, a demo-shaped organisation, and request helpers.
import { openLibsql, type Db } from "../../db/client";
import { migrateLibsql } from "../../db/migrate";
import { apiKeys, organisations, users } from "../../db/schema";
import { createApp, type Deps } from "../../server/app";
import type { AppSettings } from "../../server/config";
import { hashPassword, randomToken, sha256 } from "../../server/lib/crypto";
import { createDevMailbox } from "../../server/mail/dev-mailbox";
import type { Mailer } from "../../server/mail/mailer";

export const PASSWORD = "correct horse battery";
export const ORIGIN = "http://rapport.test";

export type TestContextOptions = { mailer?: (db: Db) => Mailer; now?: () => Date; settings?: Partial<AppSettings> };

export async function openTestDb(): Promise<Db> {
  const db = await openLibsql(":memory:");
  await migrateLibsql(db, "db/migrations");
  return db;
}

export async function createTestContext(opts: TestContextOptions = {}) {
  const db = await openTestDb();
  const orgId = crypto.randomUUID();
  await db.insert(organisations).values({ id: orgId, name: "Test org" }).run();
  // Few iterations keep sign-in fast in tests; production uses the default.
  const passwordHash = await hashPassword(PASSWORD, 1000);
  for (const role of ["admin", "manager", "reviewer"] as const) {
    await db.insert(users).values({ orgId, email: `${role}@test.example`, name: role, role, passwordHash }).run();
  }
  const apiKey = `rpk_${randomToken(24)}`;
  await db.insert(apiKeys).values({ orgId, name: "test", keyHash: await sha256(apiKey), prefix: apiKey.slice(0, 8) }).run();

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
  const deps: Deps = { db, mailer, settings, ...(opts.now && { now: opts.now }) };
  const app = createApp(deps);
  const cookies = new Map<string, string>();

  type Init = { method?: string; body?: unknown; as?: "admin" | "manager" | "reviewer"; apiKey?: string | null; headers?: Record<string, string> };
  async function request(path: string, init: Init = {}) {
    const headers: Record<string, string> = { origin: ORIGIN, ...init.headers };
    if (init.body !== undefined) headers["content-type"] ??= "application/json";
    if (init.as) headers.cookie = await sessionCookie(init.as);
    if (init.apiKey !== undefined && init.apiKey !== null) headers.authorization = `Bearer ${init.apiKey}`;
    const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    const res = await app.request(`${ORIGIN}${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
    const text = await res.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  async function sessionCookie(role: "admin" | "manager" | "reviewer") {
    const cached = cookies.get(role);
    if (cached) return cached;
    const res = await app.request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: `${role}@test.example`, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    cookies.set(role, cookie);
    return cookie;
  }

  return { app, db, deps, settings, mailer, orgId, apiKey, request, sessionCookie };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
