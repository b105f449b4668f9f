import { describe, expect, it } from "vitest";
import { scoreSentiment } from "../../server/domain/sentiment";

describe("comment sentiment", () => {
  it.each([
    ["Quick and friendly, thank you!", "positive"],
    ["Great service, very helpful staff 🙂", "positive"],
    ["The staff were rude and the wait was awful.", "negative"],
    ["Not helpful at all", "negative"],
    ["not good", "negative"],
    ["I came in on Tuesday.", "neutral"],
    ["", "neutral"],
  ])("reads “%s” as %s", (text, label) => {
    expect(scoreSentiment(text).label).toBe(label);
  });

  it("scores from -1 to 1, negation turning a positive word negative", () => {
    const helpful = scoreSentiment("helpful").score;
    expect(helpful).toBeGreaterThan(0);
    expect(scoreSentiment("not helpful").score).toBe(-helpful);
    for (const text of ["superb superb superb", "terrible awful horrible catastrophic"]) {
      const { score } = scoreSentiment(text);
      expect(Math.abs(score)).toBeLessThanOrEqual(1);
    }
  });
});

describe("service words a general word list misses", () => {
  it.each([
    ["The wait was far too long.", "negative"],
    ["Long queue and only one person serving.", "negative"],
    ["Fast and efficient, thank you.", "positive"],
    ["It was not quick.", "negative"],
  ])("reads “%s” as %s", (text, label) => {
    expect(scoreSentiment(text).label).toBe(label);
  });
});
