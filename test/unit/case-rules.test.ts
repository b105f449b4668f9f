import { describe, expect, it } from "vitest";
import { caseFor, defaultCaseRules, type CaseRules } from "../../server/domain/case-rules";

const score = (metric: string, value: number, scale = metric === "nps" ? "0-10" : "1-5") => ({ metric, series: `${metric}@${scale}`, question: metric, value });
const answer = (scores: ReturnType<typeof score>[], comments: { text: string; themes: string[]; negative?: boolean }[] = []) => ({
  scores,
  comments: comments.map((c) => ({ question: "comment", negative: true, ...c })),
});

describe("which answers open a follow-up case", () => {
  it("opens one for a detractor at or under the threshold and none for a passive or a promoter", () => {
    expect(caseFor(answer([score("nps", 4)]), defaultCaseRules)).toEqual({ trigger: "nps-detractor", priority: "high", reason: "Likelihood to recommend 4 of 10" });
    expect(caseFor(answer([score("nps", 5)]), defaultCaseRules)).toBeNull();
    expect(caseFor(answer([score("nps", 10)]), defaultCaseRules)).toBeNull();
  });

  it("opens one for a low CSAT on its own scale", () => {
    expect(caseFor(answer([score("csat", 2)]), defaultCaseRules)).toMatchObject({ trigger: "csat-low", reason: "Satisfaction 2 of 5" });
    expect(caseFor(answer([score("csat", 3)]), defaultCaseRules)).toBeNull();
  });

  it("reads a dimension's threshold as a share of its scale, so 1-5 and 1-7 ratings are judged alike", () => {
    const rules: CaseRules = { owner: "unit-manager", rules: [{ kind: "dimension-low", enabled: true, atMost: 0.25, priority: "low" }] };
    expect(caseFor(answer([score("dimension:time-taken", 2)]), rules)).toMatchObject({ reason: "Time taken rated 2 of 5" });
    expect(caseFor(answer([score("dimension:time-taken", 3)]), rules)).toBeNull();
    expect(caseFor(answer([score("dimension:time-taken", 2, "1-7")]), rules)).not.toBeNull();
    expect(caseFor(answer([score("dimension:time-taken", 3, "1-7")]), rules)).toBeNull();
  });

  it("opens one for a comment in a complaint theme, quoting it", () => {
    const opened = caseFor(answer([score("nps", 8)], [{ text: "The clerk was rude to my mother", themes: ["Staff attitude"] }]), defaultCaseRules);
    expect(opened).toEqual({ trigger: "complaint-theme", priority: "normal", reason: "A comment about staff attitude: “The clerk was rude to my mother”" });
    expect(caseFor(answer([score("nps", 8)], [{ text: "Quick and easy", themes: ["Waiting time"] }]), defaultCaseRules)).toBeNull();
    // Praise in the theme is not a complaint.
    expect(caseFor(answer([score("nps", 9)], [{ text: "Very helpful staff", themes: ["Staff attitude"], negative: false }]), defaultCaseRules)).toBeNull();
  });

  it("gives the most urgent priority when several rules match, and ignores disabled rules", () => {
    const both = answer([score("csat", 1), score("nps", 0)]);
    expect(caseFor(both, defaultCaseRules)).toMatchObject({ trigger: "nps-detractor", priority: "high" });
    const off: CaseRules = { ...defaultCaseRules, rules: defaultCaseRules.rules.map((r) => ({ ...r, enabled: r.kind === "csat-low" })) };
    expect(caseFor(both, off)).toMatchObject({ trigger: "csat-low" });
  });
});
