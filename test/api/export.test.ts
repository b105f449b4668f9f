import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { exportQuery } from "../../server/features/analytics/export.schemas";
import { exportCsv } from "../../server/features/analytics/export.service";
import { createTestContext, ORIGIN, type TestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";

// Two CSAT questions (so two csat columns), a dimension, a choice list with an "other" box and a comment.
const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "rating", name: "recommend", title: "Recommend us?", rateMin: 0, rateMax: 10, metric: "nps" },
        { type: "rating", name: "service", title: "Happy with the service?", rateMin: 1, rateMax: 5, metric: "csat" },
        { type: "rating", name: "outcome", title: "Happy with the outcome?", rateMin: 1, rateMax: 5, metric: "csat" },
        { type: "rating", name: "speed", title: "Time taken", rateMin: 1, rateMax: 5, metric: "dimension:time-taken" },
        { type: "checkbox", name: "topics", title: "What was it about?", choices: ["billing", "delivery", "returns"], showOtherItem: true },
        { type: "comment", name: "remarks", title: "Anything else?", metric: "comment" },
      ],
    },
  ],
};

type Answer = { data: Record<string, unknown>; unit: string; agent: string; channel: string };

const answers: Answer[] = [
  { data: { recommend: 10, service: 5, outcome: 4, speed: 5, topics: ["billing", "returns"], remarks: "Quick and kind" }, unit: "North", agent: "Sam Lee", channel: "phone" },
  { data: { recommend: 9, service: 4, outcome: 5, speed: 4, topics: ["delivery"] }, unit: "North", agent: "Sam Lee", channel: "email" },
  { data: { recommend: 3, service: 2, outcome: 1, speed: 1, remarks: '=HYPERLINK("http://evil.example","Click")' }, unit: "South", agent: "Ana Diaz", channel: "phone" },
  { data: { recommend: 7, service: 3, speed: 3, topics: ["other"], "topics-Comment": "-2+3 refunds\nand more" }, unit: "South", agent: "Ana Diaz", channel: "email" },
  { data: { recommend: 6, outcome: 2, speed: 2, remarks: "@SUM(A1) slow" }, unit: "South", agent: "Sam Lee", channel: "phone" },
];

async function seeded(ctx: TestContext) {
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "After the visit", definition } });
  const surveyId: string = created.json.id;
  await ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} });
  await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
  const items = answers.map((a, i) => interaction({ customer: { email: `export${i}@example.org` }, unit: a.unit, agent: a.agent, channel: a.channel }));
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: items } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  const mail: { to: string; text: string }[] = (await ctx.request("/api/dev/mailbox?limit=200", { as: "admin" })).json.items;
  for (const [i, a] of answers.entries()) {
    const token = /\/s\/([\w-]+)/.exec(mail.find((m) => m.to === items[i]!.customer.email)!.text)![1]!;
    const res = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: a.data } });
    expect(res.status, res.text).toBe(201);
  }
  const imported = await ctx.request("/api/responses/import", {
    apiKey: ctx.apiKey,
    body: { surveyId, responses: [{ externalId: "old-1", respondedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(), answers: { recommend: 8, service: 4 } }] },
  });
  expect(imported.status, imported.text).toBe(201);
  return { surveyId };
}

const parse = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
const ci = (row: Record<string, string>) => (row.ci_low === "" ? null : [Number(row.ci_low), Number(row.ci_high)]);

function expectFigure(cell: string | undefined, figure: number | null) {
  if (figure === null) expect(cell).toBe("");
  else expect(Number(cell)).toBeCloseTo(figure, 4);
}

function expectInterval(row: Record<string, string>, interval: [number, number] | null) {
  if (interval === null) return expect(ci(row)).toBeNull();
  expect(Number(row.ci_low)).toBeCloseTo(interval[0], 4);
  expect(Number(row.ci_high)).toBeCloseTo(interval[1], 4);
}

