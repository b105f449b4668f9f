// A distribution rule in one plain sentence: "Complaints by phone at North branch, 1 in 2 customers, 60 min after, …".
import type { AttributeCondition } from "../../../server/domain/attribute-conditions";

export type RuleShape = {
  match: { types?: string[]; channels?: string[]; units?: string[]; attributes?: AttributeCondition[] };
  delayMinutes: number;
  expiresAfterDays: number;
  samplePercent: number;
  reminderDays: number[];
  contactGapDays: number | null;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "a", "a or b", "a, b or c". */
export function orList(words: string[], joiner = "or"): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${joiner} ${words[words.length - 1]}`;
}

// A one-word type reads as a plural ("complaint" → "Complaints"); anything else is quoted as given.
function typePlural(type: string): string {
  if (!/^[a-z]+$/i.test(type)) return `“${type}” interactions`;
  if (/[^aeiou]y$/i.test(type)) return `${type.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(type)) return `${type}es`;
  return `${type}s`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const operatorWords: Record<AttributeCondition["op"], string> = {
  is: "is",
  "is-not": "is not",
  "at-least": "is at least",
  "at-most": "is at most",
  "is-one-of": "is",
};

const conditionText = (c: AttributeCondition) =>
  `${c.key} ${operatorWords[c.op]} ${Array.isArray(c.value) ? orList(c.value.map(String)) : String(c.value)}`;

export function formatDelay(minutes: number): string {
  if (minutes === 0) return "straight after";
  if (minutes % 1440 === 0) return `${plural(minutes / 1440, "day")} after`;
  if (minutes % 60 === 0 && minutes > 60) return `${minutes / 60} hours after`;
  return `${minutes} min after`;
}

export function sampleText(percent: number): string {
  if (percent >= 100) return "every customer";
  const oneIn = 100 / percent;
  return Number.isInteger(oneIn) ? `1 in ${oneIn} customers` : `${percent}% of customers`;
}

export function remindersText(days: number[]): string {
  if (days.length === 0) return "no reminders";
  return `${plural(days.length, "reminder")} after ${orList(days.map(String), "and")} day${days.length === 1 && days[0] === 1 ? "" : "s"}`;
}

export function ruleSummary(rule: RuleShape): string {
  const { types = [], channels = [], units = [], attributes = [] } = rule.match;
  let who = types.length ? capitalise(orList(types.map(typePlural))) : "All interactions";
  if (channels.length) who += ` by ${orList(channels)}`;
  if (units.length) who += ` at ${orList(units)}`;
  if (attributes.length) who += ` where ${orList(attributes.map(conditionText), "and")}`;
  const parts = [who, sampleText(rule.samplePercent), formatDelay(rule.delayMinutes), remindersText(rule.reminderDays), `link open ${plural(rule.expiresAfterDays, "day")}`];
  if (rule.contactGapDays === 0) parts.push("no limit on surveys per customer");
  else if (rule.contactGapDays !== null) parts.push(`at most 1 survey per customer every ${plural(rule.contactGapDays, "day")}`);
  return parts.join(", ");
}
