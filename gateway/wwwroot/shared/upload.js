// The one upload flow of the front end, for the upload page, the consultation's documents panel and the kiosk:
// the files checked before a byte is sent (kind, size, count, as the document intake counts them), sent with
// XMLHttpRequest so the progress shows, a busy service (503) waited for as api.js does, and a refusal said in the
// page's language, naming each refused file (docs.reason.<code>, the intake's own codes) or the problem's code
// (problems.js). The service stays the judge: these checks only spare a resident a long upload that is refused.
import { register, t } from '/shared/i18n.js';
import { problemMessage } from '/shared/problems.js';
import { whilePressed } from '/shared/api.js';

register({
  de: {
    'docs.reason.malformed': 'Die Sendung ist unvollständig oder beschädigt angekommen. Bitte versuchen Sie es erneut.',
    'docs.reason.file-name': 'Der Dateiname enthält unzulässige Zeichen. Bitte benennen Sie die Datei um.',
    'docs.reason.control-character': 'Eine Angabe enthält unzulässige Steuerzeichen. Bitte prüfen Sie Ihre Eingabe.',
    'docs.reason.not-multipart': 'Die Sendung hat nicht das erwartete Format. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
    'docs.uploading': 'Wird hochgeladen … {percent} %',
    'docs.checking': 'Wird geprüft …',
    'docs.pickFirst': 'Bitte wählen Sie zuerst mindestens eine Datei.',
    'docs.quarantineNotice': 'Achtung: In mindestens einer Datei wurde Schadsoftware gefunden. Diese Datei wurde nicht angenommen und ist gesperrt.',
    'docs.reason.empty': 'Die Datei ist leer.',
    'docs.reason.unsupported': 'Nur PDF, JPEG, PNG und TIFF werden angenommen.',
    'docs.reason.damaged': 'Die Datei ist beschädigt oder unvollständig.',
    'docs.reason.polyglot': 'Die Datei enthält ein zweites Format oder aktive Inhalte (z. B. Skripte) und wird nicht angenommen.',
    'docs.reason.mislabelled': 'Dateiname oder -typ passen nicht zum Inhalt.',
    'docs.reason.file-too-large': 'Die Datei ist zu gross.',
    'docs.reason.too-many-files': 'Zu viele Dateien auf einmal.',
    'docs.reason.too-large': 'Die Sendung ist zu gross.',
    'docs.reason.link-quota': 'Mit diesem Link wurde schon so viel gesendet, wie er erlaubt. Bitte bringen Sie weitere Unterlagen zum Gespräch mit oder geben Sie sie am Schalter ab.',
    'docs.reason.no-files': 'Bitte wählen Sie mindestens eine Datei.',
    'docs.reason.invalid': 'Bitte prüfen Sie die Eingabe.',
    'docs.reason.required': 'Bitte ausfüllen.',
    'docs.reason.unknown': 'Dieser Wert ist nicht bekannt.',
    'docs.reason.too-long': 'Der Text ist zu lang.',
    'docs.reason.invalid-character': 'Eine Angabe oder ein Dateiname enthält Zeichen, die nicht gelesen werden können. Bitte prüfen Sie Ihre Eingabe oder benennen Sie die Datei um.',
    'docs.reason.too-many-fields': 'Die Sendung enthält zu viele Angaben. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
    'docs.reason.too-many-pixels': 'Das Bild hat zu viele Bildpunkte (mehr als {max} Megapixel). Bitte senden Sie es in geringerer Auflösung.',
    'docs.reason.unsupported-image': 'Diese Art von JPEG (verlustfrei oder arithmetisch kodiert) kann nicht angezeigt werden. Bitte senden Sie das Bild als gewöhnliches JPEG, als PNG oder als PDF.',
    'docs.reason.encrypted': 'Die PDF-Datei ist verschlüsselt und kann nicht geprüft werden. Bitte senden Sie sie ohne Passwort.',
    'docs.reason.not-inspectable': 'Die PDF-Datei enthält Teile, die nicht geprüft werden können. Bitte drucken oder speichern Sie sie als neue PDF-Datei und senden Sie diese.',
    'docs.fileError': '{name}: {reason}',
    'docs.nothingSent': 'Es wurde nichts gesendet. Wählen Sie die übrigen Dateien noch einmal, ohne die genannte, und senden Sie sie erneut.',
  },
  en: {
    'docs.reason.malformed': 'The upload arrived incomplete or damaged. Please try again.',
    'docs.reason.file-name': 'The file name contains characters that are not allowed. Please rename the file.',
    'docs.reason.control-character': 'An entry contains control characters that are not allowed. Please check what you entered.',
    'docs.reason.not-multipart': 'The upload is not in the expected form. Please reload the page and try again.',
    'docs.uploading': 'Uploading … {percent} %',
    'docs.checking': 'Checking …',
    'docs.pickFirst': 'Please choose at least one file first.',
    'docs.quarantineNotice': 'Warning: malware was found in at least one file. That file was not accepted and is locked.',
    'docs.reason.empty': 'The file is empty.',
    'docs.reason.unsupported': 'Only PDF, JPEG, PNG and TIFF are accepted.',
    'docs.reason.damaged': 'The file is damaged or incomplete.',
    'docs.reason.polyglot': 'The file contains a second format or active content (e.g. scripts) and is not accepted.',
    'docs.reason.mislabelled': "The file's name or type does not match its content.",
    'docs.reason.file-too-large': 'The file is too large.',
    'docs.reason.too-many-files': 'Too many files at once.',
    'docs.reason.too-large': 'The upload is too large.',
    'docs.reason.link-quota': 'This link has already sent as much as it allows. Please bring further documents to the consultation or hand them in at the counter.',
    'docs.reason.no-files': 'Please choose at least one file.',
    'docs.reason.invalid': 'Please check your entry.',
    'docs.reason.required': 'Please fill this in.',
    'docs.reason.unknown': 'This value is not known.',
    'docs.reason.too-long': 'The text is too long.',
    'docs.reason.invalid-character': 'An entry or a file name contains characters that cannot be read. Please check what you entered or rename the file.',
    'docs.reason.too-many-fields': 'The upload contains too many entries. Please reload the page and try again.',
    'docs.reason.too-many-pixels': 'The image has too many pixels (more than {max} megapixels). Please send it at a lower resolution.',
    'docs.reason.unsupported-image': 'This kind of JPEG (lossless or arithmetic-coded) cannot be shown. Please send the image as an ordinary JPEG, a PNG or a PDF.',
    'docs.reason.encrypted': 'The PDF is encrypted and cannot be checked. Please send it without a password.',
    'docs.reason.not-inspectable': 'The PDF contains parts that cannot be checked. Please print or save it as a new PDF and send that.',
    'docs.fileError': '{name}: {reason}',
    'docs.nothingSent': 'Nothing was sent. Choose the other files again, without the one named, and send them again.',
  },
  fr: {
    'docs.reason.malformed': 'L’envoi est arrivé incomplet ou endommagé. Veuillez réessayer.',
    'docs.reason.file-name': 'Le nom du fichier contient des caractères non autorisés. Veuillez renommer le fichier.',
    'docs.reason.control-character': 'Une indication contient des caractères de contrôle non autorisés. Veuillez vérifier votre saisie.',
    'docs.reason.not-multipart': 'L’envoi n’a pas le format attendu. Veuillez recharger la page et réessayer.',
    'docs.uploading': 'Téléversement … {percent} %',
    'docs.checking': 'Vérification …',
    'docs.pickFirst': 'Veuillez d’abord choisir au moins un fichier.',
    'docs.quarantineNotice': 'Attention : un logiciel malveillant a été détecté dans au moins un fichier. Ce fichier a été refusé et bloqué.',
    'docs.reason.empty': 'Le fichier est vide.',
    'docs.reason.unsupported': 'Seuls les formats PDF, JPEG, PNG et TIFF sont acceptés.',
    'docs.reason.damaged': 'Le fichier est endommagé ou incomplet.',
    'docs.reason.polyglot': 'Le fichier contient un second format ou du contenu actif (p. ex. des scripts) et n’est pas accepté.',
    'docs.reason.mislabelled': 'Le nom ou le type du fichier ne correspond pas à son contenu.',
    'docs.reason.file-too-large': 'Le fichier est trop volumineux.',
    'docs.reason.too-many-files': 'Trop de fichiers à la fois.',
    'docs.reason.too-large': 'L’envoi est trop volumineux.',
    'docs.reason.link-quota': 'Ce lien a déjà envoyé autant qu’il le permet. Veuillez apporter les autres documents à l’entretien ou les remettre au guichet.',
    'docs.reason.no-files': 'Veuillez choisir au moins un fichier.',
    'docs.reason.invalid': 'Veuillez vérifier votre saisie.',
    'docs.reason.required': 'Veuillez remplir ce champ.',
    'docs.reason.unknown': 'Cette valeur n’est pas connue.',
    'docs.reason.too-long': 'Le texte est trop long.',
    'docs.reason.invalid-character': 'Une indication ou un nom de fichier contient des caractères illisibles. Veuillez vérifier votre saisie ou renommer le fichier.',
    'docs.reason.too-many-fields': 'L’envoi contient trop d’indications. Veuillez recharger la page et réessayer.',
    'docs.reason.too-many-pixels': 'L’image a trop de pixels (plus de {max} mégapixels). Veuillez l’envoyer dans une résolution plus basse.',
    'docs.reason.unsupported-image': 'Ce type de JPEG (sans perte ou à codage arithmétique) ne peut pas être affiché. Veuillez envoyer l’image en JPEG ordinaire, en PNG ou en PDF.',
    'docs.reason.encrypted': 'Le PDF est chiffré et ne peut pas être vérifié. Veuillez l’envoyer sans mot de passe.',
    'docs.reason.not-inspectable': 'Le PDF contient des parties qui ne peuvent pas être vérifiées. Veuillez l’imprimer ou l’enregistrer comme nouveau PDF et envoyer celui-ci.',
    'docs.fileError': '{name} : {reason}',
    'docs.nothingSent': 'Rien n’a été envoyé. Choisissez à nouveau les autres fichiers, sans celui indiqué, et renvoyez-les.',
  },
  it: {
    'docs.reason.malformed': 'L’invio è arrivato incompleto o danneggiato. Riprovate.',
    'docs.reason.file-name': 'Il nome del file contiene caratteri non ammessi. Rinominate il file.',
    'docs.reason.control-character': 'Un dato contiene caratteri di controllo non ammessi. Verificate quanto inserito.',
    'docs.reason.not-multipart': 'L’invio non ha il formato previsto. Ricaricate la pagina e riprovate.',
    'docs.uploading': 'Caricamento … {percent} %',
    'docs.checking': 'Verifica in corso …',
    'docs.pickFirst': 'Scegliete prima almeno un file.',
    'docs.quarantineNotice': 'Attenzione: in almeno un file è stato rilevato software dannoso. Il file non è stato accettato ed è bloccato.',
    'docs.reason.empty': 'Il file è vuoto.',
    'docs.reason.unsupported': 'Sono accettati solo i formati PDF, JPEG, PNG e TIFF.',
    'docs.reason.damaged': 'Il file è danneggiato o incompleto.',
    'docs.reason.polyglot': 'Il file contiene un secondo formato o contenuti attivi (ad es. script) e non viene accettato.',
    'docs.reason.mislabelled': 'Il nome o il tipo del file non corrisponde al contenuto.',
    'docs.reason.file-too-large': 'Il file è troppo grande.',
    'docs.reason.too-many-files': 'Troppi file in una volta.',
    'docs.reason.too-large': 'L’invio è troppo grande.',
    'docs.reason.link-quota': 'Con questo link è già stato inviato quanto consentito. Portate gli altri documenti al colloquio o consegnateli allo sportello.',
    'docs.reason.no-files': 'Scegliete almeno un file.',
    'docs.reason.invalid': 'Verificate i dati inseriti.',
    'docs.reason.required': 'Compilate questo campo.',
    'docs.reason.unknown': 'Questo valore non è noto.',
    'docs.reason.too-long': 'Il testo è troppo lungo.',
    'docs.reason.invalid-character': 'Un dato o il nome di un file contiene caratteri illeggibili. Verificate quanto inserito o rinominate il file.',
    'docs.reason.too-many-fields': 'L’invio contiene troppi dati. Ricaricate la pagina e riprovate.',
    'docs.reason.too-many-pixels': 'L’immagine ha troppi pixel (più di {max} megapixel). Inviatela con una risoluzione più bassa.',
    'docs.reason.unsupported-image': 'Questo tipo di JPEG (senza perdita o a codifica aritmetica) non può essere visualizzato. Inviate l’immagine come JPEG normale, PNG o PDF.',
    'docs.reason.encrypted': 'Il PDF è cifrato e non può essere controllato. Inviatelo senza password.',
    'docs.reason.not-inspectable': 'Il PDF contiene parti che non possono essere controllate. Stampatelo o salvatelo come nuovo PDF e inviate quello.',
    'docs.fileError': '{name}: {reason}',
    'docs.nothingSent': 'Non è stato inviato nulla. Scegliete di nuovo gli altri file, senza quello indicato, e inviateli di nuovo.',
  },
  'de-x-ls': {
    'docs.uploading': 'Wir schicken die Dateien … {percent} %',
    'docs.checking': 'Wir prüfen die Dateien …',
    'docs.pickFirst': 'Bitte suchen Sie zuerst eine Datei aus.',
    'docs.quarantineNotice': 'Achtung: In einer Datei ist ein Virus. Diese Datei nehmen wir nicht. Wir haben die Datei gesperrt.',
    'docs.fileError': '{name}: {reason}',
    'docs.nothingSent': 'Wir haben nichts bekommen. Auch die anderen Dateien nicht. Bitte suchen Sie die anderen Dateien noch einmal aus. Aber nicht die Datei mit dem Fehler. Dann schicken Sie die Dateien noch einmal.',
    'docs.reason.malformed': 'Die Sendung ist nicht ganz angekommen. Bitte versuchen Sie es noch einmal.',
    'docs.reason.file-name': 'Im Namen der Datei sind Zeichen, die nicht gehen. Bitte geben Sie der Datei einen neuen Namen.',
    'docs.reason.control-character': 'In einer Angabe ist ein Zeichen, das nicht geht. Bitte prüfen Sie Ihren Text.',
    'docs.reason.not-multipart': 'Das hat nicht geklappt. Bitte laden Sie die Seite neu. Dann versuchen Sie es noch einmal.',
    'docs.reason.empty': 'Die Datei ist leer.',
    'docs.reason.unsupported': 'Wir nehmen nur diese Dateien: PDF, JPG, PNG und TIFF.',
    'docs.reason.damaged': 'Die Datei ist kaputt oder nicht ganz da.',
    'docs.reason.polyglot': 'In der Datei ist noch etwas anderes versteckt. Zum Beispiel ein Programm. Darum nehmen wir die Datei nicht.',
    'docs.reason.mislabelled': 'Der Name der Datei passt nicht zum Inhalt.',
    'docs.reason.file-too-large': 'Die Datei ist zu gross.',
    'docs.reason.too-many-files': 'Das sind zu viele Dateien auf einmal.',
    'docs.reason.too-large': 'Die Sendung ist zu gross.',
    'docs.reason.link-quota': 'Mit diesem Link können Sie nichts mehr schicken. Bitte bringen Sie die anderen Papiere zum Gespräch mit. Oder geben Sie sie am Schalter ab.',
    'docs.reason.no-files': 'Bitte suchen Sie mindestens eine Datei aus.',
    'docs.reason.invalid': 'Bitte prüfen Sie Ihre Angabe.',
    'docs.reason.required': 'Bitte füllen Sie das aus.',
    'docs.reason.unknown': 'Das kennen wir nicht.',
    'docs.reason.too-long': 'Der Text ist zu lang.',
    'docs.reason.invalid-character': 'Hier ist ein Zeichen, das wir nicht lesen können. Bitte prüfen Sie Ihren Text. Oder geben Sie der Datei einen neuen Namen.',
    'docs.reason.too-many-fields': 'In der Sendung sind zu viele Angaben. Bitte laden Sie die Seite neu. Dann versuchen Sie es noch einmal.',
    'docs.reason.too-many-pixels': 'Das Bild ist zu gross. Es hat mehr als {max} Mega-Pixel. Bitte machen Sie das Bild kleiner. Dann schicken Sie das Bild noch einmal.',
    'docs.reason.unsupported-image': 'Wir können dieses Bild nicht zeigen. Bitte speichern Sie das Bild neu als JPG oder als PNG. Dann schicken Sie das Bild noch einmal.',
    'docs.reason.encrypted': 'Die PDF-Datei hat ein Passwort. So können wir die Datei nicht prüfen. Bitte schicken Sie die Datei ohne Passwort.',
    'docs.reason.not-inspectable': 'Wir können diese PDF-Datei nicht prüfen. Bitte speichern Sie die Datei neu als PDF. Dann schicken Sie die neue Datei.',
  },
});
/** The document intake's limits per file and per upload (Documents:MaxFileBytes, Documents:MaxFiles defaults). */
export const uploadLimits = Object.freeze({ maxFiles: 20, maxFileBytes: 100 * 1024 * 1024 });

