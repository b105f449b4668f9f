// Seeds the demo organisation once: people, two published surveys with rules, and a year of history that tells a story.
import { eq, getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { runBatch, type Db } from "../client";
import { randomSource } from "./random";
import { agents, apiKeys, customers, distributionRules, interactions, invitations, organisations, responses, surveyVersions, surveys, units as unitsTable, users } from "../schema";
import { AnswerValidator } from "../../server/domain/survey-definition";
import { hashPassword, hmac, sha256 } from "../../server/lib/crypto";
import { chunk, rowsPerStatement } from "../../server/lib/chunk";
import { UnitOfWork } from "../../server/lib/service-context";
import { rebuildRollups } from "../../server/features/analytics/rollups.service";
import { wireReactions } from "../../server/reactions";
import { demoSurveys, serviceCentreSurvey } from "./demo-surveys";

export const DEMO_PASSWORD = "demo-password";
export const demoUsers = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
  { email: "manager@example.com", name: "Mina Manager", role: "manager" },
  { email: "reviewer@example.com", name: "Rui Reviewer", role: "reviewer" },
] as const;

const DAY = 86_400_000;
const units = ["Central service centre", "North branch", "Harbour branch", "Customer care line"];
const channels = ["email", "phone", "counter"];
const types = ["enquiry", "complaint", "delivery", "reception", "purchase"];

/**
 * What a reviewer can find in the demo's year (the test of the seed checks each one holds):
 * - Harbour branch dips from five to three months ago (building work: half its counters closed) and recovers;
 * - phone is clearly the slowest channel on "time taken" (hold queues);
 * - "time taken" drives NPS most and performs worst, so the drivers say to concentrate there;
 * - staff who joined a fortnight ago have a handful of answers beside colleagues with about 300;
 * - Tom at Harbour branch is reliably less liked than his colleagues, Noor at North branch more;
 * - comments fall into waiting time, staff attitude, resolution, communication, environment and price.
 */
export const demoStory = {
  timeZone: "Europe/London",
  dippingUnit: "Harbour branch",
  dip: { fromDaysAgo: 153, toDaysAgo: 92 },
  slowChannel: "phone",
  leadingDriver: "dimension:time-taken",
  newStaff: ["Yuki P.", "Finn Q."],
  busiestStaff: "Alex A.",
  weakStaff: "Tom I.",
  strongStaff: "Noor F.",
} as const;

type Member = { name: string; unit: string; weight: number; warmth: number; joinedDaysAgo?: number };
// `weight`: their share of the unit's interactions; `warmth`: how customers take to them.
const team: Member[] = [
  { name: "Alex A.", unit: "Central service centre", weight: 1.7, warmth: 0.2 },
  { name: "Sam B.", unit: "Central service centre", weight: 1.2, warmth: 0.1 },
  { name: "Jo C.", unit: "Central service centre", weight: 1, warmth: 0 },
  { name: "Kai D.", unit: "Central service centre", weight: 1, warmth: -0.2 },
  { name: "Lee E.", unit: "Central service centre", weight: 0.8, warmth: 0.2 },
  { name: "Yuki P.", unit: "Central service centre", weight: 0.15, warmth: 0.3, joinedDaysAgo: 16 },
  { name: "Noor F.", unit: "North branch", weight: 1.5, warmth: 0.8 },
  { name: "Ravi G.", unit: "North branch", weight: 1, warmth: 0 },
  { name: "Mei H.", unit: "North branch", weight: 1, warmth: 0.1 },
  { name: "Finn Q.", unit: "North branch", weight: 0.18, warmth: -0.1, joinedDaysAgo: 12 },
  { name: "Tom I.", unit: "Harbour branch", weight: 1.4, warmth: -0.9 },
  { name: "Ana J.", unit: "Harbour branch", weight: 1, warmth: 0.1 },
  { name: "Ivo K.", unit: "Harbour branch", weight: 1, warmth: 0 },
  { name: "Zoe L.", unit: "Harbour branch", weight: 0.9, warmth: 0.2 },
  { name: "Ben M.", unit: "Harbour branch", weight: 0.6, warmth: -0.1 },
  { name: "Lia N.", unit: "Customer care line", weight: 1.6, warmth: 0.2 },
  { name: "Omar O.", unit: "Customer care line", weight: 1.3, warmth: -0.1 },
  { name: "Eva R.", unit: "Customer care line", weight: 1, warmth: 0.3 },
  { name: "Gus S.", unit: "Customer care line", weight: 1, warmth: 0 },
  { name: "Hana T.", unit: "Customer care line", weight: 0.7, warmth: 0.1 },
];
const staff = team.map((m) => m.name);

