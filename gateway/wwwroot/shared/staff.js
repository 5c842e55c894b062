// For staff pages: who is signed in, the common header navigation, and sign-out.
import { api, ApiError } from '/shared/api.js';
import { register, t, apply } from '/shared/i18n.js';

register({
  de: {
    // The staff side's name, in every staff page's header and title.
    'agent.name': 'Schalter für Mitarbeitende',
    'nav.waiting': '{n} wartend',
    'nav.home': 'Übersicht', 'nav.appointments': 'Termine heute', 'nav.queue': 'Warteschlange', 'nav.inbox': 'Posteingang',
    'nav.dossiers': 'Dossiers', 'nav.stats': 'Statistik', 'nav.adminBooking': 'Angebot & Zeiten', 'nav.adminStaff': 'Mitarbeitende',
    'nav.adminKiosks': 'Scanner-Terminals',
    'nav.audit': 'Protokoll', 'nav.signOut': 'Abmelden', 'nav.label': 'Hauptnavigation', 'staff.signedInAs': 'Angemeldet: {name}',
    'duty.handedToYou': 'Eine Beratung wurde an Sie weitergeleitet: {name}.', 'duty.take': 'Beratung übernehmen',
    'duty.handedToDepartment': 'Eine Beratung wurde an Ihre Abteilung weitergeleitet und wartet: {name}.',
    'duty.handedToColleague': 'Eine Beratung wurde an eine Kollegin oder einen Kollegen weitergeleitet und wartet noch: {name}.',
  },
  en: {
    'agent.name': 'Counter for staff',
    'nav.waiting': '{n} waiting',
    'nav.home': 'Overview', 'nav.appointments': "Today's appointments", 'nav.queue': 'Queue', 'nav.inbox': 'Inbox',
    'nav.dossiers': 'Dossiers', 'nav.stats': 'Statistics', 'nav.adminBooking': 'Services & hours', 'nav.adminStaff': 'Staff',
    'nav.adminKiosks': 'Scanner kiosks',
    'nav.audit': 'Access log', 'nav.signOut': 'Sign out', 'nav.label': 'Main navigation', 'staff.signedInAs': 'Signed in: {name}',
    'duty.handedToYou': 'A consultation was handed to you: {name}.', 'duty.take': 'Take the consultation',
    'duty.handedToDepartment': 'A consultation was handed to your department and is waiting: {name}.',
    'duty.handedToColleague': 'A consultation was handed to a colleague and is still waiting: {name}.',
  },
  fr: {
    'agent.name': 'Guichet pour les collaborateurs',
    'nav.home': 'Vue d’ensemble',
    'nav.appointments': 'Rendez-vous du jour',
    'nav.waiting': '{n} en attente',
    'nav.queue': 'File d’attente',
    'nav.inbox': 'Boîte de réception',
    'nav.dossiers': 'Dossiers',
    'nav.stats': 'Statistiques',
    'nav.adminBooking': 'Prestations et horaires',
    'nav.adminStaff': 'Collaborateurs',
    'nav.audit': 'Journal',
    'nav.signOut': 'Se déconnecter',
    'nav.label': 'Navigation principale',
    'staff.signedInAs': 'Connecté·e : {name}',
    'duty.handedToYou': 'Un entretien vous a été transféré : {name}.',
    'duty.handedToDepartment': 'Un entretien a été transféré à votre service et attend : {name}.',
    'duty.handedToColleague': 'Un entretien a été transféré à un·e collègue et attend toujours : {name}.',
    'duty.take': 'Reprendre l’entretien',
    'nav.adminKiosks': 'Terminaux de numérisation',
  },
  it: {
    'agent.name': 'Sportello per i collaboratori',
    'nav.home': 'Panoramica',
    'nav.appointments': 'Appuntamenti di oggi',
    'nav.waiting': '{n} in attesa',
    'nav.queue': 'Coda',
    'nav.inbox': 'Posta in arrivo',
    'nav.dossiers': 'Incarti',
    'nav.stats': 'Statistiche',
    'nav.adminBooking': 'Servizi e orari',
    'nav.adminStaff': 'Collaboratori',
    'nav.audit': 'Protocollo',
    'nav.signOut': 'Disconnettersi',
    'nav.label': 'Navigazione principale',
    'staff.signedInAs': 'Connesso/a: {name}',
    'duty.handedToYou': 'Un colloquio vi è stato trasferito: {name}.',
    'duty.handedToDepartment': 'Un colloquio è stato trasferito al vostro servizio e attende: {name}.',
    'duty.handedToColleague': 'Un colloquio è stato trasferito a un/una collega e attende ancora: {name}.',
    'duty.take': 'Assumere il colloquio',
    'nav.adminKiosks': 'Terminali di scansione',
  },
});

