import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { demoStory, seedDemo } from "../../db/seed/demo";
import { demoDimensions, demoSurveys, serviceCentreSurvey } from "../../db/seed/demo-surveys";
import { AnswerValidator, checkDefinition, definitionSeries } from "../../server/domain/survey-definition";
import { openTestDb } from "../support/app";

describe("the demo surveys", () => {
  it.each(demoSurveys.map((s) => [s.title, s]))("“%s” passes the checks a saved survey must pass", (_, survey) => {
    expect(checkDefinition(survey.definition)).toEqual([]);
  });

  it("ask the service centre visit's NPS, CSAT, loyalty and five dimensions on their own series", () => {
    expect(definitionSeries(serviceCentreSurvey.definition).map((q) => q.series)).toEqual([
      "nps@0-10",
      "csat@1-5",
      "loyalty@1-5",
      ...demoDimensions.map((d) => `dimension:${d.name}@1-5`),
    ]);
  });

  it("take an answer that skips the dimensions that did not apply, keeping the comment", () => {
    const result = new AnswerValidator().check("demo", serviceCentreSurvey.definition, { nps: 6, csat: 3, loyalty: 4, "time-taken": 2, solution: 4, comment: "Long queue." });
    expect(result.ok && { scores: result.scores.length, comments: result.comments }).toEqual({ scores: 5, comments: [{ question: "comment", text: "Long queue." }] });
  });

  it("match each kind of interaction to at most one survey, so no customer is asked twice", () => {
    const types = demoSurveys.flatMap((s) => s.rule.types);
    expect(new Set(types).size).toBe(types.length);
  });
});

type Answer = { unit: string; agent: string; channel: string; nps: number; at: number; scores: string };

describe("the demo's year of answers tells its story", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  let db: Db;
  let answers: Answer[];
  const query = async <T>(sql: string) => (await (db as unknown as { $client: { execute(s: string): Promise<{ rows: T[] }> } }).$client.execute(sql)).rows;
  const npsOf = (rows: Answer[]) => (100 * (rows.filter((r) => r.nps >= 9).length - rows.filter((r) => r.nps <= 6).length)) / rows.length;
  const daysAgo = (r: Answer) => (now.getTime() - r.at) / 86_400_000;
  const dimension = (r: Answer, name: string) => (JSON.parse(r.scores) as { metric: string; value: number }[]).find((s) => s.metric === `dimension:${name}`)?.value;

  beforeAll(async () => {
    db = await openTestDb();
    await seedDemo(db, { appSecret: "demo-secret-demo-secret-demo-secret!", now, maxSqlParams: 999, passwordIterations: 1000 });
    answers = await query<Answer>(
      "select u.name unit, a.name agent, r.channel, r.nps, r.created_at at, r.scores from responses r join units u on u.id = r.unit_id join agents a on a.id = r.agent_id",
    );
  }, 120_000);

  it("holds some thousands of answers over twelve months, stored the way live answers are", async () => {
    expect(answers.length).toBeGreaterThan(3_500);
    expect(Math.max(...answers.map(daysAgo))).toBeGreaterThan(360);
    const [counts] = await query<{ responded: number; rollups: number; comments: number; withComment: number }>(
      `select (select count(*) from invitations where status = 'responded') responded, (select count(*) from score_rollups) rollups,
        (select count(*) from response_comments) comments, (select count(*) from responses where data ->> 'comment' is not null) withComment`,
    );
    expect(counts).toMatchObject({ responded: answers.length, comments: counts!.withComment });
    expect(counts!.rollups).toBeGreaterThan(0);
  });

  it("has one unit dip for two months and recover", () => {
    const harbour = answers.filter((r) => r.unit === demoStory.dippingUnit);
    const during = harbour.filter((r) => daysAgo(r) <= demoStory.dip.fromDaysAgo && daysAgo(r) >= demoStory.dip.toDaysAgo);
    const before = harbour.filter((r) => daysAgo(r) > demoStory.dip.fromDaysAgo + 5 && daysAgo(r) < 300);
    const after = harbour.filter((r) => daysAgo(r) < demoStory.dip.toDaysAgo - 5);
    expect(npsOf(before) - npsOf(during)).toBeGreaterThan(25);
    expect(npsOf(after) - npsOf(during)).toBeGreaterThan(25);
  });

  it("has one channel clearly slower than the others", () => {
    const mean = (channel: string) => {
      const values = answers.filter((r) => r.channel === channel).map((r) => dimension(r, "time-taken")).filter((v) => v !== undefined);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    for (const other of ["counter", "email"]) expect(mean(other) - mean(demoStory.slowChannel)).toBeGreaterThan(0.8);
  });

  it("has staff with a handful of answers beside staff with about three hundred", () => {
    const counts = new Map<string, number>();
    for (const r of answers) counts.set(r.agent, (counts.get(r.agent) ?? 0) + 1);
    for (const name of demoStory.newStaff) expect(counts.get(name)).toBeLessThanOrEqual(8);
    expect(counts.get(demoStory.busiestStaff)).toBeGreaterThan(250);
    expect(npsOf(answers.filter((r) => r.agent === demoStory.weakStaff))).toBeLessThan(npsOf(answers) - 15);
    expect(npsOf(answers.filter((r) => r.agent === demoStory.strongStaff))).toBeGreaterThan(npsOf(answers) + 15);
  });

  it("makes time taken the driver that matters most and performs worst", () => {
    const stats = demoDimensions.map(({ name }) => {
      const pairs = answers.map((r) => [dimension(r, name), r.nps] as const).filter((p): p is readonly [number, number] => p[0] !== undefined);
      const mx = pairs.reduce((s, [x]) => s + x, 0) / pairs.length;
      const my = pairs.reduce((s, [, y]) => s + y, 0) / pairs.length;
      const cov = pairs.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
      const r = cov / Math.sqrt(pairs.reduce((s, [x]) => s + (x - mx) ** 2, 0) * pairs.reduce((s, [, y]) => s + (y - my) ** 2, 0));
      return { metric: `dimension:${name}`, r, mean: mx };
    });
    const byImportance = [...stats].sort((a, b) => b.r - a.r);
    const byPerformance = [...stats].sort((a, b) => a.mean - b.mean);
    expect(byImportance[0]!.metric).toBe(demoStory.leadingDriver);
    expect(byPerformance[0]!.metric).toBe(demoStory.leadingDriver);
  });

  it("has comments on each of the service themes, praise and complaint alike", async () => {
    const texts = (await query<{ text: string; nps: number }>("select c.text, r.nps from response_comments c join responses r on r.id = c.response_id")).map((c) => ({
      text: c.text.toLowerCase(),
      good: c.nps >= 9,
    }));
    const themes = { waiting: /wait|queue|hold|quick|fast/, attitude: /rude|friendly|polite|kind|attitude/, resolution: /solved|sorted|fixed|resolved|solution/, communication: /explain|informed|call(ed)? .*back|update/, environment: /seat|clean|parking|noisy|waiting area/, price: /price|fee|charge|expensive|cheap|cost/ };
    for (const [theme, pattern] of Object.entries(themes)) {
      expect(texts.filter((t) => t.good && pattern.test(t.text)).length, `praise about ${theme}`).toBeGreaterThan(5);
      expect(texts.filter((t) => !t.good && pattern.test(t.text)).length, `complaints about ${theme}`).toBeGreaterThan(5);
    }
  });
});
