// Node entry: config from the environment, a libSQL file, the dispatcher on a timer, the built web app.
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { DEMO_PASSWORD, demoApiKeyStatus, demoUsers, seedDemo } from "../db/seed/demo";
import { createApp } from "./app";
import { parseConfig, type AppSettings } from "./config";
import { startDispatcher } from "./features/dispatch/dispatch.service";
import { runWeeklyDigest } from "./features/digest/digest.service";
import { runCaseEscalations } from "./features/cases/cases.service";
import { organisationExists } from "./features/setup/setup.service";
import { randomToken } from "./lib/crypto";
import { createDevMailbox } from "./mail/dev-mailbox";
import { createResendMailer } from "./mail/resend-mailer";
import { mountWebApp, nodeAppSecret, nodeClientAddress, nodeDocsPage, nodeRespondPage, openNodeDatabase, root, withCompression } from "./node-runtime";

const config = parseConfig(process.env);
const production = config.NODE_ENV === "production";
const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");

const { db, dbFile } = await openNodeDatabase(config);

const settings: AppSettings = {
  publicUrl,
  appSecret: nodeAppSecret(config, dbFile),
  mailFrom: config.MAIL_FROM,
  mailRatePerSecond: config.MAIL_RATE_PER_SECOND,
  devMailbox: !config.RESEND_API_KEY,
  production,
  maxSqlParams: 999,
  resendWebhookSecret: config.RESEND_WEBHOOK_SECRET,
};

let demoKey: Awaited<ReturnType<typeof demoApiKeyStatus>> | undefined;
if (!production && config.SEED_DEMO === "auto") {
  process.stdout.write("Preparing the database… ");
  const seeded = await seedDemo(db, { appSecret: settings.appSecret, now: new Date(), maxSqlParams: settings.maxSqlParams });
  demoKey = await demoApiKeyStatus(db, settings.appSecret);
  console.log(seeded.seeded ? "demo organisation created." : "ready.");
}

// An empty database (production, or SEED_DEMO=never) waits for its first organisation behind a one-time link.
if (!(await organisationExists({ db }))) settings.setupToken = config.SETUP_TOKEN ?? randomToken(32);

const mailer = config.RESEND_API_KEY ? createResendMailer(config.RESEND_API_KEY, config.RESEND_BASE_URL) : createDevMailbox(db);
const dist = join(root, "dist");
const app = createApp({ db, mailer, settings, clientAddress: nodeClientAddress(config.TRUST_PROXY), docsPage: nodeDocsPage(dist), respondPage: nodeRespondPage(dist) });

mountWebApp(app, dist);

const stopDispatcher = startDispatcher(
  { db, mailer, settings, now: () => new Date() },
  config.DISPATCH_INTERVAL_MS,
  (r) => console.log(`dispatch: ${r.sent} sent, ${r.deferred} deferred, ${r.failed} failed, ${r.expired} expired, ${r.cancelled} cancelled`),
  (err) => console.error("dispatch tick failed; it will run again", err),
);

// Cases past due go to their units' managers, and the weekly digest goes out from Monday 08:00 in each
// organisation's zone: a check every five minutes is plenty, and neither sends anything twice.
const reviewTick = async () => {
  const escalated = await runCaseEscalations({ db, mailer, settings, now: new Date() });
  if (escalated.escalated) console.log(`cases: ${escalated.escalated} escalated, ${escalated.emails} emails to managers`);
  const digest = await runWeeklyDigest({ db, mailer, settings, now: new Date() });
  if (digest.sent + digest.failed) console.log(`weekly digest: ${digest.sent} sent, ${digest.failed} to retry`);
};
const reviewTimer = setInterval(() => reviewTick().catch((err) => console.error("case escalation or digest failed; it will run again", err)), 5 * 60_000);

const server = serve({ fetch: withCompression(app.fetch), port: config.PORT }, () => {
  const lines = [
    "",
    `  Rapport is running at ${publicUrl}`,
    `  Database: ${dbFile ?? config.DATABASE_URL}`,
    `  Email: ${settings.devMailbox ? `dev mailbox at ${publicUrl}/mailbox (sign in as admin)` : "Resend"}`,
  ];
  if (!production && config.SEED_DEMO === "auto") {
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}"): ${demoUsers.map((u) => `${u.email} (${u.role})`).join(", ")}`);
  }
  if (settings.setupToken) {
    lines.push(
      `  Set up Rapport: ${publicUrl}/setup?token=${settings.setupToken}`,
      config.SETUP_TOKEN
        ? "  (the token is SETUP_TOKEN; the link stops working once the first organisation exists)"
        : "  (a new token at each start until setup is done; set SETUP_TOKEN to keep one)",
    );
  }
  if (demoKey?.status === "active") lines.push(`  Demo API key for POST /api/interactions: ${demoKey.key}`);
  if (demoKey?.status === "revoked") lines.push("  The demo API key has been revoked; create another under Settings → API keys.");
  console.log(`${lines.join("\n")}\n`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopDispatcher();
    clearInterval(reviewTimer);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
