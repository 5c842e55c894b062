// Signing one document, identified by the SHA-256 of its content: by touch on the pad, or by a one-time code
// (TAN) for residents in a consultation. The link carries everything in its fragment, never in the URL sent to
// the server: #c=<sha256>&p=<what is signed>&t=<resident token>. The result goes to the page that opened this
// one (the form, through postMessage on the same origin), which records it with the forms service.
import { register, t, apply, languageSwitch, language, locale } from '/shared/i18n.js';
import { api, fragmentToken } from '/shared/api.js';
import { createSignaturePad } from '/shared/signature-pad.js';

register({
  de: {
    'sign.doneTyped': 'Sie haben „{purpose}“ mit Ihrem Namen „{name}“ unterschrieben.',
    'sign.padHelpTyped': 'Unterschreiben Sie im Feld. Mit der Tastatur tippen Sie Ihren Namen weiter unten ein.',
    'sign.signTyped': 'Mit meinem Namen unterschreiben',
    'sign.typedEmpty': 'Bitte tippen Sie zuerst Ihren Namen ein.',
    'sign.typedName': 'Ihr Vor- und Nachname als Unterschrift',
    'sign.byKeyboard': 'Mit der Tastatur',
    'sign.title': 'Unterschreiben', 'sign.missing': 'Dieser Link nennt kein Dokument zum Unterschreiben.', 'sign.document': 'Dokument',
    'sign.fingerprint': 'Prüfsumme des Dokuments (SHA-256):', 'sign.byTouch': 'Mit Finger, Stift oder Maus',
    'sign.padHelp': 'Unterschreiben Sie im Feld. Mit der Tastatur nutzen Sie bitte den Code (TAN) weiter unten.',
    'sign.padLabel': 'Unterschriftsfeld', 'sign.empty': 'Bitte unterschreiben Sie zuerst im Feld.', 'sign.clear': 'Löschen',
    'sign.confirm': 'Unterschrift bestätigen', 'sign.byTan': 'Mit einem Code (TAN)',
    'sign.tanUnavailable': 'Einen Code erhalten Sie während einer Beratung über den Link Ihres Termins.',
    'sign.channel': 'Code senden per', 'sign.email': 'E-Mail', 'sign.sms': 'SMS', 'sign.emailAddress': 'E-Mail-Adresse',
    'sign.phone': 'Mobilnummer (international, z. B. +41 79 123 45 67)', 'sign.send': 'Code senden', 'sign.code': 'Code (6 Ziffern)',
    'sign.signWithCode': 'Mit Code unterschreiben', 'sign.sent': 'Der Code wurde an {to} gesendet. Er ist bis {until} Uhr gültig.',
    'sign.wrongCode': 'Falscher Code. Noch {left} Versuch(e).', 'sign.locked': 'Der Code wurde zu oft falsch eingegeben. Bitte fordern Sie einen neuen Code an.',
    'sign.expired': 'Der Code ist abgelaufen. Bitte fordern Sie einen neuen Code an.', 'sign.used': 'Dieser Code wurde bereits verwendet.',
    'sign.tooMany': 'Zu viele Codes angefordert. Bitte verwenden Sie den zuletzt erhaltenen Code oder versuchen Sie es später.',
    'sign.badRecipient': 'Bitte prüfen Sie die Adresse bzw. Nummer.',
    'sign.done': 'Unterschrieben', 'sign.doneTouch': 'Ihre Unterschrift ({strokes} Striche) gehört zu „{purpose}“.',
    'sign.doneTan': 'Sie haben „{purpose}“ mit dem Code bestätigt.', 'sign.unnamed': 'diesem Dokument', 'sign.preview': 'Ihre Unterschrift',
  },
  en: {
    'sign.doneTyped': 'You signed “{purpose}” with your name “{name}”.',
    'sign.padHelpTyped': 'Sign in the box. With a keyboard, type your name below.',
    'sign.signTyped': 'Sign with my name',
    'sign.typedEmpty': 'Please type your name first.',
    'sign.typedName': 'Your first and last name as your signature',
    'sign.byKeyboard': 'With the keyboard',
    'sign.title': 'Sign', 'sign.missing': 'This link names no document to sign.', 'sign.document': 'Document',
    'sign.fingerprint': 'Checksum of the document (SHA-256):', 'sign.byTouch': 'With finger, pen or mouse',
    'sign.padHelp': 'Sign in the box. With a keyboard, please use the code (TAN) below.',
    'sign.padLabel': 'Signature box', 'sign.empty': 'Please sign in the box first.', 'sign.clear': 'Clear',
    'sign.confirm': 'Confirm signature', 'sign.byTan': 'With a code (TAN)',
    'sign.tanUnavailable': 'You get a code during a consultation, through the link of your appointment.',
    'sign.channel': 'Send the code by', 'sign.email': 'E-mail', 'sign.sms': 'SMS', 'sign.emailAddress': 'E-mail address',
    'sign.phone': 'Mobile number (international, e.g. +41 79 123 45 67)', 'sign.send': 'Send code', 'sign.code': 'Code (6 digits)',
    'sign.signWithCode': 'Sign with code', 'sign.sent': 'The code was sent to {to}. It is valid until {until}.',
    'sign.wrongCode': 'Wrong code. {left} attempt(s) left.', 'sign.locked': 'The code was entered wrongly too often. Please request a new code.',
    'sign.expired': 'The code has expired. Please request a new code.', 'sign.used': 'This code has already been used.',
    'sign.tooMany': 'Too many codes requested. Please use the last code you received or try again later.',
    'sign.badRecipient': 'Please check the address or number.',
    'sign.done': 'Signed', 'sign.doneTouch': 'Your signature ({strokes} strokes) belongs to “{purpose}”.',
    'sign.doneTan': 'You confirmed “{purpose}” with the code.', 'sign.unnamed': 'this document', 'sign.preview': 'Your signature',
  },
  fr: {
    'sign.doneTyped': 'Vous avez signé « {purpose} » avec votre nom « {name} ».',
    'sign.padHelpTyped': 'Signez dans le cadre. Au clavier, saisissez votre nom ci-dessous.',
    'sign.signTyped': 'Signer avec mon nom',
    'sign.typedEmpty': 'Veuillez d’abord saisir votre nom.',
    'sign.typedName': 'Vos prénom et nom en guise de signature',
    'sign.byKeyboard': 'Au clavier',
    'sign.title': 'Signer',
    'sign.missing': 'Ce lien ne désigne aucun document à signer.',
    'sign.document': 'Document',
    'sign.fingerprint': 'Somme de contrôle du document (SHA-256) :',
    'sign.byTouch': 'Avec le doigt, un stylet ou la souris',
    'sign.padHelp': 'Signez dans le cadre. Au clavier, veuillez utiliser le code (TAN) ci-dessous.',
    'sign.padLabel': 'Cadre de signature',
    'sign.empty': 'Veuillez d’abord signer dans le cadre.',
    'sign.clear': 'Effacer',
    'sign.confirm': 'Confirmer la signature',
    'sign.byTan': 'Avec un code (TAN)',
    'sign.tanUnavailable': 'Vous recevez un code pendant un entretien, via le lien de votre rendez-vous.',
    'sign.channel': 'Envoyer le code par',
    'sign.email': 'E-mail',
    'sign.sms': 'SMS',
    'sign.emailAddress': 'Adresse e-mail',
    'sign.phone': 'Numéro de portable (format international, p. ex. +41 79 123 45 67)',
    'sign.send': 'Envoyer le code',
    'sign.code': 'Code (6 chiffres)',
    'sign.signWithCode': 'Signer avec le code',
    'sign.sent': 'Le code a été envoyé à {to}. Il est valable jusqu’à {until}.',
    'sign.wrongCode': 'Code erroné. Encore {left} essai(s).',
    'sign.locked': 'Le code a été saisi trop souvent de manière erronée. Veuillez demander un nouveau code.',
    'sign.expired': 'Le code a expiré. Veuillez demander un nouveau code.',
    'sign.used': 'Ce code a déjà été utilisé.',
    'sign.tooMany': 'Trop de codes demandés. Veuillez utiliser le dernier code reçu ou réessayer plus tard.',
    'sign.badRecipient': 'Veuillez vérifier l’adresse ou le numéro.',
    'sign.done': 'Signé',
    'sign.doneTouch': 'Votre signature ({strokes} traits) se rapporte à « {purpose} ».',
    'sign.doneTan': 'Vous avez confirmé « {purpose} » avec le code.',
    'sign.unnamed': 'ce document',
    'sign.preview': 'Votre signature',
  },
  it: {
    'sign.doneTyped': 'Avete firmato «{purpose}» con il vostro nome «{name}».',
    'sign.padHelpTyped': 'Firmate nel riquadro. Con la tastiera, digitate il vostro nome qui sotto.',
    'sign.signTyped': 'Firmare con il mio nome',
    'sign.typedEmpty': 'Digitate prima il vostro nome.',
    'sign.typedName': 'Il vostro nome e cognome come firma',
    'sign.byKeyboard': 'Con la tastiera',
    'sign.title': 'Firmare',
    'sign.missing': 'Questo link non indica alcun documento da firmare.',
    'sign.document': 'Documento',
    'sign.fingerprint': 'Somma di controllo del documento (SHA-256):',
    'sign.byTouch': 'Con il dito, una penna o il mouse',
    'sign.padHelp': 'Firmate nel riquadro. Con la tastiera, utilizzate il codice (TAN) qui sotto.',
    'sign.padLabel': 'Riquadro per la firma',
    'sign.empty': 'Firmate prima nel riquadro.',
    'sign.clear': 'Cancellare',
    'sign.confirm': 'Confermare la firma',
    'sign.byTan': 'Con un codice (TAN)',
    'sign.tanUnavailable': 'Un codice lo ricevete durante un colloquio, tramite il link del vostro appuntamento.',
    'sign.channel': 'Inviare il codice tramite',
    'sign.email': 'E-mail',
    'sign.sms': 'SMS',
    'sign.emailAddress': 'Indirizzo e-mail',
    'sign.phone': 'Numero di cellulare (formato internazionale, ad es. +41 79 123 45 67)',
    'sign.send': 'Inviare il codice',
    'sign.code': 'Codice (6 cifre)',
    'sign.signWithCode': 'Firmare con il codice',
    'sign.sent': 'Il codice è stato inviato a {to}. È valido fino alle {until}.',
    'sign.wrongCode': 'Codice errato. Ancora {left} tentativo/i.',
    'sign.locked': 'Il codice è stato inserito in modo errato troppe volte. Richiedete un nuovo codice.',
    'sign.expired': 'Il codice è scaduto. Richiedete un nuovo codice.',
    'sign.used': 'Questo codice è già stato utilizzato.',
    'sign.tooMany': 'Troppi codici richiesti. Utilizzate l’ultimo codice ricevuto o riprovate più tardi.',
    'sign.badRecipient': 'Verificate l’indirizzo o il numero.',
    'sign.done': 'Firmato',
    'sign.doneTouch': 'La vostra firma ({strokes} tratti) si riferisce a «{purpose}».',
    'sign.doneTan': 'Avete confermato «{purpose}» con il codice.',
    'sign.unnamed': 'questo documento',
    'sign.preview': 'La vostra firma',
  },
});

