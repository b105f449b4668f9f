import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import {
  canReference,
  conditionToExpression,
  defaultCondition,
  describeCondition,
  expressionToCondition,
  operatorsFor,
  sourcesBefore,
  visibleIfOf,
  withVisibleIf,
  type Condition,
} from "../../web/admin/builder/logic";

const survey = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "rating", name: "nps", title: "How likely are you to recommend us to a friend?", rateMin: 0, rateMax: 10, metric: "nps" },
        { type: "radiogroup", name: "channel", title: "How did you contact us?", choices: [{ value: "phone", text: { default: "By phone", fr: "Par téléphone" } }, "email", { value: "it's", text: "It's complicated" }] },
        { type: "checkbox", name: "topics", title: "What was it about?", choices: ["a", "b", { value: 3, text: "Three" }] },
        { type: "boolean", name: "contact-consent", title: "May we contact you?", labelTrue: "Yes please", labelFalse: "No thanks" },
        { type: "text", name: "my answer 2.0", title: "Anything else?" },
      ],
    },
    { name: "p2", elements: [{ type: "comment", name: "why", title: "What went wrong?" }] },
  ],
};

/** Whether `why` shows, with `visibleIf` written from the condition, once `data` is answered. */
function shows(condition: Condition, data: Record<string, unknown>, definition: Record<string, unknown> = survey): boolean {
  const model = new Model(withVisibleIf(definition, "why", conditionToExpression(condition)));
  model.data = data;
  return model.getQuestionByName("why").isVisible;
}

describe("conditions written as SurveyJS expressions", () => {
  it.each<[Condition, string]>([
    [{ question: "nps", op: "atMost", value: 6 }, "{nps} <= 6"],
    [{ question: "nps", op: "atLeast", value: 9 }, "{nps} >= 9"],
    [{ question: "nps", op: "isNot", value: 10 }, "{nps} <> 10"],
    [{ question: "channel", op: "is", value: "phone" }, "{channel} = 'phone'"],
    [{ question: "topics", op: "oneOf", value: ["a", "b"] }, "{topics} anyof ['a', 'b']"],
    [{ question: "topics", op: "oneOf", value: ["a", 3] }, "{topics} anyof ['a', 3]"],
    [{ question: "contact-consent", op: "is", value: true }, "{contact-consent} = true"],
    [{ question: "channel", op: "is", value: `it's "x"` }, `{channel} = 'it\\'s \\"x\\"'`],
    [{ question: "my answer 2.0", op: "is", value: "yes" }, "{my answer 2.0} = 'yes'"],
  ])("writes %j as %s and reads it back", (condition, expression) => {
    expect(conditionToExpression(condition)).toBe(expression);
    expect(expressionToCondition(expression)).toEqual(condition);
  });

  it("shows a question on a rating's low end and hides it on the high end, as survey-core evaluates it", () => {
    const detractors: Condition = { question: "nps", op: "atMost", value: 6 };
    expect(shows(detractors, { nps: 3 })).toBe(true);
    expect(shows(detractors, { nps: 6 })).toBe(true);
    expect(shows(detractors, { nps: 7 })).toBe(false);
    expect(shows(detractors, {})).toBe(false);
    expect(shows({ question: "nps", op: "atLeast", value: 9 }, { nps: 10 })).toBe(true);
    expect(shows({ question: "nps", op: "is", value: 5 }, { nps: 5 })).toBe(true);
    expect(shows({ question: "nps", op: "isNot", value: 5 }, { nps: 5 })).toBe(false);
  });

  it("compares single choices, several choices and yes/no as survey-core does", () => {
    expect(shows({ question: "channel", op: "is", value: "phone" }, { channel: "phone" })).toBe(true);
    expect(shows({ question: "channel", op: "is", value: "phone" }, { channel: "email" })).toBe(false);
    expect(shows({ question: "channel", op: "oneOf", value: ["phone", "email"] }, { channel: "email" })).toBe(true);
    expect(shows({ question: "topics", op: "oneOf", value: ["a", 3] }, { topics: ["b", 3] })).toBe(true);
    expect(shows({ question: "topics", op: "oneOf", value: ["a"] }, { topics: ["b"] })).toBe(false);
    expect(shows({ question: "contact-consent", op: "is", value: true }, { "contact-consent": true })).toBe(true);
    expect(shows({ question: "contact-consent", op: "is", value: true }, { "contact-consent": false })).toBe(false);
  });

  it("keeps quotes in a compared text and spaces and dots in a question's name working in survey-core", () => {
    expect(shows({ question: "channel", op: "is", value: "it's" }, { channel: "it's" })).toBe(true);
    expect(shows({ question: "channel", op: "is", value: `say "hi"` }, { channel: `say "hi"` })).toBe(true);
    expect(shows({ question: "channel", op: "is", value: `a\\'b` }, { channel: `a\\'b` })).toBe(true);
    expect(shows({ question: "my answer 2.0", op: "is", value: "x" }, { "my answer 2.0": "x" })).toBe(true);
    expect(shows({ question: "my answer 2.0", op: "is", value: "x" }, { "my answer 2.0": "y" })).toBe(false);
  });

  it("refuses names and texts survey-core could not read, rather than writing a broken expression", () => {
    expect(canReference("rows[0]")).toBe(false);
    expect(canReference("a}b")).toBe(false);
    expect(canReference("  ")).toBe(false);
    expect(() => conditionToExpression({ question: "a{b", op: "is", value: "x" })).toThrow();
    expect(() => conditionToExpression({ question: "q", op: "is", value: "ends in \\" })).toThrow();
    expect(() => conditionToExpression({ question: "q", op: "atMost", value: "6" })).toThrow();
  });

  it("reads the same expressions with other spacing", () => {
    expect(expressionToCondition("{nps}<=6")).toEqual({ question: "nps", op: "atMost", value: 6 });
    expect(expressionToCondition("  { nps }   >=  -1.5 ")).toEqual({ question: "nps", op: "atLeast", value: -1.5 });
    expect(expressionToCondition("{topics} anyof[ 'a' ,'b' ]")).toEqual({ question: "topics", op: "oneOf", value: ["a", "b"] });
    expect(expressionToCondition("{topics} anyof []")).toEqual({ question: "topics", op: "oneOf", value: [] });
  });

  it.each([
    "{nps} <= 6 and {nps} >= 0",
    "{nps} < 6",
    "{nps} == 6",
    "{nps} notempty",
    "{topics} anyof 'a'",
    "{topics} contains 'a'",
    "{channel} = \"phone\"",
    "{channel} = 'phone",
    "{nps} <= '6'",
    "{nps} >= true",
    "{nps} = 6x",
    "nps = 6",
    "{a[0]} = 'x'",
    "{topics} anyof [true]",
    "",
  ])("does not read %j as a simple condition", (expression) => {
    expect(expressionToCondition(expression)).toBeNull();
  });
});

