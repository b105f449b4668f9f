import { describe, expect, it } from "vitest";
import { recognitionCandidates } from "../../server/domain/recognition";

describe("recognition and coaching candidates", () => {
  it("judges staff on the interval of their satisfied share, never on a handful of answers", () => {
    const result = recognitionCandidates([
      { agent: "Ana", satisfied: 96, n: 100 },
      { agent: "Sam", satisfied: 4, n: 4 },
      { agent: "Lee", satisfied: 40, n: 100 },
      { agent: "Kim", satisfied: 80, n: 100 },
      { agent: "Joe", satisfied: 57, n: 60 },
    ]);
    expect(result.recognise.map((c) => c.agent)).toEqual(["Ana", "Joe"]);
    expect(result.coach.map((c) => c.agent)).toEqual(["Lee"]);
    // A perfect score on four answers recognises nobody; 80 % on a hundred is neither.
    expect(result.tooFew).toEqual(["Sam"]);
    expect(result.recognise[0]!.evidence).toMatch(/^96 of 100 customers satisfied \(96 %; 95 % interval 90 %–98 %\): at least 85 % even at the low end\.$/);
    expect(result.coach[0]!.evidence).toMatch(/below 60 % even at the high end\.$/);
  });

  it("follows the organisation's own thresholds", () => {
    const result = recognitionCandidates([{ agent: "Kim", satisfied: 80, n: 100 }], { minAnswers: 10, recogniseFrom: 0.7, coachBelow: 0.5 });
    expect(result.recognise.map((c) => c.agent)).toEqual(["Kim"]);
  });
});
