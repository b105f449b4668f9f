// What the respondent page says in its own words (not the survey's), in the languages Rapport speaks to customers.
// The server's plain form and the page's script read the same catalogue, so a page does not change language
// when SurveyJS takes over. Another language is added here; English fills nothing in: each is complete.

export type RespondentMessages = {
  pageTitle: string;
  loading: string;
  needsScript: string;
  send: string;
  next: string;
  required: string;
  yes: string;
  no: string;
  selectPlaceholder: string;
  answerThis: string;
  problemIntro: string;
  problemFix: string;
  confirmHeading: string;
  confirmBody: string;
  moreQuestions: string;
  thanksHeading: string;
  thanksBody: string;
  closeNow: string;
  answeredHeading: string;
  answeredBody: string;
  closedHeading: string;
  closedBody: string;
  invalidHeading: string;
  invalidBody: string;
  throttledHeading: string;
  throttledBody: string;
  unreachableHeading: string;
  unreachableBody: string;
  failedHeading: string;
  failedBody: string;
  tryAgain: string;
  notSentYet: string;
  keptOnPage: string;
  sending: string;
  saving: string;
  saved: string;
  notSavedRetrying: string;
  mergedNotice: string;
  keptHere: string;
  lostHere: string;
  /** The scale point's accessible name when the scale shows stars: "{n} of {max}". */
  starOf: string;
};

const en: RespondentMessages = {
  pageTitle: "Survey",
  loading: "Loading the survey…",
  needsScript: "This survey needs JavaScript to be switched on.",
  send: "Send",
  next: "Next",
  required: "(required)",
  yes: "Yes",
  no: "No",
  selectPlaceholder: "Select…",
  answerThis: "Please answer this question.",
  problemIntro: "Some answers need another look.",
  problemFix: "Your answers are still here; fix these and send again:",
  confirmHeading: "Please check your answers, then send them",
  confirmBody: "They arrived too quickly after the page opened to be sure a person sent them. Nothing was recorded yet.",
  moreQuestions: "Your answers bring up another question below. Answer it if it applies, then send again.",
  thanksHeading: "Thank you",
  thanksBody: "Your answers have been received. We read every response and use it to improve our service.",
  closeNow: "You can close this page now.",
  answeredHeading: "You've already answered — thank you",
  answeredBody: "We have your answers for this survey, so there is nothing more to do.",
  closedHeading: "This survey has closed",
  closedBody: "It no longer takes answers. Thank you for your time all the same.",
  invalidHeading: "This link isn't valid",
  invalidBody: "Check that the whole link was copied from the email. If it still does not open, the survey may have been withdrawn.",
  throttledHeading: "Please wait a moment",
  throttledBody: "Too many attempts from your network; wait a minute and try again.",
  unreachableHeading: "We couldn't load the survey",
  unreachableBody: "Check your connection, then try again.",
  failedHeading: "Something went wrong",
  failedBody: "Please try again in a moment.",
  tryAgain: "Try again",
  notSentYet: "Your answers were not sent yet.",
  keptOnPage: "Nothing is lost: they are kept on this page.",
  sending: "Sending your answers…",
  saving: "Saving…",
  saved: "Saved",
  notSavedRetrying: "Not saved — retrying",
  mergedNotice: "Your answers from another tab or device were loaded. Anything you changed on this page is kept.",
  keptHere: "Nothing you typed here was lost: it had been saved before the survey was submitted.",
  lostHere: "Your last changes on this page were not included, because the survey had already been submitted from another tab or device.",
  starOf: "{n} of {max}",
};

