// Signing a draft before it is submitted: by hand on the signature pad, or with a one-time code (TAN) the forms
// service asks identity to send for exactly the current content. The one pad of the front end: pointer events
// (finger, pen with its pressure, mouse), `touch-action: none` so drawing never scrolls the page, and bound to the
// SHA-256 of the content it was drawn over: a change of the form after the first stroke clears it, and the hash it
// was drawn over is what the server checks (a stale one is refused), so a signature never covers content its
// signer did not see. Keyboard and screen-reader users sign with the TAN. Used by citizen/form.js and the
// consultation panel (cofill.js).
import { api, whilePressed } from '/shared/api.js';
import { register, t, apply, language } from '/shared/i18n.js';
import { formatTime } from '/shared/dates.js';
import { EMAIL } from '/shared/rules.js';
import { reasonText } from '/shared/problems.js';

register({
  de: {
    'cf.invalidated': 'Die Angaben wurden nach der Unterschrift geändert: Bitte erneut unterschreiben.',
    'cf.sign.title': 'Unterschreiben und einreichen',
    'cf.sign.help': 'Unterschreiben Sie mit Finger, Stift oder Maus im Feld.',
    'cf.sign.pad': 'Unterschriftsfeld',
    'cf.sign.clear': 'Löschen',
    'cf.sign.submit': 'Unterschreiben und einreichen',
    'cf.sign.missing': 'Bitte zuerst im Feld unterschreiben.',
    'cf.sign.errorsOne': 'Bitte korrigieren Sie zuerst das markierte Feld. Der Cursor steht jetzt darin.',
    'cf.sign.errorsMany': 'Bitte korrigieren Sie zuerst die {n} markierten Felder. Der Cursor steht jetzt im ersten.',
    'cf.submitted': 'Eingereicht. Ihr Dossier: {reference}.',
    'cf.follow': 'Stand des Dossiers verfolgen',
    'cf.sign.method': 'Wie möchten Sie unterschreiben?',
    'cf.sign.byHand': 'Von Hand im Feld',
    'cf.sign.byTan': 'Mit Einmal-Code (TAN)',
    'cf.sign.sending': 'Wird eingereicht …',
    'cf.tan.help': 'Wir senden Ihnen einen Code, der nur für genau diese Angaben gilt. Ändert sich danach etwas, brauchen Sie einen neuen Code.',
    'cf.tan.channel': 'Code senden per',
    'cf.tan.email': 'E-Mail',
    'cf.tan.sms': 'SMS',
    'cf.tan.to': 'An die E-Mail-Adresse im Formular: {to}',
    'cf.tan.noEmail': 'Bitte geben Sie im Formular Ihre E-Mail-Adresse an.',
    'cf.tan.phone': 'Mobilnummer (international, z. B. +41 79 123 45 67)',
    'cf.tan.send': 'Code senden',
    'cf.tan.again': 'Neuen Code senden',
    'cf.tan.sending': 'Code wird gesendet …',
    'cf.tan.sent': 'Der Code wurde an {to} gesendet. Er ist bis {until} Uhr gültig.',
    'cf.tan.code': 'Code (6 Ziffern)',
    'cf.tan.submit': 'Mit Code bestätigen und einreichen',
    'cf.tan.format': 'Der Code hat 6 Ziffern.',
    'cf.tan.wrong': 'Falscher Code. Noch {left} Versuch(e).',
    'cf.tan.locked': 'Der Code wurde zu oft falsch eingegeben. Bitte fordern Sie einen neuen Code an.',
    'cf.tan.expired': 'Der Code ist abgelaufen. Bitte fordern Sie einen neuen Code an.',
    'cf.tan.used': 'Dieser Code wurde bereits verwendet. Bitte fordern Sie einen neuen Code an.',
    'cf.tan.consultationClosed': 'Das Gespräch ist beendet. Codes gibt es nur während des Gesprächs.',
    'cf.tan.unknown': 'Bitte fordern Sie zuerst einen Code an.',
    'cf.tan.contentMismatch': 'Die Angaben wurden geändert, nachdem der Code gesendet wurde. Bitte fordern Sie einen neuen Code an.',
    'cf.tan.tooMany': 'Zu viele Codes angefordert. Bitte verwenden Sie den zuletzt erhaltenen Code oder versuchen Sie es später.',
  },
  en: {
    'cf.invalidated': 'The form was changed after signing: please sign again.',
    'cf.sign.title': 'Sign and submit',
    'cf.sign.help': 'Sign with your finger, a pen or the mouse in the box.',
    'cf.sign.pad': 'Signature box',
    'cf.sign.clear': 'Clear',
    'cf.sign.submit': 'Sign and submit',
    'cf.sign.missing': 'Please sign in the box first.',
    'cf.sign.errorsOne': 'Please correct the marked field first. The cursor is now in it.',
    'cf.sign.errorsMany': 'Please correct the {n} marked fields first. The cursor is now in the first one.',
    'cf.submitted': 'Submitted. Your dossier: {reference}.',
    'cf.follow': 'Follow the dossier',
    'cf.sign.method': 'How would you like to sign?',
    'cf.sign.byHand': 'By hand in the box',
    'cf.sign.byTan': 'With a one-time code (TAN)',
    'cf.sign.sending': 'Submitting …',
    'cf.tan.help': 'We send you a code that is valid for exactly these entries. If anything changes afterwards, you need a new code.',
    'cf.tan.channel': 'Send the code by',
    'cf.tan.email': 'E-mail',
    'cf.tan.sms': 'SMS',
    'cf.tan.to': 'To the e-mail address in the form: {to}',
    'cf.tan.noEmail': 'Please enter your e-mail address in the form.',
    'cf.tan.phone': 'Mobile number (international, e.g. +41 79 123 45 67)',
    'cf.tan.send': 'Send code',
    'cf.tan.again': 'Send a new code',
    'cf.tan.sending': 'Sending the code …',
    'cf.tan.sent': 'The code was sent to {to}. It is valid until {until}.',
    'cf.tan.code': 'Code (6 digits)',
    'cf.tan.submit': 'Confirm with code and submit',
    'cf.tan.format': 'The code has 6 digits.',
    'cf.tan.wrong': 'Wrong code. {left} attempt(s) left.',
    'cf.tan.locked': 'The code was entered wrongly too often. Please request a new code.',
    'cf.tan.expired': 'The code has expired. Please request a new code.',
    'cf.tan.used': 'This code has already been used. Please request a new code.',
    'cf.tan.consultationClosed': 'The consultation has ended. Codes are only sent while it is open.',
    'cf.tan.unknown': 'Please request a code first.',
    'cf.tan.contentMismatch': 'The entries were changed after the code was sent. Please request a new code.',
    'cf.tan.tooMany': 'Too many codes requested. Please use the last code you received or try again later.',
  },
  fr: {
    'cf.invalidated': 'Les données ont été modifiées après la signature : veuillez signer à nouveau.',
    'cf.sign.title': 'Signer et déposer',
    'cf.sign.help': 'Signez dans le cadre avec le doigt, un stylet ou la souris.',
    'cf.sign.pad': 'Cadre de signature',
    'cf.sign.clear': 'Effacer',
    'cf.sign.submit': 'Signer et déposer',
    'cf.sign.missing': 'Veuillez d’abord signer dans le cadre.',
    'cf.sign.errorsOne': 'Veuillez d’abord corriger le champ signalé. Le curseur s’y trouve maintenant.',
    'cf.sign.errorsMany': 'Veuillez d’abord corriger les {n} champs signalés. Le curseur se trouve maintenant dans le premier.',
    'cf.submitted': 'Déposé. Votre dossier : {reference}.',
    'cf.follow': 'Suivre l’état du dossier',
    'cf.sign.method': 'Comment souhaitez-vous signer ?',
    'cf.sign.byHand': 'À la main dans le cadre',
    'cf.sign.byTan': 'Avec un code à usage unique (TAN)',
    'cf.sign.sending': 'Dépôt en cours …',
    'cf.tan.help': 'Nous vous envoyons un code valable uniquement pour ces données précises. Si quelque chose change ensuite, il vous faudra un nouveau code.',
    'cf.tan.channel': 'Envoyer le code par',
    'cf.tan.email': 'E-mail',
    'cf.tan.sms': 'SMS',
    'cf.tan.to': 'À l’adresse e-mail indiquée dans le formulaire : {to}',
    'cf.tan.noEmail': 'Veuillez indiquer votre adresse e-mail dans le formulaire.',
    'cf.tan.phone': 'Numéro de portable (format international, p. ex. +41 79 123 45 67)',
    'cf.tan.send': 'Envoyer le code',
    'cf.tan.again': 'Envoyer un nouveau code',
    'cf.tan.sending': 'Envoi du code …',
    'cf.tan.sent': 'Le code a été envoyé à {to}. Il est valable jusqu’à {until}.',
    'cf.tan.code': 'Code (6 chiffres)',
    'cf.tan.submit': 'Confirmer avec le code et déposer',
    'cf.tan.format': 'Le code comporte 6 chiffres.',
    'cf.tan.wrong': 'Code erroné. Encore {left} essai(s).',
    'cf.tan.locked': 'Le code a été saisi trop souvent de manière erronée. Veuillez demander un nouveau code.',
    'cf.tan.expired': 'Le code a expiré. Veuillez demander un nouveau code.',
    'cf.tan.used': 'Ce code a déjà été utilisé. Veuillez demander un nouveau code.',
    'cf.tan.consultationClosed': 'L’entretien est terminé. Les codes ne sont envoyés que pendant l’entretien.',
    'cf.tan.unknown': 'Veuillez d’abord demander un code.',
    'cf.tan.contentMismatch': 'Les données ont été modifiées après l’envoi du code. Veuillez demander un nouveau code.',
    'cf.tan.tooMany': 'Trop de codes demandés. Veuillez utiliser le dernier code reçu ou réessayer plus tard.',
  },
  it: {
    'cf.invalidated': 'I dati sono stati modificati dopo la firma: firmate di nuovo.',
    'cf.sign.title': 'Firmare e inoltrare',
    'cf.sign.help': 'Firmate nel riquadro con il dito, una penna o il mouse.',
    'cf.sign.pad': 'Riquadro per la firma',
    'cf.sign.clear': 'Cancellare',
    'cf.sign.submit': 'Firmare e inoltrare',
    'cf.sign.missing': 'Firmate prima nel riquadro.',
    'cf.sign.errorsOne': 'Correggete prima il campo evidenziato. Il cursore si trova ora lì.',
    'cf.sign.errorsMany': 'Correggete prima i {n} campi evidenziati. Il cursore si trova ora nel primo.',
    'cf.submitted': 'Inoltrato. Il vostro incarto: {reference}.',
    'cf.follow': 'Seguire lo stato dell’incarto',
    'cf.sign.method': 'Come desiderate firmare?',
    'cf.sign.byHand': 'A mano nel riquadro',
    'cf.sign.byTan': 'Con un codice monouso (TAN)',
    'cf.sign.sending': 'Inoltro in corso …',
    'cf.tan.help': 'Vi inviamo un codice valido solo per questi dati. Se in seguito qualcosa cambia, vi servirà un nuovo codice.',
    'cf.tan.channel': 'Inviare il codice tramite',
    'cf.tan.email': 'E-mail',
    'cf.tan.sms': 'SMS',
    'cf.tan.to': 'All’indirizzo e-mail indicato nel modulo: {to}',
    'cf.tan.noEmail': 'Indicate il vostro indirizzo e-mail nel modulo.',
    'cf.tan.phone': 'Numero di cellulare (formato internazionale, ad es. +41 79 123 45 67)',
    'cf.tan.send': 'Inviare il codice',
    'cf.tan.again': 'Inviare un nuovo codice',
    'cf.tan.sending': 'Invio del codice …',
    'cf.tan.sent': 'Il codice è stato inviato a {to}. È valido fino alle {until}.',
    'cf.tan.code': 'Codice (6 cifre)',
    'cf.tan.submit': 'Confermare con il codice e inoltrare',
    'cf.tan.format': 'Il codice ha 6 cifre.',
    'cf.tan.wrong': 'Codice errato. Ancora {left} tentativo/i.',
    'cf.tan.locked': 'Il codice è stato inserito in modo errato troppe volte. Richiedete un nuovo codice.',
    'cf.tan.expired': 'Il codice è scaduto. Richiedete un nuovo codice.',
    'cf.tan.used': 'Questo codice è già stato utilizzato. Richiedete un nuovo codice.',
    'cf.tan.consultationClosed': 'Il colloquio è terminato. I codici vengono inviati solo durante il colloquio.',
    'cf.tan.unknown': 'Richiedete prima un codice.',
    'cf.tan.contentMismatch': 'I dati sono stati modificati dopo l’invio del codice. Richiedete un nuovo codice.',
    'cf.tan.tooMany': 'Troppi codici richiesti. Utilizzate l’ultimo codice ricevuto o riprovate più tardi.',
  },
  // Leichte Sprache: signing is the binding moment, so every step of it is said plainly (short sentences, one idea each).
  'de-x-ls': {
    'cf.invalidated': 'Jemand hat nach Ihrer Unterschrift etwas im Formular geändert. Bitte unterschreiben Sie noch einmal.',
    'cf.sign.title': 'Unterschreiben und abschicken',
    'cf.sign.help': 'Unterschreiben Sie in dem Feld. Mit dem Finger, mit einem Stift oder mit der Maus.',
    'cf.sign.pad': 'Feld für Ihre Unterschrift',
    'cf.sign.clear': 'Unterschrift löschen',
    'cf.sign.submit': 'Unterschreiben und abschicken',
    'cf.sign.missing': 'Bitte unterschreiben Sie zuerst in dem Feld.',
    'cf.sign.errorsOne': 'In einem Feld ist noch ein Fehler. Das Feld ist markiert. Bitte verbessern Sie das Feld zuerst. Sie können gleich darin schreiben.',
    'cf.sign.errorsMany': 'In {n} Feldern sind noch Fehler. Die Felder sind markiert. Bitte verbessern Sie die Felder zuerst. Sie können gleich im ersten Feld schreiben.',
    'cf.submitted': 'Wir haben Ihr Formular bekommen. Ihre Nummer ist: {reference}.',
    'cf.follow': 'Hier sehen Sie, wie weit Ihr Antrag ist',
    'cf.sign.method': 'Wie möchten Sie unterschreiben?',
    'cf.sign.byHand': 'Mit der Hand in einem Feld',
    'cf.sign.byTan': 'Mit einem Code',
    'cf.sign.sending': 'Wir schicken das Formular. Bitte warten.',
    'cf.tan.help': 'Wir schicken Ihnen einen Code. Sie schreiben den Code hier hin. Das ist dann Ihre Unterschrift. Der Code gilt nur für das, was jetzt im Formular steht. Ändert sich etwas, brauchen Sie einen neuen Code.',
    'cf.tan.channel': 'Wie sollen wir den Code schicken?',
    'cf.tan.email': 'Als E-Mail',
    'cf.tan.sms': 'Als SMS',
    'cf.tan.to': 'Wir schicken den Code an diese E-Mail-Adresse: {to}',
    'cf.tan.noEmail': 'Bitte schreiben Sie Ihre E-Mail-Adresse in das Formular.',
    'cf.tan.phone': 'Ihre Handy-Nummer (mit Länder-Vorwahl, zum Beispiel +41 79 123 45 67)',
    'cf.tan.send': 'Code schicken',
    'cf.tan.again': 'Neuen Code schicken',
    'cf.tan.sending': 'Wir schicken den Code. Bitte warten.',
    'cf.tan.sent': 'Wir haben den Code an {to} geschickt. Der Code gilt bis {until} Uhr.',
    'cf.tan.code': 'Code (6 Zahlen)',
    'cf.tan.submit': 'Mit dem Code unterschreiben und abschicken',
    'cf.tan.format': 'Der Code hat 6 Zahlen.',
    'cf.tan.wrong': 'Der Code ist falsch. Sie können es noch {left} Mal versuchen.',
    'cf.tan.locked': 'Der Code war zu oft falsch. Bitte lassen Sie sich einen neuen Code schicken.',
    'cf.tan.expired': 'Der Code gilt nicht mehr. Er ist zu alt. Bitte lassen Sie sich einen neuen Code schicken.',
    'cf.tan.used': 'Diesen Code haben Sie schon benutzt. Bitte lassen Sie sich einen neuen Code schicken.',
    'cf.tan.consultationClosed': 'Das Gespräch ist zu Ende. Einen Code gibt es nur während dem Gespräch.',
    'cf.tan.unknown': 'Bitte lassen Sie sich zuerst einen Code schicken.',
    'cf.tan.contentMismatch': 'Im Formular hat sich etwas geändert. Das war nach dem Schicken vom Code. Darum gilt der Code nicht mehr. Bitte lassen Sie sich einen neuen Code schicken.',
    'cf.tan.tooMany': 'Sie haben zu viele Codes bekommen. Bitte nehmen Sie den letzten Code. Oder versuchen Sie es später noch einmal.',
  },
});

