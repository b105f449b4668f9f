// Surveys a manager starts from: the plain NPS, CSAT and CES, and one for each service situation the practice
// describes (a service-centre visit judged on its five impression factors, complaint follow-up, an online order
// and its delivery, a store visit, an import/export enquiry). Each in English and French, metric roles set.
import type { JsonObject } from "./survey-elements";

type Text = { default: string; fr: string };
const t = (en: string, fr: string): Text => ({ default: en, fr });

export type SurveyTemplate = { id: string; title: Text; description: Text; definition: JsonObject };

const nps = (title: Text) => ({
  type: "rating",
  name: "nps",
  title,
  rateMin: 0,
  rateMax: 10,
  metric: "nps",
  isRequired: true,
  displayMode: "buttons",
  minRateDescription: t("Not at all likely", "Pas du tout probable"),
  maxRateDescription: t("Extremely likely", "Très probable"),
});

const csat = (title: Text) => ({
  type: "rating",
  name: "csat",
  title,
  rateMin: 1,
  rateMax: 5,
  metric: "csat",
  isRequired: true,
  displayMode: "buttons",
  minRateDescription: t("Very dissatisfied", "Très insatisfait"),
  maxRateDescription: t("Very satisfied", "Très satisfait"),
});

const ces = (title: Text) => ({
  type: "rating",
  name: "ces",
  title,
  rateMin: 1,
  rateMax: 7,
  metric: "ces",
  displayMode: "buttons",
  minRateDescription: t("Strongly disagree", "Pas du tout d'accord"),
  maxRateDescription: t("Strongly agree", "Tout à fait d'accord"),
});

const loyalty = {
  type: "rating",
  name: "loyalty",
  title: t("Would you use us again?", "Feriez-vous de nouveau appel à nous ?"),
  rateMin: 1,
  rateMax: 5,
  metric: "loyalty",
  displayMode: "buttons",
  minRateDescription: t("Certainly not", "Certainement pas"),
  maxRateDescription: t("Certainly", "Certainement"),
};

const dimension = (name: string, title: Text) => ({
  type: "rating",
  name,
  title,
  rateMin: 1,
  rateMax: 5,
  metric: `dimension:${name}`,
  displayMode: "buttons",
  minRateDescription: t("Very poor", "Très mauvais"),
  maxRateDescription: t("Excellent", "Excellent"),
});

const comment = (title: Text, name = "comment") => ({ type: "comment", name, title, metric: "comment", maxLength: 2000 });

// Asked only of customers who were not satisfied, where a reason helps most.
const whatWentWrong = (after: "nps" | "csat") => ({
  ...comment(t("What went wrong?", "Qu'est-ce qui n'a pas été ?"), "what_went_wrong"),
  visibleIf: after === "nps" ? "{nps} <= 6" : "{csat} <= 2",
});

const contact = {
  type: "boolean",
  name: "contact_ok",
  title: t("May we contact you about your answers?", "Pouvons-nous vous contacter au sujet de vos réponses ?"),
};

const survey = (title: Text, description: Text, pages: JsonObject[]): JsonObject => ({
  title,
  description,
  showQuestionNumbers: "off",
  completeText: t("Send", "Envoyer"),
  pages,
});

