// Rating scales on the respondent page: tappable numbers at phone widths, never a dropdown, split evenly when they wrap.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import type { TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations } from "../support/browser";
import { interaction, tokenFromMailbox } from "../support/factories";
import { serveTestApp } from "../support/web-server";

// Set SCALE_SHOTS=/some/folder to keep a screenshot of the scales at every width for a person to look at.
const shots = process.env.SCALE_SHOTS;

// No displayMode here: the page itself must keep SurveyJS from folding a wide scale into a dropdown.
const scales = [
  { name: "nps", points: 11, rateMin: 0, rateMax: 10, ends: ["Not at all likely", "Extremely likely"] },
  { name: "csat", points: 5, rateMin: 1, rateMax: 5, ends: ["Very dissatisfied", "Very satisfied"] },
  { name: "ces", points: 7, rateMin: 1, rateMax: 7, ends: ["Strongly disagree", "Strongly agree"] },
] as const;

const definition = {
  pages: [
    {
      name: "p1",
      elements: scales.map((s) => ({
        type: "rating",
        name: s.name,
        title: `How would you rate it (${s.name})?`,
        rateMin: s.rateMin,
        rateMax: s.rateMax,
        metric: s.name,
        minRateDescription: s.ends[0],
        maxRateDescription: s.ends[1],
      })),
    },
  ],
};

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;
let token = "";

async function openSurvey(width: number): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  await page.goto(`${base}/s/${token}`);
  await page.locator('.sd-question[data-name="nps"] input[type="radio"]').first().waitFor({ state: "attached" });
  return page;
}

type Measured = { rows: number[][]; smallest: { width: number; height: number }; kinds: string[] };

// Each number's tappable box, grouped into the rows the eye sees (same top edge).
function measure(page: Page, name: string): Promise<Measured> {
  return page.evaluate((name) => {
    const labels = [...document.querySelectorAll<HTMLElement>(`.sd-question[data-name="${name}"] label.sd-rating__item`)];
    const byTop = new Map<number, number[]>();
    for (const label of labels) {
      const box = label.getBoundingClientRect();
      const top = Math.round(box.top);
      byTop.set(top, [...(byTop.get(top) ?? []), Number(label.querySelector("input")?.value)]);
    }
    const boxes = labels.map((l) => l.getBoundingClientRect());
    return {
      rows: [...byTop.entries()].sort(([a], [b]) => a - b).map(([, values]) => values),
      smallest: { width: Math.min(...boxes.map((b) => b.width)), height: Math.min(...boxes.map((b) => b.height)) },
      kinds: labels.map((l) => l.querySelector("input")?.type ?? "none"),
    };
  }, name);
}

const expectedRows = (points: number, width: number) => {
  if (width >= 1280 || points === 5) return [points];
  const first = Math.ceil(points / 2);
  return [first, points - first];
};

describe.skipIf(!chromiumAvailable)("rating scales on the respondent page", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp());
    browser = await launchChromium();
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Scales", definition } });
    expect(created.status).toBe(201);
    await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} });
    await ctx.request(`/api/surveys/${created.json.id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email: "scales@example.org" } })] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    token = await tokenFromMailbox(ctx, "scales@example.org");
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  it.each([320, 390, 1280])("shows every scale as numbers at least 44 px square at %i px, split evenly when it wraps, with its end labels", async (width) => {
    const page = await openSurvey(width);
    if (shots) await page.screenshot({ path: `${shots}/scales-${width}.png`, fullPage: true });

    expect(await page.locator("select, .sd-dropdown, [role='combobox']").count()).toBe(0);
    for (const scale of scales) {
      const { rows, smallest, kinds } = await measure(page, scale.name);
      expect(kinds, scale.name).toEqual(Array(scale.points).fill("radio"));
      expect(smallest.width, `${scale.name} number width`).toBeGreaterThanOrEqual(44);
      expect(smallest.height, `${scale.name} number height`).toBeGreaterThanOrEqual(44);
      expect(
        rows.map((r) => r.length),
        `${scale.name} rows: ${JSON.stringify(rows)}`,
      ).toEqual(expectedRows(scale.points, width));
      expect(rows.filter((r) => r.length === 1), `${scale.name}: a number alone on a row`).toEqual([]);
      expect(rows.flat(), `${scale.name} in order`).toEqual(Array.from({ length: scale.points }, (_, i) => scale.rateMin + i));
      for (const end of scale.ends) {
        const label = page.locator(`.sd-question[data-name="${scale.name}"]`).getByText(end, { exact: true });
        expect(await label.isVisible(), `${scale.name}: “${end}” visible`).toBe(true);
        const box = (await label.boundingBox())!;
        expect(box.x >= 0 && box.x + box.width <= width, `${scale.name}: “${end}” within the screen`).toBe(true);
      }
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it("lets a keyboard reach the first scale with Tab and choose with Space and the arrow keys", async () => {
    const page = await openSurvey(390);
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return { type: el?.type, question: el?.closest(".sd-question")?.getAttribute("data-name"), value: el?.value };
    });
    await page.keyboard.press("Tab");
    expect(await focused()).toEqual({ type: "radio", question: "nps", value: "0" });
    await page.keyboard.press("Space");
    const nps = page.locator('.sd-question[data-name="nps"]');
    expect(await nps.locator("input:checked").getAttribute("value")).toBe("0");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await nps.locator("input:checked").getAttribute("value")).toBe("2");
    expect(await nps.locator("label.sd-rating__item--selected").textContent()).toBe("2");
    if (shots) await page.screenshot({ path: `${shots}/scales-keyboard-390.png` });
    await page.keyboard.press("Tab");
    expect((await focused()).question).toBe("csat");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
