// Reading a SurveyJS definition's texts and scales from its JSON alone, without survey-core: the email and the
// respondent page's plain form both need them where loading survey-core would cost more than the page itself.
import { scalesOf } from "./metric-roles";
import { isJsonObject, walkElements, type JsonObject } from "./survey-elements";

/** A SurveyJS text as written: a string, or one per locale ({ default, de, … }). */
export type Text = unknown;

/** A SurveyJS text in `locale` (then its language, then the default); "" when there is none. */
export function localized(text: Text, locale = "en"): string {
  if (typeof text === "string") return text.trim();
  if (!isJsonObject(text)) return "";
  const language = locale.split("-")[0]!;
  for (const key of [locale, language, "default", "en"]) {
    const value = text[key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return "";
}

export type RateItem = { value: number | string; text: Text };

const finite = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

// SurveyJS's own defaults: five points from 1, one apart.
const DEFAULT_MIN = 1;
const DEFAULT_COUNT = 5;
// A scale longer than this is no rating a page can show as buttons (SurveyJS itself stops at 20 by default).
const MAX_POINTS = 21;

/** The points of a rating question in order, as SurveyJS reads them; null when they cannot be worked out from the JSON. */
export function rateItems(el: JsonObject): RateItem[] | null {
  if (Array.isArray(el.rateValues) && el.rateValues.length > 0) {
    const items = el.rateValues.map((v): RateItem | null => {
      if (typeof v === "number" || typeof v === "string") return { value: v, text: String(v) };
      if (isJsonObject(v) && (typeof v.value === "number" || typeof v.value === "string")) return { value: v.value, text: v.text ?? String(v.value) };
      return null;
    });
    return items.every((i) => i !== null) && items.length <= MAX_POINTS ? (items as RateItem[]) : null;
  }
  const min = finite(el.rateMin, DEFAULT_MIN);
  const step = finite(el.rateStep, 1);
  if (step <= 0) return null;
  const max = typeof el.rateMax === "number" ? el.rateMax : typeof el.rateCount === "number" ? min + (el.rateCount - 1) * step : min + (DEFAULT_COUNT - 1) * step;
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  if (count < 1 || count > MAX_POINTS) return null;
  return Array.from({ length: count }, (_, i) => {
    const value = Number((min + i * step).toFixed(6));
    return { value, text: String(value) };
  });
}

/** The whole-number values of a rating question's scale, in order; null when its points are not consecutive whole numbers. */
export function ratingValues(el: JsonObject): number[] | null {
  const items = rateItems(el);
  if (!items) return null;
  const values = items.map((i) => i.value);
  return values.every((v) => typeof v === "number") ? (values as number[]) : null;
}

/** The survey's first scored rating question: its answer's key, its whole scale and the words at its ends. */
export type RatingQuestion = { valueName: string; title: Text; values: number[]; minLabel: Text; maxLabel: Text };

/**
 * The first rating question with a scored metric role, in page order. Only a scale its role allows is offered
 * (checked on publish, so anything else is a definition written some other way): otherwise the plain button.
 */
export function firstRatingQuestion(definition: unknown): RatingQuestion | null {
  if (!isJsonObject(definition)) return null;
  let found: RatingQuestion | null | undefined;
  walkElements(definition, {
    element(el) {
      if (found !== undefined) return false;
      if (el.type !== "rating" || scalesOf(String(el.metric ?? "")).length === 0) return;
      const values = ratingValues(el);
      const fits = values && scalesOf(String(el.metric)).some((s) => values[0] === s.min && values.at(-1) === s.max && values.every((v, i) => v === s.min + i));
      const valueName = String((typeof el.valueName === "string" && el.valueName.trim()) || el.name);
      found = fits ? { valueName, title: el.title ?? el.name, values, minLabel: el.minRateDescription, maxLabel: el.maxRateDescription } : null;
      return false;
    },
  });
  return found ?? null;
}

