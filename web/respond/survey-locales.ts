// survey-core's own button and message texts per language, fetched only when a survey asks for one.
const loaders: Record<string, () => Promise<unknown>> = {
  ar: () => import("survey-core/i18n/arabic"),
  ca: () => import("survey-core/i18n/catalan"),
  cs: () => import("survey-core/i18n/czech"),
  cy: () => import("survey-core/i18n/welsh"),
  da: () => import("survey-core/i18n/danish"),
  de: () => import("survey-core/i18n/german"),
  el: () => import("survey-core/i18n/greek"),
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
  vi: () => import("survey-core/i18n/vietnamese"),
  "zh-cn": () => import("survey-core/i18n/simplified-chinese"),
  "zh-tw": () => import("survey-core/i18n/traditional-chinese"),
};

/** Loads the strings for `locale` (or its base language); English stays in place when none match. */
export async function loadSurveyLocale(locale: string): Promise<void> {
  const code = locale.toLowerCase();
  const load = loaders[code] ?? loaders[code.split("-")[0] ?? ""];
  // A missing language file must not stop anyone answering: the texts simply stay in English.
  await load?.().catch(() => undefined);
}