describe("the questions a condition can be about", () => {
  it("offers only the questions before this one whose answers can be compared", () => {
    expect(sourcesBefore(survey, "why").map((s) => [s.name, s.kind])).toEqual([
      ["nps", "rating"],
      ["channel", "choice"],
      ["topics", "choices"],
      ["contact-consent", "boolean"],
    ]);
    expect(sourcesBefore(survey, "channel").map((s) => s.name)).toEqual(["nps"]);
    expect(sourcesBefore(survey, "nps")).toEqual([]);
  });

  it("reads scales and answers with their texts, and words the operators for each kind", () => {
    const [nps, channel, , consent] = sourcesBefore(survey, "why");
    expect(nps!.values.map((v) => v.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(channel!.values).toEqual([
      { value: "phone", label: "By phone" },
      { value: "email", label: "email" },
      { value: "it's", label: "It's complicated" },
    ]);
    expect(consent!.values.map((v) => v.label)).toEqual(["Yes please", "No thanks"]);
    expect(operatorsFor("rating")).toEqual(["is", "isNot", "atMost", "atLeast"]);
    expect(operatorsFor("choice")).toEqual(["is", "isNot", "oneOf"]);
    expect(operatorsFor("boolean")).toEqual(["is"]);
  });

  it("starts an NPS condition at its detractors and others at their first answer", () => {
    const [nps, channel, topics, consent] = sourcesBefore(survey, "why");
    expect(defaultCondition(nps!)).toEqual({ question: "nps", op: "atMost", value: 6 });
    expect(defaultCondition(channel!)).toEqual({ question: "channel", op: "is", value: "phone" });
    expect(defaultCondition(topics!)).toEqual({ question: "topics", op: "oneOf", value: ["a"] });
    expect(defaultCondition(consent!)).toEqual({ question: "contact-consent", op: "is", value: true });
  });
});

describe("conditions in words", () => {
  it.each<[Condition, string]>([
    [{ question: "nps", op: "atMost", value: 6 }, "when “How likely are you to recommend us to a friend?” is at most 6"],
    [{ question: "channel", op: "is", value: "phone" }, "when “How did you contact us?” is “By phone”"],
    [{ question: "channel", op: "oneOf", value: ["phone", "email"] }, "when “How did you contact us?” is one of “By phone” or “email”"],
    [{ question: "topics", op: "oneOf", value: ["a", "b", 3] }, "when “What was it about?” includes any of “a”, “b” or “Three”"],
    [{ question: "contact-consent", op: "is", value: false }, "when “May we contact you?” is No thanks"],
    [{ question: "gone", op: "isNot", value: "x" }, "when “gone” is not “x”"],
  ])("describes %j", (condition, words) => {
    expect(describeCondition(condition, survey)).toBe(words);
  });

  it("shortens a long title at a word", () => {
    const long = { elements: [{ type: "rating", name: "q", title: "How would you rate the time it took our staff to handle your request from start to finish?" }] };
    expect(describeCondition({ question: "q", op: "atLeast", value: 4 }, long)).toBe("when “How would you rate the time it took our staff to handle…” is at least 4");
  });
});

describe("the question's visibleIf", () => {
  it("is set and cleared on a copy, leaving the definition it was given alone", () => {
    const shown = withVisibleIf(survey, "why", "{nps} <= 6");
    expect(visibleIfOf(shown, "why")).toBe("{nps} <= 6");
    expect(visibleIfOf(survey, "why")).toBe("");
    expect(visibleIfOf(withVisibleIf(shown, "why", null), "why")).toBe("");
    expect(withVisibleIf(survey, "nobody", "{nps} <= 6")).toBe(survey);
  });
});
