// The analytics benchmark's data: an organisation with 3 surveys, 20 units, 200 staff, 3 channels and 3 types, and
// a year of responses written straight into the database with multi-row inserts (no invitations: imported-style).
import type { Client } from "@libsql/client";
import type { Db } from "../../db/client";
import { agents, organisations, surveyVersions, surveys, units } from "../../db/schema";
import { randomSource } from "../../db/seed/random";
import { definitionSeries } from "../../server/domain/survey-definition";

const DAY = 86_400_000;

const rating = (name: string, metric: string, rateMin: number, rateMax: number) => ({ type: "rating", name, title: name, metric, rateMin, rateMax });
const dimension = (name: string) => rating(name, `dimension:${name}`, 1, 5);
const page = (...elements: object[]) => ({ pages: [{ name: "main", elements }] });

// Each interaction type is sent its own survey, as distribution rules do.
const surveyPlans = [
  {
    title: "Service visit",
    type: "visit",
    share: 0.6,
    definition: page(
      rating("nps", "nps", 0, 10),
      rating("csat", "csat", 1, 5),
      ...["reception-environment", "location", "communication-skills", "time-taken", "solution", "value-for-money"].map(dimension),
    ),
  },
  { title: "After delivery", type: "delivery", share: 0.25, definition: page(rating("nps", "nps", 0, 10), rating("csat", "csat", 1, 5), rating("ces", "ces", 1, 7), rating("again", "loyalty", 1, 5)) },
  { title: "Complaint follow-up", type: "complaint", share: 0.15, definition: page(rating("nps", "nps", 0, 10), rating("csat", "csat", 1, 5), dimension("communication-skills"), dimension("solution")) },
];

export type BenchDataset = {
  orgId: string;
  surveys: { id: string; title: string; share: number }[];
  /** The survey the dashboard is measured on: the largest, with every dimension. */
  mainSurveyId: string;
  mainQuestions: { question: string; series: string }[];
  from: Date;
  to: Date;
};

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : Math.round(v));

