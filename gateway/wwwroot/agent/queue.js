// The live queue for my skills (refreshed every three seconds) and "take next", which opens the room.
import { replaceRows, write } from '/shared/live-list.js';
import { register, t, languageSwitch, language, pick, languageNames } from '/shared/i18n.js';
import { api, whilePressed } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';

register({
  de: {
    'q.title': 'Warteschlange', 'q.next': 'Nächste Person aufrufen', 'q.waitingTitle': 'Wartende',
    'q.since': 'Wartet seit', 'q.concern': 'Anliegen', 'q.name': 'Name', 'q.language': 'Sprache', 'q.summary': '{n} wartend, {due} Termine jetzt fällig',
    'q.empty': 'Niemand wartet gerade.', 'q.skills': 'Meine Themen: {list}', 'q.minutes': '{n} Min.', 'q.noSkills': 'Ihnen sind noch keine Themen zugeteilt.',
  },
  en: {
    'q.title': 'Queue', 'q.next': 'Call the next person', 'q.waitingTitle': 'Waiting',
    'q.since': 'Waiting for', 'q.concern': 'Concern', 'q.name': 'Name', 'q.language': 'Language', 'q.summary': '{n} waiting, {due} appointments due now',
    'q.empty': 'Nobody is waiting right now.', 'q.skills': 'My topics: {list}', 'q.minutes': '{n} min', 'q.noSkills': 'No topics are assigned to you yet.',
  },
  fr: {
    'q.title': 'File d’attente',
    'q.next': 'Appeler la personne suivante',
    'q.waitingTitle': 'Personnes en attente',
    'q.since': 'En attente depuis',
    'q.concern': 'Démarche',
    'q.name': 'Nom',
    'q.language': 'Langue',
    'q.summary': '{n} en attente, {due} rendez-vous dus maintenant',
    'q.empty': 'Personne n’attend pour le moment.',
    'q.skills': 'Mes domaines : {list}',
    'q.minutes': '{n} min',
    'q.noSkills': 'Aucun domaine ne vous est encore attribué.',
  },
  it: {
    'q.title': 'Coda',
    'q.next': 'Chiamare la persona successiva',
    'q.waitingTitle': 'Persone in attesa',
    'q.since': 'In attesa da',
    'q.concern': 'Pratica',
    'q.name': 'Nome',
    'q.language': 'Lingua',
    'q.summary': '{n} in attesa, {due} appuntamenti previsti ora',
    'q.empty': 'Al momento nessuno è in attesa.',
    'q.skills': 'I miei temi: {list}',
    'q.minutes': '{n} min',
    'q.noSkills': 'Non vi è ancora stato assegnato alcun tema.',
  },
});

languageSwitch();
await staffPage();
let data = null;
let concernNames = new Map();

// Refreshed every three seconds: rows and texts are written only when they change (a screen reader read the summary
// out again at each refresh, and lost its place in the rebuilt table).
function render() {
  if (!data) return;
  const rows = data.tickets.map(ticket => {
    const tr = document.createElement('tr');
    for (const text of [t('q.minutes', { n: Math.floor(ticket.waitingSeconds / 60) }), pick(ticket.concernName), ticket.citizenName, languageNames[ticket.language] ?? ticket.language.toUpperCase()]) {
      tr.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    return tr;
  });
  // An empty table said nothing until "call next" was pressed.
  if (!data.tickets.length) {
    const row = Object.assign(document.createElement('tr'), { className: 'empty' });
    row.append(Object.assign(document.createElement('td'), { textContent: t('q.empty'), colSpan: 4 }));
    rows.push(row);
  }
  replaceRows(document.getElementById('rows'), rows);
  write(document.getElementById('summary'), t('q.summary', { n: data.tickets.length, due: data.appointmentsDueNow }));
  write(document.getElementById('skills'), data.skills.length ? t('q.skills', { list: data.skills.map(key => (concernNames.has(key) ? pick(concernNames.get(key)) : '') || key).join(', ') }) : t('q.noSkills'));
}

async function load() {
  try { data = await api('/api/booking/queue'); render(); } catch { write(document.getElementById('summary'), t('common.error')); }
}

document.getElementById('next').addEventListener('click', async event => {
  const moved = await whilePressed(event.currentTarget, async () => {
    try {
      const next = await api('/api/booking/queue/next', { method: 'POST' });
      if (next) { location.href = next.roomUrl; return true; }
      document.getElementById('next-status').textContent = t('q.empty');
    } catch {
      document.getElementById('next-status').textContent = t('common.error');
    }
    return false;
  });
  if (!moved) load();
});

document.getElementById('next').disabled = false;
document.addEventListener('languagechange', render);
try {
  // The clerk's topics by name rather than by key (the public concern list has both).
  const departments = await api('/api/booking/concerns');
  concernNames = new Map(departments.flatMap(d => d.concerns.map(c => [c.key, c.name])));
} catch { /* the keys are shown instead */ }
await load();
setInterval(load, 3000);