const fr: RespondentMessages = {
  pageTitle: "Questionnaire",
  loading: "Chargement du questionnaire…",
  needsScript: "Ce questionnaire nécessite que JavaScript soit activé.",
  send: "Envoyer",
  next: "Suivant",
  required: "(obligatoire)",
  yes: "Oui",
  no: "Non",
  selectPlaceholder: "Choisir…",
  answerThis: "Veuillez répondre à cette question.",
  problemIntro: "Certaines réponses sont à revoir.",
  problemFix: "Vos réponses sont toujours là ; corrigez ces points puis envoyez à nouveau :",
  confirmHeading: "Vérifiez vos réponses, puis envoyez-les",
  confirmBody: "Elles sont arrivées trop vite après l'ouverture de la page pour être sûrs qu'une personne les a envoyées. Rien n'a encore été enregistré.",
  moreQuestions: "Vos réponses font apparaître une autre question ci-dessous. Répondez-y si elle vous concerne, puis envoyez à nouveau.",
  thanksHeading: "Merci",
  thanksBody: "Nous avons bien reçu vos réponses. Nous lisons chaque réponse et nous en servons pour améliorer notre service.",
  closeNow: "Vous pouvez maintenant fermer cette page.",
  answeredHeading: "Vous avez déjà répondu — merci",
  answeredBody: "Nous avons vos réponses à ce questionnaire : il n'y a plus rien à faire.",
  closedHeading: "Ce questionnaire est clos",
  closedBody: "Il n'accepte plus de réponses. Merci tout de même pour votre temps.",
  invalidHeading: "Ce lien n'est pas valide",
  invalidBody: "Vérifiez que le lien a été copié en entier depuis l'e-mail. S'il ne s'ouvre toujours pas, le questionnaire a peut-être été retiré.",
  throttledHeading: "Un instant, s'il vous plaît",
  throttledBody: "Trop de tentatives depuis votre réseau ; patientez une minute puis réessayez.",
  unreachableHeading: "Le questionnaire n'a pas pu être chargé",
  unreachableBody: "Vérifiez votre connexion, puis réessayez.",
  failedHeading: "Un problème est survenu",
  failedBody: "Veuillez réessayer dans un instant.",
  tryAgain: "Réessayer",
  notSentYet: "Vos réponses n'ont pas encore été envoyées.",
  keptOnPage: "Rien n'est perdu : elles sont conservées sur cette page.",
  sending: "Envoi de vos réponses…",
  saving: "Enregistrement…",
  saved: "Enregistré",
  notSavedRetrying: "Non enregistré — nouvelle tentative",
  mergedNotice: "Vos réponses d'un autre onglet ou appareil ont été chargées. Ce que vous avez modifié sur cette page est conservé.",
  keptHere: "Rien de ce que vous avez saisi ici n'a été perdu : tout avait été enregistré avant l'envoi du questionnaire.",
  lostHere: "Vos dernières modifications sur cette page n'ont pas été prises en compte, car le questionnaire avait déjà été envoyé depuis un autre onglet ou appareil.",
  starOf: "{n} sur {max}",
};

const de: RespondentMessages = {
  pageTitle: "Umfrage",
  loading: "Die Umfrage wird geladen…",
  needsScript: "Für diese Umfrage muss JavaScript eingeschaltet sein.",
  send: "Senden",
  next: "Weiter",
  required: "(Pflichtfeld)",
  yes: "Ja",
  no: "Nein",
  selectPlaceholder: "Auswählen…",
  answerThis: "Bitte beantworten Sie diese Frage.",
  problemIntro: "Einige Antworten müssen Sie noch einmal ansehen.",
  problemFix: "Ihre Antworten sind noch da; korrigieren Sie diese Punkte und senden Sie erneut:",
  confirmHeading: "Bitte prüfen Sie Ihre Antworten und senden Sie sie dann",
  confirmBody: "Sie kamen so kurz nach dem Öffnen der Seite an, dass wir nicht sicher sind, ob ein Mensch sie gesendet hat. Es wurde noch nichts gespeichert.",
  moreQuestions: "Ihre Antworten führen zu einer weiteren Frage unten. Beantworten Sie sie, wenn sie auf Sie zutrifft, und senden Sie erneut.",
  thanksHeading: "Vielen Dank",
  thanksBody: "Ihre Antworten sind angekommen. Wir lesen jede Rückmeldung und nutzen sie, um unseren Service zu verbessern.",
  closeNow: "Sie können diese Seite jetzt schließen.",
  answeredHeading: "Sie haben bereits geantwortet — vielen Dank",
  answeredBody: "Wir haben Ihre Antworten zu dieser Umfrage; Sie müssen nichts weiter tun.",
  closedHeading: "Diese Umfrage ist beendet",
  closedBody: "Sie nimmt keine Antworten mehr an. Trotzdem vielen Dank für Ihre Zeit.",
  invalidHeading: "Dieser Link ist ungültig",
  invalidBody: "Prüfen Sie, ob der ganze Link aus der E-Mail kopiert wurde. Öffnet er sich weiterhin nicht, wurde die Umfrage vielleicht zurückgezogen.",
  throttledHeading: "Bitte warten Sie einen Moment",
  throttledBody: "Zu viele Versuche aus Ihrem Netzwerk; warten Sie eine Minute und versuchen Sie es erneut.",
  unreachableHeading: "Die Umfrage konnte nicht geladen werden",
  unreachableBody: "Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  failedHeading: "Etwas ist schiefgelaufen",
  failedBody: "Bitte versuchen Sie es gleich noch einmal.",
  tryAgain: "Erneut versuchen",
  notSentYet: "Ihre Antworten wurden noch nicht gesendet.",
  keptOnPage: "Es geht nichts verloren: Sie bleiben auf dieser Seite erhalten.",
  sending: "Ihre Antworten werden gesendet…",
  saving: "Wird gespeichert…",
  saved: "Gespeichert",
  notSavedRetrying: "Nicht gespeichert — neuer Versuch",
  mergedNotice: "Ihre Antworten aus einem anderen Tab oder Gerät wurden geladen. Was Sie auf dieser Seite geändert haben, bleibt erhalten.",
  keptHere: "Nichts, was Sie hier eingegeben haben, ging verloren: Es war gespeichert, bevor die Umfrage gesendet wurde.",
  lostHere: "Ihre letzten Änderungen auf dieser Seite wurden nicht übernommen, weil die Umfrage bereits aus einem anderen Tab oder Gerät gesendet worden war.",
  starOf: "{n} von {max}",
};

