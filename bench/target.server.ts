// Benchmark target: a server on a temp libSQL file with published invitations, in its own process so
// the load generator does not share its event loop. Prints one JSON line: {url, tokensFile}.
// `--web=<dist>` also serves the built web app as the Node entry does; `--plain` turns compression off.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { runBatch } from "../db/client";
import { openLibsql } from "../db/libsql";
import { migrateLibsql } from "../db/migrate";
import { chunk } from "../server/lib/chunk";
import { invitations, interactions, organisations, surveyVersions, surveys } from "../db/schema";
import { demoSurveys } from "../db/seed/demo-surveys";
import { createApp } from "../server/app";
import type { AppSettings } from "../server/config";
import { invitationToken, tokenHash } from "../server/features/invitations/invitations.service";
import { createDevMailbox } from "../server/mail/dev-mailbox";
import { mountWebApp, nodeRespondPage, withCompression } from "../server/node-runtime";

const webDist = process.argv.find((a) => a.startsWith("--web="))?.slice("--web=".length);
const plain = process.argv.includes("--plain");

async function prepare(tokensWanted: number, dir: string) {
  const db = await openLibsql(`file:${join(dir, "bench.db")}`);
  await migrateLibsql(db, "db/migrations");
  const settings: AppSettings = { publicUrl: "http://localhost", appSecret: "bench-secret-bench-secret-bench-secret", mailFrom: "x <x@example.com>", mailRatePerSecond: 2, devMailbox: true, production: false, maxSqlParams: 999 };
  const orgId = crypto.randomUUID();
  const surveyId = crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const { title, definition } = demoSurveys[0]!;
  await db.insert(organisations).values({ id: orgId, name: "Bench" }).run();
  await db.insert(surveys).values({ id: surveyId, orgId, title, draft: definition, latestVersion: 1, draftDirty: false }).run();
  await db.insert(surveyVersions).values({ id: versionId, surveyId, version: 1, title, definition }).run();
  const now = Date.now();
  const tokens: string[] = [];
  const interactionRows = [];
  const invitationRows = [];
  for (let i = 0; i < tokensWanted; i++) {
    const interactionId = crypto.randomUUID();
    const id = crypto.randomUUID();
    const token = await invitationToken(settings.appSecret, id);
    tokens.push(token);
    interactionRows.push({ id: interactionId, orgId, externalId: `B-${i}`, occurredAt: new Date(now), type: "enquiry", channel: "email", customerEmail: `b${i}@example.org` });
    invitationRows.push({ id, orgId, surveyId, surveyVersionId: versionId, interactionId, email: `b${i}@example.org`, tokenHash: await tokenHash(token), status: "sent" as const, sendAt: new Date(now), sentAt: new Date(now), expiresAt: new Date(now + 7 * 86_400_000) });
  }
  for (const part of chunk(interactionRows, 80)) await db.insert(interactions).values(part).run();
  for (const part of chunk(invitationRows, 40)) await runBatch(db, [db.insert(invitations).values(part)]);
  const app = createApp({ db, mailer: createDevMailbox(db), settings, ...(webDist && { respondPage: nodeRespondPage(webDist) }) });
  if (webDist) mountWebApp(app, webDist, { precompressed: !plain });
  const server = serve({ fetch: webDist && !plain ? withCompression(app.fetch) : app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, tokens };
}


const dir = mkdtempSync(join(tmpdir(), "rapport-bench-"));
const target = await prepare(Number(process.argv[2] ?? 50_000), dir);
const tokensFile = join(dir, "tokens.json");
writeFileSync(tokensFile, JSON.stringify(target.tokens));
console.log(JSON.stringify({ url: target.url, tokensFile, dir }));
process.on("SIGINT", () => process.exit(0));
