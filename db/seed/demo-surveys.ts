// The two surveys the demo organisation starts with.
const nps = (title: string) => ({ type: "rating", name: "nps", title, rateMin: 0, rateMax: 10, metric: "nps", isRequired: true, minRateDescription: "Not at all likely", maxRateDescription: "Extremely likely" });
const csat = (title: string) => ({ type: "rating", name: "csat", title, rateMin: 1, rateMax: 5, metric: "csat", isRequired: true, minRateDescription: "Very dissatisfied", maxRateDescription: "Very satisfied" });
const ces = { type: "rating", name: "ces", title: "The organisation made it easy for me to handle my issue.", rateMin: 1, rateMax: 7, metric: "ces", minRateDescription: "Strongly disagree", maxRateDescription: "Strongly agree" };
const comment = (title: string) => ({ type: "comment", name: "comment", title, metric: "comment", maxLength: 2000 });

export const demoSurveys = [
  {
    title: "After-service CSAT",
    definition: {
      title: "How did we do?",
      description: "Two minutes about the help you just received.",
      showQuestionNumbers: "off",
      completeText: "Send",
      pages: [
        {
          name: "main",
          elements: [
            csat("How satisfied are you with the service you received?"),
            ces,
            nps("How likely are you to recommend us to a friend or colleague?"),
            comment("What is the one thing we could do better?"),
          ],
        },
      ],
    },
    rule: { types: ["enquiry", "complaint", "delivery"], channels: [], delayMinutes: 60, expiresAfterDays: 7 },
  },
  {
    title: "Service centre visit",
    definition: {
      title: "Your visit to our service centre",
      showQuestionNumbers: "off",
      completeText: "Send",
      pages: [
        {
          name: "main",
          elements: [
            nps("After your visit, how likely are you to recommend us to a friend or colleague?"),
            csat("Overall, how satisfied were you with your visit?"),
            ces,
            comment("Tell us about the reception, the waiting time or the solution you got."),
          ],
        },
      ],
    },
    rule: { types: ["reception", "purchase"], channels: ["counter"], delayMinutes: 120, expiresAfterDays: 5 },
  },
];