// Where a code goes in a consultation: the e-mail address the city holds from the booking or the queue ticket, not
// one typed into the form (the clerk edits it too). Without one, the resident gives an address here, on their own page
// (phone probe, finding 1: a resident who joined the queue without one, and could not draw, could not sign at all).
register({
  de: {
    'cf.tan.toBooking': 'An die E-Mail-Adresse Ihrer Buchung.',
    'cf.tan.toQueue': 'An die E-Mail-Adresse, die Sie beim Anstellen in der Warteschlange angegeben haben.',
    'cf.tan.noEmailHere': 'Für dieses Gespräch haben wir keine E-Mail-Adresse von Ihnen. Geben Sie hier eine an: Der Code geht nur an diese Adresse.',
    'cf.tan.giveEmail': 'Ihre E-Mail-Adresse für den Code',
  },
  en: {
    'cf.tan.toBooking': 'To the e-mail address of your booking.',
    'cf.tan.toQueue': 'To the e-mail address you gave when joining the queue.',
    'cf.tan.noEmailHere': 'We have no e-mail address of yours for this consultation. Enter one here: the code goes only to this address.',
    'cf.tan.giveEmail': 'Your e-mail address for the code',
  },
  fr: {
    'cf.tan.toBooking': 'À l’adresse e-mail de votre réservation.',
    'cf.tan.toQueue': 'À l’adresse e-mail indiquée lors de votre inscription dans la file d’attente.',
    'cf.tan.noEmailHere': 'Nous n’avons pas d’adresse e-mail pour cet entretien. Indiquez-en une ici : le code sera envoyé uniquement à cette adresse.',
    'cf.tan.giveEmail': 'Votre adresse e-mail pour le code',
  },
  it: {
    'cf.tan.toBooking': 'All’indirizzo e-mail della vostra prenotazione.',
    'cf.tan.toQueue': 'All’indirizzo e-mail che avete indicato mettendovi in coda.',
    'cf.tan.noEmailHere': 'Per questo colloquio non abbiamo un vostro indirizzo e-mail. Indicatene uno qui: il codice verrà inviato solo a questo indirizzo.',
    'cf.tan.giveEmail': 'Il vostro indirizzo e-mail per il codice',
  },
  'de-x-ls': {
    'cf.tan.toBooking': 'Wir schicken den Code an Ihre E-Mail-Adresse. Das ist die Adresse von Ihrer Anmeldung für den Termin.',
    'cf.tan.toQueue': 'Wir schicken den Code an Ihre E-Mail-Adresse. Die Adresse haben Sie uns beim Warten auf das Gespräch gegeben.',
    'cf.tan.noEmailHere': 'Wir haben keine E-Mail-Adresse von Ihnen. Bitte schreiben Sie Ihre E-Mail-Adresse hier hin. Wir schicken den Code nur an diese Adresse.',
    'cf.tan.giveEmail': 'Ihre E-Mail-Adresse für den Code',
  },
});

