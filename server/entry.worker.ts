// Workers entry: config from bindings (parsed once per isolate), D1 or libSQL over HTTP, the API,
// the web pages from static assets, and the dispatcher on a cron trigger.
import { createClient } from "@libsql/client/web";
import type { Context } from "hono";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql";
import { schema, type Db } from "../db/client";
import { createApp, type App } from "./app";
import { parseConfig, type AppSettings } from "./config";
import { NotFound, problem } from "./errors";
import { inlineStylesheets } from "./lib/page-template";
import { withSecurityHeaders } from "./lib/security-headers";
import { runDispatchTick } from "./features/dispatch/dispatch.service";
import { runWeeklyDigest } from "./features/digest/digest.service";
import { runCaseEscalations } from "./features/cases/cases.service";
import { createDevMailbox } from "./mail/dev-mailbox";
import type { Mailer } from "./mail/mailer";
import { createResendMailer } from "./mail/resend-mailer";

export type Env = {
  DB: D1Database;
  ASSETS: Fetcher;
  APP_SECRET?: string;
  PUBLIC_URL?: string;
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  RESEND_API_KEY?: string;
  RESEND_BASE_URL?: string;
  // Secret: the signing secret of the Resend webhook that reports deliveries, bounces and complaints.
  RESEND_WEBHOOK_SECRET?: string;
  MAIL_FROM?: string;
  MAIL_RATE_PER_SECOND?: string;
  NODE_ENV?: string;
  // Secret: lets the holder create the first organisation at /setup?token=… while the database has none.
  SETUP_TOKEN?: string;
};

type Runtime = { db: Db; mailer: Mailer; settings: AppSettings; app: App };

// D1 caps bound parameters per statement at 100; libSQL allows far more.
const D1_MAX_SQL_PARAMS = 100;
const LIBSQL_MAX_SQL_PARAMS = 999;

function openDatabase(env: Env, authToken: string | undefined): Db {
  if (env.DATABASE_URL) {
    // An isolate serves many requests, and Workers forbid using a socket opened during another one.
    if (/^wss?:/.test(env.DATABASE_URL)) {
      throw new Error("DATABASE_URL must be a libsql:, https: or http: URL on Workers, not a WebSocket one.");
    }
    return drizzleLibsql(createClient({ url: env.DATABASE_URL, authToken }), { schema });
  }
  // D1 speaks the same async SQLite builder and batch() the repos are written against (see Db).
  return drizzleD1(env.DB, { schema }) as unknown as Db;
}

function createRuntime(env: Env): Runtime {
  // A blank binding counts as unset, as it does for a variable left empty in the dashboard.
  const config = parseConfig(
    Object.fromEntries(
      (["NODE_ENV", "PUBLIC_URL", "DATABASE_AUTH_TOKEN", "APP_SECRET", "RESEND_API_KEY", "RESEND_BASE_URL", "RESEND_WEBHOOK_SECRET", "MAIL_FROM", "MAIL_RATE_PER_SECOND", "SETUP_TOKEN"] as const).map(
        (name) => [name, env[name] || undefined],
      ),
    ),
  );
  if (!config.APP_SECRET) {
    throw new Error("Set the APP_SECRET secret (32+ random characters): it signs survey links and must not change.");
  }
  if (!config.PUBLIC_URL) {
    throw new Error("Set PUBLIC_URL to the origin people reach this app at: emailed survey links start with it.");
  }
  const db = openDatabase(env, config.DATABASE_AUTH_TOKEN);
  const settings: AppSettings = {
    publicUrl: config.PUBLIC_URL.replace(/\/$/, ""),
    appSecret: config.APP_SECRET,
    mailFrom: config.MAIL_FROM,
    mailRatePerSecond: config.MAIL_RATE_PER_SECOND,
    devMailbox: !config.RESEND_API_KEY,
    production: config.NODE_ENV === "production",
    maxSqlParams: env.DATABASE_URL ? LIBSQL_MAX_SQL_PARAMS : D1_MAX_SQL_PARAMS,
    // Setup itself answers 404 once an organisation exists, so the secret may stay set afterwards.
    setupToken: config.SETUP_TOKEN,
    resendWebhookSecret: config.RESEND_WEBHOOK_SECRET,
  };
  const mailer = config.RESEND_API_KEY ? createResendMailer(config.RESEND_API_KEY, config.RESEND_BASE_URL) : createDevMailbox(db);
  // Cloudflare sets cf-connecting-ip itself (a client's own copy is overwritten), so it is safe to trust.
  const clientAddress = (c: Context) => c.req.header("cf-connecting-ip");
  const docsPage = async (c: Context) => {
    // Without the visitor's conditional headers: the page goes out rebuilt, with no ETag a 304 could refer to.
    const res = await env.ASSETS.fetch(new Request(new URL("/docs/", c.req.url)));
    if (!res.ok) throw new NotFound("The API reference page is not built here; the document is at /api/openapi.json.");
    // Answered through the context, so the API's security headers go out with it; it names the current bundles.
    return c.html(await res.text(), 200, { "cache-control": "no-cache" });
  };
  // The respondent page is read from the assets once per isolate, its stylesheet inline (see inlineStylesheets).
  let respondTemplate: Promise<string> | undefined;
  const respondPage = () =>
    (respondTemplate ??= (async () => {
      const res = await env.ASSETS.fetch(new Request(new URL("/respond/", config.PUBLIC_URL)));
      if (!res.ok) {
        respondTemplate = undefined;
        throw new Error(`The respondent page is not in the assets (${res.status}); deploy with the built web app.`);
      }
      return inlineStylesheets(await res.text(), async (path) => {
        const css = await env.ASSETS.fetch(new Request(new URL(path, config.PUBLIC_URL)));
        return css.ok ? css.text() : undefined;
      });
    })());
  return { db, mailer, settings, app: createApp({ db, mailer, settings, clientAddress, docsPage, respondPage }) };
}

