// One way to say what went wrong (issue 16 item 11, issue 17): a service's validation problem names each refused
// field in `errors` (its English text) and gives a stable code per field in `reasons` ({ name: 'name-length' }),
// with the values the text needs in `reasonArgs` ({ name: { max: 200 } }). A page shows the code's text from this
// catalogue in its language (key problem.<code>) and falls back to the server's text for a code it does not know,
// or when the text needs a value the problem did not send. Codes a resident can meet are here, with Leichte Sprache;
// those only staff meet are in problems-staff.js. Documents' upload refusals keep their own table (docs.reason.*).
import { register, t, say, locale } from '/shared/i18n.js';
import '/shared/problems-staff.js';

/** The code's text in the page's language with its values, or null when the catalogue has none or a value is missing. */
export function reasonText(code, args = {}) {
  if (typeof code !== 'string' || !code) return null;
  const key = `problem.${code}`;
  let missing = false;
  const values = new Proxy(args || {}, {
    get(target, name) {
      const value = target[name];
      if (value === undefined || value === null || value === '') { missing = true; return ''; }
      return typeof value === 'number' ? value.toLocaleString(locale()) : value;
    },
  });
  const text = t(key, values);
  return text === key || missing ? null : text;
}

/**
 * Each refused field of a problem: { field, code, args, text }, the text in the page's language, else the server's.
 * A plain error without a problem ({ errors: { score: ['…'] } }, as pages build their own) keeps its texts.
 */
export function refusals(problemOrError) {
  const problem = problemOrError?.problem && !problemOrError.reasons ? problemOrError.problem : problemOrError;
  const errors = problem?.serverErrors || problem?.errors || {};
  const reasons = problem?.reasons || {};
  const args = problem?.reasonArgs || {};
  return Object.entries(errors).map(([field, texts]) => {
    const code = [].concat(reasons[field] ?? [])[0];
    const own = reasonText(code, args[field]);
    return { field, code: own ? code : null, args: formatted(args[field]), text: own ?? [].concat(texts).join(' ') };
  });
}

/** The texts of a problem's refused fields in the page's language, by field: { name: ['…'] }. */
export function fieldMessages(problem) {
  return Object.fromEntries(refusals(problem).map(r => [r.field, [r.text]]));
}

/** One line for a whole problem: its refused fields' texts, else its detail or title, else the fallback. */
export function problemMessage(problem, fallback = t('common.error')) {
  const texts = refusals(problem).map(r => r.text).filter(Boolean);
  if (texts.length) return texts.join(' ');
  return problem?.detail || problem?.title || fallback;
}

/**
 * Writes a problem (or an ApiError) into an element. A single translated refusal is written with say(), so a
 * language switch rewrites it; anything else as text.
 */
export function showProblem(el, problemOrError, fallback = t('common.error')) {
  const problem = problemOrError?.problem ?? problemOrError;
  const list = refusals(problem);
  if (list.length === 1 && list[0].code) {
    say(el, `problem.${list[0].code}`, list[0].args);
    return;
  }
  el.textContent = list.length ? list.map(r => r.text).join(' ') : (problemOrError?.message || problem?.detail || problem?.title || fallback);
}

function formatted(args) {
  return Object.fromEntries(Object.entries(args || {}).map(([name, value]) => [name, typeof value === 'number' ? value.toLocaleString(locale()) : value]));
}

