// Cancel or move an appointment with the link from the confirmation mail (token in the fragment, no account).
import { register, apply, languageSwitch, language, t, pick as localized } from '/shared/i18n.js';
import { api, ApiError, fragmentToken } from '/shared/api.js';
import { showProblem } from '/shared/problems.js';
import { slotPicker } from '/shared/slot-picker.js';
import { formatWhen } from '/shared/dates.js';

register({
  de: {
    'manage.title': 'Ihr Termin', 'manage.move': 'Verschieben', 'manage.cancel': 'Absagen', 'manage.confirmCancel': 'Möchten Sie den Termin wirklich absagen?',
    'manage.cancelYes': 'Ja, absagen', 'manage.cancelNo': 'Nein, behalten', 'manage.pickTitle': 'Neue Zeit wählen', 'manage.moveYes': 'Termin verschieben',
    'manage.moveNo': 'Abbrechen', 'manage.moveTo': 'Neue Zeit: {when}', 'manage.invalid': 'Dieser Link ist ungültig oder abgelaufen.',
    'manage.cancelled': 'Der Termin ist abgesagt. Sie erhalten eine Bestätigung per E-Mail.', 'manage.moved': 'Der Termin ist verschoben. Sie erhalten eine E-Mail mit dem neuen Link zum Gespräch.',
    'manage.statusBooked': 'gebucht', 'manage.statusCancelled': 'abgesagt', 'manage.what': 'Anliegen', 'manage.when': 'Wann', 'manage.who': 'Name', 'manage.state': 'Status',
    'manage.documents': 'Unterlagen', 'manage.taken': 'Diese Zeit wurde soeben vergeben. Bitte wählen Sie eine andere.',
    'manage.bookAgain': 'Neuen Termin buchen', 'manage.home': 'Zur Startseite',
  },
  en: {
    'manage.title': 'Your appointment', 'manage.move': 'Move', 'manage.cancel': 'Cancel', 'manage.confirmCancel': 'Do you really want to cancel the appointment?',
    'manage.cancelYes': 'Yes, cancel', 'manage.cancelNo': 'No, keep it', 'manage.pickTitle': 'Choose a new time', 'manage.moveYes': 'Move the appointment',
    'manage.moveNo': 'Cancel', 'manage.moveTo': 'New time: {when}', 'manage.invalid': 'This link is invalid or has expired.',
    'manage.cancelled': 'The appointment is cancelled. You will receive a confirmation by e-mail.', 'manage.moved': 'The appointment has been moved. You will receive an e-mail with the new link to the meeting.',
    'manage.statusBooked': 'booked', 'manage.statusCancelled': 'cancelled', 'manage.what': 'Concern', 'manage.when': 'When', 'manage.who': 'Name', 'manage.state': 'Status',
    'manage.documents': 'Documents', 'manage.taken': 'This time has just been taken. Please choose another one.',
    'manage.bookAgain': 'Book a new appointment', 'manage.home': 'To the start page',
  },
  fr: {
    'manage.title': 'Votre rendez-vous',
    'manage.move': 'Déplacer',
    'manage.cancel': 'Annuler',
    'manage.confirmCancel': 'Voulez-vous vraiment annuler ce rendez-vous ?',
    'manage.cancelYes': 'Oui, annuler',
    'manage.cancelNo': 'Non, le conserver',
    'manage.pickTitle': 'Choisir une nouvelle heure',
    'manage.moveYes': 'Déplacer le rendez-vous',
    'manage.moveNo': 'Abandonner',
    'manage.moveTo': 'Nouvelle heure : {when}',
    'manage.invalid': 'Ce lien n’est pas valable ou a expiré.',
    'manage.cancelled': 'Le rendez-vous est annulé. Vous recevrez une confirmation par e-mail.',
    'manage.moved': 'Le rendez-vous est déplacé. Vous recevrez un e-mail avec le nouveau lien vers l’entretien.',
    'manage.statusBooked': 'réservé',
    'manage.statusCancelled': 'annulé',
    'manage.what': 'Démarche',
    'manage.when': 'Date',
    'manage.who': 'Nom',
    'manage.state': 'Statut',
    'manage.documents': 'Documents',
    'manage.taken': 'Ce créneau vient d’être attribué. Veuillez en choisir un autre.',
    'manage.bookAgain': 'Prendre un nouveau rendez-vous',
    'manage.home': 'Vers la page d’accueil',
  },
  it: {
    'manage.title': 'Il vostro appuntamento',
    'manage.move': 'Spostare',
    'manage.cancel': 'Annullare',
    'manage.confirmCancel': 'Volete davvero annullare l’appuntamento?',
    'manage.cancelYes': 'Sì, annullare',
    'manage.cancelNo': 'No, mantenerlo',
    'manage.pickTitle': 'Scegliere un nuovo orario',
    'manage.moveYes': 'Spostare l’appuntamento',
    'manage.moveNo': 'Interrompere',
    'manage.moveTo': 'Nuovo orario: {when}',
    'manage.invalid': 'Questo link non è valido o è scaduto.',
    'manage.cancelled': 'L’appuntamento è annullato. Riceverete una conferma per e-mail.',
    'manage.moved': 'L’appuntamento è stato spostato. Riceverete un’e-mail con il nuovo link al colloquio.',
    'manage.statusBooked': 'prenotato',
    'manage.statusCancelled': 'annullato',
    'manage.what': 'Pratica',
    'manage.when': 'Quando',
    'manage.who': 'Nome',
    'manage.state': 'Stato',
    'manage.documents': 'Documenti',
    'manage.taken': 'Questo orario è appena stato assegnato. Sceglietene un altro.',
    'manage.bookAgain': 'Prenotare un nuovo appuntamento',
    'manage.home': 'Alla pagina iniziale',
  },
  'de-x-ls': {
    'manage.title': 'Ihr Termin',
    'manage.move': 'Andere Zeit',
    'manage.cancel': 'Absagen',
    'manage.confirmCancel': 'Wollen Sie den Termin wirklich absagen?',
    'manage.cancelYes': 'Ja, absagen',
    'manage.cancelNo': 'Nein, Termin behalten',
    'manage.pickTitle': 'Neue Zeit aussuchen',
    'manage.moveYes': 'Neue Zeit nehmen',
    'manage.moveNo': 'Zurück',
    'manage.moveTo': 'Neue Zeit: {when}',
    'manage.invalid': 'Dieser Link geht nicht. Vielleicht ist er zu alt.',
    'manage.cancelled': 'Der Termin ist abgesagt. Wir schicken Ihnen eine E-Mail.',
    'manage.moved': 'Der Termin hat eine neue Zeit. Wir schicken Ihnen eine E-Mail. Darin steht der neue Link zum Gespräch.',
    'manage.statusBooked': 'gebucht',
    'manage.statusCancelled': 'abgesagt',
    'manage.what': 'Thema',
    'manage.when': 'Wann',
    'manage.who': 'Name',
    'manage.state': 'Stand',
    'manage.documents': 'Papiere',
    'manage.taken': 'Diese Zeit hat gerade jemand anderes genommen. Bitte suchen Sie eine andere Zeit aus.',
    'manage.bookAgain': 'Neuen Termin machen',
    'manage.home': 'Zur ersten Seite',
  },
});

