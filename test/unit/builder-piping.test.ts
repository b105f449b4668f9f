import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { describePiped, insertAt, pipedFields, pipedWords, placeholderOf } from "../../web/admin/builder/piping";

describe("inserting a field at the caret", () => {
  it("puts the placeholder where the caret is and the caret just after it", () => {
    expect(insertAt("Hello , thanks", 6, 6, "{customerName}")).toEqual({ value: "Hello {customerName}, thanks", caret: 20 });
  });

  it("replaces a selection, whichever way it was made", () => {
    expect(insertAt("Visit to UNIT today", 9, 13, "{unitName}")).toEqual({ value: "Visit to {unitName} today", caret: 19 });
    expect(insertAt("Visit to UNIT today", 13, 9, "{unitName}")).toEqual({ value: "Visit to {unitName} today", caret: 19 });
  });

  it("inserts at the start, at the end and into an empty text", () => {
    expect(insertAt("there", 0, 0, "{agentName} ")).toEqual({ value: "{agentName} there", caret: 12 });
    expect(insertAt("On ", 3, 3, "{interactionDate}")).toEqual({ value: "On {interactionDate}", caret: 20 });
    expect(insertAt("", 0, 0, "{unitName}")).toEqual({ value: "{unitName}", caret: 10 });
  });

  it("keeps a caret past the end inside the text", () => {
    expect(insertAt("abc", 10, 12, "{unitName}")).toEqual({ value: "abc{unitName}", caret: 13 });
  });
});

describe("piped texts in words", () => {
  it("cuts a text into plain runs and the fields it pipes in", () => {
    expect(describePiped("Hello {customerName}, how was {unitName}?")).toEqual([
      { kind: "text", text: "Hello " },
      { kind: "field", name: "customerName", label: "Customer's name" },
      { kind: "text", text: ", how was " },
      { kind: "field", name: "unitName", label: "Service unit" },
      { kind: "text", text: "?" },
    ]);
  });

  it("reads placeholders with spaces inside the braces, as survey-core does, and leaves other braces as text", () => {
    expect(pipedWords("{ agentName } helped you on {interactionDate}")).toBe("[Staff member] helped you on [Date of the interaction]");
    expect(describePiped("Your score {nps} and {customer}")).toEqual([{ kind: "text", text: "Your score {nps} and {customer}" }]);
    expect(describePiped("")).toEqual([]);
  });

  it("writes placeholders survey-core fills from the variables the respondent page sets", () => {
    const title = pipedFields.map((f) => placeholderOf(f.name)).join(" | ");
    const model = new Model({ elements: [{ type: "text", name: "t", title }] });
    for (const [name, value] of Object.entries({ customerName: "Ann", unitName: "North branch", agentName: "Sam", interactionDate: "3 March 2026" })) {
      model.setVariable(name, value);
    }
    expect(model.getQuestionByName("t").locTitle.renderedHtml).toBe("Ann | North branch | Sam | 3 March 2026");
  });
});
