// survey-core's own button and message texts per language, fetched only for the language the page shows.
import type { SurveyModel } from "survey-core";
import { bestLanguage, isRightToLeft, surveyLanguages } from "../../server/domain/survey-languages";

const loaders: Record<string, () => Promise<unknown>> = {
  ar: () => import("survey-core/i18n/arabic"),
  ca: () => import("survey-core/i18n/catalan"),
  cs: () => import("survey-core/i18n/czech"),
  cy: () => import("survey-core/i18n/welsh"),
  da: () => import("survey-core/i18n/danish"),
  de: () => import("survey-core/i18n/german"),
  el: () => import("survey-core/i18n/greek"),
  fa: () => import("survey-core/i18n/persian"),
  es: () => import("survey-core/i18n/spanish"),
  fi: () => import("survey-core/i18n/finnish"),
  fr: () => import("survey-core/i18n/french"),
  he: () => import("survey-core/i18n/hebrew"),
  hi: () => import("survey-core/i18n/hindi"),
  hu: () => import("survey-core/i18n/hungarian"),
  id: () => import("survey-core/i18n/indonesian"),
  it: () => import("survey-core/i18n/italian"),
  ja: () => import("survey-core/i18n/japanese"),
  ko: () => import("survey-core/i18n/korean"),
  ms: () => import("survey-core/i18n/malay"),
  nl: () => import("survey-core/i18n/dutch"),
  no: () => import("survey-core/i18n/norwegian"),
  pl: () => import("survey-core/i18n/polish"),
  pt: () => import("survey-core/i18n/portuguese"),
  "pt-br": () => import("survey-core/i18n/portuguese-br"),
  ro: () => import("survey-core/i18n/romanian"),
  ru: () => import("survey-core/i18n/russian"),
  sv: () => import("survey-core/i18n/swedish"),
  th: () => import("survey-core/i18n/thai"),
  tr: () => import("survey-core/i18n/turkish"),
  uk: () => import("survey-core/i18n/ukrainian"),
  ur: () => import("survey-core/i18n/urdu"),
  vi: () => import("survey-core/i18n/vietnamese"),
  "zh-cn": () => import("survey-core/i18n/simplified-chinese"),
  "zh-tw": () => import("survey-core/i18n/traditional-chinese"),
};

// survey-core's code for a tag ("fr-FR" → "fr", "pt-BR" → "pt-br"); English is built in.
function stringsCode(tag: string): string | undefined {
  const code = tag.trim().toLowerCase();
  const base = code.split("-")[0] ?? "";
  if (base === "en") return "en";
  return loaders[code] ? code : loaders[base] ? base : undefined;
}

/** Loads the strings for `locale` (or its base language); English stays in place when none match. */
export async function loadSurveyLocale(locale: string): Promise<void> {
  const code = stringsCode(locale);
  // A missing language file must not stop anyone answering: the texts simply stay in English.
  if (code && code !== "en") await loaders[code]?.().catch(() => undefined);
}

/** `lang` is the page's language, `texts` the one its questions are written in: they differ when the survey has no translation. */
export type PageLanguage = { locale: string; lang: string; texts: string; dir: "ltr" | "rtl" };

/**
 * The language to answer in, for people who prefer `preferred` (most wanted first): one the survey has texts for
 * when it has any of them; otherwise the first whose buttons and messages survey-core can say, with the questions
 * in the survey's default language; otherwise the default. `locale` is for the Model, `lang` for the document.
 */
export async function choosePageLanguage(definition: Record<string, unknown>, preferred: readonly string[]): Promise<PageLanguage> {
  const languages = surveyLanguages(definition);
  const matched = bestLanguage(preferred, languages);
  const spoken = matched ? undefined : preferred.find((tag) => stringsCode(tag));
  const lang = matched ?? spoken ?? languages[0]!;
  const locale = matched ?? (spoken ? stringsCode(spoken)! : languages[0]!);
  await loadSurveyLocale(locale);
  return { locale, lang, texts: matched ?? languages[0]!, dir: isRightToLeft(lang) ? "rtl" : "ltr" };
}

/**
 * Marks the survey's own texts with their language when the page is in another, so screen readers pronounce them
 * rightly and an English "Why?" keeps its question mark at the end on a right-to-left page.
 */
export function markTextLanguage(model: SurveyModel, texts: string): void {
  model.onAfterRenderQuestion.add((_, options) => {
    for (const el of options.htmlElement.querySelectorAll<HTMLElement>(".sd-question__title, .sd-question__description, .sd-item__control-label, .sd-html")) {
      el.lang = texts;
      el.dir = "auto";
    }
  });
}