register({
  de: { 'cf.newTab': '(öffnet in neuem Tab)' },
  en: { 'cf.newTab': '(opens in a new tab)' },
  fr: { 'cf.newTab': '(s’ouvre dans un nouvel onglet)' },
  it: { 'cf.newTab': '(si apre in una nuova scheda)' },
  'de-x-ls': { 'cf.newTab': '(öffnet eine neue Seite)' },
});

/**
 * A signature drawn on a <canvas> with pointer events. It keeps the strokes (points with time and pressure) beside
 * the picture, and the content hash it is bound to (bind), which a cleared pad forgets.
 * @param {HTMLCanvasElement} canvas
 * @param {{ onChange?: (pad) => void, lineWidth?: number, color?: string }} options
 */
export function createSignaturePad(canvas, { onChange, lineWidth = 2.5, color = '#0b1f3a' } = {}) {
  const context = canvas.getContext('2d');
  const strokes = [];
  let current = null;
  const started = Date.now();

  // The canvas must not scroll or zoom the page while a finger draws on it (form.css says so too; CSSOM, allowed by the CSP).
  canvas.style.touchAction = 'none';

  function resize() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = canvas.getBoundingClientRect();
    // A hidden pad (the TAN chosen) measures nothing; the observer sizes it once it is shown.
    if (!width || !height) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    redraw();
  }

  function point(event) {
    const rect = canvas.getBoundingClientRect();
    return {
      x: Math.round((event.clientX - rect.left) * 10) / 10,
      y: Math.round((event.clientY - rect.top) * 10) / 10,
      t: Date.now() - started,
      // Mice report 0.5 while pressed; pens and some touch screens report real pressure.
      p: Math.round((event.pressure || 0.5) * 100) / 100,
    };
  }

  function segment(a, b) {
    context.lineWidth = lineWidth * (0.6 + b.p * 0.8);
    context.beginPath();
    context.moveTo(a.x, a.y);
    context.lineTo(b.x, b.y);
    context.stroke();
  }

  function dot(p) {
    context.beginPath();
    context.arc(p.x, p.y, lineWidth * 0.7, 0, Math.PI * 2);
    context.fill();
  }

  function redraw() {
    const rect = canvas.getBoundingClientRect();
    context.clearRect(0, 0, rect.width, rect.height);
    context.strokeStyle = color;
    context.fillStyle = color;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    for (const stroke of strokes) {
      if (stroke.points.length === 1) dot(stroke.points[0]);
      for (let i = 1; i < stroke.points.length; i++) segment(stroke.points[i - 1], stroke.points[i]);
    }
  }

  function down(event) {
    if (event.button > 0) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    current = { pointerType: event.pointerType || 'mouse', points: [point(event)] };
    strokes.push(current);
    context.strokeStyle = color;
    context.fillStyle = color;
    dot(current.points[0]);
  }

  function move(event) {
    if (!current) return;
    event.preventDefault();
    // Coalesced events keep a fast finger's line smooth on phones that batch pointer moves.
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    for (const e of events.length ? events : [event]) {
      const p = point(e);
      segment(current.points[current.points.length - 1], p);
      current.points.push(p);
    }
  }

  function up(event) {
    if (!current) return;
    event.preventDefault();
    current = null;
    onChange?.(pad);
  }

  // A finger's moves on the pad are the page's: `touch-action: none` stops the scroll, but Chromium still reads a quick
  // stroke's end as a fling and swallows the click of the next tap within about half a second (the tap "stops" the
  // fling), as "sign and submit" right after signing was. A touch move whose default is prevented makes no fling.
  const still = event => event.preventDefault();
  canvas.addEventListener('touchmove', still, { passive: false });
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  resize();

  const pad = {
    /** The SHA-256 of the content the strokes were drawn over, once bound. */
    contentSha256: null,
    bind(hash) { pad.contentSha256 = hash; },
    clear() { strokes.length = 0; current = null; pad.contentSha256 = null; redraw(); onChange?.(pad); },
    // A tap leaves a dot, not a signature: the forms service wants a line of two points at least.
    isEmpty: () => !strokes.some(s => s.points.length >= 2),
    /** Strokes in CSS pixels: [{ pointerType, points: [{ x, y, t, p }] }]. */
    strokes: () => strokes.map(s => ({ pointerType: s.pointerType, points: s.points.map(p => ({ ...p })) })),
    /** What the forms service records: the picture, the strokes, the pad's size and the content hash. */
    signature() {
      const { width, height } = canvas.getBoundingClientRect();
      return { kind: 'drawn', contentSha256: pad.contentSha256, image: canvas.toDataURL('image/png'), strokes: pad.strokes(), width: Math.round(width), height: Math.round(height) };
    },
    destroy() {
      observer.disconnect();
      canvas.removeEventListener('touchmove', still);
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
    },
  };
  return pad;
}

