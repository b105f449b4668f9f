import { describe, expect, it } from "vitest";
import { askedQuestions } from "../../server/domain/survey-questions";
import { mergeAnswers } from "../../web/respond/progress-saver";

describe("merging a tab's answers with newer ones saved elsewhere", () => {
  it("keeps what this tab changed, takes the rest from the other tab, and keeps a cleared answer cleared", () => {
    const base = { nps: 9, comment: "first" };
    const mine = { nps: 9, ces: 6 };
    const theirs = { nps: 7, comment: "first", csat: 4 };
    expect(mergeAnswers(base, mine, theirs)).toEqual({ nps: 7, csat: 4, ces: 6 });
  });

  it("lets this tab's change win when both tabs changed the same answer", () => {
    expect(mergeAnswers({ nps: 1 }, { nps: 5 }, { nps: 8 })).toEqual({ nps: 5 });
  });

  it("compares lists and objects by value, so an unchanged list is not counted as a change", () => {
    expect(mergeAnswers({ tags: ["a"] }, { tags: ["a"] }, { tags: ["a", "b"] })).toEqual({ tags: ["a", "b"] });
  });
});

describe("the questions a definition asks", () => {
  it("lists answerable questions in page order with their page, panels' questions on their panel's page", () => {
    const definition = {
      pages: [
        { elements: [{ type: "rating", name: "nps", title: "Recommend?" }, { type: "html", name: "intro" }] },
        {
          elements: [
            { type: "panel", name: "box", elements: [{ type: "text", name: "why", valueName: "reason" }] },
            { type: "paneldynamic", name: "visits", templateElements: [{ type: "text", name: "when" }] },
          ],
        },
      ],
    };
    expect(askedQuestions(definition)).toEqual([
      { name: "nps", valueName: "nps", title: "Recommend?", page: 0 },
      { name: "why", valueName: "reason", title: "why", page: 1 },
      { name: "visits", valueName: "visits", title: "visits", page: 1 },
    ]);
  });
});
