// The live queue for my skills (refreshed every three seconds) and "take next", which opens the room.
import { replaceRows, write } from '/shared/live-list.js';
import { register, t, languageSwitch, language, pick, languageNames } from '/shared/i18n.js';
import { api, whilePressed } from '/shared/api.js';
import { staffPage, hasRole } from '/shared/staff.js';

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

// A supervisor sees her department's running consultations too, and joins one from here.
register({
  de: {
    'q.runningTitle': 'Laufende Beratungen', 'q.runningHint': 'Beratungen Ihrer Abteilung, die Kolleginnen und Kollegen gerade führen. Treten Sie bei, um mitzulesen und zu schreiben; im Raum können Sie die Beratung übernehmen.',
    'q.clerk': 'Sachbearbeitung', 'q.runningFor': 'Läuft seit', 'q.action': 'Aktion', 'q.join': 'Beitreten', 'q.joinLabel': 'Der Beratung von {name} bei {clerk} beitreten',
    'q.noneRunning': 'Gerade führt niemand sonst eine Beratung.',
  },
  en: {
    'q.runningTitle': 'Running consultations', 'q.runningHint': 'Consultations of your department that colleagues are holding now. Join one to read and write along; in the room you can take it over.',
    'q.clerk': 'Clerk', 'q.runningFor': 'Running for', 'q.action': 'Action', 'q.join': 'Join', 'q.joinLabel': "Join {name}'s consultation with {clerk}",
    'q.noneRunning': 'No one else is holding a consultation right now.',
  },
  fr: {
    'q.runningTitle': 'Entretiens en cours', 'q.runningHint': 'Entretiens de votre service que des collègues mènent en ce moment. Rejoignez-en un pour lire et écrire\u00a0; dans la salle, vous pouvez le reprendre.',
    'q.clerk': 'Collaborateur·rice', 'q.runningFor': 'En cours depuis', 'q.action': 'Action', 'q.join': 'Rejoindre', 'q.joinLabel': 'Rejoindre l’entretien de {name} avec {clerk}',
    'q.noneRunning': 'Personne d’autre ne mène d’entretien en ce moment.',
  },
  it: {
    'q.runningTitle': 'Colloqui in corso', 'q.runningHint': 'Colloqui del vostro servizio che colleghi stanno conducendo ora. Entrate per leggere e scrivere; nella stanza potete prenderli in carico.',
    'q.clerk': 'Addetto/a', 'q.runningFor': 'In corso da', 'q.action': 'Azione', 'q.join': 'Entrare', 'q.joinLabel': 'Entrare nel colloquio di {name} con {clerk}',
    'q.noneRunning': 'Al momento nessun altro conduce un colloquio.',
  },
});

languageSwitch();
const staff = await staffPage();
const supervisor = hasRole(staff, 'supervisor');
let running = null;
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
  renderRunning();
  write(document.getElementById('summary'), t('q.summary', { n: data.tickets.length, due: data.appointmentsDueNow }));
  write(document.getElementById('skills'), data.skills.length ? t('q.skills', { list: data.skills.map(key => (concernNames.has(key) ? pick(concernNames.get(key)) : '') || key).join(', ') }) : t('q.noSkills'));
}

/** The running consultations a supervisor may join: her departments', held by a colleague. */
function renderRunning() {
  if (!running) return;
  const rows = running.map(room => {
    const tr = Object.assign(document.createElement('tr'), {});
    tr.dataset.key = room.id;
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(room.acceptedAt)) / 60000));
    for (const text of [room.citizenName, (concernNames.has(room.concernKey) ? pick(concernNames.get(room.concernKey)) : '') || room.concernKey, room.staffName, t('q.minutes', { n: minutes })]) {
      tr.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    const join = Object.assign(document.createElement('a'), { className: 'button secondary', href: `/agent/room.html?session=${encodeURIComponent(room.id)}&join=supervisor`, textContent: t('q.join') });
    join.dataset.action = 'join';
    join.setAttribute('aria-label', t('q.joinLabel', { name: room.citizenName, clerk: room.staffName }));
    const cell = document.createElement('td');
    cell.append(join);
    tr.append(cell);
    return tr;
  });
  if (!rows.length) {
    const row = Object.assign(document.createElement('tr'), { className: 'empty' });
    row.append(Object.assign(document.createElement('td'), { textContent: t('q.noneRunning'), colSpan: 5 }));
    rows.push(row);
  }
  replaceRows(document.getElementById('running-rows'), rows);
}

async function loadRunning() {
  if (!supervisor) return;
  try {
    running = (await api('/api/sessions/rooms/')).filter(room => room.status === 'active' && room.staffId && room.staffId !== staff.id);
  } catch { running = null; }
  document.getElementById('running').hidden = !running;
  renderRunning();
}

async function load() {
  loadRunning();
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
