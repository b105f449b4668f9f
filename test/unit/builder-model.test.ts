import { describe, expect, it } from "vitest";
import { checkDefinition } from "../../server/domain/survey-definition";
import {
  addBlock,
  blockElement,
  choicesText,
  dimensionsOf,
  duplicate,
  elementAt,
  emptyHistory,
  HISTORY_LIMIT,
  insertPageBreak,
  kindOf,
  moveBy,
  moveElement,
  moveFlat,
  palette,
  readElements,
  readPages,
  record,
  redo,
  remove,
  removePageBreak,
  rolesFor,
  setChoices,
  setDimensions,
  setDisplay,
  undo,
  updateElement,
  type BlockKind,
  type JsonObject,
} from "../../web/admin/builder/model";

const names = (definition: JsonObject) => readElements(definition).map((e) => `${e.page}:${e.name}`);

function built(...kinds: BlockKind[]): JsonObject {
  let definition: JsonObject = {};
  for (const kind of kinds) definition = addBlock(definition, kind).definition;
  return definition;
}

describe("blocks", () => {
  it("an NPS block is a required 0-10 rating with the NPS role, end labels and buttons", () => {
    expect(blockElement("nps")).toMatchObject({
      type: "rating",
      rateMin: 0,
      rateMax: 10,
      metric: "nps",
      minRateDescription: "Not at all likely",
      maxRateDescription: "Extremely likely",
      isRequired: true,
      displayMode: "buttons",
    });
  });

  it("ratings carry the scale their role needs", () => {
    expect(blockElement("csat")).toMatchObject({ rateMin: 1, rateMax: 5, metric: "csat" });
    expect(blockElement("ces")).toMatchObject({ rateMin: 1, rateMax: 7, metric: "ces" });
    expect(blockElement("loyalty")).toMatchObject({ rateMin: 1, rateMax: 5, metric: "loyalty" });
    expect(blockElement("dimension", { dimensions: ["Time taken"] })).toMatchObject({ rateMin: 1, rateMax: 5, metric: "dimension:time-taken" });
  });

  it("CSAT shown as stars or faces sets the rate type and drops the number buttons", () => {
    expect(blockElement("csat", { csatDisplay: "stars" })).toMatchObject({ rateType: "stars" });
    expect(blockElement("csat", { csatDisplay: "smileys" })).not.toHaveProperty("displayMode");
    expect(blockElement("csat")).not.toHaveProperty("rateType");
  });

  it("several dimensions is a group holding one dimension rating per listed name, blank lines skipped", () => {
    const group = blockElement("dimensions", { dimensions: ["Reception environment", "", " Location "] })!;
    expect(group.type).toBe("panel");
    expect((group.elements as JsonObject[]).map((e) => e.metric)).toEqual(["dimension:reception-environment", "dimension:location"]);
  });

  it("the other blocks write the SurveyJS types a manager expects", () => {
    expect(blockElement("single")).toMatchObject({ type: "radiogroup" });
    expect(blockElement("multiple")).toMatchObject({ type: "checkbox" });
    expect(blockElement("short-text")).toMatchObject({ type: "text" });
    expect(blockElement("long-text")).toMatchObject({ type: "comment", metric: "comment" });
    expect(blockElement("consent")).toMatchObject({ type: "boolean", title: "May we contact you about your answers?" });
    expect(blockElement("page-break")).toBeNull();
  });

  it("every block reads back as its own kind", () => {
    for (const { kind } of palette) {
      if (kind === "page-break") continue;
      const definition = built(kind);
      expect(readElements(definition)[0]!.kind, kind).toBe(kind);
    }
  });

  it("a survey built from every block passes the server's check", () => {
    const definition = built(...palette.map((p) => p.kind));
    expect(checkDefinition(definition)).toEqual([]);
  });
});

describe("names", () => {
  it("are readable and unique across the survey", () => {
    const definition = built("nps", "nps", "csat", "long-text", "single", "page-break", "short-text", "consent");
    expect(names(definition)).toEqual(["0:nps", "0:nps-2", "0:csat", "0:comment", "0:q5", "1:q6", "1:contact-consent"]);
  });

  it("a group's dimension questions get names of their own too", () => {
    const definition = addBlock({}, "dimensions", "end", { dimensions: ["Location", "Time taken"] }).definition;
    const group = elementAt(definition, { page: 0, index: 0 })!;
    expect((group.elements as JsonObject[]).map((e) => e.name)).toEqual(["location", "time-taken"]);
    expect(group.name).toBe("q1");
  });
});