/** The content the signature must cover: waits for edits still on their way, then reads the draft's current hash. */
async function settledHash(sync) {
  while (sync.pending.size || sync.inFlight.size) { await new Promise(r => setTimeout(r, 100)); }
  return (await sync.load()).contentSha256;
}

// The service's refusals carry a machine-readable reason; the resident reads them in their language.
function tanMessage(error) {
  const reason = error.problem?.reason;
  if (reason === 'wrongCode') return t('cf.tan.wrong', { left: error.problem.attemptsLeft });
  if (['locked', 'expired', 'used', 'unknown', 'contentMismatch'].includes(reason)) return t(`cf.tan.${reason}`);
  if (error.status === 429) return t('cf.tan.tooMany');
  if (error.status === 409) return t('cf.tan.contentMismatch');
  const messages = Object.values(error.errors || {}).flat();
  return messages.length ? messages.join(' ') : (error.message || t('common.error'));
}

/**
 * The signing part under a form: by hand on the pad, or with a TAN; calls onSubmitted({ reference, statusToken })
 * when done. view: the rendered form (form-view.js); sync: its DraftSync (cofill.js), whose changes unbind the pad.
 */
export function mountSigning(container, { view, sync, token, onSubmitted, consultation = false, consultationEmail = true, booked = true }) {
  container.replaceChildren();
  const tpl = document.createElement('section');
  tpl.className = 'card cf-sign';
  tpl.setAttribute('aria-labelledby', 'cf-sign-title');
  tpl.innerHTML = `
    <h2 id="cf-sign-title" data-i18n="cf.sign.title"></h2>
    <fieldset class="cf-choice">
      <legend data-i18n="cf.sign.method"></legend>
      <label><input type="radio" name="cf-method" value="drawn" checked> <span data-i18n="cf.sign.byHand"></span></label>
      <label><input type="radio" name="cf-method" value="tan"> <span data-i18n="cf.sign.byTan"></span></label>
    </fieldset>
    <div class="cf-drawn">
      <p class="hint" id="cf-sign-help" data-i18n="cf.sign.help"></p>
      <canvas class="cf-pad" role="img" data-i18n-aria-label="cf.sign.pad" aria-describedby="cf-sign-help"></canvas>
      <div class="row"><button type="button" class="secondary cf-clear" data-i18n="cf.sign.clear"></button><button type="button" class="cf-submit" data-i18n="cf.sign.submit"></button></div>
    </div>
    <div class="cf-tan stack" hidden>
      <p class="hint" data-i18n="cf.tan.help"></p>
      <fieldset class="cf-choice">
        <legend data-i18n="cf.tan.channel"></legend>
        <label><input type="radio" name="cf-channel" value="email" checked> <span data-i18n="cf.tan.email"></span></label>
        <label><input type="radio" name="cf-channel" value="sms"> <span data-i18n="cf.tan.sms"></span></label>
      </fieldset>
      <p class="cf-tan-to hint" id="cf-tan-to"></p>
      <div class="cf-tan-given" hidden>
        <label for="cf-tan-email" data-i18n="cf.tan.giveEmail"></label>
        <input id="cf-tan-email" type="email" autocomplete="email" inputmode="email" maxlength="254" aria-describedby="cf-tan-to">
      </div>
      <div class="cf-tan-phone" hidden>
        <label for="cf-tan-phone" data-i18n="cf.tan.phone"></label>
        <input id="cf-tan-phone" type="tel" autocomplete="tel" inputmode="tel">
      </div>
      <div class="row"><button type="button" class="secondary cf-tan-send" data-i18n="cf.tan.send"></button></div>
      <div class="cf-tan-enter stack" hidden>
        <p class="cf-tan-sent ok" id="cf-tan-sent"></p>
        <label for="cf-tan-code" data-i18n="cf.tan.code"></label>
        <input id="cf-tan-code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" aria-describedby="cf-tan-sent">
        <div class="row"><button type="button" class="cf-tan-submit" data-i18n="cf.tan.submit"></button></div>
      </div>
    </div>
    <p class="cf-sign-status" id="cf-sign-status" role="status" aria-live="polite"></p>`;
  container.append(tpl);
  apply(tpl);
  const $ = selector => tpl.querySelector(selector);
  const status = $('.cf-sign-status');
  const say = (text, error = false) => { status.textContent = text; status.className = `cf-sign-status${error ? ' error' : ''}`; };
  const emailField = sync.definition?.sections.flatMap(s => s.fields.flatMap(f => f.fields?.length ? f.fields : [f])).find(f => f.type === 'email')?.id;
  const channel = () => tpl.querySelector('input[name=cf-channel]:checked').value;
  let tanId = null;

  // The pad is bound to the content as it stands when the first stroke is drawn; any change after that (typed here,
  // by the other window or the clerk) clears it, so the resident signs again over what is now there.
  let bound = null;
  const pad = createSignaturePad($('canvas'), {
    onChange: p => {
      if (p.isEmpty() || bound) return;
      say('');
      bound = settledHash(sync).then(hash => { if (!p.isEmpty()) p.bind(hash); return hash; }, () => null);
    },
  });
  const invalidate = () => {
    bound = null;
    if (pad.isEmpty()) return;
    pad.clear();
    say(t('cf.invalidated'), true);
  };
  const unwatch = sync.watch(invalidate);

  const showMethod = () => {
    const tan = tpl.querySelector('input[name=cf-method]:checked').value === 'tan';
    $('.cf-drawn').hidden = tan;
    $('.cf-tan').hidden = !tan;
    say('');
  };
  const showChannel = () => {
    const sms = channel() === 'sms';
    $('.cf-tan-phone').hidden = !sms;
    const email = emailField ? view.values()[emailField] : '';
    $('.cf-tan-to').hidden = sms;
    // In a consultation the server sends the code only to the address the city holds, the booking's or the queue
    // ticket's (issue 13 item 6), never by SMS. A resident who joined the queue without one gives one here, for the
    // code only (phone probe, finding 1).
    const given = consultation && !consultationEmail;
    $('.cf-tan-to').textContent = consultation
      ? t(given ? 'cf.tan.noEmailHere' : booked ? 'cf.tan.toBooking' : 'cf.tan.toQueue')
      : email ? t('cf.tan.to', { to: email }) : t('cf.tan.noEmail');
    $('.cf-tan-given').hidden = !given;
    if (sms && !$('#cf-tan-phone').value) $('#cf-tan-phone').value = view.values().phone || '';
  };
  for (const radio of tpl.querySelectorAll('input[name=cf-method]')) radio.addEventListener('change', showMethod);
  if (consultation) tpl.querySelector('input[name=cf-channel][value=sms]').closest('label').hidden = true;
  for (const radio of tpl.querySelectorAll('input[name=cf-channel]')) radio.addEventListener('change', showChannel);
  tpl.querySelector('input[name=cf-method][value=tan]').addEventListener('change', showChannel);

  /** contentSha256: the hash the signature covers, or a function that settles it (a TAN signs what is there now). */
  async function submit(button, signature, contentSha256) {
    await whilePressed(button, () => send(signature, contentSha256));
  }

  async function send(signature, contentSha256) {
    say(t('cf.sign.sending'));
    try {
      if (typeof contentSha256 === 'function') contentSha256 = await contentSha256();
      const result = await api(`/api/forms/drafts/${sync.draftId}/submit`, { method: 'POST', token, body: { signature, contentSha256 } });
      unwatch();
      pad.destroy();
      view.setReadOnly(true);
      tpl.remove();
      onSubmitted(result);
    } catch (error) {
      if (signature.kind === 'drawn' && error.problem?.code === 'form-changed-before-signing') invalidate();
      else say(signature.kind === 'tan' ? tanMessage(error) : (error.message || t('common.error')), true);
      if (signature.kind !== 'tan') return;
      if (['locked', 'expired', 'used', 'unknown', 'contentMismatch'].includes(error.problem?.reason)) {
        // This code is spent: the way on is a new one.
        $('.cf-tan-enter').hidden = true;
        $('.cf-tan-send').focus();
      } else {
        // A wrong code: back in the field, marked, with the error read as its description.
        markCode(true);
        $('#cf-tan-code').focus();
      }
    }
  }

  /** Refuses to sign an invalid form: says how many fields to mend and takes the person to the first. */
  const refusedInvalid = () => {
    const invalid = view.validateAll();
    if (!invalid.length) return false;
    say(t(invalid.length === 1 ? 'cf.sign.errorsOne' : 'cf.sign.errorsMany', { n: invalid.length }), true);
    view.focusFirstInvalid?.();
    return true;
  };

  $('.cf-clear').addEventListener('click', () => { bound = null; pad.clear(); });
  $('.cf-submit').addEventListener('click', async () => {
    if (refusedInvalid()) return;
    if (pad.isEmpty()) { say(t('cf.sign.missing'), true); return; }
    const button = $('.cf-submit');
    button.disabled = true;
    // The hash the strokes were drawn over must still be the content's: else the signature would cover a change.
    const [drawnOver, now] = await Promise.all([bound, settledHash(sync).catch(() => null)]);
    button.disabled = false;
    // A change while waiting has cleared the pad and said so.
    if (pad.isEmpty()) return;
    if (!now) { say(t('common.error'), true); return; }
    if (drawnOver && drawnOver !== now) { invalidate(); return; }
    // Bound when the first stroke ended; should that read have failed, no change has been seen since (it would have cleared the pad).
    pad.bind(now);
    submit(button, pad.signature(), now);
  });

  /** The address given for the code, marked (and focused, its error read as its description) when it is refused. */
  const markGiven = invalid => {
    const field = $('#cf-tan-email');
    if (invalid) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
    field.setAttribute('aria-describedby', invalid ? 'cf-tan-to cf-sign-status' : 'cf-tan-to');
    if (invalid) field.focus();
  };
  $('#cf-tan-email').addEventListener('input', () => markGiven(false));
  $('#cf-tan-email').addEventListener('keydown', event => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    $('.cf-tan-send').click();
  });

  $('.cf-tan-send').addEventListener('click', async () => {
    if (refusedInvalid()) return;
    const givenAddress = !$('.cf-tan-given').hidden;
    if (givenAddress) {
      const address = $('#cf-tan-email').value.trim();
      if (!EMAIL.test(address)) {
        say(reasonText(address ? 'email' : 'email-for-code') || t('common.error'), true);
        markGiven(true);
        return;
      }
    }
    const send = $('.cf-tan-send');
    send.disabled = true;
    say(t('cf.tan.sending'));
    try {
      const contentSha256 = await settledHash(sync);
      const recipient = consultation ? $('#cf-tan-email').value.trim() : $('#cf-tan-phone').value;
      const sent = await api(`/api/forms/drafts/${sync.draftId}/tan`, { method: 'POST', token, body: { channel: channel(), recipient, contentSha256 } });
      tanId = sent.tanId;
      const until = formatTime(sent.expiresAt);
      $('.cf-tan-sent').textContent = t('cf.tan.sent', { to: sent.maskedRecipient, until });
      say('');
      $('.cf-tan-enter').hidden = false;
      send.textContent = t('cf.tan.again');
      $('#cf-tan-code').value = '';
      markCode(false);
      $('#cf-tan-code').focus();
    } catch (error) {
      say(tanMessage(error), true);
      if (givenAddress && error.problem?.errors?.recipient) markGiven(true);
    } finally {
      send.disabled = false;
    }
  });
  const markCode = invalid => {
    const field = $('#cf-tan-code');
    if (invalid) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
    field.setAttribute('aria-describedby', invalid ? 'cf-tan-sent cf-sign-status' : 'cf-tan-sent');
  };
  $('#cf-tan-code').addEventListener('input', () => markCode(false));
  // Enter in the code field submits, as it would in a form (the section may sit inside the form view's own form).
  $('#cf-tan-code').addEventListener('keydown', event => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    $('.cf-tan-submit').click();
  });
  $('.cf-tan-submit').addEventListener('click', async () => {
    const code = $('#cf-tan-code').value.trim();
    if (!/^[0-9]{6}$/.test(code)) { say(t('cf.tan.format'), true); markCode(true); $('#cf-tan-code').focus(); return; }
    // The code is bound to the content on the server (identity checks it against the current hash).
    submit($('.cf-tan-submit'), { kind: 'tan', tanId, code }, () => settledHash(sync));
  });
}