const es: RespondentMessages = {
  pageTitle: "Encuesta",
  loading: "Cargando la encuesta…",
  needsScript: "Esta encuesta necesita que JavaScript esté activado.",
  send: "Enviar",
  next: "Siguiente",
  required: "(obligatoria)",
  yes: "Sí",
  no: "No",
  selectPlaceholder: "Seleccione…",
  answerThis: "Responda a esta pregunta, por favor.",
  problemIntro: "Algunas respuestas necesitan otra revisión.",
  problemFix: "Sus respuestas siguen aquí; corrija esto y vuelva a enviar:",
  confirmHeading: "Revise sus respuestas y envíelas",
  confirmBody: "Llegaron tan pronto después de abrir la página que no podemos estar seguros de que las envió una persona. Todavía no se ha registrado nada.",
  moreQuestions: "Sus respuestas hacen aparecer otra pregunta más abajo. Respóndala si le corresponde y vuelva a enviar.",
  thanksHeading: "Gracias",
  thanksBody: "Hemos recibido sus respuestas. Leemos cada respuesta y la usamos para mejorar nuestro servicio.",
  closeNow: "Ya puede cerrar esta página.",
  answeredHeading: "Ya ha respondido — gracias",
  answeredBody: "Tenemos sus respuestas a esta encuesta, así que no hay nada más que hacer.",
  closedHeading: "Esta encuesta está cerrada",
  closedBody: "Ya no acepta respuestas. Gracias por su tiempo de todos modos.",
  invalidHeading: "Este enlace no es válido",
  invalidBody: "Compruebe que copió el enlace completo del correo. Si sigue sin abrirse, puede que la encuesta se haya retirado.",
  throttledHeading: "Espere un momento, por favor",
  throttledBody: "Demasiados intentos desde su red; espere un minuto y vuelva a intentarlo.",
  unreachableHeading: "No se pudo cargar la encuesta",
  unreachableBody: "Compruebe su conexión y vuelva a intentarlo.",
  failedHeading: "Algo ha fallado",
  failedBody: "Vuelva a intentarlo en un momento.",
  tryAgain: "Reintentar",
  notSentYet: "Sus respuestas aún no se han enviado.",
  keptOnPage: "No se pierde nada: se conservan en esta página.",
  sending: "Enviando sus respuestas…",
  saving: "Guardando…",
  saved: "Guardado",
  notSavedRetrying: "Sin guardar — reintentando",
  mergedNotice: "Se cargaron sus respuestas de otra pestaña o dispositivo. Lo que cambió en esta página se conserva.",
  keptHere: "No se perdió nada de lo que escribió aquí: se había guardado antes de enviar la encuesta.",
  lostHere: "Sus últimos cambios en esta página no se incluyeron, porque la encuesta ya se había enviado desde otra pestaña o dispositivo.",
  starOf: "{n} de {max}",
};

