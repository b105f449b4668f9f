// The dispatch benchmark's world: a libSQL file with an organisation, its surveys and live rules, generated
// interactions, and the service context the ingestion service is called with.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { openLibsql } from "../../db/libsql";
import { migrateLibsql } from "../../db/migrate";
import { distributionRules, organisations, surveyVersions, surveys, units } from "../../db/schema";
import { randomSource } from "../../db/seed/random";
import type { AppSettings } from "../../server/config";
import type { InteractionInput } from "../../server/features/interactions/interactions.schemas";
import type { OrgContext } from "../../server/lib/service-context";
import { createDevMailbox } from "../../server/mail/dev-mailbox";
import { wireReactions } from "../../server/reactions";

const DAY = 86_400_000;
// The same on every process of a run: a batch resent after a restart must render byte for byte as it first did.
export const BENCH_SECRET = "bench-secret-bench-secret-bench-secret!";

export const benchSettings = (over: Partial<AppSettings> = {}): AppSettings => ({
  publicUrl: "https://rapport.bench",
  appSecret: BENCH_SECRET,
  mailFrom: "Rapport <surveys@rapport.bench>",
  mailRatePerSecond: 2,
  devMailbox: false,
  production: false,
  // As the Node entry runs it.
  maxSqlParams: 999,
  ...over,
});

/** Closes the file's connection, so the file can go. */
export const closeDatabase = (db: Db) => (db as unknown as { $client: Client }).$client.close();

export async function openBenchDatabase(dir = mkdtempSync(join(tmpdir(), "rapport-bench-dispatch-")), name = "bench.db") {
  const file = join(dir, name);
  const db = await openLibsql(`file:${file}`);
  await migrateLibsql(db, "db/migrations");
  return { db, file, dir };
}

type NewRule = Omit<typeof distributionRules.$inferInsert, "orgId" | "surveyId">;

/**
 * The rules of the rules pass: a complaint follow-up with two reminders and its own 7-day gap, a half sample of
 * good customers served in person or by phone with one reminder and the organisation's 30-day gap, and a fifth of
 * enquiries with no reminder.
 */
export const liveRules: { title: string; rule: NewRule }[] = [
  { title: "After a complaint", rule: { matchTypes: ["complaint"], delayMinutes: 60, expiresAfterDays: 14, samplePercent: 100, reminderDays: [3, 4], contactGapDays: 7 } },
  {
    title: "After a visit or call",
    rule: { matchChannels: ["phone", "counter"], matchAttributes: [{ key: "tier", op: "is-one-of", value: ["gold", "silver"] }], delayMinutes: 1440, expiresAfterDays: 7, samplePercent: 50, reminderDays: [3] },
  },
  { title: "After an enquiry", rule: { matchTypes: ["enquiry"], delayMinutes: 0, expiresAfterDays: 7, samplePercent: 20 } },
];

/** Everything once a rule selects it: no delay, no sampling, no reminders, no contact gap. */
export const everyInteraction: { title: string; rule: NewRule }[] = [
  { title: "After service", rule: { delayMinutes: 0, expiresAfterDays: 7, samplePercent: 100, contactGapDays: 0 } },
];

/** An organisation with a published survey per rule; quiet hours and a zone as given. */
export async function seedOrganisation(
  db: Db,
  opts: { rules: { title: string; rule: NewRule }[]; quiet: boolean; timeZone?: string; unitZones?: boolean; createdAt: Date },
) {
  const orgId = crypto.randomUUID();
  const created = opts.createdAt;
  await db
    .insert(organisations)
    .values({ id: orgId, name: "Bench dispatch", timeZone: opts.timeZone ?? "UTC", contactGapDays: 30, quietStartMinute: opts.quiet ? 21 * 60 : null, quietEndMinute: opts.quiet ? 8 * 60 : null, createdAt: created })
    .run();
  const definition = { pages: [{ name: "p1", elements: [{ type: "rating", name: "nps", title: "Recommend us?", rateMin: 0, rateMax: 10, metric: "nps", isRequired: true }] }] };
  for (const { title, rule } of opts.rules) {
    const surveyId = crypto.randomUUID();
    await db.insert(surveys).values({ id: surveyId, orgId, title, draft: definition, draftDirty: false, latestVersion: 1, createdAt: created, updatedAt: created }).run();
    await db.insert(surveyVersions).values({ surveyId, version: 1, title, definition, publishedAt: created }).run();
    await db.insert(distributionRules).values({ ...rule, orgId, surveyId, createdAt: created }).run();
  }
  if (opts.unitZones) {
    const zones = ["Europe/Berlin", "Europe/Lisbon", "America/New_York", "Asia/Kolkata"];
    await db.insert(units).values(Array.from({ length: 20 }, (_, i) => ({ orgId, name: `Unit ${i + 1}`, timeZone: i % 2 === 0 ? zones[(i / 2) % zones.length]! : null, createdAt: created }))).run();
  }
  return orgId;
}

export const setRulesActive = (db: Db, orgId: string, active: boolean) => db.update(distributionRules).set({ active }).where(eq(distributionRules.orgId, orgId)).run();

/** The context the ingestion service takes, acting for the organisation at `now`. */
export const orgContext = (db: Db, orgId: string, now: Date, settings = benchSettings()): OrgContext => ({
  db,
  orgId,
  now,
  settings,
  mailer: createDevMailbox(db),
  reactions: wireReactions(),
  requestId: "bench",
  actor: { kind: "system", name: "bench" },
});

/**
 * `count` interactions over the `days` before `now`, as a system of record posts them: a mix of types, channels and
 * 20 units, `customers` distinct addresses (so some customers come back), a zone for some customers and attributes.
 */
export function generateInteractions(count: number, opts: { now: Date; days: number; customers: number; seed: number; prefix: string }): InteractionInput[] {
  const rng = randomSource(opts.seed);
  const zones = ["Europe/Berlin", "America/Sao_Paulo", "Australia/Sydney", "Asia/Kolkata"];
  const types = [
    ["complaint", 0.2],
    ["enquiry", 0.5],
    ["repair", 0.3],
  ] as const;
  const channels = [
    ["phone", 0.4],
    ["email", 0.35],
    ["counter", 0.25],
  ] as const;
  const tiers = [
    ["gold", 0.2],
    ["silver", 0.3],
    ["bronze", 0.5],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const n = Math.floor(rng.next() * opts.customers);
    return {
      externalId: `${opts.prefix}-${i}`,
      occurredAt: new Date(opts.now.getTime() - 60_000 - Math.floor(rng.next() * opts.days * DAY)).toISOString(),
      type: rng.weighted(types),
      channel: rng.weighted(channels),
      customer: { email: `customer-${n}@example.org`, name: `Customer ${n}`, ...(n % 3 === 0 && { timezone: zones[n % zones.length]! }) },
      unit: `Unit ${1 + Math.floor(rng.next() * 20)}`,
      attributes: { tier: rng.weighted(tiers), visits: 1 + Math.floor(rng.next() * 20) },
    };
  });
}

/** Interactions an hour ago, each from a customer of its own, for the dispatch runs. */
export const distinctInteractions = (count: number, now: Date, prefix: string): InteractionInput[] =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    occurredAt: new Date(now.getTime() - 3_600_000).toISOString(),
    type: "enquiry",
    channel: "email",
    customer: { email: `recipient-${i}@example.org`, name: `Recipient ${i}` },
  }));