const submittedKey = roomToken => `municipal.submitted.${roomToken}`;

/** The dossiers submitted in the consultation this room link opens, in this tab: [{ reference, statusToken }]. */
export function submittedDossiers(roomToken) {
  try {
    return roomToken ? JSON.parse(sessionStorage.getItem(submittedKey(roomToken)) || '[]') : [];
  } catch {
    return [];
  }
}

/**
 * Shows the submission's reference and the link to follow the dossier. In a consultation (roomToken) the dossier is
 * also kept for this tab, so the page after the consultation still links to it.
 */
export function showSubmitted(container, result, { consultation = false, roomToken = null } = {}) {
  if (roomToken) {
    const kept = submittedDossiers(roomToken).filter(d => d.reference !== result.reference);
    try {
      sessionStorage.setItem(submittedKey(roomToken), JSON.stringify([...kept, { reference: result.reference, statusToken: result.statusToken }]));
    } catch { /* storage off: the room's own link stays the way to the dossier */ }
  }
  const box = document.createElement('div');
  box.className = 'card cf-done';
  box.setAttribute('role', 'status');
  box.tabIndex = -1;
  const p = document.createElement('p');
  p.className = 'ok';
  // The reference is one word on a narrow phone ("F-2026-52QUEZ", not "F-" and "2026-52QUEZ" on two lines).
  const [before, after = ''] = t('cf.submitted', { reference: result.reference }).split(result.reference);
  p.replaceChildren(before, Object.assign(document.createElement('span'), { className: 'reference', textContent: result.reference }), after);
  const a = document.createElement('a');
  // The dossier opens in the page's language (a new tab in a consultation has no other way to know it).
  a.href = `/dossier.html#t=${result.statusToken}&lang=${language()}`;
  a.textContent = t('cf.follow');
  if (consultation) {
    // A new tab: in a consultation the same tab would leave the call.
    a.target = '_blank';
    a.rel = 'noopener';
    const hint = document.createElement('span');
    hint.className = 'new-tab';
    hint.textContent = ` ${t('cf.newTab')}`;
    a.append(hint);
  }
  // The live region goes in empty and its text follows: text inserted together with its region is often not read.
  container.replaceChildren(box);
  setTimeout(() => {
    box.append(p, a);
    // The pressed button is gone with the signing part: the focus goes to what took its place.
    box.focus();
  }, 100);
}