apply();
languageSwitch();
const token = fragmentToken();
const status = document.getElementById('status');
const section = document.getElementById('appointment');
const pick = document.getElementById('pick');
let appointment = null;
let picker = null;
let newSlot = null;

/** A refused change: an invalid link as the page says it, else the service's reason in the page's language. */
function refused(e) {
  if (e instanceof ApiError && e.status === 401) { say('manage.invalid', true); return; }
  showProblem(status, e instanceof ApiError ? e : null, t('common.error'));
  status.className = 'error';
  // A conflict means the appointment changed elsewhere (another tab, the town hall): show it as it is now, under the
  // refusal, rather than offering again what was just refused.
  if (e instanceof ApiError && e.status === 409) refresh();
}

async function refresh() {
  try {
    appointment = await api('/api/booking/appointments/mine', { token });
  } catch {
    return; // the refusal stays the page's word
  }
  document.getElementById('confirm-cancel').hidden = true;
  document.getElementById('confirm-move').hidden = true;
  render();
  if (document.activeElement === document.body || document.activeElement?.closest('[hidden]')) status.focus();
}

function say(key, error = false) {
  status.removeAttribute('data-i18n');
  status.textContent = key ? t(key) : '';
  status.className = error ? 'error' : (key ? 'ok' : '');
}

