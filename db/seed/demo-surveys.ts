// The surveys the demo organisation starts with: a short after-delivery CSAT, and the service centre survey
// whose NPS, CSAT, loyalty, five dimension ratings and comment tell the demo's story.
const nps = (title: string) => ({ type: "rating", name: "nps", title, rateMin: 0, rateMax: 10, metric: "nps", isRequired: true, displayMode: "buttons", minRateDescription: "Not at all likely", maxRateDescription: "Extremely likely" });
const csat = (title: string) => ({ type: "rating", name: "csat", title, rateMin: 1, rateMax: 5, metric: "csat", isRequired: true, displayMode: "buttons", minRateDescription: "Very dissatisfied", maxRateDescription: "Very satisfied" });
const ces = { type: "rating", name: "ces", title: "The organisation made it easy for me to handle my issue.", rateMin: 1, rateMax: 7, metric: "ces", displayMode: "buttons", minRateDescription: "Strongly disagree", maxRateDescription: "Strongly agree" };
const comment = (title: string) => ({ type: "comment", name: "comment", title, metric: "comment", maxLength: 2000 });
const loyalty = { type: "rating", name: "loyalty", title: "Would you use us again?", rateMin: 1, rateMax: 5, metric: "loyalty", displayMode: "buttons", minRateDescription: "Certainly not", maxRateDescription: "Certainly" };

/** The customer's impression of a visit, factor by factor: the question names are the dimensions' names. */
export const demoDimensions = [
  { name: "reception-environment", title: "The reception and waiting area" },
  { name: "location", title: "The location: getting to us and finding us" },
  { name: "communication-skills", title: "How well our staff listened and explained" },
  { name: "time-taken", title: "The time it took, from arriving or calling to being done" },
  { name: "solution", title: "The solution you got" },
] as const;

const dimension = ({ name, title }: (typeof demoDimensions)[number]) => ({
  type: "rating",
  name,
  title,
  rateMin: 1,
  rateMax: 5,
  metric: `dimension:${name}`,
  displayMode: "buttons",
  minRateDescription: "Very poor",
  maxRateDescription: "Excellent",
});

export type DemoSurvey = {
  title: string;
  definition: Record<string, unknown>;
  rule: { types: string[]; channels: string[]; delayMinutes: number; expiresAfterDays: number };
};

export const serviceCentreSurvey: DemoSurvey = {
  title: "Service centre visit",
  definition: {
    title: "Your visit to our service centre",
    description: "Whether you came to a counter, called or wrote to us: three minutes about how it went.",
    showQuestionNumbers: "off",
    completeText: "Send",
    pages: [
      {
        name: "overall",
        elements: [
          nps("After this visit, how likely are you to recommend us to a friend or colleague?"),
          csat("Overall, how satisfied were you with your visit?"),
          loyalty,
        ],
      },
      {
        name: "details",
        title: "How did each part of your visit go?",
        description: "Skip anything that did not apply to you.",
        elements: [...demoDimensions.map(dimension), comment("Tell us about the reception, the waiting time or the solution you got.")],
      },
    ],
  },
  rule: { types: ["enquiry", "complaint", "reception", "purchase"], channels: [], delayMinutes: 120, expiresAfterDays: 5 },
};

export const afterServiceSurvey: DemoSurvey = {
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
  rule: { types: ["delivery"], channels: [], delayMinutes: 60, expiresAfterDays: 7 },
};

// The first keeps its place: the answer benchmark posts {csat, ces, nps, comment} to it.
export const demoSurveys: DemoSurvey[] = [afterServiceSurvey, serviceCentreSurvey];
