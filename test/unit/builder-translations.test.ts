import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { languagesOf, localizableTexts, missingTranslations, setTranslation, translationOf } from "../../web/admin/builder/translations";

const survey = {
  title: { default: "After your visit", fr: "Après votre visite" },
  description: "Two minutes, no more.",
  completeText: "Send",
  completedHtml: "<h3>Thank you</h3>",
  pages: [
    {
      name: "p1",
      title: "Your visit",
      elements: [
        { type: "rating", name: "nps", title: "How likely are you to recommend us?", rateMin: 0, rateMax: 10, minRateDescription: "Not at all likely", maxRateDescription: { default: "Extremely likely", fr: "Très probable" } },
        { type: "rating", name: "faces", title: "How was it?", rateValues: [1, { value: 2, text: "Fine" }, "Great"] },
        { type: "radiogroup", name: "channel", title: "How did you contact us?", choices: ["Phone", { value: "mail", text: "Email" }, { value: "visit" }, 4] },
        { type: "boolean", name: "consent", title: "May we contact you?", labelTrue: "Yes", labelFalse: "No" },
        { type: "text", name: "untitled", placeholder: "Your words" },
        { type: "panel", name: "dims", elements: [{ type: "comment", name: "why", title: "Why?", description: "" }] },
      ],
    },
  ],
};

describe("the texts a respondent sees", () => {
  it("lists each one with its path and a label, in page order, skipping numbers and empty texts", () => {
    expect(localizableTexts(survey).map((t) => [t.path, t.group, t.label, t.text])).toEqual([
      ["/title", "Survey", "Title", "After your visit"],
      ["/description", "Survey", "Description", "Two minutes, no more."],
      ["/completeText", "Survey", "“Submit” button", "Send"],
      ["/completedHtml", "Survey", "Thank-you page", "<h3>Thank you</h3>"],
      ["/pages/0/title", "Page 1", "Title", "Your visit"],
      ["/pages/0/elements/0/title", "Question “How likely are you to recommend us?”", "Title", "How likely are you to recommend us?"],
      ["/pages/0/elements/0/minRateDescription", "Question “How likely are you to recommend us?”", "Label at the low end", "Not at all likely"],
      ["/pages/0/elements/0/maxRateDescription", "Question “How likely are you to recommend us?”", "Label at the high end", "Extremely likely"],
      ["/pages/0/elements/1/title", "Question “How was it?”", "Title", "How was it?"],
      ["/pages/0/elements/1/rateValues/1/text", "Question “How was it?”", "Scale point 2", "Fine"],
      ["/pages/0/elements/1/rateValues/2/text", "Question “How was it?”", "Scale point 3", "Great"],
      ["/pages/0/elements/2/title", "Question “How did you contact us?”", "Title", "How did you contact us?"],
      ["/pages/0/elements/2/choices/0/text", "Question “How did you contact us?”", "Answer 1", "Phone"],
      ["/pages/0/elements/2/choices/1/text", "Question “How did you contact us?”", "Answer 2", "Email"],
      ["/pages/0/elements/2/choices/2/text", "Question “How did you contact us?”", "Answer 3", "visit"],
      ["/pages/0/elements/3/title", "Question “May we contact you?”", "Title", "May we contact you?"],
      ["/pages/0/elements/3/labelTrue", "Question “May we contact you?”", "Label for yes", "Yes"],
      ["/pages/0/elements/3/labelFalse", "Question “May we contact you?”", "Label for no", "No"],
      ["/pages/0/elements/4/title", "Question “untitled”", "Title", "untitled"],
      ["/pages/0/elements/4/placeholder", "Question “untitled”", "Placeholder", "Your words"],
      ["/pages/0/elements/5/elements/0/title", "Question “Why?”", "Title", "Why?"],
    ]);
  });

  it("finds the languages from the texts, the default first", () => {
    expect(languagesOf(survey)).toEqual(["en", "fr"]);
    expect(languagesOf({ locale: "de", title: "Nach Ihrem Besuch" })).toEqual(["de"]);
  });

  it("counts as missing every text without its own translation", () => {
    const missing = missingTranslations(survey, "fr").map((t) => t.path);
    expect(missing).not.toContain("/title");
    expect(missing).not.toContain("/pages/0/elements/0/maxRateDescription");
    expect(missing).toHaveLength(19);
    expect(missingTranslations(survey, "de")).toHaveLength(21);
  });
});