// What the intake accepts, by type or, where the device names none, by the file name's ending.
const acceptedTypes = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']);
const acceptedEndings = /\.(pdf|jpe?g|png|tiff?)$/i;

/** The files a page hands over ({ blob, name } or File) as { blob, name }. */
const entries = files => files.map(f => (f instanceof Blob ? { blob: f, name: f.name } : f));

/**
 * The refusal the intake would give, found before sending: { status: 0, problem: { reasons: { 'files[i]': code } } }
 * in the shape of the service's answer, or null when every file may go.
 */
export function checkFiles(files, limits = uploadLimits) {
  const reasons = {};
  if (files.length > limits.maxFiles) reasons.files = 'too-many-files';
  entries(files).forEach(({ blob, name }, i) => {
    if (!blob.size) reasons[`files[${i}]`] = 'empty';
    else if (blob.size > limits.maxFileBytes) reasons[`files[${i}]`] = 'file-too-large';
    else if (!acceptedTypes.has(blob.type) && !acceptedEndings.test(name || '')) reasons[`files[${i}]`] = 'unsupported';
  });
  return Object.keys(reasons).length ? { status: 0, problem: { reasons } } : null;
}

/** Turns a refused upload into sentences naming the files (fields are files[i] in the order they were sent). */
export function describeRejection(error, names = []) {
  const reasons = error.problem?.reasons || {};
  const args = error.problem?.reasonArgs || {};
  const lines = Object.entries(reasons).map(([field, reason]) => {
    const index = /\[(\d+)\]$/.exec(field)?.[1];
    // A reason's values ({ max: 100 } megapixels) fill its text.
    const text = t(`docs.reason.${reason}`, args[field]);
    return index !== undefined && names[index] ? t('docs.fileError', { name: names[index], reason: text }) : text;
  });
  // The intake takes an upload whole or not at all: with one file refused, the good ones did not go either, and the
  // page says so (the phone probe read only the bad file's name and thought the others sent).
  const refusedFiles = Object.keys(reasons).filter(field => /\[\d+\]$/.test(field)).length;
  if (refusedFiles > 0 && names.length > refusedFiles) lines.push(t('docs.nothingSent'));
  // A refusal of the whole upload (an expired link, a closed consultation …) carries a code problems.js translates.
  return lines.length ? lines : [problemMessage(error.problem, error.message || t('common.error'))];
}

