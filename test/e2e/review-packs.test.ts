// A review in the browser: a reviewer prepares last month's pack, discusses and concludes it, closes it after
// confirming, and saves it as a PDF that holds the pack and none of the app around it; agents are turned away.
import { mkdirSync, writeFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { tabTo, focusedText as focused, fitsAndPasses as checkPage } from "../support/page-checks";
import { publishedSurvey } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

// Set REVIEW_SHOTS=/some/folder to keep screenshots of both pages at both widths for a person to look at.
const shots = process.env.REVIEW_SHOTS;
const fitsAndPasses = (page: Page, name: string) => checkPage(page, name, shots);

let served: ServedApp;
let browser: Browser;
// The server's clock runs with the real one, and can be moved on so later answers land after the freeze.
let ahead = 0;
const now = () => new Date(Date.now() + ahead);

const pad = (n: number) => String(n).padStart(2, "0");
// The month before this one, as the browser's calendar counts it: the form's default period.
const today = new Date();
const lastMonth = new Date(today.getFullYear(), today.getMonth() - 1, 1);
const lastMonthDay = (day: number) => `${lastMonth.getFullYear()}-${pad(lastMonth.getMonth() + 1)}-${pad(day)}`;
const lastDayOfLastMonth = (() => {
  const d = new Date(today.getFullYear(), today.getMonth(), 0);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
})();
const monthLabel = `${lastMonth.toLocaleString("en-GB", { month: "long" })} ${lastMonth.getFullYear()}`;

async function signedIn(email: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return signInAs(await context.newPage(), served.base, email, PASSWORD);
}

async function importAnswers(surveyId: string, from: number, rows: { nps: number; n: number }[]) {
  let i = from;
  const responses = rows.flatMap(({ nps, n }) =>
    Array.from({ length: n }, () => {
      i += 1;
      return { externalId: `review-${i}`, respondedAt: `${lastMonthDay(5 + (i % 20))}T12:00:00Z`, answers: { nps, csat: nps >= 9 ? 5 : 2 } };
    }),
  );
  const res = await served.ctx.request("/api/responses/import", { apiKey: served.ctx.apiKey, body: { surveyId, responses } });
  expect(res.status, res.text).toBe(201);
}

/** The text of each page of a PDF, in reading order, spaces collapsed. */
async function pdfPages(bytes: Buffer): Promise<{ pages: string[]; size: number[] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: true }).promise;
  const pages: string[] = [];
  const size = (await doc.getPage(1)).view.slice(2).map(Math.round);
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    // Runs of text come in pieces (a ligature such as "fi" is its own piece); a line end is a space.
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? " " : "") : "")).join(""));
  }
  await doc.destroy();
  return { pages: pages.map((p) => p.replace(/\s+/g, " ").trim()), size };
}

