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
