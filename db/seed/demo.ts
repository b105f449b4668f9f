// Seeds the demo organisation once: people, two published surveys with rules, and a year of history.
import { eq, getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { runBatch, type Db } from "../client";
import { agents, apiKeys, distributionRules, interactions, invitations, organisations, responses, surveyVersions, surveys, units as unitsTable, users } from "../schema";
import { seriesOf } from "../../server/domain/metric-roles";
import { hashPassword, hmac, sha256 } from "../../server/lib/crypto";
import { chunk, rowsPerStatement } from "../../server/lib/chunk";
import { rebuildRollups } from "../../server/features/analytics/rollups.service";
import { demoSurveys } from "./demo-surveys";

export const DEMO_PASSWORD = "demo-password";
export const demoUsers = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
  { email: "manager@example.com", name: "Mina Manager", role: "manager" },
  { email: "reviewer@example.com", name: "Rui Reviewer", role: "reviewer" },
] as const;

const units = ["Central service centre", "North branch", "Harbour branch", "Customer care line"];
const channels = ["email", "phone", "counter"];
const types = ["enquiry", "complaint", "delivery", "reception", "purchase"];
const firstNames = ["Alex", "Sam", "Jo", "Kai", "Lee", "Noor", "Ravi", "Mei", "Tom", "Ana", "Ivo", "Zoe", "Ben", "Lia", "Omar", "Yuki", "Eva", "Finn", "Gus", "Hana"];
const staff = firstNames.map((n, i) => `${n} ${String.fromCharCode(65 + i)}.`);

const pick = <T>(list: readonly T[], r = Math.random()) => list[Math.floor(r * list.length) % list.length]!;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

/**
 * The demo organisation's API key, derived from the app secret so every start can print it again (only
 * its hash is stored). 32 base64url characters of an HMAC-SHA256: 192 bits.
 */
export async function demoApiKey(appSecret: string): Promise<string> {
  return `rpk_${(await hmac(appSecret, "rapport:demo-api-key")).slice(0, 32)}`;
}

/** Whether the demo key still works: "active", "revoked", or "absent" (another database, or no demo). */
export async function demoApiKeyStatus(db: Db, appSecret: string): Promise<{ key: string; status: "active" | "revoked" | "absent" }> {
  const key = await demoApiKey(appSecret);
  const row = await db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.keyHash, await sha256(key))).get();
  return { key, status: !row ? "absent" : row.revokedAt ? "revoked" : "active" };
}

export type SeedOptions = { appSecret: string; now: Date; maxSqlParams: number; interactions?: number; passwordIterations?: number };

async function insertAll<T extends SQLiteTable>(db: Db, table: T, rows: T["$inferInsert"][], maxSqlParams: number) {
  const size = rowsPerStatement(maxSqlParams, Object.keys(getTableColumns(table)).length);
  const statements = chunk(rows, size).map((part) => db.insert(table).values(part));
  for (const group of chunk(statements, 50)) await runBatch(db, group);
}

