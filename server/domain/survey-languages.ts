// Which languages a survey has texts for, and which of them suits a person's preferred languages.

// A key of a SurveyJS localizable string: "default" or a BCP 47-like tag ("de", "pt-br", "zh-Hant").
const TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** SurveyJS's default when a definition names no `locale`. */
export const SURVEYJS_DEFAULT_LOCALE = "en";

const primary = (tag: string) => tag.toLowerCase().split("-")[0] ?? "";

// { "default": "Hello", "de": "Hallo" }: a text given per language. An object without "default" is not one,
// because {"id": …} or {"it": …} could be ordinary properties.
function localizedKeys(value: Record<string, unknown>): string[] | undefined {
  if (typeof value.default !== "string") return undefined;
  const keys = Object.keys(value);
  if (!keys.every((k) => typeof value[k] === "string" && (k === "default" || TAG.test(k)))) return undefined;
  return keys.filter((k) => k !== "default");
}

/** The survey's languages: its default (`locale`, else English) first, then every language some text is given in. */
export function surveyLanguages(definition: Record<string, unknown>): string[] {
  const fallback = typeof definition.locale === "string" && TAG.test(definition.locale) ? definition.locale : SURVEYJS_DEFAULT_LOCALE;
  const found = new Map<string, string>([[fallback.toLowerCase(), fallback]]);
  const walk = (value: unknown, depth: number): void => {
    if (depth > 40 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    const keys = localizedKeys(value as Record<string, unknown>);
    if (keys) {
      for (const key of keys) if (!found.has(key.toLowerCase())) found.set(key.toLowerCase(), key);
      return;
    }
    for (const item of Object.values(value)) walk(item, depth + 1);
  };
  walk(definition, 0);
  const [first, ...rest] = [...found.values()];
  return [first!, ...rest.sort()];
}

/**
 * The first of `preferred` (most wanted first) that `available` serves: the exact tag, then its language without
 * region or script ("de-AT" → "de"), then a regional variant of that language ("de" → "de-CH"). Undefined when
 * none does, so the caller falls back to the survey's default.
 */
export function bestLanguage(preferred: readonly string[], available: readonly string[]): string | undefined {
  for (const wanted of preferred) {
    const tag = wanted.trim().toLowerCase();
    if (!TAG.test(tag)) continue;
    const exact = available.find((a) => a.toLowerCase() === tag);
    if (exact) return exact;
    const base = primary(tag);
    const language = available.find((a) => a.toLowerCase() === base) ?? available.find((a) => primary(a) === base);
    if (language) return language;
  }
  return undefined;
}

// Scripts written right to left; Urdu's survey-core strings do not say so themselves.
const RIGHT_TO_LEFT = new Set(["ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);

export const isRightToLeft = (tag: string) => RIGHT_TO_LEFT.has(primary(tag));

/** The languages survey-core has its own button and message texts for (English built in); the page loads one of them. */
export const SURVEY_CORE_LANGUAGES = [
  "ar", "ca", "cs", "cy", "da", "de", "el", "fa", "es", "fi", "fr", "he", "hi", "hu", "id", "it", "ja", "ko", "ms", "nl",
  "no", "pl", "pt", "pt-br", "ro", "ru", "sv", "th", "tr", "uk", "ur", "vi", "zh-cn", "zh-tw",
] as const;

export type SurveyCoreLanguage = (typeof SURVEY_CORE_LANGUAGES)[number];

const surveyCoreLanguages: ReadonlySet<string> = new Set(SURVEY_CORE_LANGUAGES);

/** survey-core's code for a tag ("fr-FR" → "fr", "pt-BR" → "pt-br", any English → "en"); undefined when it has none. */
export function surveyCoreCode(tag: string): string | undefined {
  const code = tag.trim().toLowerCase();
  const base = primary(code);
  if (base === "en") return "en";
  return surveyCoreLanguages.has(code) ? code : surveyCoreLanguages.has(base) ? base : undefined;
}

/** `lang` is the page's language, `texts` the one its questions are written in: they differ when the survey has no translation. */
export type PageLanguage = { locale: string; lang: string; texts: string; dir: "ltr" | "rtl" };

/**
 * The language to answer in, for people who prefer `preferred` (most wanted first): one the survey has texts for
 * when it has any of them; otherwise the first whose buttons and messages survey-core can say, with the questions
 * in the survey's default language; otherwise the default. `locale` is for the Model, `lang` for the document.
 * The server's first paint and the page's script both choose with this, so SurveyJS takes over in the same language.
 */
export function pageLanguage(definition: Record<string, unknown>, preferred: readonly string[]): PageLanguage {
  const languages = surveyLanguages(definition);
  const matched = bestLanguage(preferred, languages);
  const spoken = matched ? undefined : preferred.find((tag) => surveyCoreCode(tag));
  const lang = matched ?? spoken ?? languages[0]!;
  const locale = matched ?? (spoken ? surveyCoreCode(spoken)! : languages[0]!);
  return { locale, lang, texts: matched ?? languages[0]!, dir: isRightToLeft(lang) ? "rtl" : "ltr" };
}