const it: RespondentMessages = {
  pageTitle: "Sondaggio",
  loading: "Caricamento del sondaggio…",
  needsScript: "Per questo sondaggio è necessario attivare JavaScript.",
  send: "Invia",
  next: "Avanti",
  required: "(obbligatoria)",
  yes: "Sì",
  no: "No",
  selectPlaceholder: "Seleziona…",
  answerThis: "Rispondi a questa domanda.",
  problemIntro: "Alcune risposte vanno ricontrollate.",
  problemFix: "Le tue risposte sono ancora qui; correggi questi punti e invia di nuovo:",
  confirmHeading: "Controlla le risposte, poi inviale",
  confirmBody: "Sono arrivate troppo presto dopo l'apertura della pagina per essere certi che le abbia inviate una persona. Non è stato ancora registrato nulla.",
  moreQuestions: "Le tue risposte fanno comparire un'altra domanda qui sotto. Rispondi se ti riguarda, poi invia di nuovo.",
  thanksHeading: "Grazie",
  thanksBody: "Abbiamo ricevuto le tue risposte. Leggiamo ogni risposta e la usiamo per migliorare il nostro servizio.",
  closeNow: "Ora puoi chiudere questa pagina.",
  answeredHeading: "Hai già risposto — grazie",
  answeredBody: "Abbiamo le tue risposte a questo sondaggio, quindi non c'è altro da fare.",
  closedHeading: "Questo sondaggio è chiuso",
  closedBody: "Non accetta più risposte. Grazie comunque per il tuo tempo.",
  invalidHeading: "Questo link non è valido",
  invalidBody: "Controlla di aver copiato il link completo dall'e-mail. Se continua a non aprirsi, il sondaggio potrebbe essere stato ritirato.",
  throttledHeading: "Attendi un momento",
  throttledBody: "Troppi tentativi dalla tua rete; attendi un minuto e riprova.",
  unreachableHeading: "Non è stato possibile caricare il sondaggio",
  unreachableBody: "Controlla la connessione, poi riprova.",
  failedHeading: "Qualcosa è andato storto",
  failedBody: "Riprova tra un momento.",
  tryAgain: "Riprova",
  notSentYet: "Le tue risposte non sono ancora state inviate.",
  keptOnPage: "Non si perde nulla: restano su questa pagina.",
  sending: "Invio delle risposte…",
  saving: "Salvataggio…",
  saved: "Salvato",
  notSavedRetrying: "Non salvato — nuovo tentativo",
  mergedNotice: "Sono state caricate le tue risposte da un'altra scheda o dispositivo. Quello che hai cambiato in questa pagina resta.",
  keptHere: "Nulla di ciò che hai scritto qui è andato perso: era stato salvato prima dell'invio del sondaggio.",
  lostHere: "Le ultime modifiche su questa pagina non sono state incluse, perché il sondaggio era già stato inviato da un'altra scheda o dispositivo.",
  starOf: "{n} su {max}",
};

