// Seeds the demo organisation once: people, two published surveys with rules, and a year of history that tells a story.
import { eq, getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { runBatch, type Db } from "../client";
import { randomSource } from "./random";
import { agents, apiKeys, customers, distributionRules, interactions, invitations, organisations, responses, ruleDecisions, suppressions, surveyVersions, surveys, units as unitsTable, userUnits, users } from "../schema";
import { seedReviewProcess } from "./demo-review";
import { decideBatch, type ContactSettings, type Rule } from "../../server/domain/distribution";
import { AnswerValidator } from "../../server/domain/survey-definition";
import { hashPassword, hmac, sha256 } from "../../server/lib/crypto";
import { chunk, rowsPerStatement } from "../../server/lib/chunk";
import { UnitOfWork } from "../../server/lib/service-context";
import { rebuildRollups } from "../../server/features/analytics/rollups.service";
import { wireReactions } from "../../server/reactions";
import { afterServiceSurvey, demoSurveys, serviceCentreSurvey, type DemoSurvey } from "./demo-surveys";

export const DEMO_PASSWORD = "demo-password";
export const demoUsers = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
  { email: "manager@example.com", name: "Mina Manager", role: "manager" },
  { email: "reviewer@example.com", name: "Rui Reviewer", role: "reviewer" },
  // Noor F. of North branch, who sees her own scorecard and works the cases given to her.
  { email: "agent@example.com", name: "Noor F.", role: "agent" },
  // The Harbour branch's manager, who sees and works that branch's cases only.
  { email: "harbour.manager@example.com", name: "Hal Harbour", role: "manager" },
] as const;

const DAY = 86_400_000;
const units = ["Central service centre", "North branch", "Harbour branch", "Customer care line"];
const channels = ["email", "phone", "counter"];
const types = ["enquiry", "complaint", "delivery", "reception", "purchase"];

// Distribution as the demo runs it: one reminder after three days for both surveys, and only four in five
// deliveries surveyed; one survey per customer every 30 days and nothing sent at night.
const distribution = new Map<DemoSurvey, { samplePercent: number; reminderDays: number[] }>([
  [afterServiceSurvey, { samplePercent: 80, reminderDays: [3] }],
  [serviceCentreSurvey, { samplePercent: 100, reminderDays: [3] }],
]);
const contact: ContactSettings = { gapDays: 30, quiet: { startMinute: 21 * 60, endMinute: 8 * 60 } };
// Of the interactions, how many are a customer's second visit within a month; of the emails, what became of them.
const RETURNING = 0.07;
const ANSWER_RATE = 0.45;
const fates = { reopened: 0.004, failed: 0.004, failedLately: 0.03, bounced: 0.015, complained: 0.001, unsubscribed: 0.006, visitedOnly: 0.12, answeredAfterReminder: 0.25 };
const providerRefusals = [
  { attempts: 1, lastError: "Invalid `to` field. The email address needs to follow the `email@example.com` format." },
  { attempts: 8, lastError: "The mail provider answered 503 Service Unavailable eight times; giving up." },
  { attempts: 1, lastError: "This domain is not verified for sending. Verify it in the provider's dashboard." },
];
const bounceDetail = (email: string) => `550 5.1.1 <${email}>: Recipient address rejected: User unknown in virtual mailbox table`;

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
  { name: "Yuki P.", unit: "Central service centre", weight: 0.35, warmth: 0.3, joinedDaysAgo: 16 },
  { name: "Noor F.", unit: "North branch", weight: 1.5, warmth: 0.8 },
  { name: "Ravi G.", unit: "North branch", weight: 1, warmth: 0 },
  { name: "Mei H.", unit: "North branch", weight: 1, warmth: 0.1 },
  { name: "Finn Q.", unit: "North branch", weight: 0.4, warmth: -0.1, joinedDaysAgo: 12 },
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

