// survey-core's own button and message texts per language, fetched only for the language the page shows.
import type { SurveyModel } from "survey-core";
import { pageLanguage, surveyCoreCode, type PageLanguage, type SurveyCoreLanguage } from "../../server/domain/survey-languages";

const loaders: Record<SurveyCoreLanguage, () => Promise<unknown>> = {
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

/** Loads the strings for `locale` (or its base language); English stays in place when none match. */
export async function loadSurveyLocale(locale: string): Promise<void> {
  const code = surveyCoreCode(locale) as SurveyCoreLanguage | "en" | undefined;
  // A missing language file must not stop anyone answering: the texts simply stay in English.
  if (code && code !== "en") await loaders[code]().catch(() => undefined);
}

/** The page's language for people who prefer `preferred` (see pageLanguage), with survey-core's texts for it loaded. */
export async function choosePageLanguage(definition: Record<string, unknown>, preferred: readonly string[]): Promise<PageLanguage> {
  const language = pageLanguage(definition, preferred);
  await loadSurveyLocale(language.locale);
  return language;
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