// A form sent before this page's handlers are attached is held by /shared/hold-forms.js (loaded in the header).

let current = null;

/** The signed-in staff member, or null. */
export async function me() {
  if (current) return current;
  try { current = await api('/api/auth/me'); } catch (e) { if (e instanceof ApiError && e.status === 401) return null; throw e; }
  return current;
}

export const hasRole = (staff, ...roles) => staff && roles.some(r => staff.roles.includes(r));

/**
 * Labels each cell of a table drawn as cards on a phone (`table.cards`, app.css) with its column's heading, as the
 * heading reads now.
 */
function labelCells(table) {
  if (!table.tHead?.rows[0] || !table.tBodies[0]) return;
  const headings = [...table.tHead.rows[0].cells].map(th => th.textContent.trim());
  for (const row of table.tBodies[0].rows) {
    // A cell across several columns ("nobody is waiting") stands for none of them.
    let column = 0;
    for (const cell of row.cells) {
      const label = cell.colSpan > 1 ? '' : headings[column] ?? '';
      if (cell.dataset.label !== label) cell.dataset.label = label;
      column += cell.colSpan;
    }
  }
}

/**
 * Keeps every table drawn as cards labelled, whatever draws its rows and whenever (a poll, a language switch, a page
 * of more rows): the queue, the appointments, the inbox and the other lists are drawn by code of their own.
 */
function labelCardTables() {
  // Each table watched by itself (its rows and its headings' words), not the whole page: the room's chat and call
  // change the page many times a second and have no such table.
  for (const table of document.querySelectorAll('table.cards')) {
    new MutationObserver(() => labelCells(table)).observe(table, { childList: true, subtree: true, characterData: true });
    labelCells(table);
  }
}

/** Sends a signed-out visitor to the sign-in page, remembering where they wanted to go. */
export async function requireStaff() {
  const staff = await me();
  // A password an admin set is changed on the start page before any other page opens.
  if (!staff || staff.mustChangePassword) {
    location.href = `/agent/?next=${encodeURIComponent(location.pathname + location.search)}`;
    throw new Error('not signed in');
  }
  return staff;
}

/**
 * The staff pages and the roles that may open them, in the order staff see them: the navigation of every staff page
 * (text nav.<key>) and the home page's tiles (tile.<key>, all but the home page itself) both read this one table.
 */
export const staffPages = [
  ['/agent/', 'home', ['clerk', 'supervisor', 'admin']],
  ['/agent/appointments.html', 'appointments', ['clerk', 'supervisor']],
  ['/agent/queue.html', 'queue', ['clerk', 'supervisor']],
  ['/agent/inbox.html', 'inbox', ['clerk', 'supervisor']],
  ['/agent/dossiers.html', 'dossiers', ['clerk', 'supervisor']],
  ['/agent/stats.html', 'stats', ['supervisor', 'admin']],
  ['/agent/admin-booking.html', 'adminBooking', ['admin']],
  ['/agent/admin-staff.html', 'adminStaff', ['admin']],
  ['/agent/admin-kiosks.html', 'adminKiosks', ['admin']],
  ['/agent/audit.html', 'audit', ['supervisor', 'admin']],
];

