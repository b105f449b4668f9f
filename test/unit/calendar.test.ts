// Covering a range of days with month and day cells: every day of the range counted once, no other day at all.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDay, daysBetween, isDay, monthCover, type CoverPiece } from "../../server/domain/calendar";

/** Each day a cover counts, with how many times (a month piece counts each of its days). */
function countedDays(pieces: CoverPiece[]) {
  const counted = new Map<string, number>();
  for (const p of pieces) {
    const [from, to] = p.length === "month" ? [`${p.from}-01`, `${p.to}-01`] : [p.from, p.to];
    for (let d = from; d < to; d = addDay(d, 1)) counted.set(d, (counted.get(d) ?? 0) + p.sign);
  }
  return new Map([...counted].filter(([, n]) => n !== 0));
}

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d < to; d = addDay(d, 1)) out.push(d);
  return out;
};

describe("monthCover", () => {
  it("reads whole months, the edge days inside, or an edge month less the days outside, whichever is fewer", () => {
    // A year up to the 24th: November 2025 from its 24th (7 days), whole months, then November 2026 whole less its last 7 days.
    expect(monthCover("2025-11-24", "2026-11-24")).toEqual([
      { length: "day", from: "2025-11-24", to: "2025-12-01", sign: 1 },
      { length: "day", from: "2026-11-24", to: "2026-12-01", sign: -1 },
      { length: "month", from: "2025-12", to: "2026-12", sign: 1 },
    ]);
    expect(monthCover("2026-10-01", "2026-11-01")).toEqual([{ length: "month", from: "2026-10", to: "2026-11", sign: 1 }]);
    expect(monthCover("2026-10-03", "2026-10-09")).toEqual([{ length: "day", from: "2026-10-03", to: "2026-10-09", sign: 1 }]);
    expect(monthCover("2026-10-05", "2026-10-05")).toEqual([]);
  });

  it("counts every day of any range exactly once and never reads more day cells than the range has days", () => {
    const day = fc.integer({ min: 0, max: 900 }).map((n) => addDay("2024-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 500 }), (from, length) => {
        const to = addDay(from, length);
        const pieces = monthCover(from, to);
        expect([...countedDays(pieces)].sort()).toEqual(days(from, to).map((d) => [d, 1]));
        const dayCells = pieces.filter((p) => p.length === "day").reduce((n, p) => n + daysBetween(p.from, p.to), 0);
        expect(dayCells).toBeLessThanOrEqual(length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("isDay", () => {
  it("accepts real calendar days and refuses impossible ones without throwing", () => {
    expect(["2026-02-28", "2028-02-29", "2026-12-31"].map(isDay)).toEqual([true, true, true]);
    expect(["2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "yesterday"].map(isDay)).toEqual([false, false, false, false, false, false]);
  });
});
