// Today's appointments of my departments, refreshed every 30 seconds, each with a way into its room.
import { replaceRows, write } from '/shared/live-list.js';
import { register, t, languageSwitch, language, pick, locale } from '/shared/i18n.js';
import { api } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';
import { formatEnd, formatTime } from '/shared/dates.js';

register({
  de: {
    'appts.title': 'Termine heute', 'appts.time': 'Zeit', 'appts.concern': 'Anliegen', 'appts.name': 'Name',
    'appts.state': 'Stand', 'appts.action': 'Aktion', 'appts.open': 'Raum öffnen', 'appts.openFor': 'Raum öffnen für {name}', 'appts.none': 'Heute sind keine Termine gebucht.',
    'appts.mine': 'mir zugeteilt', 'appts.joined': 'im Raum', 'appts.called': 'aufgerufen', 'appts.waiting': 'gebucht',
  },
  en: {
    'appts.title': "Today's appointments", 'appts.time': 'Time', 'appts.concern': 'Concern', 'appts.name': 'Name',
    'appts.state': 'State', 'appts.action': 'Action', 'appts.open': 'Open room', 'appts.openFor': 'Open room for {name}', 'appts.none': 'No appointments are booked today.',
    'appts.mine': 'assigned to me', 'appts.joined': 'in the room', 'appts.called': 'called', 'appts.waiting': 'booked',
  },
  fr: {
    'appts.title': 'Rendez-vous du jour',
    'appts.time': 'Heure',
    'appts.concern': 'Démarche',
    'appts.name': 'Nom',
    'appts.state': 'État',
    'appts.action': 'Action',
    'appts.open': 'Ouvrir la salle',
    'appts.openFor': 'Ouvrir la salle pour {name}',
    'appts.none': 'Aucun rendez-vous n’est réservé aujourd’hui.',
    'appts.mine': 'attribué à moi',
    'appts.joined': 'dans la salle',
    'appts.called': 'appelé',
    'appts.waiting': 'réservé',
  },
  it: {
    'appts.title': 'Appuntamenti di oggi',
    'appts.time': 'Ora',
    'appts.concern': 'Pratica',
    'appts.name': 'Nome',
    'appts.state': 'Stato',
    'appts.action': 'Azione',
    'appts.open': 'Aprire la stanza',
    'appts.openFor': 'Aprire la stanza per {name}',
    'appts.none': 'Oggi non ci sono appuntamenti prenotati.',
    'appts.mine': 'assegnato a me',
    'appts.joined': 'nella stanza',
    'appts.called': 'chiamato',
    'appts.waiting': 'prenotato',
  },
});

languageSwitch();
await staffPage();
const status = document.getElementById('status');
let rows = [];

// Refreshed every 30 seconds: a focused "open" link keeps its place, texts are written only when they change.
function render() {
  const body = document.getElementById('rows');
  // In the appointment's department's zone (a department may keep another than the city's), as the resident booked it.
  const time = (iso, zone) => formatTime(iso, zone);
  replaceRows(body, rows.map(a => {
    const tr = document.createElement('tr');
    tr.dataset.key = a.id;
    const state = [t(a.joinedAt ? 'appts.joined' : a.calledAt ? 'appts.called' : 'appts.waiting')];
    if (a.mine) state.push(t('appts.mine'));
    const link = Object.assign(document.createElement('a'), { className: 'button secondary', href: `/agent/room.html?appointment=${a.id}`, textContent: t('appts.open') });
    link.setAttribute('aria-label', t('appts.openFor', { name: a.citizenName }));
    const cells = [`${time(a.start, a.timeZone)}–${formatEnd(a.end, a.timeZone)}`, pick(a.concernName), a.citizenName, state.join(', ')];
    for (const text of cells) tr.append(Object.assign(document.createElement('td'), { textContent: text }));
    const action = document.createElement('td');
    action.append(link);
    tr.append(action);
    return tr;
  }), status);
  write(status, rows.length ? '' : t('appts.none'));
}

async function load() {
  try { rows = await api('/api/booking/appointments/today'); render(); }
  catch { write(status, t('common.error')); }
}

document.addEventListener('languagechange', render);
await load();
setInterval(load, 30000);
