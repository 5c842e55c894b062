// The department inbox: documents routed to my departments, with assign-to-me, mark-as-processed and hand-on to another
// department (with a reason the other department reads beside the document).
import { api, showFieldErrors } from '/shared/api.js';
import { register, t, tn, apply, languageSwitch, locale, pick } from '/shared/i18n.js';
import { staffPage } from '/shared/staff.js';
import { statusText, formatSize } from '/shared/documents-panel.js';
import { formatDateTime } from '/shared/dates.js';
import { replaceRows, write } from '/shared/live-list.js';

register({
  de: {
    'inbox.handOn': 'Weitergeben', 'inbox.handOnLabel': 'Weitergeben: {name}', 'inbox.handOnTitle': 'An eine andere Abteilung weitergeben: {name}',
    'inbox.handOnTo': 'An Abteilung', 'inbox.chooseDepartment': 'Abteilung wählen', 'inbox.handOnReason': 'Grund',
    'inbox.handOnReasonHint': 'Kurz, höchstens 300 Zeichen. Die andere Abteilung sieht ihn beim Dokument.', 'inbox.handOnSend': 'Weitergeben',
    'inbox.cancel': 'Abbrechen', 'inbox.handedOnDone': 'Weitergegeben an {department}: {name}.', 'inbox.handedOnFrom': 'Weitergegeben von {department}: {reason}',
    'inbox.title': 'Posteingang', 'inbox.department': 'Abteilung', 'inbox.status': 'Prüfstatus', 'inbox.all': 'Alle',
    'inbox.quarantined': 'Schadsoftware', 'inbox.assigned': 'Zuständig', 'inbox.mine': 'Mir zugewiesen', 'inbox.unassigned': 'Nicht zugewiesen',
    'inbox.openOnly': 'Nur offene', 'inbox.received': 'Eingang', 'inbox.source': 'Herkunft', 'inbox.actions': 'Aktionen',
    'inbox.assignMe': 'Mir zuweisen', 'inbox.processed': 'Erledigt', 'inbox.done': 'erledigt', 'inbox.me': 'ich', 'inbox.other': 'andere Person',
    'inbox.nobody': '–', 'inbox.count': '{count} Dokumente', 'inbox.count.one': '{count} Dokument', 'inbox.allDepartments': 'Alle meine Abteilungen',
    'inbox.channel.kiosk': 'Scanner-Terminal', 'inbox.channel.upload': 'Upload-Link', 'inbox.channel.session': 'Beratung', 'inbox.channel.forms': 'Formular',
    'inbox.assignedDone': 'Ihnen zugewiesen: {name}.', 'inbox.processedDone': 'Als erledigt markiert: {name}.',
    'inbox.pages': '{count} Seiten', 'inbox.pages.one': '{count} Seite', 'inbox.assignLabel': 'Mir zuweisen: {name}', 'inbox.processedLabel': 'Erledigt: {name}',
  },
  en: {
    'inbox.handOn': 'Hand on', 'inbox.handOnLabel': 'Hand on: {name}', 'inbox.handOnTitle': 'Hand on to another department: {name}',
    'inbox.handOnTo': 'To department', 'inbox.chooseDepartment': 'Choose a department', 'inbox.handOnReason': 'Reason',
    'inbox.handOnReasonHint': 'Short, at most 300 characters. The other department sees it with the document.', 'inbox.handOnSend': 'Hand on',
    'inbox.cancel': 'Cancel', 'inbox.handedOnDone': 'Handed on to {department}: {name}.', 'inbox.handedOnFrom': 'Handed on from {department}: {reason}',
    'inbox.title': 'Inbox', 'inbox.department': 'Department', 'inbox.status': 'Scan status', 'inbox.all': 'All',
    'inbox.quarantined': 'Malware', 'inbox.assigned': 'Assigned', 'inbox.mine': 'Assigned to me', 'inbox.unassigned': 'Unassigned',
    'inbox.openOnly': 'Open only', 'inbox.received': 'Received', 'inbox.source': 'Source', 'inbox.actions': 'Actions',
    'inbox.assignMe': 'Assign to me', 'inbox.processed': 'Processed', 'inbox.done': 'processed', 'inbox.me': 'me', 'inbox.other': 'someone else',
    'inbox.nobody': '–', 'inbox.count': '{count} documents', 'inbox.count.one': '{count} document', 'inbox.allDepartments': 'All my departments',
    'inbox.channel.kiosk': 'Scanner kiosk', 'inbox.channel.upload': 'Upload link', 'inbox.channel.session': 'Consultation', 'inbox.channel.forms': 'Form',
    'inbox.assignedDone': 'Assigned to you: {name}.', 'inbox.processedDone': 'Marked as processed: {name}.',
    'inbox.pages': '{count} pages', 'inbox.pages.one': '{count} page', 'inbox.assignLabel': 'Assign to me: {name}', 'inbox.processedLabel': 'Processed: {name}',
  },
  fr: {
    'inbox.handOn': 'Transmettre',
    'inbox.handOnLabel': 'Transmettre : {name}',
    'inbox.handOnTitle': 'Transmettre à un autre service : {name}',
    'inbox.handOnTo': 'Au service',
    'inbox.chooseDepartment': 'Choisir un service',
    'inbox.handOnReason': 'Motif',
    'inbox.handOnReasonHint': 'Bref, au plus 300 caractères. L’autre service le voit avec le document.',
    'inbox.handOnSend': 'Transmettre',
    'inbox.cancel': 'Annuler',
    'inbox.handedOnDone': 'Transmis à {department} : {name}.',
    'inbox.handedOnFrom': 'Transmis par {department} : {reason}',
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
    'inbox.pages.one': '{count} page',
    'inbox.assignLabel': 'M’attribuer : {name}',
    'inbox.processedLabel': 'Traité : {name}',
  },
  it: {
    'inbox.handOn': 'Inoltrare',
    'inbox.handOnLabel': 'Inoltrare: {name}',
    'inbox.handOnTitle': 'Inoltrare a un altro servizio: {name}',
    'inbox.handOnTo': 'Al servizio',
    'inbox.chooseDepartment': 'Scegliere un servizio',
    'inbox.handOnReason': 'Motivo',
    'inbox.handOnReasonHint': 'Breve, al massimo 300 caratteri. L’altro servizio lo vede con il documento.',
    'inbox.handOnSend': 'Inoltrare',
    'inbox.cancel': 'Annullare',
    'inbox.handedOnDone': 'Inoltrato a {department}: {name}.',
    'inbox.handedOnFrom': 'Inoltrato da {department}: {reason}',
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
    'inbox.pages.one': '{count} pagina',
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
const departmentName = key => (departmentNames.has(key) ? pick(departmentNames.get(key)) : '') || key;

function fillDepartments() {
  const selected = departmentSelect.value;
  const all = document.createElement('option');
  all.value = '';
  all.textContent = t('inbox.allDepartments');
  departmentSelect.replaceChildren(all, ...staff.departments.map(d => {
    const option = document.createElement('option');
    option.value = d;
    option.textContent = departmentName(d);
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
  const details = [formatSize(d.length), d.pageCount ? tn('inbox.pages', d.pageCount) : null].filter(Boolean).join(' · ');

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
  if (!d.processedAt && d.status !== 'pending_scan') actions.append(handOnButton(d));

  const handedOn = d.handedOnFrom ? sub(t('inbox.handedOnFrom', { department: departmentName(d.handedOnFrom), reason: d.handOnReason })) : '';
  tr.append(cell(name, sub(details), d.note ? sub(d.note) : '', handedOn), cell(received), cell(source), cell(badge), cell(assigned), cell(actions));
  return tr;
}

const status = document.getElementById('inbox-status');

// Handing a document on to another department: one form below the list, for the row whose button opened it.
const handOnBox = document.getElementById('hand-on');
const handOnForm = document.getElementById('hand-on-form');
const handOnError = document.getElementById('hand-on-error');
let handingOn = null;

function handOnButton(d) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'secondary';
  b.dataset.action = 'hand-on';
  b.textContent = t('inbox.handOn');
  b.setAttribute('aria-label', t('inbox.handOnLabel', { name: d.fileName }));
  b.setAttribute('aria-controls', 'hand-on');
  b.setAttribute('aria-expanded', String(handingOn?.id === d.id));
  b.addEventListener('click', () => openHandOn(d));
  return b;
}

/** The form's words and the departments it offers (every one booking names but the document's own), its choice kept. */
function fillHandOn() {
  const d = handingOn;
  document.getElementById('hand-on-title').textContent = t('inbox.handOnTitle', { name: d.fileName });
  const select = handOnForm.elements.departmentKey;
  const chosen = select.value;
  const choose = new Option(t('inbox.chooseDepartment'), '');
  select.replaceChildren(choose, ...catalogue.filter(x => x.key !== d.departmentKey).map(x => new Option(departmentName(x.key), x.key)));
  select.value = chosen;
}

function openHandOn(d) {
  handingOn = d;
  handOnForm.reset();
  showFieldErrors(handOnForm, {});
  handOnForm.elements.departmentKey.removeAttribute('aria-describedby');
  handOnForm.elements.reason.setAttribute('aria-describedby', 'hand-on-reason-hint');
  handOnError.textContent = '';
  fillHandOn();
  for (const b of rows.querySelectorAll('[data-action="hand-on"]')) b.setAttribute('aria-expanded', String(b.closest('tr')?.dataset.key === d.id));
  handOnBox.hidden = false;
  handOnForm.elements.departmentKey.focus();
}

/** Closes the form; the focus goes back to the row's button when the row is still there. */
function closeHandOn() {
  const d = handingOn;
  handingOn = null;
  handOnBox.hidden = true;
  for (const b of rows.querySelectorAll('[data-action="hand-on"]')) b.setAttribute('aria-expanded', 'false');
  const opener = d && document.querySelector(`#doc-${CSS.escape(d.id)} [data-action="hand-on"]`);
  (opener || status).focus();
}

handOnForm.addEventListener('submit', async e => {
  e.preventDefault();
  const d = handingOn;
  if (!d) return;
  const body = { departmentKey: handOnForm.elements.departmentKey.value || null, reason: handOnForm.elements.reason.value };
  const send = handOnForm.querySelector('button[type="submit"]');
  send.disabled = true;
  handOnError.textContent = '';
  try {
    await api(`/api/documents/${d.id}/hand-on`, { method: 'POST', body });
  } catch (error) {
    send.disabled = false;
    showFieldErrors(handOnForm, error);
    // Not a field to mend (the document was processed or handed on meanwhile): said at once, the focus kept.
    if (!handOnForm.querySelector('[aria-invalid="true"]')) { handOnError.textContent = error.message; send.focus(); }
    return;
  }
  send.disabled = false;
  handingOn = null;
  handOnBox.hidden = true;
  // The row leaves this inbox: the status line, which says so, takes the focus.
  status.focus();
  await load(t('inbox.handedOnDone', { name: d.fileName, department: departmentName(body.departmentKey) }));
});
document.getElementById('hand-on-cancel').addEventListener('click', closeHandOn);
handOnBox.addEventListener('keydown', e => { if (e.key === 'Escape') { e.preventDefault(); closeHandOn(); } });

/** The inbox again; `done`, what the `pressed` button just did, is said before the count (which is said only when it changes). */
async function load(done, pressed) {
  const documents = await api(`/api/documents/inbox?${query()}`);
  replaceRows(rows, documents.map(row), status, pressed);
  write(status, [done, tn('inbox.count', documents.length)].filter(Boolean).join(' '));
  if (highlight) document.getElementById(`doc-${highlight}`)?.scrollIntoView({ block: 'center' });
}

filters.addEventListener('change', () => load());
filters.addEventListener('submit', e => e.preventDefault());
document.addEventListener('languagechange', () => { fillDepartments(); if (handingOn) fillHandOn(); load(); });
fillDepartments();
apply();
setInterval(() => load().catch(() => {}), 15000);
await load();