// Bindings cannot change within an isolate, so the first request (or cron run) builds everything.
let runtime: Runtime | undefined;
const runtimeFor = (env: Env) => (runtime ??= createRuntime(env));

function api(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
  let app: App;
  try {
    app = runtimeFor(env).app;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    console.error(detail);
    const { pathname } = new URL(request.url);
    return withSecurityHeaders(problem("server-misconfigured", { detail, instance: pathname }), pathname, httpsFor(env));
  }
  return app.fetch(request, env, ctx);
}

// The respondent page and the admin app are separate builds; html_handling serves /x/ from x/index.html.
const page = (env: Env, request: Request, path: "/respond/" | "/admin/") => env.ASSETS.fetch(new Request(new URL(path, request.url), request));

const httpsFor = (env: Env) => ({ https: (env.PUBLIC_URL ?? "").startsWith("https:") });

async function web(request: Request, env: Env): Promise<Response> {
  const { pathname } = new URL(request.url);
  let res: Response;
  if (pathname.startsWith("/k/")) res = await page(env, request, "/respond/");
  else {
    const asset = await env.ASSETS.fetch(request);
    // Anything that is not a file is a client-side route of the admin app.
    res = asset.status === 404 ? await page(env, request, "/admin/") : asset;
  }
  // The same headers the Node server sends; pages name the current bundles, so they are always revalidated.
  const out = withSecurityHeaders(res, pathname, httpsFor(env));
  if ((out.headers.get("content-type") ?? "").startsWith("text/html")) out.headers.set("cache-control", "no-cache");
  return out;
}

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    // The one-click unsubscribe pages (/u/<token>) and the respondent page (/s/<token>) are the app's own
    // server-rendered pages, not the admin app.
    return pathname === "/api" || pathname.startsWith("/api/") || pathname.startsWith("/u/") || pathname.startsWith("/s/") ? api(request, env, ctx) : web(request, env);
  },

  scheduled(_controller, env, ctx) {
    const { db, mailer, settings } = runtimeFor(env);
    ctx.waitUntil(
      runDispatchTick({ db, mailer, settings, now: () => new Date() }).then(
        (r) => {
          if (r.batches || r.expired || r.cancelled) console.log(`dispatch: ${r.sent} sent, ${r.deferred} deferred, ${r.failed} failed, ${r.expired} expired, ${r.cancelled} cancelled`);
        },
        (err) => {
          console.error("dispatch tick failed; the next cron run retries", err);
          // Rethrown so the cron run is recorded as failed, not as a quiet success.
          throw err;
        },
      ),
    );
    ctx.waitUntil(
      (async () => {
        const escalated = await runCaseEscalations({ db, mailer, settings, now: new Date() });
        if (escalated.escalated) console.log(`cases: ${escalated.escalated} escalated, ${escalated.emails} emails to managers`);
        const digest = await runWeeklyDigest({ db, mailer, settings, now: new Date() });
        if (digest.sent + digest.failed) console.log(`weekly digest: ${digest.sent} sent, ${digest.failed} to retry`);
      })().catch((err) => {
        console.error("case escalation or digest failed; the next cron run retries", err);
        throw err;
      }),
    );
  },
} satisfies ExportedHandler<Env>;