const nl: RespondentMessages = {
  pageTitle: "Enquête",
  loading: "De enquête wordt geladen…",
  needsScript: "Voor deze enquête moet JavaScript aanstaan.",
  send: "Versturen",
  next: "Volgende",
  required: "(verplicht)",
  yes: "Ja",
  no: "Nee",
  selectPlaceholder: "Kies…",
  answerThis: "Beantwoord deze vraag alstublieft.",
  problemIntro: "Sommige antwoorden moeten nog eens bekeken worden.",
  problemFix: "Uw antwoorden staan er nog; pas deze punten aan en verstuur opnieuw:",
  confirmHeading: "Controleer uw antwoorden en verstuur ze dan",
  confirmBody: "Ze kwamen zo snel na het openen van de pagina binnen dat we niet zeker weten of een persoon ze verstuurde. Er is nog niets vastgelegd.",
  moreQuestions: "Uw antwoorden leveren hieronder nog een vraag op. Beantwoord die als ze op u van toepassing is en verstuur opnieuw.",
  thanksHeading: "Dank u wel",
  thanksBody: "Uw antwoorden zijn ontvangen. We lezen elke reactie en gebruiken die om onze service te verbeteren.",
  closeNow: "U kunt deze pagina nu sluiten.",
  answeredHeading: "U hebt al geantwoord — dank u wel",
  answeredBody: "We hebben uw antwoorden op deze enquête, dus u hoeft niets meer te doen.",
  closedHeading: "Deze enquête is gesloten",
  closedBody: "Ze neemt geen antwoorden meer aan. Toch bedankt voor uw tijd.",
  invalidHeading: "Deze link is niet geldig",
  invalidBody: "Controleer of de hele link uit de e-mail is gekopieerd. Opent hij nog steeds niet, dan is de enquête misschien ingetrokken.",
  throttledHeading: "Een ogenblik geduld",
  throttledBody: "Te veel pogingen vanaf uw netwerk; wacht een minuut en probeer het opnieuw.",
  unreachableHeading: "De enquête kon niet worden geladen",
  unreachableBody: "Controleer uw verbinding en probeer het opnieuw.",
  failedHeading: "Er ging iets mis",
  failedBody: "Probeer het zo meteen opnieuw.",
  tryAgain: "Opnieuw proberen",
  notSentYet: "Uw antwoorden zijn nog niet verstuurd.",
  keptOnPage: "Er gaat niets verloren: ze blijven op deze pagina bewaard.",
  sending: "Uw antwoorden worden verstuurd…",
  saving: "Opslaan…",
  saved: "Opgeslagen",
  notSavedRetrying: "Niet opgeslagen — nieuwe poging",
  mergedNotice: "Uw antwoorden uit een ander tabblad of apparaat zijn geladen. Wat u op deze pagina wijzigde, blijft behouden.",
  keptHere: "Niets van wat u hier typte ging verloren: het was opgeslagen voordat de enquête werd verstuurd.",
  lostHere: "Uw laatste wijzigingen op deze pagina zijn niet meegenomen, omdat de enquête al vanuit een ander tabblad of apparaat was verstuurd.",
  starOf: "{n} van {max}",
};

const pt: RespondentMessages = {
  pageTitle: "Inquérito",
  loading: "A carregar o inquérito…",
  needsScript: "Este inquérito precisa que o JavaScript esteja ativado.",
  send: "Enviar",
  next: "Seguinte",
  required: "(obrigatória)",
  yes: "Sim",
  no: "Não",
  selectPlaceholder: "Selecione…",
  answerThis: "Responda a esta pergunta, por favor.",
  problemIntro: "Algumas respostas precisam de ser revistas.",
  problemFix: "As suas respostas continuam aqui; corrija estes pontos e envie novamente:",
  confirmHeading: "Verifique as suas respostas e envie-as",
  confirmBody: "Chegaram tão depressa depois de a página abrir que não temos a certeza de que foi uma pessoa a enviá-las. Ainda nada foi registado.",
  moreQuestions: "As suas respostas fazem surgir outra pergunta abaixo. Responda se se aplicar a si e envie novamente.",
  thanksHeading: "Obrigado",
  thanksBody: "Recebemos as suas respostas. Lemos cada resposta e usamo-la para melhorar o nosso serviço.",
  closeNow: "Já pode fechar esta página.",
  answeredHeading: "Já respondeu — obrigado",
  answeredBody: "Temos as suas respostas a este inquérito, por isso não há mais nada a fazer.",
  closedHeading: "Este inquérito está encerrado",
  closedBody: "Já não aceita respostas. Obrigado pelo seu tempo, mesmo assim.",
  invalidHeading: "Esta ligação não é válida",
  invalidBody: "Verifique se copiou a ligação completa do e-mail. Se continuar a não abrir, o inquérito pode ter sido retirado.",
  throttledHeading: "Aguarde um momento",
  throttledBody: "Demasiadas tentativas a partir da sua rede; aguarde um minuto e tente novamente.",
  unreachableHeading: "Não foi possível carregar o inquérito",
  unreachableBody: "Verifique a sua ligação e tente novamente.",
  failedHeading: "Algo correu mal",
  failedBody: "Tente novamente daqui a pouco.",
  tryAgain: "Tentar novamente",
  notSentYet: "As suas respostas ainda não foram enviadas.",
  keptOnPage: "Nada se perde: ficam guardadas nesta página.",
  sending: "A enviar as suas respostas…",
  saving: "A guardar…",
  saved: "Guardado",
  notSavedRetrying: "Não guardado — a tentar novamente",
  mergedNotice: "Foram carregadas as suas respostas de outro separador ou dispositivo. O que alterou nesta página mantém-se.",
  keptHere: "Nada do que escreveu aqui se perdeu: tinha sido guardado antes de o inquérito ser enviado.",
  lostHere: "As suas últimas alterações nesta página não foram incluídas, porque o inquérito já tinha sido enviado a partir de outro separador ou dispositivo.",
  starOf: "{n} de {max}",
};