const unitProfile: Record<string, { share: number; mood: number; environment: number; location: number; channels: [string, number][] }> = {
  "Central service centre": { share: 0.32, mood: 0.15, environment: 0.4, location: 0.3, channels: [["counter", 0.7], ["phone", 0.2], ["email", 0.1]] },
  "North branch": { share: 0.2, mood: 0.1, environment: 0, location: -0.3, channels: [["counter", 0.7], ["phone", 0.2], ["email", 0.1]] },
  "Harbour branch": { share: 0.22, mood: 0, environment: -0.1, location: 0.1, channels: [["counter", 0.7], ["phone", 0.2], ["email", 0.1]] },
  "Customer care line": { share: 0.26, mood: -0.1, environment: 0, location: 0, channels: [["phone", 0.7], ["email", 0.3]] },
};
const typesAt: Record<string, [string, number][]> = {
  counter: [["reception", 0.35], ["purchase", 0.3], ["enquiry", 0.2], ["complaint", 0.15]],
  remote: [["enquiry", 0.45], ["delivery", 0.35], ["complaint", 0.2]],
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

type Theme = "waiting" | "attitude" | "resolution" | "communication" | "environment" | "price";
// Several ways of saying each thing, as customers do; `{name}` is the staff member's first name.
const remarks: Record<Theme, { good: string[]; bad: string[] }> = {
  waiting: {
    good: [
      "I was seen within five minutes of arriving, which I did not expect.",
      "Quick service, in and out in no time.",
      "No queue at all and the whole thing took ten minutes.",
      "They answered the phone straight away, no waiting on hold.",
      "Fast and efficient, I was back at work within the hour.",
      "Much quicker than last time, well done.",
    ],
    bad: [
      "The wait was far too long, nearly an hour before anyone saw me.",
      "I was on hold for 40 minutes before someone picked up.",
      "Long queue and only one person serving.",
      "It took three visits and weeks of waiting to get this done.",
      "Far too slow. I waited ages just to be told to come back tomorrow.",
      "The hold music for half an hour is not a service.",
      "Waiting time is ridiculous, I lost my whole lunch break in the queue.",
    ],
  },
  attitude: {
    good: [
      "{name} was very helpful and genuinely friendly.",
      "The staff were polite and patient with my elderly mother.",
      "{name} went out of their way to help, thank you!",
      "Lovely, kind staff who made me feel welcome.",
      "Really friendly team, nothing was too much trouble.",
    ],
    bad: [
      "The person at the desk was rude and clearly did not want to help.",
      "I felt like a nuisance. Not a smile or a hello.",
      "Staff were dismissive and talked over me.",
      "Unfriendly and impatient, I will not be asking for {name} again.",
      "The attitude of the staff member was unprofessional.",
    ],
  },
  resolution: {
    good: [
      "Problem solved on the first call.",
      "Everything was sorted in one visit, exactly what I needed.",
      "They fixed the issue properly, it has not come back.",
      "My complaint was resolved quickly and fairly.",
      "Got a real solution rather than a runaround.",
    ],
    bad: [
      "My problem is still not solved after two visits.",
      "Nobody could fix the issue, they just passed me to another department.",
      "I left without a solution and no idea what happens next.",
      "The fix did not work and I had to come back again.",
      "Still unresolved. I have explained the same problem three times now.",
    ],
  },
  communication: {
    good: [
      "{name} explained everything clearly and checked I understood.",
      "Clear information about what would happen next.",
      "They kept me informed with a text update at each step.",
      "Good listener, explained the options without jargon.",
    ],
    bad: [
      "Nobody called me back as promised.",
      "I was told one thing on the phone and something else at the counter.",
      "No updates at all, I had to chase them every time.",
      "The explanation was confusing and full of jargon.",
      "I had to explain my problem three times to three different people.",
    ],
  },
  environment: {
    good: [
      "Clean, bright waiting area with plenty of seats.",
      "Nice comfortable waiting room and easy to find.",
      "Easy parking right outside, and the building is accessible.",
      "The counters look smart and it is calm and quiet inside.",
    ],
    bad: [
      "The waiting area was dirty and there were not enough seats.",
      "Very noisy inside and far too hot.",
      "Parking is impossible near the branch.",
      "Hard to find the entrance, the signs are confusing.",
    ],
  },
  price: {
    good: [
      "Fair price for the work and no hidden fees.",
      "Cheaper than I expected, good value.",
      "The cost was explained up front, no surprises on the bill.",
    ],
    bad: [
      "Too expensive for what it was.",
      "The fee was much higher than the price on the website.",
      "I was charged twice and am still waiting for the refund.",
      "Expensive, and the extra charge was never mentioned.",
    ],
  },
};
// Said at Harbour branch while half its counters were closed for building work.
const buildingWork = [
  "With the building work going on there was nowhere to sit and only two counters open.",
  "Dust and noise from the renovation everywhere, and a very long queue.",
  "Half the counters were closed for the works, so the wait was endless.",
];

const dimensionTheme: Record<string, Theme> = {
  "time-taken": "waiting",
  solution: "resolution",
  "communication-skills": "communication",
  "reception-environment": "environment",
  location: "environment",
};

type Rng = ReturnType<typeof randomSource>;

/** One respondent's answers to the service centre survey, from the visit's circumstances. */
function serviceCentreAnswers(rng: Rng, v: { unit: string; channel: string; type: string; member: Member; daysAgo: number }) {
  const profile = unitProfile[v.unit]!;
  const dipping = v.unit === demoStory.dippingUnit && v.daysAgo <= demoStory.dip.fromDaysAgo && v.daysAgo >= demoStory.dip.toDaysAgo;
  const complaint = v.type === "complaint";
  const mood = profile.mood + v.member.warmth * 0.5 + 0.3 * (1 - v.daysAgo / 365) + (complaint ? -0.6 : 0) + rng.normal(0.6);
  const visited = v.channel === "counter";
  const dims: Record<string, number | undefined> = {
    "time-taken": clamp(3.3 + 0.5 * mood - (v.channel === demoStory.slowChannel ? 1.1 : 0) - (dipping ? 1.4 : 0) + rng.normal(0.9), 1, 5),
    solution: clamp(4.1 + 0.6 * mood - (complaint ? 0.5 : 0) + rng.normal(0.7), 1, 5),
    "communication-skills": clamp(4 + 0.4 * mood + v.member.warmth * 0.7 + rng.normal(0.7), 1, 5),
    // Callers and writers mostly skip the questions about the building.
    "reception-environment": visited || rng.next() < 0.15 ? clamp(3.6 + 0.2 * mood + profile.environment - (dipping ? 0.9 : 0) + rng.normal(0.8), 1, 5) : undefined,
    location: visited || rng.next() < 0.15 ? clamp(4.1 + 0.1 * mood + profile.location + rng.normal(0.6), 1, 5) : undefined,
  };
  for (const key of ["solution", "communication-skills"]) if (rng.next() < 0.04) dims[key] = undefined;
  const d = (k: string, centre: number) => (dims[k] ?? centre) - centre;
  const nps = clamp(7.6 + 1.2 * d("time-taken", 3) + 0.8 * d("solution", 4) + 0.45 * d("communication-skills", 4) + 0.1 * d("reception-environment", 3.6) + 0.03 * d("location", 4.1) + rng.normal(1.1), 0, 10);
  const csat = clamp(3.9 + 0.3 * d("time-taken", 3) + 0.35 * d("solution", 4) + 0.25 * d("communication-skills", 4) + rng.normal(0.55), 1, 5);
  const loyalty = clamp(3.9 + 0.3 * (nps - 7.5) + rng.normal(0.6), 1, 5);
  const answers: Record<string, string | number> = { nps, csat, loyalty };
  for (const [k, value] of Object.entries(dims)) if (value !== undefined) answers[k] = value;
  const text = serviceCentreComment(rng, { nps, dims, member: v.member, type: v.type, dipping });
  if (text) answers.comment = text;
  return answers;
}

function serviceCentreComment(rng: Rng, r: { nps: number; dims: Record<string, number | undefined>; member: Member; type: string; dipping: boolean }) {
  const band = r.nps <= 6 ? "bad" : r.nps >= 9 ? "good" : "mixed";
  if (rng.next() > (band === "bad" ? 0.6 : band === "good" ? 0.4 : 0.3)) return undefined;
  const rated = Object.entries(r.dims).filter((e): e is [string, number] => e[1] !== undefined);
  const byScore = [...rated].sort((a, b) => a[1] - b[1] || rng.next() - 0.5);
  const themeOf = (dimension: string, good: boolean): Theme => {
    if (r.type === "purchase" && rng.next() < 0.3) return "price";
    const theme = dimensionTheme[dimension]!;
    if (theme === "communication" && (good ? r.member.warmth > 0 : r.member.warmth < 0) && rng.next() < 0.6) return "attitude";
    return theme;
  };
  const say = (theme: Theme, good: boolean) => rng.pick(remarks[theme][good ? "good" : "bad"]).replace("{name}", r.member.name.split(" ")[0]!);
  if (band === "bad") {
    const worst = byScore[0]![0];
    if (r.dipping && (worst === "time-taken" || worst === "reception-environment") && rng.next() < 0.6) return rng.pick(buildingWork);
    const first = say(themeOf(worst, false), false);
    return rng.next() < 0.25 ? `${first} ${say(themeOf(byScore[1]?.[0] ?? worst, false), false)}` : first;
  }
  if (band === "good") return say(themeOf(byScore[byScore.length - 1]![0], true), true);
  const good = say(themeOf(byScore[byScore.length - 1]![0], true), true);
  const bad = say(themeOf(byScore[0]![0], false), false);
  const keepsCapital = /^(I|[A-Z][a-z]+ (was|explained|went))\b/.test(bad);
  return `${good.replace(/[.!]$/, "")}, but ${keepsCapital ? bad : `${bad.charAt(0).toLowerCase()}${bad.slice(1)}`}`;
}

/** Answers to the short after-delivery survey. */
function afterServiceAnswers(rng: Rng, v: { unit: string; member: Member; daysAgo: number; type: string }) {
  const mood = unitProfile[v.unit]!.mood + v.member.warmth * 0.5 + 0.3 * (1 - v.daysAgo / 365) + rng.normal(0.9);
  const csat = clamp(4 + 0.7 * mood, 1, 5);
  const ces = clamp(5.4 + 0.9 * mood + rng.normal(0.6), 1, 7);
  const nps = clamp(7.8 + 1.5 * mood + rng.normal(0.8), 0, 10);
  const answers: Record<string, string | number> = { csat, ces, nps };
  if (rng.next() < 0.35) {
    const good = nps >= 8;
    const theme = rng.weighted<Theme>([["waiting", 3], ["communication", 2], ["resolution", 2], ["attitude", 1], ["price", 1]]);
    answers.comment = rng.pick(remarks[theme][good ? "good" : "bad"]).replace("{name}", v.member.name.split(" ")[0]!);
  }
  return answers;
}

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

// Answers are stored as live ones are, a few hundred to a unit of work.
const RESPONSES_PER_BATCH = 200;

/** Seeds when the database has no organisation yet; returns whether it did. */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<{ seeded: boolean; apiKey?: string }> {
  if (await db.select({ id: organisations.id }).from(organisations).limit(1).get()) return { seeded: false };
  const { now, maxSqlParams } = opts;
  const rng = randomSource(20_261_014);
  const orgId = crypto.randomUUID();
  const { timeZone } = demoStory;
  await db.insert(organisations).values({ id: orgId, name: "Demo Services Ltd", timeZone, createdAt: now }).run();
  const passwordHash = await hashPassword(DEMO_PASSWORD, opts.passwordIterations);
  const userRows = demoUsers.map((u) => ({ id: crypto.randomUUID(), orgId, ...u, passwordHash, createdAt: now }));
  await db.insert(users).values(userRows).run();
  const apiKey = await demoApiKey(opts.appSecret);
  const createdBy = userRows.find((u) => u.role === "admin")?.id;
  await db.insert(apiKeys).values({ orgId, name: "Demo helpdesk", keyHash: await sha256(apiKey), prefix: apiKey.slice(0, 8), createdBy, createdAt: now }).run();

  const created = new Date(now.getTime() - 380 * DAY);
  const published = [];
  for (const s of demoSurveys) {
    const surveyId = crypto.randomUUID();
    const versionId = crypto.randomUUID();
    const ruleId = crypto.randomUUID();
    await db.batch([
      db.insert(surveys).values({ id: surveyId, orgId, title: s.title, draft: s.definition, draftDirty: false, latestVersion: 1, createdAt: created, updatedAt: created }),
      db.insert(surveyVersions).values({ id: versionId, surveyId, version: 1, title: s.title, definition: s.definition, publishedBy: userRows[1]!.id, publishedAt: created }),
      db.insert(distributionRules).values({ id: ruleId, orgId, surveyId, matchTypes: s.rule.types, matchChannels: s.rule.channels.length ? s.rule.channels : null, delayMinutes: s.rule.delayMinutes, expiresAfterDays: s.rule.expiresAfterDays, createdAt: created }),
    ]);
    published.push({ surveyId, versionId, ruleId, survey: s });
  }

  const unitRows = units.map((name) => ({ id: crypto.randomUUID(), orgId, name, createdAt: created }));
  const agentRows = team.map((m) => ({ id: crypto.randomUUID(), orgId, name: m.name, createdAt: m.joinedDaysAgo ? new Date(now.getTime() - m.joinedDaysAgo * DAY) : created }));
  const unitIds = new Map(unitRows.map((u) => [u.name, u.id]));
  const agentIds = new Map(agentRows.map((a) => [a.name, a.id]));
  const unitShares = units.map((u) => [u, unitProfile[u]!.share] as const);

  const total = opts.interactions ?? 9_800;
  const customerRows: (typeof customers.$inferInsert)[] = [];
  const interactionRows: (typeof interactions.$inferInsert)[] = [];
  const invitationRows: (typeof invitations.$inferInsert)[] = [];
  const answered: { invitation: { id: string; sentAt: Date; email: string }; target: (typeof published)[number]; answers: Record<string, unknown>; at: Date; context: { unitId: string; agentId: string; channel: string; interactionType: string; interactionAt: Date } }[] = [];
  for (let i = 0; i < total; i++) {
    // Opening hours, 08:00 to 18:00 UTC, on one of the last 365 days.
    const day = Math.floor(rng.next() * 365);
    const occurredAt = new Date(Math.floor(now.getTime() / DAY) * DAY - day * DAY + (8 + rng.next() * 10) * 3_600_000);
    if (occurredAt > now) continue;
    const daysAgo = (now.getTime() - occurredAt.getTime()) / DAY;
    const unit = rng.weighted(unitShares);
    const channel = rng.weighted(unitProfile[unit]!.channels);
    const type = rng.weighted(typesAt[channel === "counter" ? "counter" : "remote"]!);
    const member = rng.weighted(team.filter((m) => m.unit === unit && (m.joinedDaysAgo ?? 400) > daysAgo).map((m) => [m, m.weight] as const));
    const customer = `customer${i + 1}@example.net`;
    const interactionId = crypto.randomUUID();
    const customerId = crypto.randomUUID();
    customerRows.push({ id: customerId, orgId, email: customer, createdAt: occurredAt, updatedAt: occurredAt });
    const context = { unitId: unitIds.get(unit)!, agentId: agentIds.get(member.name)!, channel, interactionType: type, interactionAt: occurredAt };
    interactionRows.push({ id: interactionId, orgId, externalId: `DEMO-${String(i + 1).padStart(5, "0")}`, occurredAt, type, channel, customerEmail: customer, customerName: null, unit, agent: member.name, unitId: context.unitId, agentId: context.agentId, customerId, createdAt: occurredAt });
    const target = published.find((p) => p.survey.rule.types.includes(type) && (p.survey.rule.channels.length === 0 || p.survey.rule.channels.includes(channel)));
    if (!target) continue;
    const sentAt = new Date(occurredAt.getTime() + target.survey.rule.delayMinutes * 60_000);
    if (sentAt > now) continue;
    const invitationId = crypto.randomUUID();
    const invitation = {
      id: invitationId, orgId, surveyId: target.surveyId, surveyVersionId: target.versionId, interactionId, ruleId: target.ruleId,
      customerId, email: customer, tokenHash: await sha256(await hmac(opts.appSecret, `invitation:${invitationId}`)),
      status: "sent" as const, sendAt: sentAt, sentAt, expiresAt: new Date(sentAt.getTime() + target.survey.rule.expiresAfterDays * DAY),
      attempts: 1, createdAt: occurredAt,
    };
    invitationRows.push(invitation);
    if (rng.next() >= 0.42) continue;
    const at = new Date(Math.min(now.getTime(), sentAt.getTime() + rng.next() ** 2 * 2 * DAY));
    const visit = { unit, channel, type, member, daysAgo };
    const answers = target.survey === serviceCentreSurvey ? serviceCentreAnswers(rng, visit) : afterServiceAnswers(rng, visit);
    answered.push({ invitation, target, answers, at, context });
  }
  await insertAll(db, unitsTable, unitRows, maxSqlParams);
  await insertAll(db, agents, agentRows, maxSqlParams);
  await insertAll(db, customers, customerRows, maxSqlParams);
  await insertAll(db, interactions, interactionRows, maxSqlParams);
  await insertAll(db, invitations, invitationRows, maxSqlParams);

  // The answers go through the same checks and the same event as live ones, so the rollups, comments and
  // invitations' statuses are written by the features that own them, exactly as in production.
  const validator = new AnswerValidator();
  const reactions = wireReactions();
  const perInsert = rowsPerStatement(maxSqlParams, Object.keys(getTableColumns(responses)).length);
  answered.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const part of chunk(answered, RESPONSES_PER_BATCH)) {
    const work = new UnitOfWork(db, reactions, maxSqlParams);
    const recorded = part.map(({ invitation, target, answers, at, context }) => {
      const result = validator.check(target.versionId, target.survey.definition, answers);
      if (!result.ok) throw new Error(`A demo answer does not fit its survey: ${result.errors.map((e) => e.message).join("; ")}`);
      const row = {
        id: crypto.randomUUID(), orgId, invitationId: invitation.id, surveyId: target.surveyId, surveyVersionId: target.versionId,
        data: result.data, nps: result.metrics.nps ?? null, csat: result.metrics.csat ?? null, ces: result.metrics.ces ?? null,
        scores: result.scores, customerEmail: invitation.email, ...context, createdAt: at,
      };
      return { row, result, invitation, context, at };
    });
    work.add(...chunk(recorded.map((r) => r.row), perInsert).map((rows) => db.insert(responses).values(rows)));
    for (const { row, result, invitation, context, at } of recorded) {
      await work.raise({
        type: "response.recorded", orgId, timeZone, invitationId: invitation.id, invitationSentAt: invitation.sentAt, responseId: row.id,
        surveyId: row.surveyId, surveyVersionId: row.surveyVersionId, metrics: result.metrics, scores: result.scores, comments: result.comments, context, at,
      });
    }
    await work.commit();
  }
  // The invitations sent but never answered reach the response rate's rollups only through a rebuild.
  await rebuildRollups({ db, maxSqlParams }, { orgId });
  return { seeded: true, apiKey };
}

export { types as demoInteractionTypes, channels as demoChannels, units as demoUnits, staff as demoStaff };