const $ = id => document.getElementById(id);
const fragment = new URLSearchParams(location.hash.slice(1));
const contentSha256 = (fragment.get('c') || '').toLowerCase();
const purpose = fragment.get('p') || '';
const token = fragmentToken('t');
let tanId = null;

function purposeText() { return purpose || t('sign.unnamed'); }

function finish(result, text) {
  $('signing').hidden = true;
  $('done').hidden = false;
  $('done-text').textContent = text;
  if (result.image) {
    $('done-image').src = result.image;
    $('done-image').alt = t('sign.preview');
    $('done-image').hidden = false;
  }
  $('done').focus();
  const target = window.opener || (window.parent !== window ? window.parent : null);
  target?.postMessage({ type: 'signature', ...result }, location.origin);
  document.dispatchEvent(new CustomEvent('signed', { detail: result }));
}

// The service's problems carry a machine-readable reason; the resident reads them in their language.
function tanMessage(error) {
  const reason = error.problem?.reason;
  if (reason === 'wrongCode') return t('sign.wrongCode', { left: error.problem.attemptsLeft });
  if (['locked', 'expired', 'used'].includes(reason)) return t(`sign.${reason}`);
  if (error.status === 429) return t('sign.tooMany');
  if (error.errors?.recipient) return t('sign.badRecipient');
  const messages = Object.values(error.errors || {}).flat();
  return messages.length ? messages.join(' ') : (error.message || t('common.error'));
}