describe("setting a translation", () => {
  it("turns a plain text into one per language and back when the translation is cleared", () => {
    const translated = setTranslation(survey, "/description", "fr", "Deux minutes, pas plus.");
    expect(translated.description).toEqual({ default: "Two minutes, no more.", fr: "Deux minutes, pas plus." });
    expect(survey.description).toBe("Two minutes, no more.");
    expect(setTranslation(translated, "/description", "fr", "").description).toBe("Two minutes, no more.");
  });

  it("adds a language next to the ones already there and replaces its own", () => {
    const withDe = setTranslation(survey, "/title", "de", "Nach Ihrem Besuch");
    expect(withDe.title).toEqual({ default: "After your visit", fr: "Après votre visite", de: "Nach Ihrem Besuch" });
    expect(setTranslation(withDe, "/title", "fr", "Après la visite").title).toEqual({ default: "After your visit", fr: "Après la visite", de: "Nach Ihrem Besuch" });
    expect(languagesOf(withDe)).toEqual(["en", "de", "fr"]);
  });

  it("gives a bare answer the { value, text } form, and takes it back when the translation goes", () => {
    const choices = (d: Record<string, unknown>) => (d as typeof survey).pages[0]!.elements[2]!.choices;
    const once = setTranslation(survey, "/pages/0/elements/2/choices/0/text", "fr", "Téléphone");
    expect(choices(once)![0]).toEqual({ value: "Phone", text: { default: "Phone", fr: "Téléphone" } });
    expect(choices(setTranslation(once, "/pages/0/elements/2/choices/0/text", "fr", ""))![0]).toBe("Phone");
    const visit = setTranslation(survey, "/pages/0/elements/2/choices/2/text", "fr", "Visite");
    expect(choices(visit)![2]).toEqual({ value: "visit", text: { default: "visit", fr: "Visite" } });
  });

  it("translates a question without a title from its name, and removes the title again when cleared", () => {
    const titled = setTranslation(survey, "/pages/0/elements/4/title", "fr", "Sans titre");
    const element = (d: Record<string, unknown>) => (d as typeof survey).pages[0]!.elements[4] as Record<string, unknown>;
    expect(element(titled).title).toEqual({ default: "untitled", fr: "Sans titre" });
    expect("title" in element(setTranslation(titled, "/pages/0/elements/4/title", "fr", ""))).toBe(false);
  });

  it("leaves the definition alone for a path that leads nowhere", () => {
    expect(setTranslation(survey, "/pages/3/title", "fr", "x")).toBe(survey);
    expect(setTranslation(survey, "", "fr", "x")).toBe(survey);
  });

  it("writes texts survey-core shows in the chosen language, and in the default elsewhere", () => {
    let definition = setTranslation(survey, "/pages/0/elements/2/title", "fr", "Comment nous avez-vous contacté ?");
    definition = setTranslation(definition, "/pages/0/elements/2/choices/0/text", "fr", "Téléphone");
    const model = new Model(definition);
    const question = model.getQuestionByName("channel");
    model.locale = "fr";
    expect(question.locTitle.renderedHtml).toBe("Comment nous avez-vous contacté ?");
    expect(question.choices[0].text).toBe("Téléphone");
    expect(question.choices[1].text).toBe("Email");
    model.locale = "";
    expect(question.locTitle.renderedHtml).toBe("How did you contact us?");
    expect(translationOf((definition as typeof survey).pages[0]!.elements[2]!.title, "fr")).toBe("Comment nous avez-vous contacté ?");
  });
});