describe("edits", () => {
  const three = () => built("nps", "csat", "page-break", "long-text");

  it("adds after a given element or at the end of a page", () => {
    const definition = three();
    const after = addBlock(definition, "ces", { after: { page: 0, index: 0 } });
    expect(names(after.definition)).toEqual(["0:nps", "0:ces", "0:csat", "1:comment"]);
    expect(after.added).toEqual({ page: 0, index: 1 });
    const end = addBlock(definition, "ces", { endOfPage: 0 });
    expect(names(end.definition)).toEqual(["0:nps", "0:csat", "0:ces", "1:comment"]);
  });

  it("never changes the definition it was given", () => {
    const definition = three();
    const frozen = structuredClone(definition);
    addBlock(definition, "ces");
    moveElement(definition, { page: 0, index: 0 }, { page: 1, index: 1 });
    duplicate(definition, { page: 0, index: 1 });
    remove(definition, { page: 0, index: 0 });
    updateElement(definition, { page: 0, index: 0 }, { isRequired: false }, { title: "New" });
    insertPageBreak(definition, { page: 0, index: 1 });
    removePageBreak(definition, 1);
    setChoices(definition, { page: 0, index: 0 }, "a");
    expect(definition).toEqual(frozen);
  });

  it("moves to another page and index", () => {
    expect(names(moveElement(three(), { page: 0, index: 0 }, { page: 1, index: 1 }))).toEqual(["0:csat", "1:comment", "1:nps"]);
  });

  it("moves up and down by one, crossing page breaks, and stays put at either end", () => {
    const definition = three();
    const down = moveBy(definition, { page: 0, index: 1 }, 1);
    expect(names(down.definition)).toEqual(["0:nps", "1:csat", "1:comment"]);
    expect(down.at).toEqual({ page: 1, index: 0 });
    const up = moveBy(definition, { page: 1, index: 0 }, -1);
    expect(names(up.definition)).toEqual(["0:nps", "0:csat", "0:comment"]);
    expect(up.at).toEqual({ page: 0, index: 2 });
    expect(moveBy(definition, { page: 0, index: 0 }, -1).definition).toBe(definition);
    expect(moveBy(definition, { page: 1, index: 0 }, 1).definition).toBe(definition);
  });

  it("moves by place in the flat list, as dragging does, onto the page of the element it lands on", () => {
    expect(names(moveFlat(three(), 0, 1))).toEqual(["0:csat", "0:nps", "1:comment"]);
    expect(names(moveFlat(three(), 0, 2))).toEqual(["0:csat", "1:comment", "1:nps"]);
    expect(names(moveFlat(three(), 2, 0))).toEqual(["0:comment", "0:nps", "0:csat"]);
  });

  it("duplicates right after the original with a fresh name", () => {
    const { definition, added } = duplicate(three(), { page: 0, index: 0 });
    expect(names(definition)).toEqual(["0:nps", "0:nps-2", "0:csat", "1:comment"]);
    expect(added).toEqual({ page: 0, index: 1 });
    expect(elementAt(definition, added)).toMatchObject({ metric: "nps", rateMax: 10 });
  });

  it("deletes", () => {
    expect(names(remove(three(), { page: 1, index: 0 }))).toEqual(["0:nps", "0:csat"]);
  });

  it("updates properties, removes ones set to undefined, and writes texts to the default language only", () => {
    const definition: JsonObject = { pages: [{ name: "p", elements: [{ type: "text", name: "a", title: { default: "Hello", fr: "Bonjour" }, isRequired: true }] }] };
    const next = updateElement(definition, { page: 0, index: 0 }, { isRequired: undefined, inputType: "email" }, { title: "Hi" });
    expect(elementAt(next, { page: 0, index: 0 })).toEqual({ type: "text", name: "a", title: { default: "Hi", fr: "Bonjour" }, inputType: "email" });
    const cleared = updateElement(built("short-text"), { page: 0, index: 0 }, {}, { title: "" });
    expect(elementAt(cleared, { page: 0, index: 0 })).not.toHaveProperty("title");
  });

  it("splits a page at a break and merges it back", () => {
    const split = insertPageBreak(built("nps", "csat", "ces"), { page: 0, index: 1 });
    expect(names(split)).toEqual(["0:nps", "1:csat", "1:ces"]);
    expect(readPages(split).map((p) => p.name)).toEqual(["page1", "page2"]);
    expect(names(removePageBreak(split, 1))).toEqual(["0:nps", "0:csat", "0:ces"]);
  });

  it("turns a survey written without pages into one page on the first change", () => {
    const loose: JsonObject = { title: "Loose", elements: [{ type: "text", name: "a" }] };
    expect(names(loose)).toEqual(["0:a"]);
    const next = addBlock(loose, "nps").definition;
    expect(next).not.toHaveProperty("elements");
    expect(names(next)).toEqual(["0:a", "0:nps"]);
  });

  it("reads pages written by hand without failing on odd shapes", () => {
    const odd: JsonObject = { pages: [{ elements: [1, { type: "rating", name: "x", metric: "csat", rateMin: 1, rateMax: 5 }, { type: "rating", name: "x" }] }, "page", { elements: "none" }] };
    const entries = readElements(odd);
    expect(entries.map((e) => [e.key, e.kind])).toEqual([
      ["@0-0", "csat"],
      ["@0-1", "rating"],
    ]);
  });
});