register({
  de: {
    'problem.language': 'Diese Sprache wird nicht angeboten.',
    'problem.too-long': 'Höchstens {max} Zeichen.',
    'problem.email': 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    'problem.email-or-empty': 'Bitte geben Sie eine gültige E-Mail-Adresse ein oder lassen Sie das Feld leer.',
    'problem.control-character': 'Die Angabe enthält ein unzulässiges Steuerzeichen.',
    'problem.one-line': 'Die Angabe muss auf einer Zeile stehen.',
    'problem.invalid-character': 'Die Angabe enthält ein ungültiges Zeichen.',
    'problem.name-link': 'Ein Name darf keine Web- oder E-Mail-Adresse enthalten.',
    'problem.wrong-format': 'Diese Angabe hat das falsche Format.',
    'problem.birth-date-range': 'Bitte geben Sie ein Geburtsdatum zwischen {earliest} und heute ein.',
    'problem.date-range': 'Bitte wählen Sie ein Datum zwischen {earliest} und {latest}.',
    'problem.year-range': 'Bitte wählen Sie ein Jahr zwischen {earliest} und {latest}.',
    'problem.date-format': 'Bitte geben Sie ein Datum wie {example} ein.',
    'problem.to-before-from': 'Das Enddatum darf nicht vor dem Anfangsdatum liegen.',
    'problem.too-many-days': 'Bitte höchstens {max} Tage auf einmal.',
    'problem.concern-required': 'Bitte wählen Sie ein Anliegen.',
    'problem.name-length': 'Bitte geben Sie Ihren Namen ein (höchstens {max} Zeichen).',
    'problem.no-concern': 'Dieses Anliegen gibt es nicht.',
    'problem.time-required': 'Bitte wählen Sie eine Zeit.',
    'problem.not-bookable': 'Diese Zeit kann für das Anliegen nicht gebucht werden. Bitte wählen Sie eine andere.',
    'problem.address-full': 'Mit dieser Adresse sind schon {max} Termine gebucht. Bitte sagen Sie zuerst einen davon ab.',
    'problem.new-time-required': 'Bitte wählen Sie eine neue Zeit.',
    'problem.same-time': 'Ihr Termin ist bereits zu dieser Zeit.',
    'problem.score-range': 'Bitte wählen Sie eine Bewertung von {min} bis {max}.',
    'problem.content-hash': 'Die Prüfsumme des Inhalts fehlt oder ist ungültig. Bitte laden Sie die Seite neu.',
    'problem.email-channel-only': 'Im Termin geht der Code an die E-Mail-Adresse Ihrer Buchung.',
    'problem.no-email-on-file': 'Zu diesem Termin ist keine E-Mail-Adresse hinterlegt. Bitte fragen Sie die Sachbearbeitung.',
    'problem.purpose-length': 'Bitte nennen Sie in höchstens {max} Zeichen, was unterschrieben wird.',
    'problem.channel': 'Bitte wählen Sie E-Mail oder SMS.',
    'problem.mobile-number': 'Bitte geben Sie eine Handynummer im internationalen Format ein, z. B. +41 79 123 45 67.',
    'problem.six-digits': 'Der Code hat sechs Ziffern.',
    'problem.content-mismatch': 'Dieser Code wurde für ein anderes Dokument ausgestellt.',
    'problem.wrong-code': 'Der Code stimmt nicht. Noch {left} Versuche.',
    'problem.signature-image': 'Die Unterschrift muss ein PNG-Bild von höchstens {max} kB sein.',
    'problem.signature-size': 'Das Bild der Unterschrift ist zu gross: höchstens {max} × {max} Pixel.',
    'problem.signature-empty': 'Die Unterschrift ist leer. Bitte unterschreiben Sie im Feld.',
    'problem.code-not-requested': 'Bitte fordern Sie zuerst einen Code für dieses Formular an.',
    'problem.code-not-latest': 'Dieser Code gehört nicht zu diesem Formular. Bitte verwenden Sie den neuesten Code.',
    'problem.code-required': 'Bitte geben Sie den erhaltenen Code ein.',
    'problem.signature-kind': 'Bitte unterschreiben Sie von Hand oder mit einem Code.',
    'problem.tan-locked': 'Der Code wurde zu oft falsch eingegeben. Bitte fordern Sie einen neuen an.',
    'problem.tan-expired': 'Der Code ist abgelaufen. Bitte fordern Sie einen neuen an.',
    'problem.tan-used': 'Dieser Code wurde schon verwendet. Bitte fordern Sie einen neuen an.',
    'problem.tan-unknown': 'Diesen Code gibt es nicht. Bitte fordern Sie einen neuen an.',
    'problem.email-for-code': 'Bitte geben Sie Ihre E-Mail-Adresse ein, um den Code zu erhalten.',
    'problem.form-required': 'Bitte wählen Sie ein Formular.',
    'problem.no-form': 'Dieses Formular gibt es nicht.',
    'problem.no-field': 'Das Formular hat kein solches Feld.',
    'problem.field-value-type': 'Ein Feld enthält Text, eine Zahl, ja/nein oder nichts.',
    'problem.base-version': 'Die Version, auf der die Änderung beruht, fehlt. Bitte laden Sie die Seite neu.',
    'problem.name-fields': 'Bitte nennen Sie mindestens ein Feld.',
    'problem.values-required': 'Die Angaben des Formulars fehlen.',
  },
  en: {
    'problem.language': 'This language is not offered.',
    'problem.too-long': 'At most {max} characters.',
    'problem.email': 'Please enter a valid e-mail address.',
    'problem.email-or-empty': 'Please enter a valid e-mail address or leave the field empty.',
    'problem.control-character': 'This value contains a control character that is not allowed.',
    'problem.one-line': 'This value must be on one line.',
    'problem.invalid-character': 'This value contains an invalid character.',
    'problem.name-link': 'A name cannot contain a web or e-mail address.',
    'problem.wrong-format': 'This value has the wrong format.',
    'problem.birth-date-range': 'Please enter a date of birth between {earliest} and today.',
    'problem.date-range': 'Please choose a date between {earliest} and {latest}.',
    'problem.year-range': 'Please choose a year between {earliest} and {latest}.',
    'problem.date-format': 'Please enter a date like {example}.',
    'problem.to-before-from': 'The end date must not be before the start date.',
    'problem.too-many-days': 'Please ask for at most {max} days at once.',
    'problem.concern-required': 'Please choose a concern.',
    'problem.name-length': 'Please enter your name (at most {max} characters).',
    'problem.no-concern': 'This concern does not exist.',
    'problem.time-required': 'Please choose a time.',
    'problem.not-bookable': 'This time cannot be booked for the concern. Please choose another one.',
    'problem.address-full': 'This address already holds {max} appointments. Please cancel one of them first.',
    'problem.new-time-required': 'Please choose a new time.',
    'problem.same-time': 'Your appointment is already at this time.',
    'problem.score-range': 'Please choose a rating from {min} to {max}.',
    'problem.content-hash': 'The checksum of the content is missing or invalid. Please reload the page.',
    'problem.email-channel-only': 'In a consultation the code goes to the e-mail address of your booking.',
    'problem.no-email-on-file': 'There is no e-mail address on file for this consultation. Please ask the clerk.',
    'problem.purpose-length': 'Please say what is signed, in at most {max} characters.',
    'problem.channel': 'Please choose e-mail or text message.',
    'problem.mobile-number': 'Please enter a mobile number in international form, e.g. +41 79 123 45 67.',
    'problem.six-digits': 'The code has six digits.',
    'problem.content-mismatch': 'This code was issued for a different document.',
    'problem.wrong-code': 'The code is not correct. {left} attempts left.',
    'problem.signature-image': 'The signature must be a PNG image of at most {max} kB.',
    'problem.signature-size': 'The signature image is too large: at most {max} × {max} pixels.',
    'problem.signature-empty': 'The signature is empty. Please sign in the box.',
    'problem.code-not-requested': 'Please request a code for this form first.',
    'problem.code-not-latest': 'This code does not belong to this form. Please use the latest code.',
    'problem.code-required': 'Please enter the code you received.',
    'problem.signature-kind': 'Please sign by hand or with a code.',
    'problem.tan-locked': 'The code was entered wrongly too often. Please request a new one.',
    'problem.tan-expired': 'The code has expired. Please request a new one.',
    'problem.tan-used': 'This code was already used. Please request a new one.',
    'problem.tan-unknown': 'There is no such code. Please request a new one.',
    'problem.email-for-code': 'Please enter your e-mail address to receive the code.',
    'problem.form-required': 'Please choose a form.',
    'problem.no-form': 'This form does not exist.',
    'problem.no-field': 'The form has no such field.',
    'problem.field-value-type': 'A field holds text, a number, yes/no or nothing.',
    'problem.base-version': 'The version the change is based on is missing. Please reload the page.',
    'problem.name-fields': 'Please name at least one field.',
    'problem.values-required': 'The form’s values are missing.',
  },
  fr: {
    'problem.language': 'Cette langue n’est pas proposée.',
    'problem.too-long': '{max} caractères au maximum.',
    'problem.email': 'Veuillez saisir une adresse e-mail valide.',
    'problem.email-or-empty': 'Veuillez saisir une adresse e-mail valide ou laisser le champ vide.',
    'problem.control-character': 'Cette valeur contient un caractère de contrôle non autorisé.',
    'problem.one-line': 'Cette valeur doit tenir sur une seule ligne.',
    'problem.invalid-character': 'Cette valeur contient un caractère non valable.',
    'problem.name-link': 'Un nom ne peut pas contenir d’adresse web ou e-mail.',
    'problem.wrong-format': 'Cette valeur n’a pas le bon format.',
    'problem.birth-date-range': 'Veuillez saisir une date de naissance entre {earliest} et aujourd’hui.',
    'problem.date-range': 'Veuillez choisir une date entre {earliest} et {latest}.',
    'problem.year-range': 'Veuillez choisir une année entre {earliest} et {latest}.',
    'problem.date-format': 'Veuillez saisir une date comme {example}.',
    'problem.to-before-from': 'La date de fin ne peut pas précéder la date de début.',
    'problem.too-many-days': 'Veuillez demander au maximum {max} jours à la fois.',
    'problem.concern-required': 'Veuillez choisir une démarche.',
    'problem.name-length': 'Veuillez saisir votre nom ({max} caractères au maximum).',
    'problem.no-concern': 'Cette démarche n’existe pas.',
    'problem.time-required': 'Veuillez choisir un horaire.',
    'problem.not-bookable': 'Cet horaire ne peut pas être réservé pour cette démarche. Veuillez en choisir un autre.',
    'problem.address-full': 'Cette adresse a déjà {max} rendez-vous. Veuillez d’abord en annuler un.',
    'problem.new-time-required': 'Veuillez choisir un nouvel horaire.',
    'problem.same-time': 'Votre rendez-vous est déjà à cet horaire.',
    'problem.score-range': 'Veuillez choisir une note de {min} à {max}.',
    'problem.content-hash': 'La somme de contrôle du contenu manque ou n’est pas valable. Veuillez recharger la page.',
    'problem.email-channel-only': 'Pendant l’entretien, le code est envoyé à l’adresse e-mail de votre réservation.',
    'problem.no-email-on-file': 'Aucune adresse e-mail n’est enregistrée pour cet entretien. Veuillez demander à la personne qui vous reçoit.',
    'problem.purpose-length': 'Veuillez indiquer ce qui est signé, en {max} caractères au maximum.',
    'problem.channel': 'Veuillez choisir e-mail ou SMS.',
    'problem.mobile-number': 'Veuillez saisir un numéro de portable au format international, p. ex. +41 79 123 45 67.',
    'problem.six-digits': 'Le code comporte six chiffres.',
    'problem.content-mismatch': 'Ce code a été émis pour un autre document.',
    'problem.wrong-code': 'Le code n’est pas correct. Encore {left} essais.',
    'problem.signature-image': 'La signature doit être une image PNG de {max} ko au maximum.',
    'problem.signature-size': 'L’image de la signature est trop grande : {max} × {max} pixels au maximum.',
    'problem.signature-empty': 'La signature est vide. Veuillez signer dans le cadre.',
    'problem.code-not-requested': 'Veuillez d’abord demander un code pour ce formulaire.',
    'problem.code-not-latest': 'Ce code n’appartient pas à ce formulaire. Veuillez utiliser le code le plus récent.',
    'problem.code-required': 'Veuillez saisir le code reçu.',
    'problem.signature-kind': 'Veuillez signer à la main ou avec un code.',
    'problem.tan-locked': 'Le code a été saisi trop souvent de manière erronée. Veuillez en demander un nouveau.',
    'problem.tan-expired': 'Le code a expiré. Veuillez en demander un nouveau.',
    'problem.tan-used': 'Ce code a déjà été utilisé. Veuillez en demander un nouveau.',
    'problem.tan-unknown': 'Ce code n’existe pas. Veuillez en demander un nouveau.',
    'problem.email-for-code': 'Veuillez saisir votre adresse e-mail pour recevoir le code.',
    'problem.form-required': 'Veuillez choisir un formulaire.',
    'problem.no-form': 'Ce formulaire n’existe pas.',
    'problem.no-field': 'Le formulaire n’a pas ce champ.',
    'problem.field-value-type': 'Un champ contient du texte, un nombre, oui/non ou rien.',
    'problem.base-version': 'La version sur laquelle repose la modification manque. Veuillez recharger la page.',
    'problem.name-fields': 'Veuillez indiquer au moins un champ.',
    'problem.values-required': 'Les valeurs du formulaire manquent.',
  },
  it: {
    'problem.language': 'Questa lingua non è disponibile.',
    'problem.too-long': 'Al massimo {max} caratteri.',
    'problem.email': 'Inserite un indirizzo e-mail valido.',
    'problem.email-or-empty': 'Inserite un indirizzo e-mail valido o lasciate vuoto il campo.',
    'problem.control-character': 'Il valore contiene un carattere di controllo non ammesso.',
    'problem.one-line': 'Il valore deve stare su una sola riga.',
    'problem.invalid-character': 'Il valore contiene un carattere non valido.',
    'problem.name-link': 'Un nome non può contenere un indirizzo web o e-mail.',
    'problem.wrong-format': 'Il valore non ha il formato corretto.',
    'problem.birth-date-range': 'Inserite una data di nascita tra il {earliest} e oggi.',
    'problem.date-range': 'Scegliete una data tra il {earliest} e il {latest}.',
    'problem.year-range': 'Scegliete un anno tra il {earliest} e il {latest}.',
    'problem.date-format': 'Inserite una data come {example}.',
    'problem.to-before-from': 'La data di fine non può precedere la data d’inizio.',
    'problem.too-many-days': 'Chiedete al massimo {max} giorni alla volta.',
    'problem.concern-required': 'Scegliete una pratica.',
    'problem.name-length': 'Inserite il vostro nome (al massimo {max} caratteri).',
    'problem.no-concern': 'Questa pratica non esiste.',
    'problem.time-required': 'Scegliete un orario.',
    'problem.not-bookable': 'Questo orario non è prenotabile per la pratica. Sceglietene un altro.',
    'problem.address-full': 'Questo indirizzo ha già {max} appuntamenti. Annullatene prima uno.',
    'problem.new-time-required': 'Scegliete un nuovo orario.',
    'problem.same-time': 'Il vostro appuntamento è già a quest’ora.',
    'problem.score-range': 'Scegliete una valutazione da {min} a {max}.',
    'problem.content-hash': 'La somma di controllo del contenuto manca o non è valida. Ricaricate la pagina.',
    'problem.email-channel-only': 'Durante il colloquio il codice va all’indirizzo e-mail della vostra prenotazione.',
    'problem.no-email-on-file': 'Per questo colloquio non è registrato alcun indirizzo e-mail. Chiedete al collaboratore.',
    'problem.purpose-length': 'Indicate che cosa viene firmato, in al massimo {max} caratteri.',
    'problem.channel': 'Scegliete e-mail o SMS.',
    'problem.mobile-number': 'Inserite un numero di cellulare in formato internazionale, p. es. +41 79 123 45 67.',
    'problem.six-digits': 'Il codice ha sei cifre.',
    'problem.content-mismatch': 'Questo codice è stato emesso per un altro documento.',
    'problem.wrong-code': 'Il codice non è corretto. Restano {left} tentativi.',
    'problem.signature-image': 'La firma deve essere un’immagine PNG di al massimo {max} kB.',
    'problem.signature-size': 'L’immagine della firma è troppo grande: al massimo {max} × {max} pixel.',
    'problem.signature-empty': 'La firma è vuota. Firmate nel riquadro.',
    'problem.code-not-requested': 'Richiedete prima un codice per questo modulo.',
    'problem.code-not-latest': 'Questo codice non appartiene a questo modulo. Usate il codice più recente.',
    'problem.code-required': 'Inserite il codice ricevuto.',
    'problem.signature-kind': 'Firmate a mano o con un codice.',
    'problem.tan-locked': 'Il codice è stato inserito in modo errato troppe volte. Richiedetene uno nuovo.',
    'problem.tan-expired': 'Il codice è scaduto. Richiedetene uno nuovo.',
    'problem.tan-used': 'Questo codice è già stato usato. Richiedetene uno nuovo.',
    'problem.tan-unknown': 'Questo codice non esiste. Richiedetene uno nuovo.',
    'problem.email-for-code': 'Inserite il vostro indirizzo e-mail per ricevere il codice.',
    'problem.form-required': 'Scegliete un modulo.',
    'problem.no-form': 'Questo modulo non esiste.',
    'problem.no-field': 'Il modulo non ha questo campo.',
    'problem.field-value-type': 'Un campo contiene testo, un numero, sì/no o niente.',
    'problem.base-version': 'Manca la versione su cui si basa la modifica. Ricaricate la pagina.',
    'problem.name-fields': 'Indicate almeno un campo.',
    'problem.values-required': 'Mancano i valori del modulo.',
  },
  'de-x-ls': {
    'problem.language': 'Diese Sprache gibt es hier nicht.',
    'problem.too-long': 'Das ist zu lang. Sie dürfen höchstens {max} Zeichen schreiben.',
    'problem.email': 'Die E-Mail-Adresse stimmt nicht. Bitte prüfen Sie die Adresse.',
    'problem.email-or-empty': 'Die E-Mail-Adresse stimmt nicht. Bitte prüfen Sie die Adresse. Sie können das Feld auch leer lassen.',
    'problem.control-character': 'Hier ist ein Zeichen, das nicht erlaubt ist. Bitte schreiben Sie den Text neu.',
    'problem.one-line': 'Bitte schreiben Sie alles in eine Zeile.',
    'problem.invalid-character': 'Hier ist ein Zeichen, das nicht erlaubt ist. Bitte schreiben Sie den Text neu.',
    'problem.name-link': 'Im Namen darf keine Internet-Adresse stehen. Und keine E-Mail-Adresse.',
    'problem.wrong-format': 'Diese Angabe stimmt so nicht. Bitte prüfen Sie die Angabe.',
    'problem.birth-date-range': 'Das Geburts-Datum stimmt nicht. Es muss zwischen {earliest} und heute sein.',
    'problem.date-range': 'Das Datum stimmt nicht. Es muss zwischen {earliest} und {latest} sein.',
    'problem.year-range': 'Das Jahr stimmt nicht. Es muss zwischen {earliest} und {latest} sein.',
    'problem.date-format': 'Bitte schreiben Sie das Datum so: {example}.',
    'problem.to-before-from': 'Das End-Datum ist vor dem Anfangs-Datum. Das geht nicht.',
    'problem.too-many-days': 'Das sind zu viele Tage. Sie können höchstens {max} Tage auf einmal sehen.',
    'problem.concern-required': 'Bitte suchen Sie Ihr Thema aus.',
    'problem.name-length': 'Bitte schreiben Sie Ihren Namen. Der Name darf höchstens {max} Zeichen lang sein.',
    'problem.no-concern': 'Dieses Thema gibt es nicht.',
    'problem.time-required': 'Bitte suchen Sie eine Zeit aus.',
    'problem.not-bookable': 'Diese Zeit ist nicht frei. Bitte suchen Sie eine andere Zeit aus.',
    'problem.address-full': 'Mit dieser E-Mail-Adresse gibt es schon {max} Termine. Bitte sagen Sie zuerst einen Termin ab.',
    'problem.new-time-required': 'Bitte suchen Sie eine neue Zeit aus.',
    'problem.same-time': 'Ihr Termin ist schon zu dieser Zeit.',
    'problem.score-range': 'Bitte geben Sie eine Note. Die Note ist eine Zahl von {min} bis {max}.',
    'problem.content-hash': 'Das hat nicht geklappt. Bitte laden Sie die Seite neu.',
    'problem.email-channel-only': 'Der Code kommt per E-Mail. An die E-Mail-Adresse von Ihrem Termin.',
    'problem.no-email-on-file': 'Wir haben keine E-Mail-Adresse von Ihnen. Bitte fragen Sie die Person vom Amt.',
    'problem.purpose-length': 'Bitte schreiben Sie, was Sie unterschreiben. Höchstens {max} Zeichen.',
    'problem.channel': 'Bitte wählen Sie: E-Mail oder SMS.',
    'problem.mobile-number': 'Die Handy-Nummer stimmt nicht. Bitte schreiben Sie die Nummer so: +41 79 123 45 67.',
    'problem.six-digits': 'Der Code hat 6 Ziffern.',
    'problem.content-mismatch': 'Dieser Code ist für ein anderes Papier.',
    'problem.wrong-code': 'Der Code ist falsch. Sie können es noch {left} Mal versuchen.',
    'problem.signature-image': 'Die Unterschrift geht so nicht. Das Bild ist zu gross. Höchstens {max} kB.',
    'problem.signature-size': 'Das Bild von der Unterschrift ist zu gross. Höchstens {max} mal {max} Punkte.',
    'problem.signature-empty': 'Die Unterschrift fehlt. Bitte unterschreiben Sie im Kasten.',
    'problem.code-not-requested': 'Sie brauchen zuerst einen Code. Bitte fordern Sie einen Code an.',
    'problem.code-not-latest': 'Dieser Code ist nicht für dieses Formular. Bitte nehmen Sie den neuesten Code.',
    'problem.code-required': 'Bitte schreiben Sie den Code. Sie haben den Code bekommen.',
    'problem.signature-kind': 'Bitte unterschreiben Sie. Mit der Hand oder mit einem Code.',
    'problem.tan-locked': 'Der Code war zu oft falsch. Bitte fordern Sie einen neuen Code an.',
    'problem.tan-expired': 'Der Code ist zu alt. Bitte fordern Sie einen neuen Code an.',
    'problem.tan-used': 'Diesen Code haben Sie schon benutzt. Bitte fordern Sie einen neuen Code an.',
    'problem.tan-unknown': 'Diesen Code gibt es nicht. Bitte fordern Sie einen neuen Code an.',
    'problem.email-for-code': 'Bitte schreiben Sie Ihre E-Mail-Adresse. Dann bekommen Sie den Code.',
    'problem.form-required': 'Bitte suchen Sie ein Formular aus.',
    'problem.no-form': 'Dieses Formular gibt es nicht.',
    'problem.no-field': 'Dieses Feld gibt es im Formular nicht.',
    'problem.field-value-type': 'Diese Angabe geht so nicht.',
    'problem.base-version': 'Das hat nicht geklappt. Bitte laden Sie die Seite neu.',
    'problem.name-fields': 'Bitte füllen Sie mindestens ein Feld aus.',
    'problem.values-required': 'Im Formular fehlen die Angaben.',
  },
});