// Where the mail with the links went, so a typo shows at once.
register({ 'de': { 'manage.address': 'E-Mail an' }, 'en': { 'manage.address': 'E-mail sent to' }, 'fr': { 'manage.address': 'E-mail envoyé à' }, 'it': { 'manage.address': 'E-mail inviata a' }, 'de-x-ls': { 'manage.address': 'E-Mail geht an' } });

// An appointment whose concern the city no longer offers can be cancelled, not moved (booking's canMove).
register({
  'de': { 'manage.notMovable': 'Dieses Anliegen bieten wir nicht mehr an. Sie können den Termin deshalb nicht verschieben, aber absagen.' },
  'en': { 'manage.notMovable': 'This concern is no longer offered, so the appointment cannot be moved. You can still cancel it.' },
  'fr': { 'manage.notMovable': 'Cette démarche n’est plus proposée : le rendez-vous ne peut donc pas être déplacé, mais vous pouvez l’annuler.' },
  'it': { 'manage.notMovable': 'Questa pratica non è più offerta: l’appuntamento non può quindi essere spostato, ma potete annullarlo.' },
  'de-x-ls': { 'manage.notMovable': 'Dieses Thema gibt es nicht mehr. Sie können keine andere Zeit nehmen. Sie können den Termin absagen.' },
});

// The consultation took place (a clerk took and ended it, perhaps before the booked time): nothing to change any more.
register({
  de: { 'manage.statusHeld': 'Das Gespräch hat stattgefunden' },
  en: { 'manage.statusHeld': 'The consultation has taken place' },
  fr: { 'manage.statusHeld': 'L’entretien a eu lieu' },
  it: { 'manage.statusHeld': 'Il colloquio ha avuto luogo' },
  'de-x-ls': { 'manage.statusHeld': 'Das Gespräch war schon' },
});

// A clerk has taken the consultation and it has not ended: nothing to change while it runs.
register({
  de: { 'manage.statusRunning': 'Das Gespräch läuft gerade' },
  en: { 'manage.statusRunning': 'The consultation is under way' },
  fr: { 'manage.statusRunning': 'L’entretien est en cours' },
  it: { 'manage.statusRunning': 'Il colloquio è in corso' },
  'de-x-ls': { 'manage.statusRunning': 'Das Gespräch ist gerade jetzt' },
});

// This page changes the appointment; the consultation is entered with the other link of the same mail.
register({
  de: { 'manage.wayIn': 'In das Gespräch kommen Sie mit dem Link unter „Zum Video-Gespräch“ in Ihrer Bestätigungs-E-Mail (nach einer Verschiebung: in der neuesten).',
        'manage.wayInResend': 'E-Mail nicht mehr da? Links erneut zusenden lassen' },
  en: { 'manage.wayIn': 'You enter the consultation with the link under “Join the video consultation” in your confirmation e-mail (after a move: in the newest one).',
        'manage.wayInResend': 'E-mail gone? Have the links sent again' },
  fr: { 'manage.wayIn': 'Vous entrez dans l’entretien avec le lien sous « Accéder à l’entretien vidéo » de votre e-mail de confirmation (après un déplacement : dans le plus récent).',
        'manage.wayInResend': 'Vous n’avez plus l’e-mail ? Recevoir à nouveau les liens' },
  it: { 'manage.wayIn': 'Entrate nel colloquio con il link sotto «Accedere al colloquio video» nella vostra e-mail di conferma (dopo uno spostamento: nella più recente).',
        'manage.wayInResend': 'Non avete più l’e-mail? Ricevere di nuovo i link' },
  'de-x-ls': { 'manage.wayIn': 'In das Gespräch kommen Sie mit einem anderen Link. Er steht in Ihrer E-Mail unter „So kommen Sie zum Gespräch“. Wurde der Termin verschoben? Dann nehmen Sie die neueste E-Mail.',
        'manage.wayInResend': 'Sie haben die E-Mail nicht mehr? Dann schicken wir die Links noch einmal.' },
});