/** Fills <nav id="staff-nav"> with the links this staff member may use and a sign-out button. */
export function renderNav(staff) {
  const nav = document.getElementById('staff-nav');
  if (!nav || !staff) return;
  nav.setAttribute('aria-label', t('nav.label'));
  nav.replaceChildren();
  for (const [href, key, roles] of staffPages) {
    if (!hasRole(staff, ...roles)) continue;
    const a = document.createElement('a');
    a.href = href;
    a.textContent = t(`nav.${key}`);
    if (href === location.pathname) a.setAttribute('aria-current', 'page');
    if (key === 'queue') a.append(...waitingBadge());
    nav.append(a);
  }
  const who = document.createElement('span');
  who.textContent = t('staff.signedInAs', { name: staff.name });
  const out = document.createElement('button');
  out.type = 'button';
  out.className = 'secondary';
  out.textContent = t('nav.signOut');
  out.addEventListener('click', async () => { await api('/api/auth/logout', { method: 'POST' }); location.href = '/agent/'; });
  nav.append(who, out);
}

const dutyInterval = 15000;

// Residents waiting for this clerk's concerns, on every staff page's "queue" link (staff probe, 2026-12-05: a clerk in
// the inbox or a dossier saw nobody waiting until they opened the queue). Null while unknown.
let waiting = null;

/** The count beside the link: the number seen, its words ("Queue (2 waiting)") for a screen reader. */
function waitingBadge() {
  if (!waiting) return [];
  const badge = Object.assign(document.createElement('span'), { className: 'badge waiting', textContent: String(waiting) });
  badge.setAttribute('aria-hidden', 'true');
  return [badge, Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: `(${t('nav.waiting', { n: waiting })})` })];
}

/** Asks the queue for the clerk's concerns at the duty's pace and mends the link's count in place. */
function watchQueue(staff) {
  if (!hasRole(staff, 'clerk', 'supervisor')) return;
  const look = async () => {
    try { waiting = (await api('/api/booking/queue')).tickets.length; } catch { waiting = null; }
    const link = document.querySelector('#staff-nav a[href="/agent/queue.html"]');
    if (!link) return;
    link.replaceChildren(t('nav.queue'), ...waitingBadge());
  };
  look();
  setInterval(look, dutyInterval);
}

/**
 * Lists the consultations handed on that this staff member may take (handed to them, to their department, or, for a
 * supervisor, to a colleague of the department who may not come), each with a link to take it.
 */
function showHandedOver(rooms) {
  let box = document.getElementById('handed-over');
  if (!rooms.length) { box?.remove(); return; }
  if (!box) {
    box = document.createElement('div');
    box.id = 'handed-over';
    box.className = 'card handed-over';
    box.setAttribute('role', 'status');
    document.querySelector('main')?.prepend(box);
  }
  box.replaceChildren(...rooms.map(room => {
    const line = document.createElement('p');
    const link = document.createElement('a');
    link.href = `/agent/room.html?session=${encodeURIComponent(room.id)}`;
    link.className = 'button';
    link.textContent = t('duty.take');
    const text = { you: 'duty.handedToYou', department: 'duty.handedToDepartment', colleague: 'duty.handedToColleague' }[room.handedTo] || 'duty.handedToYou';
    line.append(t(text, { name: room.citizenName }), ' ', link);
    return line;
  }));
}

/**
 * While a staff page is open its holder counts as present, so colleagues can hand them a resident (sessions keeps
 * the list); the answer names the consultations handed on that they may take. A missing sessions service only hides both.
 */
function reportForDuty(staff) {
  if (!staff.departments?.length) return;
  let handed = [];
  const report = async () => {
    try { handed = (await api('/api/sessions/duty', { method: 'POST' })).handedOn || []; } catch { handed = []; }
    showHandedOver(handed);
  };
  report();
  setInterval(report, dutyInterval);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') report(); });
  document.addEventListener('languagechange', () => showHandedOver(handed));
}

/** requireStaff + nav + translations, for the top of every staff page. */
export async function staffPage() {
  const staff = await requireStaff();
  renderNav(staff);
  apply();
  document.addEventListener('languagechange', () => renderNav(staff));
  reportForDuty(staff);
  watchQueue(staff);
  labelCardTables();
  return staff;
}