export const surveyTemplates: SurveyTemplate[] = [
  {
    id: "nps",
    title: t("Net Promoter Score", "Net Promoter Score"),
    description: t("The recommendation question and a reason.", "La question de recommandation et une raison."),
    definition: survey(t("How did we do?", "Comment avons-nous fait ?"), t("One question and a comment, under a minute.", "Une question et un commentaire, moins d'une minute."), [
      {
        name: "main",
        elements: [
          nps(t("How likely are you to recommend us to a friend or colleague?", "Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?")),
          whatWentWrong("nps"),
          comment(t("What is the main reason for your score?", "Quelle est la principale raison de votre note ?")),
        ],
      },
    ]),
  },
  {
    id: "csat",
    title: t("Customer satisfaction (CSAT)", "Satisfaction client (CSAT)"),
    description: t("Satisfaction with the service received, and what to improve.", "La satisfaction du service reçu, et ce qu'il faut améliorer."),
    definition: survey(t("How did we do?", "Comment avons-nous fait ?"), t("Two minutes about the help you received.", "Deux minutes sur l'aide que vous avez reçue."), [
      {
        name: "main",
        elements: [
          csat(t("How satisfied are you with the service you received?", "Êtes-vous satisfait du service reçu ?")),
          whatWentWrong("csat"),
          comment(t("What is the one thing we could do better?", "Que pourrions-nous faire de mieux ?")),
        ],
      },
    ]),
  },
  {
    id: "ces",
    title: t("Customer effort (CES)", "Effort client (CES)"),
    description: t("How easy it was to get the issue handled.", "La facilité à faire traiter sa demande."),
    definition: survey(t("Was it easy?", "Était-ce facile ?"), t("One question about the effort it took.", "Une question sur l'effort demandé."), [
      {
        name: "main",
        elements: [
          ces(t("The organisation made it easy for me to handle my issue.", "L'organisation m'a facilité le traitement de ma demande.")),
          comment(t("What made it easy or hard?", "Qu'est-ce qui l'a rendu facile ou difficile ?")),
        ],
      },
    ]),
  },
  {
    id: "service-centre",
    title: t("Service centre visit", "Visite au centre de service"),
    description: t(
      "The customer's impression of a visit, factor by factor: reception, location, communication, time taken, solution.",
      "L'impression du client sur sa visite, facteur par facteur : accueil, emplacement, communication, délai, solution.",
    ),
    definition: survey(
      t("Your visit to our service centre", "Votre visite à notre centre de service"),
      t("Three minutes about how it went.", "Trois minutes sur son déroulement."),
      [
        {
          name: "overall",
          elements: [nps(t("After this visit, how likely are you to recommend us?", "Après cette visite, quelle est la probabilité que vous nous recommandiez ?")), csat(t("Overall, how satisfied were you with your visit?", "Dans l'ensemble, êtes-vous satisfait de votre visite ?")), loyalty],
        },
        {
          name: "factors",
          title: t("How did each part of your visit go?", "Comment s'est passée chaque étape de votre visite ?"),
          elements: [
            dimension("reception-environment", t("The reception and waiting area", "L'accueil et la salle d'attente")),
            dimension("location", t("The location: getting to us and finding us", "L'emplacement : venir et nous trouver")),
            dimension("communication-skills", t("How well our staff listened and explained", "L'écoute et les explications de notre personnel")),
            dimension("time-taken", t("The time it took", "Le temps que cela a pris")),
            dimension("solution", t("The solution you got", "La solution obtenue")),
            comment(t("Anything else about your visit?", "Autre chose sur votre visite ?")),
          ],
        },
      ],
    ),
  },
  {
    id: "complaint-follow-up",
    title: t("Complaint follow-up", "Suivi de réclamation"),
    description: t("After a complaint is handled: was it resolved, in good time, and kept informed.", "Après une réclamation : a-t-elle été résolue, à temps, en vous tenant informé."),
    definition: survey(t("About your complaint", "À propos de votre réclamation"), t("Tell us how we handled it.", "Dites-nous comment nous l'avons traitée."), [
      {
        name: "main",
        elements: [
          { type: "radiogroup", name: "resolved", title: t("Was your complaint resolved?", "Votre réclamation a-t-elle été résolue ?"), isRequired: true, choices: [{ value: "yes", text: t("Yes", "Oui") }, { value: "partly", text: t("Partly", "En partie") }, { value: "no", text: t("No", "Non") }] },
          csat(t("How satisfied are you with how we handled it?", "Êtes-vous satisfait de la façon dont nous l'avons traitée ?")),
          dimension("follow-up-time", t("The time it took to resolve", "Le temps de résolution")),
          dimension("kept-informed", t("How well we kept you informed", "La façon dont nous vous avons tenu informé")),
          whatWentWrong("csat"),
          contact,
        ],
      },
    ]),
  },
  {
    id: "online-order",
    title: t("Online order and delivery", "Commande en ligne et livraison"),
    description: t("The website, answers to enquiries, commitments kept and the delivery.", "Le site, les réponses aux questions, les engagements tenus et la livraison."),
    definition: survey(t("Your order", "Votre commande"), t("Two minutes about ordering and delivery.", "Deux minutes sur la commande et la livraison."), [
      {
        name: "main",
        elements: [
          csat(t("How satisfied are you with your order?", "Êtes-vous satisfait de votre commande ?")),
          dimension("website", t("Finding and ordering on our website", "Trouver et commander sur notre site")),
          dimension("enquiries", t("Answers to your questions", "Les réponses à vos questions")),
          dimension("commitments", t("Delivery as promised (date, condition)", "Livraison comme promis (date, état)")),
          ces(t("It was easy to get what I needed.", "Il a été facile d'obtenir ce dont j'avais besoin.")),
          comment(t("What could we do better?", "Que pourrions-nous faire de mieux ?")),
        ],
      },
    ]),
  },
  {
    id: "store-visit",
    title: t("Store visit", "Visite en magasin"),
    description: t("Service in the store: staff, specific needs met, and recommendation.", "Le service en magasin : personnel, besoins particuliers, recommandation."),
    definition: survey(t("Your visit to our store", "Votre visite en magasin"), t("Two minutes about the service you got.", "Deux minutes sur le service reçu."), [
      {
        name: "main",
        elements: [
          nps(t("How likely are you to recommend our store?", "Quelle est la probabilité que vous recommandiez notre magasin ?")),
          dimension("staff-helpfulness", t("How helpful our staff were", "L'aide apportée par notre personnel")),
          dimension("specific-needs", t("How well we met your specific needs", "La prise en compte de vos besoins particuliers")),
          dimension("waiting-time", t("The time you waited", "Le temps d'attente")),
          whatWentWrong("nps"),
        ],
      },
    ]),
  },
  {
    id: "import-export-enquiry",
    title: t("Import/export enquiry", "Demande import/export"),
    description: t("After a trade enquiry: speed, accuracy of the information and how easy it was.", "Après une demande commerciale : rapidité, exactitude des informations, facilité."),
    definition: survey(t("Your enquiry", "Votre demande"), t("Two minutes about how we answered.", "Deux minutes sur notre réponse."), [
      {
        name: "main",
        elements: [
          csat(t("How satisfied are you with the answer to your enquiry?", "Êtes-vous satisfait de la réponse à votre demande ?")),
          dimension("response-speed", t("How quickly we answered", "La rapidité de notre réponse")),
          dimension("information-accuracy", t("How accurate and complete the information was", "L'exactitude et l'exhaustivité des informations")),
          ces(t("It was easy to get my enquiry handled.", "Il a été facile de faire traiter ma demande.")),
          comment(t("What else should we know?", "Que devrions-nous savoir d'autre ?")),
          contact,
        ],
      },
    ]),
  },
];