describe("CSV exports", () => {
  it("writes each dashboard table with the figures, n and interval of its JSON endpoint", async () => {
    const ctx = await createTestContext();
    const { surveyId } = await seeded(ctx);
    const csv = async (query: string) => {
      const res = await ctx.request(`/api/analytics/export?surveyId=${surveyId}&${query}`, { as: "reviewer" });
      expect(res.status, res.text).toBe(200);
      return parse(res.text);
    };
    const json = async (path: string) => (await ctx.request(`/api/analytics/${path}&surveyId=${surveyId}`, { as: "reviewer" })).json;

    const trend = await json("trend?metric=nps&interval=week");
    const trendCsv = await csv("table=trend&metric=nps&interval=week");
    expect(trendCsv.meta.fields).toEqual(["period", "from", "to", "value", "n", "ci_low", "ci_high", "change"]);
    expect(trendCsv.data).toHaveLength(trend.points.length);
    for (const [i, p] of trend.points.entries()) {
      const row = trendCsv.data[i]!;
      expect(row).toMatchObject({ period: p.period, from: p.from, to: p.to, n: String(p.n), change: p.change ?? "" });
      expectFigure(row.value, p.value);
      expectInterval(row, p.ci95);
    }
    expect(trend.points.reduce((n: number, p: { n: number }) => n + p.n, 0)).toBe(answers.length + 1);

    const segments = await json("segments?metric=csat-mean&by=unit&minN=3");
    const segmentsCsv = await csv("table=segments&metric=csat-mean&by=unit&minN=3");
    expect(segmentsCsv.meta.fields).toEqual(["key", "label", "value", "n", "ci_low", "ci_high", "below_min_n"]);
    expect(segmentsCsv.data.map((r) => r.label)).toEqual(segments.rows.map((r: { label: string }) => r.label));
    for (const [i, s] of segments.rows.entries()) {
      const row = segmentsCsv.data[i]!;
      expect(row).toMatchObject({ key: s.key, n: String(s.n), below_min_n: String(s.belowMinN) });
      expectFigure(row.value, s.value);
      expectInterval(row, s.ci95);
    }

    const staff = await json("staff?metric=nps&minN=3");
    const staffCsv = await csv("table=staff&metric=nps&minN=3");
    expect(staffCsv.data).toHaveLength(staff.ranked.length + staff.notEnoughAnswers.length);
    expect(staff.ranked.length).toBeGreaterThan(0);
    for (const [i, r] of staff.ranked.entries()) {
      const row = staffCsv.data[i]!;
      expect(row).toMatchObject({ status: "ranked", rank: String(r.rank), agent_id: r.agent.id, agent: r.agent.name, n: String(r.n) });
      expectFigure(row.value, r.value);
      expectFigure(row.score, r.score);
      expectFigure(row.chance_if_fair, r.chanceIfFair);
      expectInterval(row, r.ci95);
    }
    for (const [i, r] of staff.notEnoughAnswers.entries()) {
      expect(staffCsv.data[staff.ranked.length + i]).toMatchObject({ status: "not enough answers", rank: "", agent: r.agent.name, n: String(r.n), value: "" });
    }

    const drivers = await json("drivers?outcome=nps");
    const driversCsv = await csv("table=drivers&outcome=nps");
    expect(drivers.drivers).toHaveLength(1);
    const d = drivers.drivers[0];
    expect(driversCsv.data[0]).toMatchObject({ metric: "dimension:time-taken", quadrant: d.quadrant ?? "", n: String(d.n), outcome: "nps", scale_min: "1", scale_max: "5" });
    expectFigure(driversCsv.data[0]!.importance, d.importance);
    expectFigure(driversCsv.data[0]!.performance, d.performance);
    expectFigure(driversCsv.data[0]!.relative_weight, d.relativeWeight);
    expectFigure(driversCsv.data[0]!.r2, drivers.r2);

    const summary = await json("summary?");
    const summaryCsv = await csv("table=summary");
    const byMetric = new Map(summaryCsv.data.map((r) => [r.metric, r]));
    expectFigure(byMetric.get("nps")!.value, summary.nps.score);
    expect(byMetric.get("nps")!.n).toBe(String(summary.nps.n));
    expectInterval(byMetric.get("nps")!, summary.nps.ci95);
    expectFigure(byMetric.get("csat-mean")!.value, summary.csat.mean);
    expectFigure(byMetric.get("dimension:time-taken")!.value, summary.dimensions[0].mean);
    expect(byMetric.get("response-rate")).toMatchObject({ n: String(summary.invitations.sent) });
  });

  it("writes figures to 4 decimals at most, and an empty cell, not NaN or null, where there is no figure", async () => {
    const ctx = await createTestContext();
    const { surveyId } = await seeded(ctx);
    const res = await ctx.request(`/api/analytics/export?table=segments&surveyId=${surveyId}&metric=csat-mean&by=channel&minN=1`, { as: "reviewer" });
    const lines = res.text.trim().split("\r\n").slice(1);
    for (const cell of lines.flatMap((l) => l.split(","))) expect(cell).not.toMatch(/^-?\d+\.\d{5,}$|NaN|null|undefined/);
    const empty = await ctx.request(`/api/analytics/export?table=trend&surveyId=${surveyId}&from=2020-01-01&to=2020-01-31&interval=month`, { as: "reviewer" });
    expect(empty.text).toBe("period,from,to,value,n,ci_low,ci_high,change\r\n2020-01,2020-01-01,2020-01-31,,0,,,\r\n");
  });

  it("exports every response with its context, one column per metric role and one per other question", async () => {
    const ctx = await createTestContext();
    const { surveyId } = await seeded(ctx);
    const res = await ctx.request(`/api/analytics/export?table=responses&surveyId=${surveyId}`, { as: "reviewer" });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="rapport-responses-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/);
    expect(res.text.split("\r\n")[1]).toMatch(/^[\w-]{36},/);
    const parsed = parse(res.text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([
      "response_id",
      "responded_at",
      "survey",
      "external_id",
      "imported",
      "unit",
      "agent",
      "channel",
      "type",
      "nps",
      "csat",
      "csat (2)",
      "dimension:time-taken",
      "topics",
      "topics-Comment",
      "remarks",
    ]);
    const rows = parsed.data;
    expect(rows).toHaveLength(answers.length + 1);
    // Oldest first: the imported response answered ten days ago.
    expect(rows[0]).toMatchObject({ external_id: "old-1", imported: "true", nps: "8", csat: "4", "csat (2)": "", unit: "", channel: "" });
    expect(day(new Date(rows[0]!.responded_at!))).toBe(day(new Date(Date.now() - 10 * 86_400_000)));
    const first = rows.find((r) => r.remarks === "Quick and kind")!;
    expect(first).toMatchObject({
      survey: "After the visit",
      external_id: "",
      imported: "false",
      unit: "North",
      agent: "Sam Lee",
      channel: "phone",
      type: "enquiry",
      nps: "10",
      csat: "5",
      "csat (2)": "4",
      "dimension:time-taken": "5",
      topics: "billing; returns",
      "topics-Comment": "",
    });
    // A second CSAT question answered alone still lands in its own column.
    expect(rows.find((r) => r.nps === "6")).toMatchObject({ csat: "2", "csat (2)": "" });
    const ids = (await ctx.request(`/api/responses?surveyId=${surveyId}&limit=100`, { as: "reviewer" })).json.items.map((r: { id: string }) => r.id);
    expect(rows.map((r) => r.response_id).sort()).toEqual([...ids].sort());

    const phone = parse((await ctx.request(`/api/analytics/export?table=responses&surveyId=${surveyId}&channel=phone&unit=South`, { as: "reviewer" })).text);
    expect(phone.data.map((r) => r.nps).sort()).toEqual(["3", "6"]);
  });

  it("puts an apostrophe before text a spreadsheet would run as a formula, and leaves numbers alone", async () => {
    const ctx = await createTestContext();
    const { surveyId } = await seeded(ctx);
    const res = await ctx.request(`/api/analytics/export?table=responses&surveyId=${surveyId}`, { as: "reviewer" });
    const rows = parse(res.text).data;
    expect(rows.map((r) => r.remarks)).toContain(`'=HYPERLINK("http://evil.example","Click")`);
    expect(rows.map((r) => r.remarks)).toContain("'@SUM(A1) slow");
    expect(rows.map((r) => r["topics-Comment"])).toContain("'-2+3 refunds\nand more");
    const trend = await ctx.request(`/api/analytics/export?table=trend&surveyId=${surveyId}&metric=nps&interval=week`, { as: "reviewer" });
    expect(trend.text).not.toContain("'");
    expect(trend.text).toMatch(/,-\d/);
  });

  it("streams responses a page at a time, and the pages join into the same file, which starts with a byte order mark", async () => {
    const ctx = await createTestContext();
    const { surveyId } = await seeded(ctx);
    const q = exportQuery.parse({ table: "responses", surveyId });
    const file = await exportCsv({ db: ctx.db, orgId: ctx.orgId, now: new Date() }, q, { pageSize: 2 });
    expect(file.body).toBeInstanceOf(ReadableStream);
    const chunks: Uint8Array[] = [];
    for await (const chunk of file.body as ReadableStream<Uint8Array>) chunks.push(chunk);
    // The header, then three pages of at most two of the six responses.
    expect(chunks).toHaveLength(4);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const cookie = await ctx.sessionCookie("reviewer");
    const whole = await ctx.app.request(`${ORIGIN}/api/analytics/export?table=responses&surveyId=${surveyId}`, { headers: { cookie, origin: ORIGIN } });
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
  });

  it("answers 404 for another organisation's survey and 422 for a table it does not have", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Elsewhere");
    const theirs = await publishedSurvey(ctx, undefined, other.admin);
    for (const table of ["responses", "trend", "segments", "staff", "drivers", "summary"]) {
      const res = await ctx.request(`/api/analytics/export?table=${table}&surveyId=${theirs}`, { as: "admin" });
      expect(res.status, table).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const bad = await ctx.request("/api/analytics/export?table=everything", { as: "reviewer" });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0]).toMatchObject({ path: "/table" });
    expect(bad.json.errors[0].message).toContain("responses, summary, trend");
    expect((await ctx.request("/api/analytics/export", { as: "reviewer" })).status).toBe(422);
    expect((await ctx.request("/api/analytics/export?table=trend", { as: "agent" })).status).toBe(403);
    expect((await ctx.request("/api/analytics/export?table=trend")).status).toBe(401);
  });
});