function showTanError(error) {
  $('tan-error').textContent = tanMessage(error);
  $('tan-error').hidden = false;
}

function setupPad() {
  const pad = createSignaturePad($('pad'), { contentSha256, onChange: p => { if (!p.isEmpty()) $('pad-error').hidden = true; } });
  $('clear').addEventListener('click', () => pad.clear());
  $('confirm').addEventListener('click', () => {
    if (pad.isEmpty()) { $('pad-error').hidden = false; return; }
    const signature = pad.signature();
    finish({ method: 'drawn', ...signature }, t('sign.doneTouch', { strokes: signature.strokes.length, purpose: purposeText() }));
  });
}

/** Signing without a pointer and without a code: the typed name, recorded as typed (never as drawn). */
function setupTyped() {
  $('typed').hidden = false;
  $('pad-help').dataset.i18n = 'sign.padHelpTyped';
  $('pad-help').textContent = t('sign.padHelpTyped');
  $('typed-form').addEventListener('submit', event => {
    event.preventDefault();
    const name = $('typed-name').value.trim();
    $('typed-error').hidden = name.length > 0;
    $('typed-name').setAttribute('aria-invalid', String(name.length === 0));
    if (!name) { $('typed-name').focus(); return; }
    finish({ method: 'typed', name, contentSha256 }, t('sign.doneTyped', { name, purpose: purposeText() }));
  });
}