const retryBudgetMs = 30000;

/**
 * Posts a FormData with XMLHttpRequest so the upload's progress can be shown; resolves with the JSON answer, rejects
 * with { status, problem }. A 503 (a service restarting) is sent again after its Retry-After, 30 s at most in all.
 */
export async function uploadWithProgress(url, form, { token, headers = {}, onProgress } = {}) {
  for (let waited = 0; ; ) {
    const { status, body, retryAfter } = await new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('Accept', 'application/json');
      if (token) xhr.setRequestHeader('X-Resident-Token', token);
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener('progress', e => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); });
      xhr.addEventListener('load', () => {
        let parsed = null;
        try { parsed = JSON.parse(xhr.responseText); } catch { parsed = { detail: xhr.responseText }; }
        resolve({ status: xhr.status, body: parsed, retryAfter: Number(xhr.getResponseHeader('Retry-After')) });
      });
      xhr.addEventListener('error', () => reject(Object.assign(new Error(t('common.error')), { status: 0, problem: null })));
      xhr.send(form);
    });
    if (status >= 200 && status < 300) return body;
    if (status !== 503 || waited >= retryBudgetMs) {
      throw Object.assign(new Error(problemMessage(body, body?.title || `HTTP ${status}`)), { status, problem: body });
    }
    const delay = Math.min(5000, retryAfter > 0 ? retryAfter * 1000 : 2000);
    await new Promise(resolve => setTimeout(resolve, delay));
    waited += delay;
  }
}

