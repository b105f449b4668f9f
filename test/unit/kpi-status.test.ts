import { describe, expect, it } from "vitest";
import { goalProblem, kpiStatus } from "../../server/domain/kpi-status";
import { wilson } from "../../server/domain/stats/proportion";

// CSAT top-2-box as a percentage with its Wilson interval, as the analytics report it.
const csat = (satisfied: number, n: number) => {
  const w = wilson(satisfied, n)!;
  return { value: (100 * satisfied) / n, low: 100 * w.lower, high: 100 * w.upper, n };
};
const higher = { target: 80, warning: 70, direction: "higher" as const };

describe("a KPI's status with its uncertainty", () => {
  it("is neither red nor green on six answers (2 or 6 of 6 satisfied are amber); the same shares on 200 answers are clear", () => {
    // 2 of 6 satisfied is 33 %, far below a target of 80, yet the interval reaches past 70.
    expect(kpiStatus(csat(2, 6), higher).status).toBe("amber");
    expect(kpiStatus(csat(6, 6), higher).status).toBe("amber");
    // The same shares on 200 answers are clear.
    expect(kpiStatus(csat(66, 200), higher)).toMatchObject({ status: "red", reason: expect.stringContaining("Misses the warning level of 70") });
    expect(kpiStatus(csat(190, 200), higher)).toMatchObject({ status: "green", reason: expect.stringContaining("Meets the target of 80") });
  });

  it("says why it is amber: an interval across the target, or short of it but not past the warning", () => {
    expect(kpiStatus(csat(16, 20), higher).reason).toMatch(/straddles the target of 80: 20 answers cannot tell/);
    expect(kpiStatus({ value: 75, low: 72, high: 78, n: 900 }, higher).reason).toMatch(/Short of the target of 80, but not clearly past the warning level of 70 \(72–78\)/);
  });

  it("mirrors for a KPI where lower is better, such as hours to resolve a case", () => {
    const hours = { target: 24, warning: 48, direction: "lower" as const };
    expect(kpiStatus({ value: 12, low: 10, high: 20, n: 40 }, hours).status).toBe("green");
    expect(kpiStatus({ value: 30, low: 20, high: 40, n: 40 }, hours).status).toBe("amber");
    expect(kpiStatus({ value: 60, low: 50, high: 70, n: 40 }, hours).status).toBe("red");
    // A figure without an interval (a count, a rate over every case) is judged on its value.
    expect(kpiStatus({ value: 24, n: 12 }, hours).status).toBe("green");
    expect(kpiStatus({ value: 49, n: 12 }, hours).status).toBe("red");
  });

  it("has no status without answers, and refuses a goal that reads the wrong way round", () => {
    expect(kpiStatus({ value: null, n: 0 }, higher)).toEqual({ status: "no-data", reason: "No answers in the period." });
    expect(goalProblem({ target: 80, warning: 90, direction: "higher" })).toMatch(/at or below the target/);
    expect(goalProblem({ target: 24, warning: 12, direction: "lower" })).toMatch(/at or above the target/);
    expect(() => kpiStatus({ value: 50, n: 10 }, { target: 80, warning: 90, direction: "higher" })).toThrow(RangeError);
  });
});