function setupTan() {
  if (!token) { $('tan-unavailable').hidden = false; setupTyped(); return; }
  $('tan-request').hidden = false;
  for (const radio of document.querySelectorAll('input[name=channel]')) {
    radio.addEventListener('change', () => {
      const sms = radio.value === 'sms' && radio.checked;
      if (!radio.checked) return;
      $('recipient').type = sms ? 'tel' : 'email';
      $('recipient').autocomplete = sms ? 'tel' : 'email';
      $('recipient-label').dataset.i18n = sms ? 'sign.phone' : 'sign.emailAddress';
      $('recipient-label').textContent = t($('recipient-label').dataset.i18n);
    });
  }
  $('tan-request').addEventListener('submit', async event => {
    event.preventDefault();
    $('tan-error').hidden = true;
    const channel = document.querySelector('input[name=channel]:checked').value;
    try {
      const issued = await api('/api/identity/tans', {
        method: 'POST', token,
        body: { contentSha256, purpose: purposeText(), recipient: $('recipient').value, channel, language: language() },
      });
      tanId = issued.tanId;
      $('tan-sent').textContent = t('sign.sent', { to: issued.maskedRecipient, until: new Date(issued.expiresAt).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' }) });
      $('tan-verify').hidden = false;
      $('code').focus();
    } catch (error) {
      showTanError(error);
    }
  });
  $('tan-verify').addEventListener('submit', async event => {
    event.preventDefault();
    $('tan-error').hidden = true;
    try {
      const result = await api(`/api/identity/tans/${tanId}/verify`, { method: 'POST', token, body: { code: $('code').value.trim(), contentSha256 } });
      finish({ method: 'tan', tanId, contentSha256, verifiedAt: result.verifiedAt }, t('sign.doneTan', { purpose: purposeText() }));
    } catch (error) {
      showTanError(error);
    }
  });
}

apply();
languageSwitch();
if (!/^[0-9a-f]{64}$/.test(contentSha256)) {
  $('missing').hidden = false;
} else {
  $('signing').hidden = false;
  $('purpose').textContent = purposeText();
  $('hash').textContent = contentSha256;
  setupPad();
  setupTan();
}
