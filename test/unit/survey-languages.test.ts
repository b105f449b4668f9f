import { describe, expect, it } from "vitest";
import { bestLanguage, isRightToLeft, surveyLanguages } from "../../server/domain/survey-languages";

const translated = {
  title: { default: "After your visit", de: "Nach Ihrem Besuch" },
  pages: [
    {
      name: "p",
      elements: [
        { type: "rating", name: "nps", title: { default: "Recommend us?", de: "Empfehlen?", "pt-br": "Recomendaria?" } },
        { type: "radiogroup", name: "pick", choices: [{ value: "a", text: { default: "Yes", fr: "Oui" } }, { value: "b", text: "No" }] },
        { type: "text", name: "id", description: { id: "not a translation", it: "no default either" } },
      ],
    },
  ],
};

describe("survey languages", () => {
  it("lists the default language first, then every language a text is given in", () => {
    expect(surveyLanguages(translated)).toEqual(["en", "de", "fr", "pt-br"]);
  });

  it("takes the default from the definition's locale", () => {
    expect(surveyLanguages({ locale: "nl", title: { default: "Na uw bezoek", en: "After your visit" } })).toEqual(["nl", "en"]);
  });

  it("finds only the default in a survey without translations", () => {
    expect(surveyLanguages({ title: "Plain", pages: [{ elements: [{ type: "text", name: "x", title: "Why?" }] }] })).toEqual(["en"]);
  });

  it("ignores objects whose keys are not all language tags with text", () => {
    expect(surveyLanguages({ title: { default: "x", de: 3 }, other: { default: "x", "not a tag": "y" } })).toEqual(["en"]);
  });
});

describe("the best language for a person", () => {
  const available = ["en", "de", "fr-CA", "pt-br"];
  it.each([
    [["de"], "de"],
    [["de-AT"], "de"],
    [["DE-at"], "de"],
    [["fr"], "fr-CA"],
    [["fr-CA"], "fr-CA"],
    [["pt-BR"], "pt-br"],
    [["pt-PT"], "pt-br"],
    [["ja", "de"], "de"],
    [["en-GB", "de"], "en"],
    [["ja"], undefined],
    [[], undefined],
    [["", "not a tag", "de"], "de"],
  ])("%j picks %s", (preferred, expected) => {
    expect(bestLanguage(preferred, available)).toBe(expected);
  });

  it("prefers an exact regional match to another region of the same language", () => {
    expect(bestLanguage(["fr-CA"], ["fr-FR", "fr-CA"])).toBe("fr-CA");
    expect(bestLanguage(["fr-BE"], ["fr-FR", "fr"])).toBe("fr");
  });

  it.each([
    ["ar", true],
    ["ar-EG", true],
    ["he", true],
    ["fa-IR", true],
    ["ur", true],
    ["de", false],
    ["en-US", false],
  ])("%s is right to left: %s", (tag, rtl) => {
    expect(isRightToLeft(tag)).toBe(rtl);
  });
});
