import { describe, expect, it } from "vitest";
import { compareSeries, parseMetricRole, scalesOf, seriesOf, slugDimension, type QuestionSeries } from "../../server/domain/metric-roles";

const at = (question: string, metric: string, min: number, max: number): QuestionSeries => ({ question, metric, series: seriesOf(metric, min, max), min, max });

describe("metric roles", () => {
  it("reads the fixed roles and dimensions named by a lowercase slug", () => {
    expect(parseMetricRole("loyalty")).toEqual({ ok: true, role: "loyalty", kind: "loyalty" });
    expect(parseMetricRole("dimension:time-taken")).toEqual({ ok: true, role: "dimension:time-taken", kind: "dimension", dimension: "time-taken" });
    expect(parseMetricRole("happiness")).toEqual({ ok: false, reason: "unknown" });
    expect(parseMetricRole(5)).toEqual({ ok: false, reason: "unknown" });
    for (const bad of ["dimension:", "dimension:Time", "dimension:time taken", `dimension:${"a".repeat(41)}`]) {
      expect(parseMetricRole(bad)).toEqual({ ok: false, reason: "dimension-name" });
    }
    expect(parseMetricRole(`dimension:${"a".repeat(40)}`).ok).toBe(true);
  });

  it("allows each role its scales: dimensions 1-5 or 1-7, loyalty 1-5, comments none", () => {
    expect(scalesOf("dimension:environment")).toEqual([
      { min: 1, max: 5 },
      { min: 1, max: 7 },
    ]);
    expect(scalesOf("loyalty")).toEqual([{ min: 1, max: 5 }]);
    expect(scalesOf("nps")).toEqual([{ min: 0, max: 10 }]);
    expect(scalesOf("comment")).toEqual([]);
    expect(scalesOf("dimension:Bad")).toEqual([]);
  });

  it("names a series by its role and scale", () => {
    expect(seriesOf("csat", 1, 5)).toBe("csat@1-5");
    expect(seriesOf("dimension:time-taken", 1, 7)).toBe("dimension:time-taken@1-7");
  });

  it("slugs what is typed as a dimension name", () => {
    expect(slugDimension("Reception environment")).toBe("reception-environment");
    expect(slugDimension("  Time taken (minutes)!  ")).toBe("time-taken-minutes");
    expect(slugDimension("Café staff")).toBe("cafe-staff");
    expect(slugDimension("???")).toBe("");
    expect(slugDimension(`${"x".repeat(39)} y`)).toBe("x".repeat(39));
  });
});

describe("series across versions", () => {
  it("says nothing when roles and scales stay, or when questions are only added or removed", () => {
    const published = [at("sat", "csat", 1, 5), at("wait", "dimension:time-taken", 1, 5)];
    expect(compareSeries(published, [at("sat", "csat", 1, 5), at("new", "dimension:location", 1, 7)])).toEqual([]);
  });

  it("says a scale change starts a new series and leaves earlier answers in the old one", () => {
    const [change] = compareSeries([at("sat", "csat", 1, 5)], [{ ...at("sat", "csat", 1, 7), label: "Question “Satisfied?” (sat)" }]);
    expect(change).toMatchObject({ question: "sat", from: { series: "csat@1-5" }, to: { series: "csat@1-7" } });
    expect(change!.message).toBe(
      "Publishing starts a new CSAT series: the scale of question “Satisfied?” (sat) changes from 1-5 to 1-7; earlier answers stay in the old series.",
    );
  });

  it("says a role change moves the question's answers, and when they join a series already in use", () => {
    const published = [at("again", "csat", 1, 5), at("loyal", "loyalty", 1, 5)];
    const changes = compareSeries(published, [at("again", "loyalty", 1, 5), at("loyal", "dimension:staff-attitude", 1, 5)]);
    expect(changes.map((c) => c.message)).toEqual([
      "Question “again” changes from CSAT (1-5) to loyalty (1-5): its answers join the loyalty 1-5 series already in use; earlier answers stay in the CSAT series.",
      "Publishing starts a new “staff-attitude” dimension series: question “loyal” changes from loyalty (1-5) to “staff-attitude” dimension (1-5); earlier answers stay in the loyalty series.",
    ]);
  });
});