describe.skipIf(!chromiumAvailable)("a review pack in the admin app", () => {
  let surveyId = "";

  beforeAll(async () => {
    served = await serveTestApp({ now });
    browser = await launchChromium();
    if (shots) mkdirSync(shots, { recursive: true });
    surveyId = await publishedSurvey(served.ctx);
    await importAnswers(surveyId, 0, [
      { nps: 10, n: 20 },
      { nps: 3, n: 10 },
    ]);
    const kpi = await served.ctx.request("/api/kpis", { as: "manager", body: { name: "Net Promoter Score", metric: "nps", target: 30, warning: 10, direction: "higher", period: "month" } });
    expect(kpi.status, kpi.text).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("is prepared, discussed, concluded, closed after a confirmation, and saved as a PDF with the pack alone", async () => {
    const page = await signedIn("reviewer@test.example", 1280);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reviews" }).click();
    await page.getByRole("heading", { name: "Reviews", level: 1 }).waitFor();
    await page.getByTestId("packs-empty").waitFor();
    expect(await page.getByTestId("review-due").textContent()).toMatch(/Review due next: .+No pack has been prepared for it yet\./);
    await fitsAndPasses(page, "reviews-1280-empty");

    // The form starts on the last complete month.
    expect(await page.getByLabel("Period", { exact: true }).inputValue()).toBe("month");
    expect(await page.getByLabel("A day of the period").inputValue()).toBe(lastDayOfLastMonth);
    await page.getByRole("button", { name: "Prepare the pack" }).click();
    await page.waitForURL(/\/reviews\/[\w-]+$/);
    const id = page.url().split("/").pop()!;
    await page.getByRole("heading", { name: `${monthLabel} service-quality review`, level: 1 }).waitFor();
    const title = `${monthLabel} review: counter and phone`;
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByRole("button", { name: "Save title" }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    expect(await page.getByTestId("pack-status").textContent()).toBe("Draft");
    expect(await page.getByTestId("pack-period").textContent()).toContain(monthLabel);
    expect(await page.getByTestId("pack-responses").textContent()).toBe("30");
    expect(await page.getByTestId("pack-frozen").textContent()).toMatch(/^Figures frozen at .+\.$/);
    // NPS +33 on 30 answers: its interval straddles the target of 30, so amber, said in words with the reason.
    const kpiRow = page.getByTestId("pack-kpi");
    expect(await kpiRow.count()).toBe(1);
    expect(await kpiRow.textContent()).toMatch(/^Net Promoter ScoreWhole organisation33 NPS points95 % interval .+ to .+; n = 30Target at least 30 NPS points; warning 10 NPS pointsAmber: watch.+/);
    expect(await kpiRow.locator(".kpi-reason").textContent()).not.toBe("");

    // Answers arriving after the freeze are counted in a note; a draft can read them in on purpose.
    ahead += 10 * 60_000;
    await importAnswers(surveyId, 1000, [{ nps: 9, n: 5 }]);
    await page.reload();
    await page.getByTestId("pack-late").getByText("5 answers arrived after the figures were frozen; they are not in this pack.").waitFor();
    expect(await page.getByTestId("pack-responses").textContent()).toBe("30");
    await page.getByRole("button", { name: "Read the figures again" }).click();
    await expect.poll(() => page.getByTestId("pack-responses").textContent()).toBe("35");
    expect(await page.getByTestId("pack-late").count()).toBe(0);

    // An action with an owner and a due date, a comment, and the conclusions, saved explicitly.
    const form = page.getByTestId("add-action-form");
    await form.getByLabel("Action").fill("Add a second phone line at peak hours");
    await form.getByLabel("Owner").selectOption({ label: "manager" });
    await form.getByLabel("Due date (optional)").fill(`${today.getFullYear() + 1}-01-31`);
    await form.getByRole("button", { name: "Add action" }).click();
    const action = page.getByTestId("pack-actions").getByTestId("pack-action");
    await expect.poll(() => action.textContent()).toMatch(/Add a second phone line at peak hours.*Open.*Owner: manager · due 31 Jan/);
    await page.getByLabel("Your comment").fill("The detractors all mention waiting on the phone.");
    await page.getByRole("button", { name: "Add comment" }).click();
    await expect.poll(() => page.getByTestId("pack-comments").textContent()).toContain("The detractors all mention waiting on the phone.");
    await page.getByLabel("What the review concluded").fill("Hold the course on the counter; fix phone waiting times first.");
    await page.getByText("Not saved yet").waitFor();
    await page.getByRole("button", { name: "Save conclusions" }).click();
    await page.getByTestId("notice").getByText("Conclusions saved.").waitFor();
    await fitsAndPasses(page, "pack-1280-draft");

    // The flow by keyboard: send for review, then close, through the confirmation (first cancelled).
    await page.getByRole("heading", { level: 1 }).focus();
    await tabTo(page, "Send for review");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("pack-status").textContent()).toBe("In review");
    await expect.poll(() => focused(page)).toBe("Close the review");
    await page.keyboard.press("Enter");
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByRole("heading", { name: "Close the review?" }).waitFor();
    expect(await dialog.textContent()).toContain("The pack becomes final");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByTestId("pack-status").textContent()).toBe("In review");
    await page.getByTestId("pack-flow").getByRole("button", { name: "Close the review" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("Close the review");
    expect(await page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("pack-status").textContent()).toBe("Closed");
    await expect.poll(() => focused(page)).toBe("Print or save as PDF");

    // Closed is final: nothing left to change on the page.
    expect(await page.getByTestId("add-action-form").count()).toBe(0);
    expect(await page.getByLabel("Your comment").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Rename" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Mark done" }).count()).toBe(0);
    expect((await served.ctx.request(`/api/review-packs/${id}`, { as: "reviewer" })).json.status).toBe("closed");
    await fitsAndPasses(page, "pack-1280-closed");

    // Save as PDF is Chromium printing the page with print styles.
    await page.emulateMedia({ media: "print" });
    if (shots) await page.screenshot({ path: `${shots}/pack-print.png`, fullPage: true });
    const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    if (shots) writeFileSync(`${shots}/pack.pdf`, bytes);
    const { pages, size } = await pdfPages(bytes);
    expect(size, "A4 in points").toEqual([595, 842]);
    const text = pages.join(" ");
    // The discussion starts a page of its own, after the figures and the staff.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.find((p) => p.includes("Carried over from earlier reviews"))).toMatch(/^Actions /);
    for (const wanted of [
      title,
      monthLabel,
      "Closed",
      "Answers in the period 35",
      "Add a second phone line at peak hours",
      "The detractors all mention waiting on the phone.",
      "Hold the course on the counter; fix phone waiting times first.",
      "Figures frozen at",
      "Net Promoter Score",
      "Amber: watch",
    ]) {
      expect(text, `the PDF holds “${wanted}”`).toContain(wanted);
    }
    for (const unwanted of ["Skip to content", "Surveys", "Analytics", "Log out", "reviewer@test.example", "Print or save as PDF", "All reviews", "Add action", "Add comment", "Save conclusions"]) {
      expect(text, `the PDF leaves out “${unwanted}”`).not.toContain(unwanted);
    }
    await page.emulateMedia({ media: "screen" });

    // The list shows the pack with its status; the due banner now points at the next period.
    await page.goto(`${served.base}/reviews`);
    const row = page.getByTestId("pack-row").filter({ hasText: title });
    await expect.poll(() => row.getByTestId("pack-status").textContent()).toBe("Closed");
    await fitsAndPasses(page, "reviews-1280");
    await page.context().close();

    const phone = await signedIn("reviewer@test.example", 390);
    await phone.goto(`${served.base}/reviews`);
    await phone.getByTestId("pack-row").first().waitFor();
    await fitsAndPasses(phone, "reviews-390");
    await phone.goto(`${served.base}/reviews/${id}`);
    await phone.getByTestId("review-pack").waitFor();
    await fitsAndPasses(phone, "pack-390-closed");

    // A draft on a phone, with its forms and the action carried over from the closed pack.
    const draft = await served.ctx.request("/api/review-packs", { as: "manager", body: { period: "quarter", day: lastMonthDay(1) } });
    expect(draft.status, draft.text).toBe(201);
    await phone.goto(`${served.base}/reviews/${draft.json.id}`);
    await phone.getByTestId("add-action-form").waitFor();
    expect(await phone.getByTestId("pack-carried").textContent()).toContain(`raised in “${title}”`);
    await fitsAndPasses(phone, "pack-390-draft");
    await phone.context().close();
  }, 120_000);

  // The KPI, benchmark, case and staff figures come from other services; this lays out a pack with every
  // section filled in, served in place of the real one, so the full shape is checked at both widths.
  it("lays out every section of a full pack in words at phone and desktop width, and in print", async () => {
    const made = await served.ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: lastMonthDay(2), channel: "phone" } });
    expect(made.status, made.text).toBe(201);
    const reading = (value: number, n: number) => ({ value, low: value - 6.2, high: value + 5.8, n });
    const kpi = (over: Record<string, unknown>) => ({
      id: `k-${Math.random()}`,
      name: "Net Promoter Score",
      metric: "nps",
      scope: "Whole organisation",
      direction: "higher",
      target: 30,
      warning: 10,
      unit: "NPS points",
      reading: reading(34.2, 412),
      status: "green",
      reason: "Even the low end of the interval (28.0) is above the warning level; the figure meets the target of 30.",
      previous: reading(21.5, 380),
      change: { delta: 12.7, p: 0.004, significant: true, words: "up 12.7 points, beyond chance (p = 0.4 %)" },
      benchmarks: [{ name: "Retail banking, UK", kind: "industry", value: 27, asOf: "2026-06-30", source: "Annual customer survey 2026" }],
      ...over,
    });
    const full = structuredClone(made.json);
    full.snapshot = {
      ...full.snapshot,
      responses: 1234,
      invitationsSent: 5120,
      responseRate: { value: 24.1, ci95: [22.9, 25.3] },
      kpis: [
        kpi({}),
        kpi({ name: "Satisfied customers", metric: "csat", unit: "%", scope: "North branch · phone", reading: reading(71.4, 63), status: "amber", reason: "The interval (65.2 to 77.2) straddles the target of 75 %: not yet clear.", target: 75, warning: 65, change: { delta: -1.2, p: 0.71, significant: false, words: "down 1.2 points, within chance" }, benchmarks: [] }),
        kpi({ name: "Cases resolved on time", metric: "case-on-time", unit: "%", reading: reading(58, 40), status: "red", reason: "Even the high end of the interval (63.8 %) misses the warning level of 70 %.", target: 85, warning: 70, previous: null, change: null }),
        kpi({ name: "Median time to resolve", metric: "case-resolve-median", unit: "hours", direction: "lower", reading: { value: null, low: null, high: null, n: 0 }, status: "no-data", reason: "No cases were resolved in the period.", target: 24, warning: 48, previous: null, change: null, benchmarks: [] }),
      ],
      drivers: {
        outcome: "nps",
        n: 1180,
        items: [
          { name: "Time taken", importance: 0.61, performance: 3.1, scaleMax: 5, quadrant: "Concentrate here: it matters and scores low" },
          { name: "Staff courtesy", importance: 0.48, performance: 4.5, scaleMax: 5, quadrant: "Keep it up: it matters and scores high" },
        ],
      },
      themes: { total: 310, items: [{ name: "Waiting time", n: 96, share: 31, examples: ["Forty minutes on hold before anyone answered.", "The queue at the counter went out of the door.", "Quick once I got through."] }] },
      cases: { opened: 48, closed: 40, overdue: 5, onTime: { count: 29, of: 40, rate: 0.725, ci95: [0.57, 0.84] }, resolveHours: { median: 19.5, p90: 70, n: 40 }, rootCauses: [{ rootCause: "Staffing at peak hours", count: 14 }, { rootCause: "Billing error", count: 6 }] },
      staff: {
        basis: "promoters (9–10)",
        minAnswers: 30,
        recognise: [{ agent: "Amira Haddad", n: 64, share: 0.81, low: 0.7, high: 0.89, evidence: "52 of 64 answers were promoters; even the low end of her interval (70 %) is above the team's 55 %." }],
        coach: [{ agent: "Sam Okafor", n: 41, share: 0.29, low: 0.18, high: 0.44, evidence: "12 of 41 answers were promoters; even the high end (44 %) is below the team's 55 %." }],
        tooFew: 3,
      },
    };
    full.lateAnswers = 7;

    for (const width of [1280, 390]) {
      const page = await signedIn("reviewer@test.example", width);
      await page.route(`**/api/review-packs/${made.json.id}`, (route) => (route.request().method() === "GET" ? route.fulfill({ json: full }) : route.fallback()));
      await page.goto(`${served.base}/reviews/${made.json.id}`);
      await page.getByTestId("pack-kpi").first().waitFor();
      const rows = page.getByTestId("pack-kpi");
      expect(await rows.count()).toBe(4);
      expect(await rows.nth(0).textContent()).toMatch(/Green: on target.*up 12.7 points, beyond chance.*Retail banking, UK \(industry\): 27.*Annual customer survey 2026, 30 Jun 2026/);
      expect(await rows.nth(1).textContent()).toMatch(/71 %95 % interval 65 % to 77 %; n = 63.*Amber: watch.*straddles the target/);
      expect(await rows.nth(2).textContent()).toMatch(/Red: off target.*No figure for the previous period/);
      expect(await rows.nth(3).textContent()).toMatch(/—.*no answers.*No data/);
      expect(await page.getByTestId("pack-late").textContent()).toContain("7 answers arrived after the figures were frozen; they are not in this pack.");
      expect(await page.getByTestId("section-cases").textContent()).toMatch(/29 of 40 \(73 %\).*median 20 hours; 90 % within 2.9 days.*Staffing at peak hours: 14/);
      expect(await page.getByTestId("pack-recognise").textContent()).toContain("52 of 64 answers were promoters");
      expect(await page.getByTestId("pack-coach").textContent()).toContain("Sam Okafor");
      expect(await page.getByTestId("section-themes").textContent()).toContain("Forty minutes on hold");
      expect(await page.getByTestId("section-drivers").textContent()).toContain("Concentrate here");
      await fitsAndPasses(page, `pack-${width}-full`);
      if (shots) for (const section of ["kpis", "cases", "staff"]) await page.getByTestId(`section-${section}`).screenshot({ path: `${shots}/pack-${width}-full-${section}.png` });
      if (width === 1280) {
        await page.emulateMedia({ media: "print" });
        if (shots) await page.screenshot({ path: `${shots}/pack-print-full.png`, fullPage: true });
        const { pages } = await pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        expect(pages.join(" ")).toMatch(/Green: on target.*Amber: watch.*Red: off target.*No data/);
        expect(pages.find((p) => p.includes("To recognise"))).toMatch(/^Staff /);
      }
      await page.context().close();
    }
  }, 60_000);

  it("tells an agent plainly that reviews are not for their role, and leaves the link out of their menu", async () => {
    const page = await signedIn("agent@test.example", 1280);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reviews" }).count()).toBe(0);
    await page.goto(`${served.base}/reviews`);
    expect(await page.getByTestId("not-for-role").textContent()).toMatch(/^Review packs are not for your role: .+signed in as agent\.$/);
    expect(await page.getByTestId("prepare-form").count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
