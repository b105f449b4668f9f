import { describe, expect, it } from "vitest";
import { AnswerValidator, checkDefinition, seriesChanges } from "../../server/domain/survey-definition";

const survey = (elements: Record<string, unknown>[]) => ({ pages: [{ name: "p", elements }] });
const rating = (name: string, metric: string, rateMin: number, rateMax: number, title?: string) => ({ type: "rating", name, metric, rateMin, rateMax, ...(title && { title }) });

const full = survey([
  rating("nps", "nps", 0, 10),
  rating("sat", "csat", 1, 5),
  rating("sat2", "csat", 1, 5),
  rating("again", "loyalty", 1, 5),
  rating("reception", "dimension:reception-environment", 1, 5),
  rating("time", "dimension:time-taken", 1, 7),
  { type: "comment", name: "why", metric: "comment" },
]);

describe("metric roles on save", () => {
  it("accepts loyalty and dimensions on their scales", () => {
    expect(checkDefinition(full)).toEqual([]);
    expect(checkDefinition(survey([{ type: "rating", name: "d", metric: "dimension:solution", rateValues: [1, 2, 3, 4, 5, 6, 7] }]))).toEqual([]);
  });

  it.each([
    [rating("again", "loyalty", 1, 7, "Would you use us again?"), "", "Question “Would you use us again?” (again): a loyalty question needs a rating scale from 1 to 5 in steps of 1."],
    [rating("d", "dimension:location", 0, 10), "", "Question “d”: a dimension question needs a rating scale from 1 to 5 or 1 to 7 in steps of 1."],
    [{ type: "rating", name: "d", metric: "dimension:location", rateMin: 1, rateMax: 7, rateStep: 2 }, "", "Question “d”: a dimension question needs a rating scale from 1 to 5 or 1 to 7 in steps of 1."],
    [{ type: "text", name: "d", metric: "dimension:location" }, "", "Question “d”: a dimension metric needs a rating question with a scale from 1 to 5 or 1 to 7."],
    [rating("d", "dimension:Time Taken", 1, 5), "/metric", "Question “d”: name the dimension with 1 to 40 lowercase letters, digits or hyphens, such as “dimension:time-taken”."],
    [rating("d", "happiness", 1, 5), "/metric", "Question “d”: “happiness” is not a metric role; choose nps, csat, ces, loyalty, comment or dimension:<name>, or none."],
  ])("refuses %j in plain words", (element, suffix, message) => {
    expect(checkDefinition(survey([element]))).toEqual([{ path: `/definition/pages/0/elements/0${suffix}`, message }]);
  });
});

describe("scored answers", () => {
  const validator = new AnswerValidator();
  const answers = { nps: 9, sat: 4, sat2: 2, again: 5, reception: 3, time: 6, why: "Quick" };

  it("keeps every rated answer with a role by its series, on the question's own scale", () => {
    const result = validator.check("v1", full, answers);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.metrics).toEqual({ nps: 9, csat: 4 });
    expect(result.scores).toEqual([
      { metric: "nps", series: "nps@0-10", question: "nps", value: 9 },
      { metric: "csat", series: "csat@1-5", question: "sat", value: 4 },
      { metric: "csat", series: "csat@1-5", question: "sat2", value: 2 },
      { metric: "loyalty", series: "loyalty@1-5", question: "again", value: 5 },
      { metric: "dimension:reception-environment", series: "dimension:reception-environment@1-5", question: "reception", value: 3 },
      { metric: "dimension:time-taken", series: "dimension:time-taken@1-7", question: "time", value: 6 },
    ]);
  });

  it("refuses a dimension answer outside its scale", () => {
    const result = validator.check("v1", full, { ...answers, reception: 6, time: 8 });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "/data/reception", message: "Question “reception”: choose one of 1, 2, 3, 4, 5." },
        { path: "/data/time", message: "Question “time”: choose one of 1, 2, 3, 4, 5, 6, 7." },
      ],
    });
  });
});

describe("series changes between versions", () => {
  it("names the question whose scale changed and keeps quiet about the rest", () => {
    const draft = survey([rating("nps", "nps", 0, 10), rating("sat", "csat", 1, 5), rating("time", "dimension:time-taken", 1, 5, "Time taken?")]);
    const published = survey([rating("nps", "nps", 0, 10), rating("sat", "csat", 1, 5), rating("time", "dimension:time-taken", 1, 7, "Time taken?")]);
    expect(seriesChanges(published, draft).map((c) => c.message)).toEqual([
      "Publishing starts a new “time-taken” dimension series: the scale of question “Time taken?” (time) changes from 1-7 to 1-5; earlier answers stay in the old series.",
    ]);
    expect(seriesChanges(published, published)).toEqual([]);
  });
});
