// The department inbox: documents routed to my departments, with assign-to-me and mark-as-processed.
import { api } from '/shared/api.js';
import { register, t, tn, apply, languageSwitch, locale, pick } from '/shared/i18n.js';
import { staffPage } from '/shared/staff.js';
import { statusText, formatSize } from '/shared/documents-panel.js';
import { formatDateTime } from '/shared/dates.js';
import { replaceRows, write } from '/shared/live-list.js';

register({
  de: {
    'inbox.title': 'Posteingang', 'inbox.department': 'Abteilung', 'inbox.status': 'Prüfstatus', 'inbox.all': 'Alle',
    'inbox.quarantined': 'Schadsoftware', 'inbox.assigned': 'Zuständig', 'inbox.mine': 'Mir zugewiesen', 'inbox.unassigned': 'Nicht zugewiesen',
    'inbox.openOnly': 'Nur offene', 'inbox.received': 'Eingang', 'inbox.source': 'Herkunft', 'inbox.actions': 'Aktionen',
    'inbox.assignMe': 'Mir zuweisen', 'inbox.processed': 'Erledigt', 'inbox.done': 'erledigt', 'inbox.me': 'ich', 'inbox.other': 'andere Person',
    'inbox.nobody': '–', 'inbox.count': '{count} Dokumente', 'inbox.count.one': '{count} Dokument', 'inbox.allDepartments': 'Alle meine Abteilungen',
    'inbox.channel.kiosk': 'Scanner-Terminal', 'inbox.channel.upload': 'Upload-Link', 'inbox.channel.session': 'Beratung', 'inbox.channel.forms': 'Formular',
    'inbox.assignedDone': 'Ihnen zugewiesen: {name}.', 'inbox.processedDone': 'Als erledigt markiert: {name}.',
    'inbox.pages': '{count} Seiten', 'inbox.assignLabel': 'Mir zuweisen: {name}', 'inbox.processedLabel': 'Erledigt: {name}',
  },
  en: {
    'inbox.title': 'Inbox', 'inbox.department': 'Department', 'inbox.status': 'Scan status', 'inbox.all': 'All',
    'inbox.quarantined': 'Malware', 'inbox.assigned': 'Assigned', 'inbox.mine': 'Assigned to me', 'inbox.unassigned': 'Unassigned',
    'inbox.openOnly': 'Open only', 'inbox.received': 'Received', 'inbox.source': 'Source', 'inbox.actions': 'Actions',
    'inbox.assignMe': 'Assign to me', 'inbox.processed': 'Processed', 'inbox.done': 'processed', 'inbox.me': 'me', 'inbox.other': 'someone else',
    'inbox.nobody': '–', 'inbox.count': '{count} documents', 'inbox.count.one': '{count} document', 'inbox.allDepartments': 'All my departments',
    'inbox.channel.kiosk': 'Scanner kiosk', 'inbox.channel.upload': 'Upload link', 'inbox.channel.session': 'Consultation', 'inbox.channel.forms': 'Form',
    'inbox.assignedDone': 'Assigned to you: {name}.', 'inbox.processedDone': 'Marked as processed: {name}.',
    'inbox.pages': '{count} pages', 'inbox.assignLabel': 'Assign to me: {name}', 'inbox.processedLabel': 'Processed: {name}',
  },
  fr: {
    'inbox.title': 'Boîte de réception',
    'inbox.department': 'Service',
    'inbox.status': 'Statut du contrôle',
    'inbox.all': 'Tous',
    'inbox.quarantined': 'Logiciel malveillant',
    'inbox.assigned': 'Responsable',
    'inbox.mine': 'Attribués à moi',
    'inbox.unassigned': 'Non attribués',
    'inbox.openOnly': 'Ouverts uniquement',
    'inbox.received': 'Réception',
    'inbox.source': 'Provenance',
    'inbox.actions': 'Actions',
    'inbox.assignMe': 'M’attribuer',
    'inbox.processed': 'Traité',
    'inbox.assignedDone': 'Attribué à vous : {name}.',
    'inbox.processedDone': 'Marqué comme traité : {name}.',
    'inbox.done': 'traité',
    'inbox.me': 'moi',
    'inbox.other': 'autre personne',
    'inbox.nobody': '–',
    'inbox.count': '{count} documents', 'inbox.count.one': '{count} document',
    'inbox.allDepartments': 'Tous mes services',
    'inbox.channel.kiosk': 'Terminal de numérisation',
    'inbox.channel.upload': 'Lien de téléversement',
    'inbox.channel.session': 'Entretien',
    'inbox.channel.forms': 'Formulaire',
    'inbox.pages': '{count} pages',
    'inbox.assignLabel': 'M’attribuer : {name}',
    'inbox.processedLabel': 'Traité : {name}',
  },
  it: {
    'inbox.title': 'Posta in arrivo',
    'inbox.department': 'Servizio',
    'inbox.status': 'Stato del controllo',
    'inbox.all': 'Tutti',
    'inbox.quarantined': 'Software dannoso',
    'inbox.assigned': 'Responsabile',
    'inbox.mine': 'Assegnati a me',
    'inbox.unassigned': 'Non assegnati',
    'inbox.openOnly': 'Solo aperti',
    'inbox.received': 'Ricezione',
    'inbox.source': 'Provenienza',
    'inbox.actions': 'Azioni',
    'inbox.assignMe': 'Assegnare a me',
    'inbox.processed': 'Evaso',
    'inbox.assignedDone': 'Assegnato a voi: {name}.',
    'inbox.processedDone': 'Segnato come evaso: {name}.',
    'inbox.done': 'evaso',
    'inbox.me': 'io',
    'inbox.other': 'altra persona',
    'inbox.nobody': '–',
    'inbox.count': '{count} documenti', 'inbox.count.one': '{count} documento',
    'inbox.allDepartments': 'Tutti i miei servizi',
    'inbox.channel.kiosk': 'Terminale di scansione',
    'inbox.channel.upload': 'Link di caricamento',
    'inbox.channel.session': 'Colloquio',
    'inbox.channel.forms': 'Modulo',
    'inbox.pages': '{count} pagine',
    'inbox.assignLabel': 'Assegnare a me: {name}',
    'inbox.processedLabel': 'Evaso: {name}',
  },
});