const JUST_ARRIVED = 6;
type Context = { unitId: string; agentId: string; channel: string; interactionType: string; interactionAt: Date };
type Visit = { id: string; externalId: string; occurredAt: Date; daysAgo: number; unit: string; channel: string; type: string; member: Member; customer: { id: string; email: string }; context: Context };
type Published = { surveyId: string; versionId: string; ruleId: string; survey: DemoSurvey };
type Answered = { invitation: { id: string; sentAt: Date; email: string }; target: Published; answers: Record<string, unknown>; at: Date; context: Context };

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
  // Sampling hashes the rule's and the customer's ids: seeded ids make every fresh demo sample the same customers.
  const ids = randomSource(20_261_016);
  const seededId = () => {
    const hex = Array.from({ length: 4 }, () => Math.floor(ids.next() * 2 ** 32).toString(16).padStart(8, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const orgId = crypto.randomUUID();
  const { timeZone } = demoStory;
  await db
    .insert(organisations)
    .values({ id: orgId, name: "Demo Services Ltd", timeZone, contactGapDays: contact.gapDays, quietStartMinute: contact.quiet!.startMinute, quietEndMinute: contact.quiet!.endMinute, createdAt: now })
    .run();
  const passwordHash = await hashPassword(DEMO_PASSWORD, opts.passwordIterations);
  const userRows = demoUsers.map((u) => ({ id: crypto.randomUUID(), orgId, ...u, passwordHash, createdAt: now }));
  await db.insert(users).values(userRows).run();
  const apiKey = await demoApiKey(opts.appSecret);
  const createdBy = userRows.find((u) => u.role === "admin")?.id;
  await db.insert(apiKeys).values({ orgId, name: "Demo helpdesk", keyHash: await sha256(apiKey), prefix: apiKey.slice(0, 8), createdBy, createdAt: now }).run();

  const created = new Date(now.getTime() - 380 * DAY);
  const published: Published[] = [];
  for (const s of demoSurveys) {
    const surveyId = crypto.randomUUID();
    const versionId = crypto.randomUUID();
    const ruleId = seededId();
    await db.batch([
      db.insert(surveys).values({ id: surveyId, orgId, title: s.title, draft: s.definition, draftDirty: false, latestVersion: 1, createdAt: created, updatedAt: created }),
      db.insert(surveyVersions).values({ id: versionId, surveyId, version: 1, title: s.title, definition: s.definition, publishedBy: userRows[1]!.id, publishedAt: created }),
      db.insert(distributionRules).values({ id: ruleId, orgId, surveyId, matchTypes: s.rule.types, matchChannels: s.rule.channels.length ? s.rule.channels : null, delayMinutes: s.rule.delayMinutes, expiresAfterDays: s.rule.expiresAfterDays, ...distribution.get(s), createdAt: created }),
    ]);
    published.push({ surveyId, versionId, ruleId, survey: s });
  }

  const unitRows = units.map((name) => ({ id: crypto.randomUUID(), orgId, name, createdAt: created }));
  const agentRows = team.map((m) => ({ id: crypto.randomUUID(), orgId, name: m.name, createdAt: m.joinedDaysAgo ? new Date(now.getTime() - m.joinedDaysAgo * DAY) : created }));
  const unitIds = new Map(unitRows.map((u) => [u.name, u.id]));
  const agentIds = new Map(agentRows.map((a) => [a.name, a.id]));
  const unitShares = units.map((u) => [u, unitProfile[u]!.share] as const);
  const demoAgent = userRows.find((u) => u.role === "agent")!;
  const harbourManager = userRows.find((u) => u.email === "harbour.manager@example.com")!;

  const total = opts.interactions ?? 9_800;
  const customerRows: (typeof customers.$inferInsert)[] = [];
  const visits: Visit[] = [];
  // A handful more in the last three hours: some of their invitations are still scheduled when the demo opens.
  for (let i = 0; i < total + JUST_ARRIVED; i++) {
    let occurredAt: Date;
    let customer: { id: string; email: string } | undefined;
    if (i >= total) {
      occurredAt = new Date(now.getTime() - (10 + 30 * (i - total)) * 60_000);
    } else if (visits.length > 50 && rng.next() < RETURNING) {
      // A customer back within a month of an earlier visit, at the same time of day.
      const before = rng.pick(visits);
      occurredAt = new Date(before.occurredAt.getTime() + (2 + Math.floor(rng.next() * 25)) * DAY);
      customer = before.customer;
      if (occurredAt > now) continue;
    } else {
      // Opening hours, 08:00 to 18:00 UTC, on one of the last 365 days.
      const day = Math.floor(rng.next() * 365);
      occurredAt = new Date(Math.floor(now.getTime() / DAY) * DAY - day * DAY + (8 + rng.next() * 10) * 3_600_000);
      if (occurredAt > now) continue;
    }
    const daysAgo = (now.getTime() - occurredAt.getTime()) / DAY;
    const unit = rng.weighted(unitShares);
    const channel = rng.weighted(unitProfile[unit]!.channels);
    const type = rng.weighted(typesAt[channel === "counter" ? "counter" : "remote"]!);
    const member = rng.weighted(team.filter((m) => m.unit === unit && (m.joinedDaysAgo ?? 400) > daysAgo).map((m) => [m, m.weight] as const));
    if (!customer) {
      customer = { id: seededId(), email: `customer${i + 1}@example.net` };
      customerRows.push({ id: customer.id, orgId, email: customer.email, createdAt: occurredAt, updatedAt: occurredAt });
    }
    const context = { unitId: unitIds.get(unit)!, agentId: agentIds.get(member.name)!, channel, interactionType: type, interactionAt: occurredAt };
    visits.push({ id: crypto.randomUUID(), externalId: `DEMO-${String(i + 1).padStart(5, "0")}`, occurredAt, daysAgo, unit, channel, type, member, customer, context });
  }
  visits.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

  // Each interaction goes through the rules as it arrived, oldest first, with the same pure decisions the live
  // pass makes: sampling, one survey a month per customer, quiet hours, and addresses suppressed by then.
  const rules: Rule[] = published.map((p) => ({
    id: p.ruleId, surveyId: p.surveyId, match: { types: p.survey.rule.types, channels: p.survey.rule.channels.length ? p.survey.rule.channels : null },
    delayMinutes: p.survey.rule.delayMinutes, expiresAfterDays: p.survey.rule.expiresAfterDays, contactGapDays: null, ...distribution.get(p.survey)!,
  }));
  const byRule = new Map(published.map((p) => [p.ruleId, p]));
  const history = new Map<string, Date[]>();
  const suppressedSince = new Map<string, Date>();
  // Delivery's fortunes draw on their own numbers, so the answers keep the story's stream of chance.
  const fate = randomSource(20_261_015);
  const decisionRows: (typeof ruleDecisions.$inferInsert)[] = [];
  const invitationRows: (typeof invitations.$inferInsert)[] = [];
  const reminderRows: (typeof invitations.$inferInsert)[] = [];
  const suppressionRows: (typeof suppressions.$inferInsert)[] = [];
  const answered: Answered[] = [];
  const reopened = new Set<string>();
  const suppress = (customerId: string, at: Date, row: Omit<typeof suppressions.$inferInsert, "orgId" | "customerId" | "createdAt">) => {
    if (suppressedSince.has(customerId)) return;
    suppressedSince.set(customerId, at);
    suppressionRows.push({ orgId, customerId, createdAt: at, ...row });
  };
  for (const v of visits) {
    const since = suppressedSince.get(v.customer.id);
    const candidate = { interactionId: v.id, customerKey: v.customer.id, facts: { type: v.type, channel: v.channel, unit: v.unit, occurredAt: v.occurredAt }, timeZone, suppressed: !!since && since <= v.occurredAt };
    for (const d of decideBatch(rules, [candidate], history, contact, v.occurredAt)) {
      decisionRows.push({ ruleId: d.ruleId, interactionId: v.id, orgId, surveyId: d.surveyId, unitId: v.context.unitId, occurredAt: v.occurredAt, outcome: d.outcome, decidedAt: v.occurredAt });
      if (!d.schedule) continue;
      const target = byRule.get(d.ruleId)!;
      const { sendAt, expiresAt } = d.schedule;
      const invitationId = crypto.randomUUID();
      const invitation = {
        id: invitationId, orgId, surveyId: target.surveyId, surveyVersionId: target.versionId, interactionId: v.id, ruleId: target.ruleId, customerId: v.customer.id,
        email: v.customer.email, tokenHash: await sha256(await hmac(opts.appSecret, `invitation:${invitationId}`)), sendAt, expiresAt, createdAt: v.occurredAt,
      };
      const reminders = d.schedule.reminders.map((at, j) => ({ ...invitation, id: crypto.randomUUID(), sequence: j + 1, parentId: invitationId, sendAt: at }));
      const remind = (reminder: (typeof reminders)[number], state: Partial<typeof invitations.$inferInsert>) => {
        reminderRows.push({ ...reminder, tokenHash: `reminder:${reminder.id}`, ...state });
      };
      const sentReminder = (at: Date) => ({ status: "sent" as const, sentAt: at, attempts: 1, delivery: "delivered" as const, deliveredAt: new Date(at.getTime() + 4_000) });
      if (sendAt > now) {
        invitationRows.push({ ...invitation, status: "pending" });
        for (const r of reminders) remind(r, { status: "pending" });
        continue;
      }
      if (fate.next() < fates.reopened) {
        // The system of record reopened the case before the email was due: nothing goes out for it.
        reopened.add(v.id);
        invitationRows.push({ ...invitation, status: "cancelled", cancelReason: "interaction" });
        for (const r of reminders) remind(r, { status: "cancelled", cancelReason: "interaction" });
        continue;
      }
      const luck = fate.next();
      const failed = (now.getTime() - sendAt.getTime() < 5 * DAY ? fates.failedLately : fates.failed);
      if (luck < failed) {
        invitationRows.push({ ...invitation, status: "failed", ...fate.pick(providerRefusals) });
        for (const r of reminders) remind(r, { status: "cancelled", cancelReason: "parent-unsent" });
        continue;
      }
      const sentAt = sendAt;
      const deliveredAt = new Date(sentAt.getTime() + (2 + fate.next() * 20) * 1000);
      const sent = { ...invitation, status: "sent" as const, sentAt, attempts: 1 };
      if (luck < failed + fates.bounced) {
        const detail = bounceDetail(v.customer.email);
        invitationRows.push({ ...sent, delivery: "bounced", deliveryDetail: detail });
        suppress(v.customer.id, deliveredAt, { reason: "bounced", detail, invitationId });
        for (const r of reminders) remind(r, { status: "cancelled", cancelReason: "suppressed" });
        continue;
      }
      if (luck < failed + fates.bounced + fates.complained) {
        invitationRows.push({ ...sent, delivery: "complained", deliveredAt });
        suppress(v.customer.id, new Date(deliveredAt.getTime() + 3_600_000), { reason: "complained", detail: "The recipient marked the email as spam.", invitationId });
        for (const r of reminders) remind(r, { status: "cancelled", cancelReason: "suppressed" });
        continue;
      }
      const delivered = { ...sent, delivery: "delivered" as const, deliveredAt };
      const firstReminder = reminders[0]?.sendAt;
      const wait = rng.next() ** 2 * 2 * DAY;
      if (rng.next() < ANSWER_RATE) {
        const afterReminder = firstReminder && firstReminder < now && fate.next() < fates.answeredAfterReminder;
        const at = new Date(Math.min(now.getTime(), afterReminder ? firstReminder.getTime() + (fate.next() ** 2 * DAY) / 2 : sentAt.getTime() + wait, expiresAt.getTime() - 60_000));
        invitationRows.push({ ...delivered, visitedAt: new Date(Math.max(deliveredAt.getTime(), at.getTime() - (2 + fate.next() * 8) * 60_000)) });
        for (const r of reminders) remind(r, r.sendAt < at ? sentReminder(r.sendAt) : { status: "cancelled", cancelReason: "answered" });
        const visit = { unit: v.unit, channel: v.channel, type: v.type, member: v.member, daysAgo: v.daysAgo };
        const answers = target.survey === serviceCentreSurvey ? serviceCentreAnswers(rng, visit) : afterServiceAnswers(rng, visit);
        answered.push({ invitation: { id: invitationId, sentAt, email: v.customer.email }, target, answers, at, context: v.context });
        continue;
      }
      const odds = fate.next();
      if (odds < fates.unsubscribed) {
        const at = new Date(Math.min(now.getTime(), deliveredAt.getTime() + fate.next() * 3 * DAY));
        invitationRows.push({ ...delivered, visitedAt: null });
        suppress(v.customer.id, at, { reason: "unsubscribed", invitationId });
        for (const r of reminders) remind(r, r.sendAt < at ? sentReminder(r.sendAt) : { status: "cancelled", cancelReason: "unsubscribed" });
        continue;
      }
      const visited = odds < fates.unsubscribed + fates.visitedOnly ? new Date(Math.min(now.getTime(), deliveredAt.getTime() + fate.next() ** 2 * 2 * DAY)) : null;
      // The provider's report on the last hour's emails may still be on its way.
      const reported = now.getTime() - sentAt.getTime() > 3_600_000 || visited;
      invitationRows.push({ ...(reported ? delivered : sent), visitedAt: visited });
      for (const r of reminders) remind(r, r.sendAt <= now ? sentReminder(r.sendAt) : { status: "pending" });
    }
  }
  const interactionRows = visits.map((v) => ({
    id: v.id, orgId, externalId: v.externalId, occurredAt: v.occurredAt, type: v.type, channel: v.channel, customerEmail: v.customer.email, customerName: null,
    unit: v.unit, agent: v.member.name, unitId: v.context.unitId, agentId: v.context.agentId, customerId: v.customer.id, status: reopened.has(v.id) ? ("reopened" as const) : ("closed" as const), createdAt: v.occurredAt,
  }));
  await insertAll(db, unitsTable, unitRows, maxSqlParams);
  await insertAll(db, agents, agentRows, maxSqlParams);
  // Before the answers: the cases they open go to the agent on the interaction, or to the unit's manager.
  await db.batch([
    db.update(users).set({ agentId: agentIds.get(demoStory.strongStaff)! }).where(eq(users.id, demoAgent.id)),
    db.insert(userUnits).values({ userId: harbourManager.id, unitId: unitIds.get(demoStory.dippingUnit)! }),
  ]);
  await insertAll(db, customers, customerRows, maxSqlParams);
  await insertAll(db, interactions, interactionRows, maxSqlParams);
  await insertAll(db, invitations, invitationRows, maxSqlParams);
  await insertAll(db, ruleDecisions, decisionRows, maxSqlParams);
  await insertAll(db, suppressions, suppressionRows, maxSqlParams);

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
  // Reminders are stored in their final states after the rebuild: they are emails, not invitations, and never
  // count toward the response rate.
  await insertAll(db, invitations, reminderRows, maxSqlParams);
  const manager = userRows.find((u) => u.email === "manager@example.com")!;
  const reviewer = userRows.find((u) => u.role === "reviewer")!;
  await seedReviewProcess(db, { orgId, now, maxSqlParams, people: { managerId: manager.id, reviewerId: reviewer.id, timeZone }, unitIds });
  return { seeded: true, apiKey };
}

export { types as demoInteractionTypes, channels as demoChannels, units as demoUnits, staff as demoStaff };