/** Seeds when the database has no organisation yet; returns whether it did. */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<{ seeded: boolean; apiKey?: string }> {
  if (await db.select({ id: organisations.id }).from(organisations).limit(1).get()) return { seeded: false };
  const { now } = opts;
  const orgId = crypto.randomUUID();
  await db.insert(organisations).values({ id: orgId, name: "Demo Services Ltd", createdAt: now }).run();
  const passwordHash = await hashPassword(DEMO_PASSWORD, opts.passwordIterations);
  const userRows = demoUsers.map((u) => ({ id: crypto.randomUUID(), orgId, ...u, passwordHash, createdAt: now }));
  await db.insert(users).values(userRows).run();
  const apiKey = await demoApiKey(opts.appSecret);
  const createdBy = userRows.find((u) => u.role === "admin")?.id;
  await db.insert(apiKeys).values({ orgId, name: "Demo helpdesk", keyHash: await sha256(apiKey), prefix: apiKey.slice(0, 8), createdBy, createdAt: now }).run();

  const published = [];
  for (const s of demoSurveys) {
    const surveyId = crypto.randomUUID();
    const versionId = crypto.randomUUID();
    const ruleId = crypto.randomUUID();
    const created = new Date(now.getTime() - 380 * 86_400_000);
    await db.batch([
      db.insert(surveys).values({ id: surveyId, orgId, title: s.title, draft: s.definition, draftDirty: false, latestVersion: 1, createdAt: created, updatedAt: created }),
      db.insert(surveyVersions).values({ id: versionId, surveyId, version: 1, title: s.title, definition: s.definition, publishedBy: userRows[1]!.id, publishedAt: created }),
      db.insert(distributionRules).values({ id: ruleId, orgId, surveyId, matchTypes: s.rule.types, matchChannels: s.rule.channels.length ? s.rule.channels : null, delayMinutes: s.rule.delayMinutes, expiresAfterDays: s.rule.expiresAfterDays, createdAt: created }),
    ]);
    published.push({ surveyId, versionId, ruleId, rule: s.rule });
  }

  // History: each unit and staff member has a level of its own, and the year drifts upwards.
  const unitBias = new Map(units.map((u, i) => [u, [0.4, -0.3, 0.1, -0.6][i]!]));
  const recordsSince = new Date(now.getTime() - 380 * 86_400_000);
  const unitRows = units.map((name) => ({ id: crypto.randomUUID(), orgId, name, createdAt: recordsSince }));
  const agentRows = staff.map((name) => ({ id: crypto.randomUUID(), orgId, name, createdAt: recordsSince }));
  const unitIds = new Map(unitRows.map((u) => [u.name, u.id]));
  const agentIds = new Map(agentRows.map((a) => [a.name, a.id]));
  const staffBias = new Map(staff.map((s) => [s, (Math.random() - 0.5) * 1.6]));
  const total = opts.interactions ?? 3000;
  const interactionRows: (typeof interactions.$inferInsert)[] = [];
  const invitationRows: (typeof invitations.$inferInsert)[] = [];
  const responseRows: (typeof responses.$inferInsert)[] = [];
  for (let i = 0; i < total; i++) {
    const daysAgo = Math.random() * 365;
    const occurredAt = new Date(now.getTime() - daysAgo * 86_400_000);
    const unit = pick(units);
    const channel = unit === "Customer care line" ? pick(["email", "phone"]) : pick(channels);
    const type = channel === "counter" ? pick(["reception", "purchase", "complaint"]) : pick(["enquiry", "complaint", "delivery"]);
    const agent = pick(staff);
    const customer = `customer${i + 1}@example.net`;
    const interactionId = crypto.randomUUID();
    interactionRows.push({ id: interactionId, orgId, externalId: `DEMO-${String(i + 1).padStart(5, "0")}`, occurredAt, type, channel, customerEmail: customer, customerName: null, unit, agent, unitId: unitIds.get(unit), agentId: agentIds.get(agent), createdAt: occurredAt });
    const target = published.find((p) => p.rule.types.includes(type) && (p.rule.channels.length === 0 || (p.rule.channels as string[]).includes(channel)));
    if (!target) continue;
    const sentAt = new Date(occurredAt.getTime() + target.rule.delayMinutes * 60_000);
    if (sentAt > now) continue;
    const invitationId = crypto.randomUUID();
    const answered = Math.random() < 0.38;
    const respondedAt = answered ? new Date(Math.min(now.getTime(), sentAt.getTime() + Math.random() * 2 * 86_400_000)) : null;
    invitationRows.push({
      id: invitationId, orgId, surveyId: target.surveyId, surveyVersionId: target.versionId, interactionId, ruleId: target.ruleId,
      email: customer, tokenHash: await sha256(await hmac(opts.appSecret, `invitation:${invitationId}`)),
      status: answered ? "responded" : "sent", sendAt: sentAt, sentAt, expiresAt: new Date(sentAt.getTime() + target.rule.expiresAfterDays * 86_400_000),
      attempts: 1, respondedAt, createdAt: occurredAt,
    });
    if (!answered) continue;
    const mood = 0.8 + (unitBias.get(unit) ?? 0) + (staffBias.get(agent) ?? 0) + (type === "complaint" ? -1.2 : 0) + (1 - daysAgo / 365) * 0.5 + (Math.random() - 0.5) * 3;
    const npsScore = clamp(7.6 + mood * 1.4, 0, 10);
    const csatScore = clamp(3.9 + mood * 0.6, 1, 5);
    const cesScore = clamp(5.3 + mood * 0.8, 1, 7);
    const comment = npsScore <= 6 ? pick(["The wait was far too long.", "Nobody called me back as promised.", "I had to explain my problem three times."]) : npsScore >= 9 ? pick(["Quick and friendly, thank you!", `${agent.split(" ")[0]} was very helpful.`, "Problem solved on the first call."]) : undefined;
    const responseId = crypto.randomUUID();
    const context = { unitId: unitIds.get(unit)!, agentId: agentIds.get(agent)!, channel, interactionType: type };
    // Every demo survey asks each of these once, under a question named for its role.
    const scores = ([["nps", npsScore, 0, 10], ["csat", csatScore, 1, 5], ["ces", cesScore, 1, 7]] as const).map(([metric, value, min, max]) => ({ question: metric, metric, series: seriesOf(metric, min, max), value }));
    responseRows.push({
      id: responseId, orgId, invitationId, surveyId: target.surveyId, surveyVersionId: target.versionId,
      data: { nps: npsScore, csat: csatScore, ces: cesScore, ...(comment && { comment }) },
      nps: npsScore, csat: csatScore, ces: cesScore, scores, ...context, interactionAt: occurredAt, createdAt: respondedAt!,
    });
  }
  await insertAll(db, unitsTable, unitRows, opts.maxSqlParams);
  await insertAll(db, agents, agentRows, opts.maxSqlParams);
  await insertAll(db, interactions, interactionRows, opts.maxSqlParams);
  await insertAll(db, invitations, invitationRows, opts.maxSqlParams);
  await insertAll(db, responses, responseRows, opts.maxSqlParams);
  await rebuildRollups({ db, maxSqlParams: opts.maxSqlParams }, { orgId });
  return { seeded: true, apiKey };
}

export { types as demoInteractionTypes, channels as demoChannels, units as demoUnits };