const ar: RespondentMessages = {
  pageTitle: "استبيان",
  loading: "جارٍ تحميل الاستبيان…",
  needsScript: "يحتاج هذا الاستبيان إلى تفعيل JavaScript.",
  send: "إرسال",
  next: "التالي",
  required: "(مطلوب)",
  yes: "نعم",
  no: "لا",
  selectPlaceholder: "اختر…",
  answerThis: "يرجى الإجابة عن هذا السؤال.",
  problemIntro: "بعض الإجابات تحتاج إلى مراجعة.",
  problemFix: "إجاباتك ما زالت هنا؛ صحّح ما يلي ثم أرسل مرة أخرى:",
  confirmHeading: "يرجى مراجعة إجاباتك ثم إرسالها",
  confirmBody: "وصلت بسرعة كبيرة بعد فتح الصفحة فلا يمكننا التأكد من أن شخصًا أرسلها. لم يُسجَّل شيء بعد.",
  moreQuestions: "أظهرت إجاباتك سؤالًا آخر أدناه. أجب عنه إن كان ينطبق عليك، ثم أرسل مرة أخرى.",
  thanksHeading: "شكرًا لك",
  thanksBody: "تلقّينا إجاباتك. نقرأ كل إجابة ونستفيد منها في تحسين خدمتنا.",
  closeNow: "يمكنك إغلاق هذه الصفحة الآن.",
  answeredHeading: "لقد أجبت من قبل — شكرًا لك",
  answeredBody: "لدينا إجاباتك عن هذا الاستبيان، فلا شيء آخر عليك فعله.",
  closedHeading: "هذا الاستبيان مغلق",
  closedBody: "لم يعد يقبل إجابات. شكرًا لوقتك على أي حال.",
  invalidHeading: "هذا الرابط غير صالح",
  invalidBody: "تحقّق من نسخ الرابط كاملًا من البريد الإلكتروني. إن لم يُفتح بعد ذلك، فربما سُحب الاستبيان.",
  throttledHeading: "يرجى الانتظار قليلًا",
  throttledBody: "محاولات كثيرة جدًا من شبكتك؛ انتظر دقيقة ثم حاول مرة أخرى.",
  unreachableHeading: "تعذّر تحميل الاستبيان",
  unreachableBody: "تحقّق من اتصالك ثم حاول مرة أخرى.",
  failedHeading: "حدث خطأ ما",
  failedBody: "يرجى المحاولة مرة أخرى بعد قليل.",
  tryAgain: "حاول مرة أخرى",
  notSentYet: "لم تُرسَل إجاباتك بعد.",
  keptOnPage: "لم يضِع شيء: إنها محفوظة في هذه الصفحة.",
  sending: "جارٍ إرسال إجاباتك…",
  saving: "جارٍ الحفظ…",
  saved: "تم الحفظ",
  notSavedRetrying: "لم يُحفظ — جارٍ إعادة المحاولة",
  mergedNotice: "حُمّلت إجاباتك من علامة تبويب أو جهاز آخر. ما غيّرته في هذه الصفحة محفوظ.",
  keptHere: "لم يضِع شيء مما كتبته هنا: كان محفوظًا قبل إرسال الاستبيان.",
  lostHere: "لم تُضمَّن آخر تغييراتك في هذه الصفحة، لأن الاستبيان كان قد أُرسل من علامة تبويب أو جهاز آخر.",
  starOf: "{n} من {max}",
};

const catalogue: Record<string, RespondentMessages> = { en, fr, de, es, it, nl, pt, ar };

/** The languages the page's own words are written in. */
export const MESSAGE_LANGUAGES = Object.keys(catalogue);

/** The page's own words for a language tag ("fr-CA" → French); English for one Rapport does not speak yet. */
export function respondentMessages(tag: string): RespondentMessages {
  return catalogue[tag.trim().toLowerCase().split("-")[0] ?? ""] ?? en;
}