describe("ratings, choices and roles", () => {
  it("offers only the roles the scale allows", () => {
    expect(rolesFor(blockElement("nps")!)).toEqual(["nps"]);
    expect(rolesFor(blockElement("csat")!)).toEqual(["csat", "loyalty", "dimension"]);
    expect(rolesFor(blockElement("ces")!)).toEqual(["ces", "dimension"]);
    expect(rolesFor({ type: "rating", rateMin: 1, rateMax: 3 })).toEqual([]);
    expect(rolesFor(blockElement("long-text")!)).toEqual(["comment"]);
    expect(rolesFor(blockElement("single")!)).toEqual([]);
  });

  it("reads the kind from the type and role", () => {
    expect(kindOf({ type: "rating", metric: "dimension:location" })).toBe("dimension");
    expect(kindOf({ type: "rating" })).toBe("rating");
    expect(kindOf({ type: "boolean", name: "ok" })).toBe("yes-no");
    expect(kindOf({ type: "matrix" })).toBe("other");
  });

  it("switches the display between numbers, stars and faces", () => {
    const definition = built("csat");
    const stars = setDisplay(definition, { page: 0, index: 0 }, "stars");
    expect(elementAt(stars, { page: 0, index: 0 })).toMatchObject({ rateType: "stars" });
    const numbers = elementAt(setDisplay(stars, { page: 0, index: 0 }, "labels"), { page: 0, index: 0 });
    expect(numbers).toMatchObject({ displayMode: "buttons" });
    expect(numbers).not.toHaveProperty("rateType");
  });

  it("takes pasted choices one per line, bullets and blanks removed, keeping values that did not change", () => {
    const definition: JsonObject = { pages: [{ elements: [{ type: "radiogroup", name: "c", choices: [{ value: "y", text: "Yes" }, "Maybe"] }] }] };
    const next = setChoices(definition, { page: 0, index: 0 }, "- Yes\n\n2. No\nNo\n");
    expect(elementAt(next, { page: 0, index: 0 })!.choices).toEqual([{ value: "y", text: "Yes" }, "No"]);
    expect(choicesText(elementAt(next, { page: 0, index: 0 })!)).toBe("Yes\nNo");
  });

  it("rewrites a group's dimensions, keeping the questions that stay", () => {
    const start = addBlock({}, "dimensions", "end", { dimensions: ["Location", "Time taken"] }).definition;
    const reworded = updateElement(start, { page: 0, index: 0 }, {
      elements: (elementAt(start, { page: 0, index: 0 })!.elements as JsonObject[]).map((e, i) => (i === 0 ? { ...e, title: "Was it easy to find us?" } : e)),
    });
    const next = setDimensions(reworded, { page: 0, index: 0 }, ["Location", "Solution"]);
    const group = elementAt(next, { page: 0, index: 0 })!;
    expect((group.elements as JsonObject[]).map((e) => [e.name, e.title])).toEqual([
      ["location", "Was it easy to find us?"],
      ["solution", "How would you rate the solution?"],
    ]);
    expect(dimensionsOf(group)).toEqual(["location", "solution"]);
  });
});

describe("history", () => {
  const a: JsonObject = { v: 1 };
  const b: JsonObject = { v: 2 };
  const c: JsonObject = { v: 3 };

  it("undoes and redoes in order, and a new change clears what could be redone", () => {
    let history = record(record(emptyHistory, a), b);
    const first = undo(history, c)!;
    expect(first.definition).toBe(b);
    const second = undo(first.history, first.definition)!;
    expect(second.definition).toBe(a);
    expect(undo(second.history, a)).toBeNull();
    const again = redo(second.history, a)!;
    expect(again.definition).toBe(b);
    history = record(again.history, b);
    expect(redo(history, c)).toBeNull();
  });

  it("takes typing in one field as one step", () => {
    const history = record(record(record(emptyHistory, a, "q1:title"), b, "q1:title"), c, "q2:title");
    expect(history.past).toEqual([a, c]);
  });

  it("keeps at most its limit of steps", () => {
    let history = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) history = record(history, { i });
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toEqual({ i: 20 });
  });
});