const staff = await staffPage();
languageSwitch();
const rows = document.getElementById('rows');
const filters = document.getElementById('filters');
const departmentSelect = document.getElementById('department');
const highlight = new URLSearchParams(location.hash.slice(1)).get('document');
// Concern names come from booking, which owns them; a slug is shown if booking cannot answer.
const catalogue = await api('/api/booking/concerns').catch(() => []);
const concernNames = new Map(catalogue.flatMap(d => d.concerns).map(c => [c.key, c.name]));
const departmentNames = new Map(catalogue.map(d => [d.key, d.name]));
const concernName = key => (concernNames.has(key) ? pick(concernNames.get(key)) : '') || key;

function fillDepartments() {
  const selected = departmentSelect.value;
  const all = document.createElement('option');
  all.value = '';
  all.textContent = t('inbox.allDepartments');
  departmentSelect.replaceChildren(all, ...staff.departments.map(d => {
    const option = document.createElement('option');
    option.value = d;
    option.textContent = (departmentNames.has(d) ? pick(departmentNames.get(d)) : '') || d;
    return option;
  }));
  departmentSelect.value = selected;
}

function query() {
  const params = new URLSearchParams();
  for (const name of ['department', 'status', 'assigned']) {
    const value = filters.elements[name].value;
    if (value) params.set(name, value);
  }
  if (filters.elements.openOnly.checked) params.set('processed', 'false');
  return params.toString();
}

function cell(...children) {
  const td = document.createElement('td');
  td.append(...children);
  return td;
}

function sub(text) {
  const span = document.createElement('span');
  span.className = 'sub';
  span.textContent = text;
  return span;
}

/** A row's action; `done` is said when it succeeded (the row, and the button with it, may change or go). */
function button(key, label, aria, action, done, secondary = false) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = key;
  b.setAttribute('aria-label', aria);
  if (secondary) b.className = 'secondary';
  b.addEventListener('click', async () => {
    b.disabled = true;
    try { await action(); await load(done, b); } catch (error) { status.textContent = error.message; b.disabled = false; }
  });
  return b;
}

function row(d) {
  const tr = document.createElement('tr');
  tr.id = `doc-${d.id}`;
  tr.dataset.key = d.id;
  if (d.id === highlight) tr.className = 'highlight';

  let name;
  if (d.status === 'clean') {
    name = document.createElement('a');
    name.href = `/api/documents/${d.id}/content`;
  } else {
    name = document.createElement('span');
  }
  name.textContent = d.fileName;
  const details = [formatSize(d.length), d.pageCount ? t('inbox.pages', { count: d.pageCount }) : null].filter(Boolean).join(' · ');

  const received = formatDateTime(d.receivedAt);
  const source = [t(`inbox.channel.${d.channel}`), d.receiptNumber, d.concernKey && concernName(d.concernKey)].filter(Boolean).join(' · ');

  const badge = document.createElement('span');
  badge.className = `badge doc-status status-${d.status}`;
  badge.textContent = statusText(d.status);

  const assigned = d.assignedStaffId ? (d.assignedStaffId === staff.id ? t('inbox.me') : t('inbox.other')) : t('inbox.nobody');
  const actions = document.createElement('div');
  actions.className = 'actions';
  if (d.assignedStaffId !== staff.id) {
    actions.append(button('assign', t('inbox.assignMe'), t('inbox.assignLabel', { name: d.fileName }),
      () => api(`/api/documents/${d.id}/assign`, { method: 'POST', body: { staffId: staff.id } }), t('inbox.assignedDone', { name: d.fileName }), true));
  }
  if (!d.processedAt && d.status !== 'pending_scan') {
    actions.append(button('processed', t('inbox.processed'), t('inbox.processedLabel', { name: d.fileName }),
      () => api(`/api/documents/${d.id}/processed`, { method: 'POST' }), t('inbox.processedDone', { name: d.fileName })));
  }
  if (d.processedAt) actions.append(sub(t('inbox.done')));

  tr.append(cell(name, sub(details), d.note ? sub(d.note) : ''), cell(received), cell(source), cell(badge), cell(assigned), cell(actions));
  return tr;
}

const status = document.getElementById('inbox-status');

/** The inbox again; `done`, what the `pressed` button just did, is said before the count (which is said only when it changes). */
async function load(done, pressed) {
  const documents = await api(`/api/documents/inbox?${query()}`);
  replaceRows(rows, documents.map(row), status, pressed);
  write(status, [done, tn('inbox.count', documents.length)].filter(Boolean).join(' '));
  if (highlight) document.getElementById(`doc-${highlight}`)?.scrollIntoView({ block: 'center' });
}

filters.addEventListener('change', () => load());
filters.addEventListener('submit', e => e.preventDefault());
document.addEventListener('languagechange', () => { fillDepartments(); load(); });
fillDepartments();
apply();
setInterval(() => load().catch(() => {}), 15000);
await load();
