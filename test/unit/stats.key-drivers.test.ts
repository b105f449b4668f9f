import fc from "fast-check";
import { Matrix, solve } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { coMomentsOf, keyDrivers } from "../../server/domain/stats";
import type { KeyDriver } from "../../server/domain/stats";

type Row = Record<string, number>;

const column = (rows: Row[], name: string) => rows.map((r) => r[name]!);
const average = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function pearson(xs: number[], ys: number[]): number {
  const [mx, my] = [average(xs), average(ys)];
  const dot = (a: number[], ma: number, b: number[], mb: number) => a.reduce((s, x, i) => s + (x - ma) * (b[i]! - mb), 0);
  return dot(xs, mx, ys, my) / Math.sqrt(dot(xs, mx, xs, mx) * dot(ys, my, ys, my));
}

// Least squares with an intercept through ml-matrix's SVD solver, independent of the eigen route under test.
function olsRSquared(rows: Row[], outcome: string, drivers: string[]): number {
  const y = column(rows, outcome);
  const design = new Matrix(rows.map((r) => [1, ...drivers.map((d) => r[d]!)]));
  const fitted = design.mmul(solve(design, Matrix.columnVector(y), true)).getColumn(0);
  const my = average(y);
  const residual = y.reduce((s, v, i) => s + (v - fitted[i]!) ** 2, 0);
  return 1 - residual / y.reduce((s, v) => s + (v - my) ** 2, 0);
}

const byName = (drivers: KeyDriver[]) => Object.fromEntries(drivers.map((d) => [d.name, d]));
const weightSum = (drivers: KeyDriver[]) => drivers.reduce((s, d) => s + (d.relativeWeight ?? 0), 0);

describe("keyDrivers", () => {
  it("gives r = 1 and an R² of 1 when the outcome is an exact linear function of one driver", () => {
    const speed = [1, 2, 3, 4, 5, 2, 4, 3];
    const courtesy = [2, 1, 4, 3, 5, 5, 1, 2];
    const rows = speed.map((s, i) => ({ overall: 2 * s + 1, speed: s, courtesy: courtesy[i]! }));
    const drivers = keyDrivers(coMomentsOf(rows), "overall");
    expect(drivers.map((d) => d.name)).toEqual(["speed", "courtesy"]);
    expect(byName(drivers).speed?.importance).toBeCloseTo(1, 12);
    expect(weightSum(drivers)).toBeCloseTo(1, 10);
  });

  it("gives uncorrelated drivers relative weights equal to their squared correlations", () => {
    // Centred, speed and courtesy are orthogonal, so each one's share of R² is its own r².
    const speed = [1, 2, 1, 2, 1, 2, 1, 2];
    const courtesy = [1, 1, 2, 2, 1, 1, 2, 2];
    const overall = [3, 1, 4, 1, 5, 9, 2, 6];
    const rows = overall.map((o, i) => ({ overall: o, speed: speed[i]!, courtesy: courtesy[i]! }));
    const drivers = byName(keyDrivers(coMomentsOf(rows), "overall"));
    for (const name of ["speed", "courtesy"]) {
      const r = pearson(column(rows, name), overall);
      expect(drivers[name]?.importance).toBeCloseTo(r, 12);
      expect(drivers[name]?.relativeWeight).toBeCloseTo(r * r, 12);
    }
  });

  it("places each driver in its quadrant by the mean importance and mean performance", () => {
    const overall = [1, 2, 3, 4, 5, 6, 7, 8];
    const alternating = [1, 2, 1, 2, 2, 1, 2, 1]; // uncorrelated with overall
    const rows = overall.map((o, i) => ({
      overall: o,
      strongAndHigh: o + 2,
      strongButLow: o - 3,
      weakAndLow: alternating[i]!,
      weakButHigh: alternating[i]! + 5,
    }));
    const drivers = byName(keyDrivers(coMomentsOf(rows), "overall"));
    expect(drivers.strongAndHigh?.quadrant).toBe("keep up");
    expect(drivers.strongButLow?.quadrant).toBe("concentrate here");
    expect(drivers.weakAndLow?.quadrant).toBe("low priority");
    expect(drivers.weakButHigh?.quadrant).toBe("possible overkill");
  });

  it("counts drivers that sit exactly on the cut as high", () => {
    const overall = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const x = [3, 1, 2, 2, 1, 3, 3, 1, 2, 3];
    const rows = overall.map((o, i) => ({ overall: o, a: x[i]!, b: x[i]!, c: x[i]! }));
    expect(keyDrivers(coMomentsOf(rows), "overall").map((d) => d.quadrant)).toEqual(["keep up", "keep up", "keep up"]);
  });

  it("shares the weight equally between two drivers that carry the same information", () => {
    const overall = [1, 2, 3, 4, 5, 6, 7, 8];
    const rows = overall.map((o) => ({ overall: o, wait: o + 2, queue: 2 * o }));
    const drivers = byName(keyDrivers(coMomentsOf(rows), "overall"));
    expect(drivers.wait?.relativeWeight).toBeCloseTo(0.5, 10);
    expect(drivers.queue?.relativeWeight).toBeCloseTo(0.5, 10);
  });

  it("leaves a driver with zero variance without importance and out of the weights", () => {
    const rows = [
      { overall: 2, speed: 1, signage: 4 },
      { overall: 4, speed: 3, signage: 4 },
      { overall: 3, speed: 3, signage: 4 },
      { overall: 5, speed: 4, signage: 4 },
    ];
    const drivers = byName(keyDrivers(coMomentsOf(rows), "overall"));
    expect(drivers.signage).toEqual({
      name: "signage",
      importance: null,
      performance: 4,
      relativeWeight: null,
      quadrant: null,
    });
    expect(drivers.speed?.relativeWeight).toBeCloseTo(olsRSquared(rows, "overall", ["speed"]), 10);
  });

  it("gives no importance to any driver when the outcome never varies", () => {
    const rows = [1, 2, 3].map((s) => ({ overall: 4, speed: s }));
    expect(keyDrivers(coMomentsOf(rows), "overall")).toEqual([
      { name: "speed", importance: null, performance: 2, relativeWeight: null, quadrant: null },
    ]);
  });

  it("gives nulls rather than NaN when there are no answers", () => {
    const drivers = keyDrivers(coMomentsOf([], ["overall", "speed"]), "overall");
    expect(drivers).toEqual([{ name: "speed", importance: null, performance: null, relativeWeight: null, quadrant: null }]);
  });

  it("names the outcome when it is not one of the variables", () => {
    expect(() => keyDrivers(coMomentsOf([{ speed: 1 }]), "overall")).toThrow(
      new RangeError("outcome must name one of the variables (speed), got overall"),
    );
  });

  it("has relative weights that are non-negative and sum to the R² of an ordinary least-squares fit", () => {
    const row = fc.record({
      overall: fc.integer({ min: 1, max: 10 }),
      speed: fc.integer({ min: 1, max: 5 }),
      courtesy: fc.integer({ min: 1, max: 5 }),
      knowledge: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 6, maxLength: 40 }), (rows) => {
        fc.pre(new Set(column(rows, "overall")).size > 1);
        const drivers = keyDrivers(coMomentsOf(rows), "overall");
        for (const d of drivers) expect(d.relativeWeight ?? 0).toBeGreaterThanOrEqual(-1e-12);
        expect(weightSum(drivers)).toBeCloseTo(olsRSquared(rows, "overall", ["speed", "courtesy", "knowledge"]), 8);
      }),
    );
  });
});
