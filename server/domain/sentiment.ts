/// <reference path="./wink-sentiment.d.ts" />
// Sentiment of a free-text answer, offline: wink-sentiment (AFINN-165 with emoji, emoticons and negation),
// with a few words of service feedback that a general word list scores as nothing ("slow", "queue", "quick").
import sentiment from "wink-sentiment";

export type SentimentLabel = "positive" | "neutral" | "negative";
export type Sentiment = { score: number; label: SentimentLabel };

// On AFINN's scale (-5..5). Single words are negated like AFINN's ("not quick"); phrases are taken as written.
const serviceWords: Record<string, number> = {
  quick: 2, quicker: 2, fast: 2, efficient: 2, prompt: 2, smooth: 1, welcoming: 2, professional: 1, cheaper: 1,
  slow: -2, slower: -2, unhelpful: -2, unfriendly: -2, dismissive: -2, unresolved: -2, overcharged: -2, expensive: -1, endless: -2, rushed: -1,
};
const servicePhrases: [string[], number][] = (
  [
    ["too long", -2], ["too slow", -2], ["took ages", -2], ["waited ages", -2], ["long queue", -2], ["long wait", -2], ["on hold", -1],
    ["still waiting", -2], ["nowhere to sit", -2], ["no updates", -2], ["nobody called", -2], ["never called", -2], ["not solved", -2],
    ["no queue", 2], ["no waiting", 2], ["straight away", 1], ["good value", 1], ["out of their way", 3],
  ] as const
).map(([phrase, score]) => [phrase.split(" "), score]);

// wink's normalisation: the mean score of the charged words, damped for texts longer than a usual sentence.
const WINK_RANGE = 5;
const SENTENCE_WORDS = 15;
export const NEUTRAL_BAND = 0.1;

function rawScore(text: string): number {
  const result = sentiment(text);
  const tokens = result.tokenizedPhrase ?? [];
  let total = result.score;
  let charged = tokens.filter((t) => t.score !== undefined).length;
  const words = tokens.filter((t) => t.tag === "word" || t.tag === "emoji" || t.tag === "emoticon").length;
  const lower = tokens.map((t) => t.value.toLowerCase());
  tokens.forEach((t, i) => {
    const extra = t.tag === "word" && t.score === undefined ? serviceWords[lower[i]!] : undefined;
    if (extra === undefined) return;
    total += t.negation ? -extra : extra;
    charged++;
  });
  for (const [phrase, score] of servicePhrases) {
    for (let i = 0; i + phrase.length <= lower.length; i++) {
      if (phrase.every((w, j) => lower[i + j] === w)) {
        total += score;
        charged++;
      }
    }
  }
  if (!charged) return 0;
  return total / charged / Math.sqrt(words > SENTENCE_WORDS ? words / SENTENCE_WORDS : 1);
}

/** A score from -1 (most negative) to 1 (most positive), and its label; within ±NEUTRAL_BAND is neutral. */
export function scoreSentiment(text: string): Sentiment {
  const raw = text.trim() === "" ? 0 : rawScore(text);
  const score = Math.max(-1, Math.min(1, Math.round((raw / WINK_RANGE) * 1000) / 1000));
  const label: SentimentLabel = score > NEUTRAL_BAND ? "positive" : score < -NEUTRAL_BAND ? "negative" : "neutral";
  return { score, label };
}