/** Ids that sort by time, so a year of inserts appends to the primary key instead of scattering over it. */
function timeOrderedId(at: number, i: number) {
  const hex = at.toString(16).padStart(12, "0") + i.toString(16).padStart(20, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const COLUMNS = ["id", "org_id", "survey_id", "survey_version_id", "data", "nps", "csat", "ces", "unit_id", "agent_id", "channel", "interaction_type", "interaction_at", "scores", "created_at"];
// SQLite's bound-parameter limit is 32,766.
const ROWS_PER_INSERT = Math.floor(32_000 / COLUMNS.length);
const ROWS_PER_TRANSACTION = 100_000;

/** Writes the organisation and `count` responses spread over the 365 days before `now`; logs progress. */
export async function createDataset(db: Db, count: number, now: Date, log: (line: string) => void): Promise<BenchDataset> {
  const client = (db as unknown as { $client: Client }).$client;
  const rng = randomSource(8);
  const orgId = crypto.randomUUID();
  const created = new Date(now.getTime() - 400 * DAY);
  await db.insert(organisations).values({ id: orgId, name: "Bench analytics", timeZone: "UTC", createdAt: created }).run();
  const planned = surveyPlans.map((p) => ({ ...p, id: crypto.randomUUID(), versionId: crypto.randomUUID(), questions: definitionSeries(p.definition) }));
  for (const s of planned) {
    await db.insert(surveys).values({ id: s.id, orgId, title: s.title, draft: s.definition, draftDirty: false, latestVersion: 1, createdAt: created, updatedAt: created }).run();
    await db.insert(surveyVersions).values({ id: s.versionId, surveyId: s.id, version: 1, title: s.title, definition: s.definition, publishedAt: created }).run();
  }
  const unitRows = Array.from({ length: 20 }, (_, i) => ({ id: crypto.randomUUID(), orgId, name: `Unit ${i + 1}`, createdAt: created }));
  // Ten staff a unit; within a unit some answer far more often than others, and the last few hardly ever.
  const staff = Array.from({ length: 200 }, (_, i) => ({ id: crypto.randomUUID(), orgId, name: `Agent ${i + 1}`, createdAt: created, unit: Math.floor(i / 10), weight: i % 10 >= 8 ? 0.02 : 1 / (1 + (i % 10)) ** 0.8, warmth: rng.normal(0.4) }));
  await db.insert(units).values(unitRows).run();
  for (let i = 0; i < staff.length; i += 50) await db.insert(agents).values(staff.slice(i, i + 50).map(({ id, name, createdAt }) => ({ id, orgId, name, createdAt }))).run();
  const unitBias = unitRows.map(() => rng.normal(0.3));
  const staffByUnit = unitRows.map((_, u) => {
    const members = staff.filter((s) => s.unit === u);
    const total = members.reduce((a, m) => a + m.weight, 0);
    let acc = 0;
    return members.map((m) => {
      acc += m.weight / total;
      return { member: m, upTo: acc };
    });
  });
  const channels = [
    ["counter", 0.5],
    ["phone", 0.85],
    ["email", 1],
  ] as const;

  const start = now.getTime() - 365 * DAY;
  const span = now.getTime() - 60_000 - start;
  const started = performance.now();
  const logEvery = Math.max(1, Math.round(count / 10 / ROWS_PER_TRANSACTION)) * ROWS_PER_TRANSACTION;
  const values: Record<string, number> = {};
  let rows: (string | number | null)[] = [];
  let statements: { sql: string; args: (string | number | null)[] }[] = [];
  const insertSql = (n: number) => `insert into responses (${COLUMNS.join(", ")}) values ${new Array(n).fill(`(${COLUMNS.map(() => "?").join(",")})`).join(",")}`;
  const fullSql = insertSql(ROWS_PER_INSERT);
  for (let i = 0; i < count; i++) {
    const at = start + Math.floor(((i + rng.next()) * span) / count);
    const r = rng.next();
    const survey = r < 0.6 ? planned[0]! : r < 0.85 ? planned[1]! : planned[2]!;
    const u = Math.floor(rng.next() * unitRows.length);
    const pick = rng.next();
    const member = staffByUnit[u]!.find((s) => s.upTo >= pick)?.member ?? staffByUnit[u]![0]!.member;
    const c = rng.next();
    const channel = channels.find(([, upTo]) => c <= upTo)![0];
    const mood = unitBias[u]! + member.warmth * 0.5 + 0.3 * (i / count) + (survey.type === "complaint" ? -0.6 : 0) + rng.normal(0.6);
    const d = (k: string, centre: number) => values[k]! - centre;
    values["dimension:time-taken"] = clamp(3.3 + 0.5 * mood - (channel === "phone" ? 1.1 : 0) + rng.normal(0.9), 1, 5);
    values["dimension:solution"] = clamp(4.1 + 0.6 * mood + rng.normal(0.7), 1, 5);
    values["dimension:communication-skills"] = clamp(4 + 0.4 * mood + member.warmth * 0.7 + rng.normal(0.7), 1, 5);
    values["dimension:reception-environment"] = clamp(3.6 + 0.2 * mood + rng.normal(0.8), 1, 5);
    values["dimension:location"] = clamp(4.1 + 0.1 * mood + rng.normal(0.6), 1, 5);
    values["dimension:value-for-money"] = clamp(3.5 + 0.3 * mood + rng.normal(0.8), 1, 5);
    values.nps = clamp(7.6 + 1.2 * d("dimension:time-taken", 3) + 0.8 * d("dimension:solution", 4) + 0.45 * d("dimension:communication-skills", 4) + 0.1 * d("dimension:reception-environment", 3.6) + 0.2 * d("dimension:value-for-money", 3.5) + rng.normal(1.1), 0, 10);
    values.csat = clamp(3.9 + 0.3 * d("dimension:time-taken", 3) + 0.35 * d("dimension:solution", 4) + 0.25 * d("dimension:communication-skills", 4) + rng.normal(0.55), 1, 5);
    values.ces = clamp(5.4 + 0.9 * mood + rng.normal(0.6), 1, 7);
    values.loyalty = clamp(3.9 + 0.3 * (values.nps - 7.5) + rng.normal(0.6), 1, 5);
    const data: Record<string, number> = {};
    const scores = survey.questions.map((q) => {
      const value = values[q.metric]!;
      data[q.question] = value;
      return { question: q.question, metric: q.metric, series: q.series, value };
    });
    const interactionAt = at - Math.floor(rng.next() * 3 * 3_600_000);
    rows.push(timeOrderedId(at, i), orgId, survey.id, survey.versionId, JSON.stringify(data), values.nps, values.csat, survey.type === "delivery" ? values.ces : null, unitRows[u]!.id, member.id, channel, survey.type, interactionAt, JSON.stringify(scores), at);
    const last = i === count - 1;
    if (rows.length === ROWS_PER_INSERT * COLUMNS.length || last) {
      statements.push({ sql: rows.length === ROWS_PER_INSERT * COLUMNS.length ? fullSql : insertSql(rows.length / COLUMNS.length), args: rows });
      rows = [];
    }
    if ((i + 1) % ROWS_PER_TRANSACTION === 0 || last) {
      await client.batch(statements, "write");
      statements = [];
      if (!last && (i + 1) % logEvery !== 0) continue;
      const seconds = (performance.now() - started) / 1000;
      log(`  ${(i + 1).toLocaleString("en")} responses written (${seconds.toFixed(0)} s, ${Math.round((i + 1) / seconds).toLocaleString("en")} a second)`);
    }
  }
  return { orgId, surveys: planned.map((s) => ({ id: s.id, title: s.title, share: s.share })), mainSurveyId: planned[0]!.id, mainQuestions: planned[0]!.questions.map((q) => ({ question: q.question, series: q.series })), from: new Date(start), to: now };
}