/**
 * Sends files the one way: refuses an empty choice and files the intake would refuse, disables the button and shows
 * the progress while sending, and says in `status` what happened. Returns the intake's answer, or null when refused
 * (the reason already shown). Options: fields (form fields beside the files), token/headers (who hands in), the
 * page's elements (button, progress with a <span> bar, status, input), done(result) for the text on success,
 * refused(error) to take a refusal over (true when handled, e.g. an expired link), explain(error) for texts of its own.
 */
export async function sendFiles(url, files, { fields = {}, token, headers, limits, button, progress, status, input, done = () => '', refused, explain } = {}) {
  const items = entries(files);
  const names = items.map(f => f.name);
  const show = (text, kind = '') => { status.className = `upload-status${kind ? ` ${kind}` : ''}`; status.textContent = text; };
  const invalid = on => { if (on) input?.setAttribute('aria-invalid', 'true'); else input?.removeAttribute('aria-invalid'); };
  invalid(false);
  if (!items.length) {
    show(t('docs.pickFirst'), 'error');
    invalid(true);
    input?.focus();
    return null;
  }
  const early = checkFiles(items, limits);
  if (early) {
    show(describeRejection(early, names).join(' '), 'error');
    invalid(true);
    return null;
  }
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== null && value !== '') data.append(name, value);
  for (const { blob, name } of items) data.append('files', blob, name);

  const bar = progress?.querySelector('span');
  // The pressed button is disabled while the files travel; whilePressed gives it the focus back afterwards.
  return button ? whilePressed(button, send) : send();

  async function send() {
    if (progress) progress.hidden = false;
    show('');
    try {
      const result = await uploadWithProgress(url, data, {
        token, headers,
        onProgress: p => {
          if (bar) bar.style.width = `${Math.round(p * 100)}%`;
          show(p < 1 ? t('docs.uploading', { percent: Math.round(p * 100) }) : t('docs.checking'));
        },
      });
      const quarantined = result.documents?.some(d => d.status === 'quarantined');
      show(quarantined ? t('docs.quarantineNotice') : done(result), quarantined ? 'error' : 'ok');
      return result;
    } catch (error) {
      if (refused?.(error)) return null;
      show(explain?.(error) || describeRejection(error, names).join(' '), 'error');
      invalid(true);
      return null;
    } finally {
      if (progress) progress.hidden = true;
      if (bar) bar.style.width = '0';
    }
  }
}
