// Administration of the scanner kiosks: register a device (a one-time link to open on it), list, revoke.
import { register, t, languageSwitch, language } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';
import { formatDateTime } from '/shared/dates.js';

register({
  de: {
    'kd.title': 'Scanner-Terminals',
    'kd.intro': 'Nur registrierte Terminals nehmen Dokumente an. Registrieren Sie ein Terminal hier und öffnen Sie den Link einmal auf dem Gerät.',
    'kd.new': 'Terminal registrieren', 'kd.name': 'Name (z. B. wo es steht)', 'kd.create': 'Registrierungslink erstellen',
    'kd.link': 'Registrierungslink', 'kd.copy': 'Link kopieren', 'kd.copied': 'Link kopiert.', 'kd.issuedFor': 'Link für «{name}»',
    'kd.issuedHint': 'Öffnen Sie diesen Link einmal im Browser des Terminals. Er gilt nur einmal und bis {until}; danach erstellen Sie einen neuen.',
    'kd.list': 'Registrierte Terminals', 'kd.colName': 'Name', 'kd.colStatus': 'Status', 'kd.colEnrolled': 'Registriert',
    'kd.colUsed': 'Zuletzt benutzt', 'kd.colAction': 'Aktion', 'kd.none': 'Noch kein Terminal registriert.',
    'kd.status.waiting': 'wartet auf Registrierung', 'kd.status.active': 'aktiv', 'kd.status.revoked': 'widerrufen',
    'kd.revokeConfirm': 'Terminal «{name}» widerrufen? Es nimmt dann nichts mehr an; für ein neues braucht es einen neuen Link.',
    'kd.revoke': 'Widerrufen', 'kd.revokeLabel': 'Terminal «{name}» widerrufen', 'kd.revoked': 'Terminal «{name}» ist widerrufen und nimmt nichts mehr an.',
    'kd.never': '–',
  },
  en: {
    'kd.title': 'Scanner kiosks',
    'kd.intro': 'Only registered kiosks accept documents. Register a kiosk here and open the link once on the device.',
    'kd.new': 'Register a kiosk', 'kd.name': 'Name (e.g. where it stands)', 'kd.create': 'Create registration link',
    'kd.link': 'Registration link', 'kd.copy': 'Copy link', 'kd.copied': 'Link copied.', 'kd.issuedFor': 'Link for “{name}”',
    'kd.issuedHint': 'Open this link once in the kiosk’s browser. It works once only and until {until}; after that, create a new one.',
    'kd.list': 'Registered kiosks', 'kd.colName': 'Name', 'kd.colStatus': 'Status', 'kd.colEnrolled': 'Registered',
    'kd.colUsed': 'Last used', 'kd.colAction': 'Action', 'kd.none': 'No kiosk registered yet.',
    'kd.status.waiting': 'waiting for registration', 'kd.status.active': 'active', 'kd.status.revoked': 'revoked',
    'kd.revokeConfirm': 'Revoke kiosk “{name}”? It will accept nothing more; registering it again needs a new link.',
    'kd.revoke': 'Revoke', 'kd.revokeLabel': 'Revoke kiosk “{name}”', 'kd.revoked': 'Kiosk “{name}” revoked: it accepts nothing any more.',
    'kd.never': '–',
  },
  fr: {
    'kd.title': 'Terminaux de numérisation',
    'kd.intro': 'Seuls les terminaux enregistrés acceptent des documents. Enregistrez un terminal ici et ouvrez le lien une fois sur l’appareil.',
    'kd.new': 'Enregistrer un terminal', 'kd.name': 'Nom (p. ex. son emplacement)', 'kd.create': 'Créer le lien d’enregistrement',
    'kd.link': 'Lien d’enregistrement', 'kd.copy': 'Copier le lien', 'kd.copied': 'Lien copié.', 'kd.issuedFor': 'Lien pour « {name} »',
    'kd.issuedHint': 'Ouvrez ce lien une fois dans le navigateur du terminal. Il ne sert qu’une fois et jusqu’au {until} ; ensuite, créez-en un nouveau.',
    'kd.list': 'Terminaux enregistrés', 'kd.colName': 'Nom', 'kd.colStatus': 'Statut', 'kd.colEnrolled': 'Enregistré',
    'kd.colUsed': 'Dernière utilisation', 'kd.colAction': 'Action', 'kd.none': 'Aucun terminal enregistré pour l’instant.',
    'kd.status.waiting': 'en attente d’enregistrement', 'kd.status.active': 'actif', 'kd.status.revoked': 'révoqué',
    'kd.revokeConfirm': 'Révoquer le terminal « {name} » ? Il n’acceptera plus rien ; pour l’enregistrer à nouveau, il faudra un nouveau lien.',
    'kd.revoke': 'Révoquer', 'kd.revokeLabel': 'Révoquer le terminal « {name} »', 'kd.revoked': 'Terminal « {name} » révoqué : il n’accepte plus rien.',
    'kd.never': '–',
  },
  it: {
    'kd.title': 'Terminali di scansione',
    'kd.intro': 'Solo i terminali registrati accettano documenti. Registri qui un terminale e apra il link una volta sul dispositivo.',
    'kd.new': 'Registrare un terminale', 'kd.name': 'Nome (p. es. dove si trova)', 'kd.create': 'Creare il link di registrazione',
    'kd.link': 'Link di registrazione', 'kd.copy': 'Copiare il link', 'kd.copied': 'Link copiato.', 'kd.issuedFor': 'Link per «{name}»',
    'kd.issuedHint': 'Apra questo link una volta nel browser del terminale. Vale una sola volta e fino al {until}; poi ne crei uno nuovo.',
    'kd.list': 'Terminali registrati', 'kd.colName': 'Nome', 'kd.colStatus': 'Stato', 'kd.colEnrolled': 'Registrato',
    'kd.colUsed': 'Ultimo utilizzo', 'kd.colAction': 'Azione', 'kd.none': 'Ancora nessun terminale registrato.',
    'kd.status.waiting': 'in attesa di registrazione', 'kd.status.active': 'attivo', 'kd.status.revoked': 'revocato',
    'kd.revokeConfirm': 'Revocare il terminale «{name}»? Non accetterà più nulla; per registrarlo di nuovo servirà un nuovo link.',
    'kd.revoke': 'Revocare', 'kd.revokeLabel': 'Revocare il terminale «{name}»', 'kd.revoked': 'Terminale «{name}» revocato: non accetta più nulla.',
    'kd.never': '–',
  },
});