function render() {
  if (!appointment) return;
  const a = appointment;
  const lang = language();
  const summary = document.getElementById('summary');
  summary.replaceChildren();
  const rows = [
    [t('manage.what'), localized(a.concernName)],
    [t('manage.when'), formatWhen(a.start, a.timeZone)],
    [t('manage.who'), a.citizenName],
    [t('manage.address'), a.email],
    [t('manage.state'), t({ booked: 'manage.statusBooked', held: 'manage.statusHeld', running: 'manage.statusRunning' }[a.status] ?? 'manage.statusCancelled')],
  ];
  if (localized(a.documents).length) rows.push([t('manage.documents'), localized(a.documents).join(', ')]);
  for (const [label, value] of rows) {
    summary.append(Object.assign(document.createElement('dt'), { textContent: label }), Object.assign(document.createElement('dd'), { textContent: value }));
  }
  document.getElementById('actions').hidden = !a.canChange;
  document.getElementById('move').hidden = !a.canMove;
  const notMovable = document.getElementById('not-movable');
  notMovable.hidden = !a.canChange || a.canMove;
  notMovable.textContent = t('manage.notMovable');
  if (!a.canMove) pick.hidden = true;
  // A cancelled appointment is no dead end: a new one for the same concern, or the start page.
  document.getElementById('after-cancel').hidden = a.status !== 'cancelled';
  // Running, or booked: the way into the consultation is the join link, which this page cannot show (only its hash is kept).
  document.getElementById('way-in').hidden = !['booked', 'running'].includes(a.status);
  document.getElementById('way-in-text').textContent = t('manage.wayIn');
  document.getElementById('way-in-resend').textContent = t('manage.wayInResend');
  document.getElementById('book-again').href = `/book.html?concern=${encodeURIComponent(a.concernKey)}`;
  section.hidden = false;
}

async function load() {
  try {
    appointment = await api('/api/booking/appointments/mine', { token });
    say('');
    render();
  } catch (e) {
    refused(e);
  }
}

document.addEventListener('languagechange', render);
document.getElementById('cancel').addEventListener('click', () => { document.getElementById('confirm-cancel').hidden = false; document.getElementById('cancel-yes').focus(); });
document.getElementById('cancel-no').addEventListener('click', () => { document.getElementById('confirm-cancel').hidden = true; document.getElementById('cancel').focus(); });
document.getElementById('cancel-yes').addEventListener('click', async () => {
  try {
    appointment = await api('/api/booking/appointments/mine', { method: 'DELETE', token });
    document.getElementById('confirm-cancel').hidden = true;
    pick.hidden = true;
    render();
    say('manage.cancelled');
    status.focus(); // the pressed button is gone with its card
  } catch (e) {
    refused(e);
  }
});
document.getElementById('move').addEventListener('click', async () => {
  pick.hidden = false;
  picker ??= slotPicker(appointment.concernKey, slot => {
    newSlot = slot;
    document.getElementById('move-to').textContent = t('manage.moveTo', { when: formatWhen(slot.start, appointment.timeZone) });
    document.getElementById('confirm-move').hidden = false;
    document.getElementById('move-yes').focus();
  }, { exclude: () => appointment.start });
  await picker.reload(true);
  // The times' heading takes the focus (and scrolls them into view); the picker says which times were loaded.
  document.getElementById('pick-title').focus();
});
document.getElementById('move-no').addEventListener('click', () => { document.getElementById('confirm-move').hidden = true; document.getElementById('move').focus(); });
// Escape in a question says "no", as in a dialog, and the focus goes back to the button that asked it.
for (const [box, no] of [['confirm-cancel', 'cancel-no'], ['confirm-move', 'move-no']]) {
  document.getElementById(box).addEventListener('keydown', event => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    document.getElementById(no).click();
  });
}
document.getElementById('move-yes').addEventListener('click', async () => {
  try {
    appointment = await api('/api/booking/appointments/mine', { method: 'PUT', token, body: { start: newSlot.start } });
    document.getElementById('confirm-move').hidden = true;
    pick.hidden = true;
    render();
    say('manage.moved');
    status.focus();
  } catch (e) {
    if (e instanceof ApiError && e.status === 409 && e.problem.nextSlots) {
      document.getElementById('confirm-move').hidden = true;
      say('manage.taken', true);
      await picker.showOffered(e.problem.nextSlots, newSlot.start);
    } else {
      refused(e);
    }
  }
});

if (token) await load(); else say('manage.invalid', true);
