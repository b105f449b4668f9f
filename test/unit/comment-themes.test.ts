import { describe, expect, it } from "vitest";
import { defaultThemes, normaliseKeyword, themeMatcher } from "../../server/domain/comment-themes";

describe("theme matching", () => {
  const match = themeMatcher([
    { name: "Waiting time", keywords: ["wait", "too long", "on hold"] },
    { name: "Price", keywords: ["price", "value for money"] },
    { name: "Odd", keywords: ["c++", "(fees)"] },
  ]);

  it("matches keywords as whole words, ignoring case, so a keyword inside another word does not count", () => {
    expect(match("WAIT!")).toEqual(["Waiting time"]);
    expect(match("The waiter was lovely")).toEqual([]);
    expect(match("Prices went up")).toEqual([]);
  });

  it("matches phrases across any white space, and names every theme a text belongs to in the rules' order", () => {
    expect(match("I was on\nhold, and it took   too long; poor value for money.")).toEqual(["Waiting time", "Price"]);
  });

  it("treats keywords as text, not patterns", () => {
    expect(match("they know c++ well")).toEqual(["Odd"]);
    expect(match("cxx")).toEqual([]);
  });

  it("matches words with accents as whole words too", () => {
    expect(themeMatcher([{ name: "Café", keywords: ["café"] }])("Le CAFÉ était froid")).toEqual(["Café"]);
    expect(themeMatcher([{ name: "Café", keywords: ["caf"] }])("Le café")).toEqual([]);
  });

  it("stores keywords trimmed, lowercase and with single spaces", () => {
    expect(normaliseKeyword("  Value   For Money ")).toBe("value for money");
  });

  it("seeds six service themes of 5 to 10 lowercase keywords each", () => {
    expect(defaultThemes.map((t) => t.name)).toEqual(["Waiting time", "Staff attitude", "Resolution", "Communication", "Environment", "Price"]);
    for (const t of defaultThemes) {
      expect(t.keywords.length).toBeGreaterThanOrEqual(5);
      expect(t.keywords.length).toBeLessThanOrEqual(10);
      for (const k of t.keywords) expect(k).toBe(normaliseKeyword(k));
    }
  });
});