languageSwitch();
await staffPage();
const $ = id => document.getElementById(id);
const status = $('status');
let devices = [];

const say = (text, error = false) => { status.textContent = text; status.className = error ? 'error' : 'ok'; };
const when = value => value ? formatDateTime(value) : t('kd.never');
const cell = text => Object.assign(document.createElement('td'), { textContent: text });

function render() {
  const body = $('devices');
  body.replaceChildren();
  if (!devices.length) {
    const row = document.createElement('tr');
    const empty = cell(t('kd.none'));
    empty.colSpan = 5;
    row.append(empty);
    body.append(row);
    return;
  }
  for (const d of devices) {
    const row = document.createElement('tr');
    const action = document.createElement('td');
    if (d.status !== 'revoked') {
      const revoke = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: t('kd.revoke') });
      revoke.setAttribute('aria-label', t('kd.revokeLabel', { name: d.name }));
      revoke.addEventListener('click', () => revokeDevice(d));
      action.append(revoke);
    }
    row.append(cell(d.name), cell(t(`kd.status.${d.status}`)), cell(when(d.enrolledAt)), cell(when(d.lastUsedAt)), action);
    body.append(row);
  }
}

async function load() {
  try { devices = await api('/api/documents/kiosk/devices'); render(); }
  catch { say(t('common.error'), true); }
}

async function revokeDevice(device) {
  // A revoked terminal cannot be taken back (probe, 2026-12-05: one press revoked the town hall's kiosk).
  if (!confirm(t('kd.revokeConfirm', { name: device.name }))) return;
  try {
    await api(`/api/documents/kiosk/devices/${device.id}/revoke`, { method: 'POST' });
    say(t('kd.revoked', { name: device.name }));
    await load();
    $('list-title').setAttribute('tabindex', '-1');
    $('list-title').focus();
  } catch { say(t('common.error'), true); }
}

$('new-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.target;
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  // The link of an earlier terminal must not stand under this try's answer (it read as the refused name's link).
  $('issued').hidden = true;
  try {
    const issued = await api('/api/documents/kiosk/devices', { method: 'POST', body: { name: $('k-name').value } });
    showFieldErrors(form, {});
    form.reset();
    $('issued-title').textContent = t('kd.issuedFor', { name: issued.device.name });
    $('issued-link').value = `${location.origin}/kiosk.html#enrol=${issued.enrolmentCode}`;
    $('issued-hint').textContent = t('kd.issuedHint', { until: when(issued.device.enrolmentExpiresAt) });
    $('issued').hidden = false;
    $('issued-link').focus();
    $('issued-link').select();
    await load();
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) showFieldErrors(form, e);
    else say(t('common.error'), true);
  } finally {
    submit.disabled = false;
  }
});

$('copy').addEventListener('click', async () => {
  try { await navigator.clipboard.writeText($('issued-link').value); say(t('kd.copied')); }
  catch { $('issued-link').select(); }
});

document.addEventListener('languagechange', render);
await load();
