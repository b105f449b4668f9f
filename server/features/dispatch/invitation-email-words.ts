// The invitation email's own words in the languages the respondent page speaks (respondent-messages.ts), chosen by
// the customer's language. The interaction is named by its date, place and person: its type and channel are the
// organisation's own codes, which read as words only in English.

export type InteractionWords = { date?: string; unit?: string | null; agent?: string | null };

export type EmailWords = {
  lang: string;
  greeting: (name: string | null) => string;
  /** "about your visit on 21 November at North with Sam"; "" when nothing is known. */
  about: (w: InteractionWords) => string;
  ask: (org: string, about: string) => string;
  remind: (org: string, about: string) => string;
  open: string;
  answer: string;
  orOpen: string;
  closes: (date: string) => string;
  tapHint: string;
  footer: (org: string) => [before: string, link: string, after: string];
  subject: (title: string) => string;
  reminderSubject: (title: string) => string;
  openText: string;
  unsubscribeText: string;
};

const join = (parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(" ");

const en: EmailWords = {
  lang: "en",
  greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
  about: (w) => (w.date || w.unit || w.agent ? join(["about your visit", w.date && `on ${w.date}`, w.unit && `at ${w.unit}`, w.agent && `with ${w.agent}`]) : ""),
  ask: (org, about) => `Thank you for choosing ${org}. Would you tell us how we did${about ? ` ${about}` : ""}? It takes under a minute.`,
  remind: (org, about) => `A little while ago ${org} asked how we did${about ? ` ${about}` : ""}. If you have a minute, your answer still helps us.`,
  open: "Open the survey",
  answer: "Answer the survey",
  orOpen: "Or open this link:",
  closes: (date) => `The survey closes on ${date}.`,
  tapHint: "Tap a number to open the survey with it chosen; nothing is sent until you press the button there.",
  footer: (org) => [`Sent by ${org}. Do not want these surveys?`, "Unsubscribe", "and we will not email you surveys again."],
  subject: (title) => `How did we do? ${title}`,
  reminderSubject: (title) => `Reminder: How did we do? ${title}`,
  openText: "Open the survey:",
  unsubscribeText: "Unsubscribe:",
};

const fr: EmailWords = {
  lang: "fr",
  greeting: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
  about: (w) => (w.date || w.unit || w.agent ? join(["concernant votre visite", w.date && `du ${w.date}`, w.unit && `à ${w.unit}`, w.agent && `avec ${w.agent}`]) : ""),
  ask: (org, about) => `Merci d'avoir choisi ${org}. Pourriez-vous nous dire comment cela s'est passé${about ? ` ${about}` : ""} ? Cela prend moins d'une minute.`,
  remind: (org, about) => `Il y a quelque temps, ${org} vous a demandé comment cela s'était passé${about ? ` ${about}` : ""}. Si vous avez une minute, votre réponse nous aide encore.`,
  open: "Ouvrir le questionnaire",
  answer: "Répondre au questionnaire",
  orOpen: "Ou ouvrez ce lien :",
  closes: (date) => `Le questionnaire ferme le ${date}.`,
  tapHint: "Touchez un chiffre pour ouvrir le questionnaire avec ce choix ; rien n'est envoyé avant que vous appuyiez sur le bouton.",
  footer: (org) => [`Envoyé par ${org}. Vous ne souhaitez plus recevoir ces questionnaires ?`, "Se désabonner", "et nous ne vous en enverrons plus."],
  subject: (title) => `Comment avons-nous fait ? ${title}`,
  reminderSubject: (title) => `Rappel : comment avons-nous fait ? ${title}`,
  openText: "Ouvrir le questionnaire :",
  unsubscribeText: "Se désabonner :",
};

const de: EmailWords = {
  lang: "de",
  greeting: (name) => (name ? `Hallo ${name},` : "Hallo,"),
  about: (w) => (w.date || w.unit || w.agent ? join(["zu Ihrem Besuch", w.date && `am ${w.date}`, w.unit && `in ${w.unit}`, w.agent && `bei ${w.agent}`]) : ""),
  ask: (org, about) => `Danke, dass Sie sich für ${org} entschieden haben. Sagen Sie uns, wie es${about ? ` ${about}` : ""} war? Es dauert weniger als eine Minute.`,
  remind: (org, about) => `Vor Kurzem hat ${org} gefragt, wie es${about ? ` ${about}` : ""} war. Wenn Sie eine Minute haben, hilft uns Ihre Antwort weiterhin.`,
  open: "Umfrage öffnen",
  answer: "Umfrage beantworten",
  orOpen: "Oder öffnen Sie diesen Link:",
  closes: (date) => `Die Umfrage endet am ${date}.`,
  tapHint: "Tippen Sie auf eine Zahl, um die Umfrage damit zu öffnen; gesendet wird erst, wenn Sie dort auf den Knopf drücken.",
  footer: (org) => [`Gesendet von ${org}. Sie möchten diese Umfragen nicht?`, "Abmelden", "und wir senden Ihnen keine Umfragen mehr."],
  subject: (title) => `Wie war es? ${title}`,
  reminderSubject: (title) => `Erinnerung: Wie war es? ${title}`,
  openText: "Umfrage öffnen:",
  unsubscribeText: "Abmelden:",
};

const es: EmailWords = {
  lang: "es",
  greeting: (name) => (name ? `Hola, ${name}:` : "Hola:"),
  about: (w) => (w.date || w.unit || w.agent ? join(["sobre su visita", w.date && `del ${w.date}`, w.unit && `en ${w.unit}`, w.agent && `con ${w.agent}`]) : ""),
  ask: (org, about) => `Gracias por elegir ${org}. ¿Nos cuenta cómo lo hicimos${about ? ` ${about}` : ""}? Le llevará menos de un minuto.`,
  remind: (org, about) => `Hace poco, ${org} le preguntó cómo lo hicimos${about ? ` ${about}` : ""}. Si tiene un minuto, su respuesta todavía nos ayuda.`,
  open: "Abrir la encuesta",
  answer: "Responder la encuesta",
  orOpen: "O abra este enlace:",
  closes: (date) => `La encuesta se cierra el ${date}.`,
  tapHint: "Toque un número para abrir la encuesta con él elegido; no se envía nada hasta que pulse el botón allí.",
  footer: (org) => [`Enviado por ${org}. ¿No quiere recibir estas encuestas?`, "Darse de baja", "y no le enviaremos más encuestas."],
  subject: (title) => `¿Cómo lo hicimos? ${title}`,
  reminderSubject: (title) => `Recordatorio: ¿cómo lo hicimos? ${title}`,
  openText: "Abrir la encuesta:",
  unsubscribeText: "Darse de baja:",
};

const it: EmailWords = {
  lang: "it",
  greeting: (name) => (name ? `Buongiorno ${name},` : "Buongiorno,"),
  about: (w) => (w.date || w.unit || w.agent ? join(["sulla tua visita", w.date && `del ${w.date}`, w.unit && `presso ${w.unit}`, w.agent && `con ${w.agent}`]) : ""),
  ask: (org, about) => `Grazie per aver scelto ${org}. Ci dici come è andata${about ? ` ${about}` : ""}? Ci vuole meno di un minuto.`,
  remind: (org, about) => `Poco tempo fa ${org} ti ha chiesto come è andata${about ? ` ${about}` : ""}. Se hai un minuto, la tua risposta ci aiuta ancora.`,
  open: "Apri il sondaggio",
  answer: "Rispondi al sondaggio",
  orOpen: "Oppure apri questo link:",
  closes: (date) => `Il sondaggio chiude il ${date}.`,
  tapHint: "Tocca un numero per aprire il sondaggio con quella scelta; non viene inviato nulla finché non premi il pulsante.",
  footer: (org) => [`Inviato da ${org}. Non vuoi ricevere questi sondaggi?`, "Annulla l'iscrizione", "e non ti invieremo più sondaggi."],
  subject: (title) => `Come è andata? ${title}`,
  reminderSubject: (title) => `Promemoria: come è andata? ${title}`,
  openText: "Apri il sondaggio:",
  unsubscribeText: "Annulla l'iscrizione:",
};

const nl: EmailWords = {
  lang: "nl",
  greeting: (name) => (name ? `Hallo ${name},` : "Hallo,"),
  about: (w) => (w.date || w.unit || w.agent ? join(["over uw bezoek", w.date && `op ${w.date}`, w.unit && `bij ${w.unit}`, w.agent && `met ${w.agent}`]) : ""),
  ask: (org, about) => `Bedankt dat u voor ${org} koos. Wilt u ons vertellen hoe het ging${about ? ` ${about}` : ""}? Het kost minder dan een minuut.`,
  remind: (org, about) => `Kortgeleden vroeg ${org} hoe het ging${about ? ` ${about}` : ""}. Als u een minuut hebt, helpt uw antwoord ons nog steeds.`,
  open: "Enquête openen",
  answer: "Enquête invullen",
  orOpen: "Of open deze link:",
  closes: (date) => `De enquête sluit op ${date}.`,
  tapHint: "Tik op een cijfer om de enquête daarmee te openen; er wordt niets verstuurd tot u daar op de knop drukt.",
  footer: (org) => [`Verstuurd door ${org}. Wilt u deze enquêtes niet meer?`, "Afmelden", "en we mailen u geen enquêtes meer."],
  subject: (title) => `Hoe hebben we het gedaan? ${title}`,
  reminderSubject: (title) => `Herinnering: hoe hebben we het gedaan? ${title}`,
  openText: "Enquête openen:",
  unsubscribeText: "Afmelden:",
};

const pt: EmailWords = {
  lang: "pt",
  greeting: (name) => (name ? `Olá ${name},` : "Olá,"),
  about: (w) => (w.date || w.unit || w.agent ? join(["sobre a sua visita", w.date && `de ${w.date}`, w.unit && `em ${w.unit}`, w.agent && `com ${w.agent}`]) : ""),
  ask: (org, about) => `Obrigado por escolher ${org}. Pode dizer-nos como correu${about ? ` ${about}` : ""}? Demora menos de um minuto.`,
  remind: (org, about) => `Há pouco tempo, ${org} perguntou como correu${about ? ` ${about}` : ""}. Se tiver um minuto, a sua resposta ainda nos ajuda.`,
  open: "Abrir o inquérito",
  answer: "Responder ao inquérito",
  orOpen: "Ou abra esta ligação:",
  closes: (date) => `O inquérito fecha a ${date}.`,
  tapHint: "Toque num número para abrir o inquérito com essa escolha; nada é enviado até carregar no botão.",
  footer: (org) => [`Enviado por ${org}. Não quer receber estes inquéritos?`, "Cancelar a subscrição", "e não lhe enviaremos mais inquéritos."],
  subject: (title) => `Como correu? ${title}`,
  reminderSubject: (title) => `Lembrete: como correu? ${title}`,
  openText: "Abrir o inquérito:",
  unsubscribeText: "Cancelar a subscrição:",
};

const ar: EmailWords = {
  lang: "ar",
  greeting: (name) => (name ? `مرحبًا ${name}،` : "مرحبًا،"),
  about: (w) => (w.date || w.unit || w.agent ? join(["عن زيارتك", w.date && `في ${w.date}`, w.unit && `إلى ${w.unit}`, w.agent && `مع ${w.agent}`]) : ""),
  ask: (org, about) => `شكرًا لاختيارك ${org}. هل تخبرنا كيف كان أداؤنا${about ? ` ${about}` : ""}؟ يستغرق ذلك أقل من دقيقة.`,
  remind: (org, about) => `قبل مدة قصيرة سألتك ${org} عن أدائنا${about ? ` ${about}` : ""}. إن كان لديك دقيقة، فما زالت إجابتك تساعدنا.`,
  open: "افتح الاستبيان",
  answer: "أجب عن الاستبيان",
  orOpen: "أو افتح هذا الرابط:",
  closes: (date) => `يُغلق الاستبيان في ${date}.`,
  tapHint: "اضغط رقمًا لفتح الاستبيان وقد اخترته؛ لا يُرسل شيء حتى تضغط الزر هناك.",
  footer: (org) => [`أرسلته ${org}. ألا تريد هذه الاستبيانات؟`, "إلغاء الاشتراك", "ولن نرسل إليك استبيانات بعد الآن."],
  subject: (title) => `كيف كان أداؤنا؟ ${title}`,
  reminderSubject: (title) => `تذكير: كيف كان أداؤنا؟ ${title}`,
  openText: "افتح الاستبيان:",
  unsubscribeText: "إلغاء الاشتراك:",
};

const catalogue: Record<string, EmailWords> = { en, fr, de, es, it, nl, pt, ar };

/** The email's words for a language tag ("de-AT" → German); English for a language Rapport does not speak yet. */
export function emailWords(tag: string): EmailWords {
  return catalogue[tag.trim().toLowerCase().split("-")[0] ?? ""] ?? en;
}
