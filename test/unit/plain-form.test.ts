import { describe, expect, it } from "vitest";
import { plainPage, readPlainForm } from "../../server/domain/plain-form";

const defaults = { yes: "Yes", no: "No", selectPlaceholder: "Select…" };
const page = (definition: Record<string, unknown>, index = 0, shows?: (name: string) => boolean) => plainPage(definition, index, "en", defaults, shows);
const one = (...elements: unknown[]) => ({ pages: [{ elements }] });

describe("a survey page as a plain form", () => {
  it("reads scales, choices, yes/no and text fields as SurveyJS shows them, numbered unless told not to", () => {
    const p = page(
      one(
        { type: "rating", name: "nps", rateMin: 0, rateMax: 10, minRateDescription: "No", maxRateDescription: { default: "Yes", fr: "Oui" }, isRequired: true },
        { type: "rating", name: "stars", rateType: "stars", rateCount: 5 },
        { type: "radiogroup", name: "r", choices: ["a", { value: 2, text: "Two" }] },
        { type: "boolean", name: "b", labelTrue: "Sure" },
        { type: "dropdown", name: "d", choices: ["x"] },
        { type: "text", name: "t", inputType: "email", placeholder: "you@example.org" },
      ),
    )!;
    expect(p.questions.map((q) => [q.kind, q.number])).toEqual([
      ["rating", 1],
      ["rating", 2],
      ["radio", 3],
      ["radio", 4],
      ["select", 5],
      ["text", 6],
    ]);
    const nps = p.questions[0]!;
    expect(nps.kind === "rating" && [nps.items.length, nps.minLabel, nps.maxLabel, nps.required]).toEqual([11, "No", "Yes", true]);
    const stars = p.questions[1]!;
    expect(stars.kind === "rating" && [stars.stars, stars.items.map((i) => i.value)]).toEqual([true, [1, 2, 3, 4, 5]]);
    const yesNo = p.questions[3]!;
    // No before yes, as SurveyJS draws it.
    expect(yesNo.kind === "radio" && yesNo.choices).toEqual([
      { value: false, label: "No" },
      { value: true, label: "Sure" },
    ]);
    expect(p.hasNext).toBe(false);
  });

  it("uses the texts of the language asked for", () => {
    const p = plainPage(one({ type: "comment", name: "c", title: { default: "Why?", de: "Warum?" } }), 0, "de", defaults)!;
    expect(p.questions[0]!.title).toBe("Warum?");
  });

  it("leaves conditional questions out until told they apply, and then numbers them", () => {
    const definition = { ...one({ type: "rating", name: "nps", rateMax: 10, rateMin: 0 }, { type: "comment", name: "why", visibleIf: "{nps} < 7" }), showQuestionNumbers: "off" };
    expect(page(definition)!.questions.map((q) => q.name)).toEqual(["nps"]);
    expect(page(definition, 0, (n) => n === "why")!.questions.map((q) => q.name)).toEqual(["nps", "why"]);
    // Numbered questions after a conditional one depend on the answers: not offered without them.
    expect(page(one({ type: "comment", name: "a", visibleIf: "{x} = 1" }, { type: "comment", name: "b" }))).toBeNull();
  });

  it("is not offered for what it cannot show as the author meant", () => {
    for (const definition of [
      one({ type: "html", name: "h", html: "<p>Hi</p>" }, { type: "comment", name: "c" }),
      one({ type: "panel", name: "p", elements: [{ type: "comment", name: "c" }] }),
      one({ type: "matrix", name: "m", columns: [1, 2], rows: ["a"] }),
      one({ type: "comment", name: "c", title: "Hello {name}" }),
      one({ type: "radiogroup", name: "r", choices: ["a"], showOtherItem: true }),
      one({ type: "text", name: "t", maskType: "numeric" }),
      one({ type: "rating", name: "s", rateType: "smileys" }),
      one({ type: "comment", name: "rapport:page" }),
      { ...one({ type: "comment", name: "c" }), questionsOnPageMode: "questionPerPage" },
    ]) {
      expect(page(definition), JSON.stringify(definition)).toBeNull();
    }
    // A later page after a page that may be skipped would not be the page SurveyJS means by its number.
    const skipping = { pages: [{ visibleIf: "{x} = 1", elements: [{ type: "comment", name: "a" }] }, { elements: [{ type: "comment", name: "b" }] }] };
    expect(page(skipping, 1)).toBeNull();
  });

  it("reads the form's fields back as each question's own type, leaving out empty ones", () => {
    const p = page(
      one(
        { type: "rating", name: "nps", rateMin: 0, rateMax: 10 },
        { type: "checkbox", name: "topics", choices: [1, 2, "three"] },
        { type: "boolean", name: "again" },
        { type: "text", name: "age", inputType: "number" },
        { type: "comment", name: "why" },
        { type: "radiogroup", name: "r", choices: ["a"] },
      ),
    )!;
    const fields: Record<string, string[]> = { nps: ["7"], topics: ["1", "three", "nine"], again: ["false"], age: ["41"], why: ["  "], r: ["not offered"] };
    expect(readPlainForm(p.questions, (name) => fields[name] ?? [])).toEqual({ nps: 7, topics: [1, "three"], again: false, age: 41 });
  });
});
