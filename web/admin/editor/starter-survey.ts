// The definition a new survey starts from: the three service indices and an open comment, ready to publish.
// Scales show as buttons with their end labels above and below: SurveyJS otherwise falls back to a
// dropdown on phones, and a rating should stay one tap.
import type { JsonObject } from "./survey-json";

export const starterTitle = "Customer satisfaction survey";

export function starterDefinition(): JsonObject {
  return {
    showQuestionNumbers: "off",
    pages: [
      {
        name: "feedback",
        elements: [
          {
            type: "rating",
            name: "nps",
            title: "How likely are you to recommend us to a friend or colleague?",
            rateMin: 0,
            rateMax: 10,
            minRateDescription: "Not at all likely",
            maxRateDescription: "Extremely likely",
            metric: "nps",
            displayMode: "buttons",
            rateDescriptionLocation: "topBottom",
            isRequired: true,
          },
          {
            type: "rating",
            name: "csat",
            title: "Overall, how satisfied are you with the service you received?",
            rateMin: 1,
            rateMax: 5,
            minRateDescription: "Very dissatisfied",
            maxRateDescription: "Very satisfied",
            metric: "csat",
            displayMode: "buttons",
            rateDescriptionLocation: "topBottom",
          },
          {
            type: "rating",
            name: "ces",
            title: "The organisation made it easy for me to handle my request.",
            rateMin: 1,
            rateMax: 7,
            minRateDescription: "Strongly disagree",
            maxRateDescription: "Strongly agree",
            metric: "ces",
            displayMode: "buttons",
            rateDescriptionLocation: "topBottom",
          },
          {
            type: "comment",
            name: "comment",
            title: "What is the main reason for your answers?",
            metric: "comment",
          },
        ],
      },
    ],
  };
}
