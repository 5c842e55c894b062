// Staff list, filter and move the dossiers of their departments; every status change mails the resident.
import { register, languageSwitch, language, t, tn, pick, languageName, easyGermanName, apply } from '/shared/i18n.js';
import { api, showFieldErrors } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';
import { renderList } from '/shared/documents-panel.js';
import { formatDateTime } from '/shared/dates.js';

const STATUSES = ['received', 'in_review', 'needs_information', 'completed', 'rejected'];
const NAMES = {
  de: { received: 'Eingegangen', in_review: 'In Bearbeitung', needs_information: 'Angaben fehlen', completed: 'Abgeschlossen', rejected: 'Abgelehnt' },
  en: { received: 'Received', in_review: 'In review', needs_information: 'Information needed', completed: 'Completed', rejected: 'Rejected' },
  fr: { received: 'Reçu', in_review: 'En cours de traitement', needs_information: 'Informations manquantes', completed: 'Clos', rejected: 'Refusé' },
  it: { received: 'Ricevuto', in_review: 'In trattamento', needs_information: 'Dati mancanti', completed: 'Concluso', rejected: 'Respinto' },
};
register({
  de: { 'ds.title': 'Dossiers', 'ds.forbidden': 'Dossiers sehen nur Mitarbeitende der Fachbereiche.', 'ds.status': 'Stand', 'ds.concern': 'Anliegen', 'ds.all': 'Alle', 'ds.filter': 'Filtern', 'ds.reference': 'Referenz', 'ds.applicant': 'Person', 'ds.submitted': 'Eingereicht', 'ds.pdf': 'PDF öffnen', 'ds.change': 'Stand ändern', 'ds.newStatus': 'Neuer Stand', 'ds.note': 'Mitteilung an die Person (erscheint in der E-Mail und im Statuslink)', 'ds.save': 'Speichern und Person benachrichtigen', 'ds.history': 'Verlauf', 'ds.answers': 'Angaben', 'ds.count': '{n} Dossiers', 'ds.count.one': '{n} Dossier', 'ds.saved': 'Gespeichert; die Person wird per E-Mail benachrichtigt.', 'ds.final': 'Dieses Dossier ist abgeschlossen.', 'ds.delivered': 'an die Dokumentablage übergeben', 'ds.pending': 'Übergabe an die Dokumentablage ausstehend', 'ds.printing': 'Das PDF wird erstellt …', 'ds.sig.tan': 'Einmal-Code (TAN)', 'ds.sig.drawn': 'von Hand auf dem Bildschirm', 'ds.signedWith': 'Unterschrift: {kind}', 'ds.record': 'Vermerk im PDF, auf {name}:', 'ds.language': 'Sprache: {name}' },
  en: { 'ds.title': 'Dossiers', 'ds.forbidden': 'Only staff of the departments see dossiers.', 'ds.status': 'Status', 'ds.concern': 'Concern', 'ds.all': 'All', 'ds.filter': 'Filter', 'ds.reference': 'Reference', 'ds.applicant': 'Person', 'ds.submitted': 'Submitted', 'ds.pdf': 'Open PDF', 'ds.change': 'Change status', 'ds.newStatus': 'New status', 'ds.note': 'Message to the person (shown in the email and the status link)', 'ds.save': 'Save and notify the person', 'ds.history': 'History', 'ds.answers': 'Answers', 'ds.count': '{n} dossiers', 'ds.count.one': '{n} dossier', 'ds.saved': 'Saved; the person is notified by email.', 'ds.final': 'This dossier is closed.', 'ds.delivered': 'handed to the document inbox', 'ds.pending': 'hand-over to the document inbox pending', 'ds.printing': 'The PDF is being made …', 'ds.sig.tan': 'one-time code (TAN)', 'ds.sig.drawn': 'by hand on screen', 'ds.signedWith': 'Signature: {kind}', 'ds.record': 'Note in the PDF, in {name}:', 'ds.language': 'Language: {name}' },
  fr: {
    'ds.title': 'Dossiers',
    'ds.forbidden': 'Seuls les collaborateurs des services spécialisés voient les dossiers.',
    'ds.status': 'État',
    'ds.concern': 'Démarche',
    'ds.all': 'Tous',
    'ds.filter': 'Filtrer',
    'ds.reference': 'Référence',
    'ds.applicant': 'Personne',
    'ds.submitted': 'Déposé',
    'ds.pdf': 'Ouvrir le PDF',
    'ds.printing': 'Le PDF est en cours de création …',
    'ds.change': 'Modifier l’état',
    'ds.newStatus': 'Nouvel état',
    'ds.note': 'Message à la personne (figure dans l’e-mail et sur le lien de suivi)',
    'ds.save': 'Enregistrer et informer la personne',
    'ds.history': 'Historique',
    'ds.answers': 'Données',
    'ds.count': '{n} dossiers',
    'ds.count.one': '{n} dossier',
    'ds.saved': 'Enregistré ; la personne est informée par e-mail.',
    'ds.final': 'Ce dossier est clos.',
    'ds.delivered': 'transmis au classement des documents',
    'ds.pending': 'transmission au classement des documents en attente',
    'ds.sig.tan': 'code à usage unique (TAN)',
    'ds.sig.drawn': 'à la main sur l’écran',
    'ds.signedWith': 'Signature : {kind}',
    'ds.record': 'Mention dans le PDF, en {name} :',
    'ds.language': 'Langue : {name}',
  },
  it: {
    'ds.title': 'Incarti',
    'ds.forbidden': 'Solo i collaboratori dei servizi specialistici vedono gli incarti.',
    'ds.status': 'Stato',
    'ds.concern': 'Pratica',
    'ds.all': 'Tutti',
    'ds.filter': 'Filtrare',
    'ds.reference': 'Riferimento',
    'ds.applicant': 'Persona',
    'ds.submitted': 'Inoltrato',
    'ds.pdf': 'Aprire il PDF',
    'ds.printing': 'Il PDF è in fase di creazione …',
    'ds.change': 'Modificare lo stato',
    'ds.newStatus': 'Nuovo stato',
    'ds.note': 'Messaggio alla persona (compare nell’e-mail e nel link dello stato)',
    'ds.save': 'Salvare e informare la persona',
    'ds.history': 'Cronologia',
    'ds.answers': 'Dati',
    'ds.count': '{n} incarti',
    'ds.count.one': '{n} incarto',
    'ds.saved': 'Salvato; la persona viene informata per e-mail.',
    'ds.final': 'Questo incarto è chiuso.',
    'ds.delivered': 'trasmesso all’archivio dei documenti',
    'ds.pending': 'trasmissione all’archivio dei documenti in sospeso',
    'ds.sig.tan': 'codice monouso (TAN)',
    'ds.sig.drawn': 'a mano sullo schermo',
    'ds.signedWith': 'Firma: {kind}',
    'ds.record': 'Nota nel PDF, in {name}:',
    'ds.language': 'Lingua: {name}',
  },
});
languageSwitch();
const me = await staffPage();

const $ = id => document.getElementById(id);
const name = s => (NAMES[language()] ?? NAMES.de)[s] ?? s;
/** A dossier's language by its name in the page's language (Leichte Sprache: "allemand facile (Leichte Sprache)"). */
function dossierLanguage(code) {
  return code === 'de-x-ls' ? easyGermanName() : languageName(code);
}
const when = iso => formatDateTime(iso, 'short');
let selected = null;

function fillFilters(definitions) {
  const status = $('f-status');
  status.append(...STATUSES.map(s => new Option(name(s), s)));
  // The forms of one's own departments: the list holds no other department's dossiers.
  const own = definitions.filter(d => me.roles.includes('admin') || me.departments.includes(d.departmentKey));
  $('f-concern').append(...own.map(d => new Option(pick(d.title) ?? d.title.de, d.concernKey)));
}

// A closed list shows one line: a long concern name ("Anmeldung eines Hundes mit Befreiung von der Hundesteuer …") was
// cut on a phone. Where the list cuts the chosen name, it stands whole under the list; a screen reader hears it whole
// from the list itself, so the line is hidden from it.
function showChosenConcern() {
  const select = $('f-concern'), full = $('f-concern-full');
  const name = select.value ? select.selectedOptions[0].text : '';
  full.textContent = name;
  full.hidden = !name || !isCut(select, name);
}

/** Whether the list's box is narrower than an unseen copy of it holding only the text, as wide as that needs. */
function isCut(select, text) {
  const probe = select.cloneNode(false);
  probe.removeAttribute('id');
  probe.removeAttribute('name');
  probe.className = 'ds-probe';
  probe.append(new Option(text));
  select.after(probe);
  const needed = probe.getBoundingClientRect().width;
  probe.remove();
  return needed > select.getBoundingClientRect().width + 0.5;
}

async function list() {
  const q = new URLSearchParams(new FormData($('filters')));
  for (const [k, v] of [...q]) if (!v) q.delete(k);
  try {
    const rows = await api(`/api/forms/dossiers?${q}`);
    $('count').textContent = tn('ds.count', rows.length, { n: rows.length });
    $('list').querySelector('tbody').replaceChildren(...rows.map(d => {
      const tr = document.createElement('tr');
      tr.setAttribute('aria-selected', String(d.id === selected));
      const open = Object.assign(document.createElement('button'), { type: 'button', className: 'link reference', textContent: d.reference });
      open.addEventListener('click', () => show(d.id));
      const cells = [open, d.applicantName, name(d.status), when(d.submittedAt)].map(v => { const td = document.createElement('td'); td.append(v); return td; });
      tr.append(...cells);
      return tr;
    }));
  } catch (error) {
    $('count').textContent = error.status === 403 ? t('ds.forbidden') : error.message;
  }
}

// The PDF is printed seconds after submitting; until then the link would only answer "being printed", so the line
// says so and is looked at again (only it: a status being chosen meanwhile stays as it is).
// Looked at again after 2 s, then less often, at most every 30 s.
function showPdf(id, s, delay = 2000) {
  $('d-pdf').href = `/api/forms/dossiers/${id}/pdf`;
  $('d-pdf').hidden = !s.pdfReady;
  $('d-delivered').textContent = s.pdfReady ? ` · ${s.pdfDelivered ? t('ds.delivered') : t('ds.pending')}` : t('ds.printing');
  if (!s.pdfReady) {
    setTimeout(async () => {
      if (selected !== id) return;
      try { showPdf(id, (await api(`/api/forms/dossiers/${id}?lang=${language()}`)).dossier, Math.min(delay * 1.5, 30000)); } catch { /* the next selection shows it */ }
    }, delay);
  }
}

async function show(id) {
  selected = id;
  const d = await api(`/api/forms/dossiers/${id}?lang=${language()}`);
  const s = d.dossier;
  $('d-title').textContent = `${s.reference} – ${s.title ? (pick(s.title) ?? s.title.de) : s.definitionId}`;
  // The person's language: the note below reaches them in it, in the mail and on the status page.
  $('d-meta').textContent = `${s.applicantName} · ${d.email} · ${t('ds.language', { name: dossierLanguage(d.language) })} · ${name(s.status)}`;
  showPdf(id, s);
  $('d-signature').textContent = t('ds.signedWith', { kind: t(`ds.sig.${d.signatureKind}`) });
  // The signature's record as the PDF prints it, in the person's language (marked so, for a screen reader too).
  $('d-record-label').textContent = t('ds.record', { name: dossierLanguage(d.language) });
  Object.assign($('d-record'), { textContent: d.signatureSummary, lang: d.language === 'de-x-ls' ? 'de' : d.language });
  showConsultation(id, d.sessionId);
  const select = $('c-status');
  select.replaceChildren(...d.nextStatuses.map(n => new Option(name(n), n)));
  $('change').hidden = d.nextStatuses.length === 0;
  $('c-result').textContent = d.nextStatuses.length ? '' : t('ds.final');
  $('d-history').replaceChildren(...d.history.map(h => {
    const li = document.createElement('li');
    li.textContent = `${name(h.status)} · ${when(h.at)}${h.staffName ? ' · ' + h.staffName : ''}${h.note ? ' – ' + h.note : ''}`;
    return li;
  }));
  $('d-answers').replaceChildren(...d.answers.flatMap(a => [
    Object.assign(document.createElement('dt'), { textContent: a.label }),
    Object.assign(document.createElement('dd'), { textContent: a.value }),
  ]));
  $('detail').hidden = false;
  for (const tr of $('list').querySelectorAll('tbody tr')) tr.setAttribute('aria-selected', String(tr.querySelector('button').textContent === s.reference));
  $('d-title').focus?.();
}

register({
  de: {
    'ds.identity': 'Identitätsprüfung in der Beratung', 'ds.docs': 'Dokumente der Beratung',
    'ds.id.verified': 'Identität bestätigt von {by} am {at}.', 'ds.id.rejected': 'Identität nicht bestätigt ({by}, {at}).',
    'ds.id.open': 'Eine Prüfung wurde begonnen, aber nicht abgeschlossen.', 'ds.id.none': 'In dieser Beratung wurde die Identität nicht geprüft.',
    'ds.id.forbidden': 'Nur für die Abteilung der Beratung sichtbar.', 'ds.unavailable': 'Gerade nicht verfügbar – bitte später noch einmal öffnen.', 'ds.someone': 'einer Mitarbeiterin oder einem Mitarbeiter',
  },
  en: {
    'ds.identity': 'Identity check in the consultation', 'ds.docs': "The consultation's documents",
    'ds.id.verified': 'Identity verified by {by} on {at}.', 'ds.id.rejected': 'Identity not verified ({by}, {at}).',
    'ds.id.open': 'A check was started but not completed.', 'ds.id.none': 'The identity was not checked in this consultation.',
    'ds.id.forbidden': "Visible to the consultation's department only.", 'ds.unavailable': 'Not available just now – please open it again later.', 'ds.someone': 'a member of staff',
  },
  fr: {
    'ds.identity': 'Contrôle d’identité pendant l’entretien', 'ds.docs': 'Documents de l’entretien',
    'ds.id.verified': 'Identité confirmée par {by} le {at}.', 'ds.id.rejected': 'Identité non confirmée ({by}, {at}).',
    'ds.id.open': 'Un contrôle a été commencé mais pas terminé.', 'ds.id.none': 'L’identité n’a pas été contrôlée pendant cet entretien.',
    'ds.id.forbidden': 'Visible uniquement pour le service de l’entretien.', 'ds.unavailable': 'Indisponible pour le moment – veuillez rouvrir plus tard.', 'ds.someone': 'un·e collaborateur·rice',
  },
  it: {
    'ds.identity': 'Verifica dell’identità nel colloquio', 'ds.docs': 'Documenti del colloquio',
    'ds.id.verified': 'Identità confermata da {by} il {at}.', 'ds.id.rejected': 'Identità non confermata ({by}, {at}).',
    'ds.id.open': 'Una verifica è stata avviata ma non conclusa.', 'ds.id.none': 'In questo colloquio l’identità non è stata verificata.',
    'ds.id.forbidden': 'Visibile solo al servizio del colloquio.', 'ds.unavailable': 'Al momento non disponibile: riaprite più tardi.', 'ds.someone': 'un collaboratore o una collaboratrice',
  },
});

/**
 * The consultation the dossier came from: its identity check (verified or not, by whom, when) and its documents,
 * with "open" links for what the clerk's department may see. A dossier without a consultation shows neither.
 */
async function showConsultation(dossierId, sessionId) {
  const box = $('d-consultation');
  box.hidden = !sessionId;
  if (!sessionId) return;
  // Its headings' texts are registered after the page's first translation pass.
  apply(box);
  const identity = $('d-identity');
  const docs = $('d-docs');
  identity.textContent = t('common.loading');
  docs.replaceChildren();
  const [check, documents] = await Promise.allSettled([
    api(`/api/identity/sessions/${sessionId}`),
    api(`/api/documents/sessions/${sessionId}`),
  ]);
  if (selected !== dossierId) return;
  if (check.status === 'fulfilled') {
    const r = check.value;
    identity.textContent = t(`ds.id.${r.status}`, { by: r.decidedBy || t('ds.someone'), at: r.decidedAt ? when(r.decidedAt) : '' });
    identity.className = r.status === 'verified' ? 'ok' : r.status === 'rejected' ? 'error' : '';
  } else {
    identity.textContent = t(check.reason?.status === 403 ? 'ds.id.forbidden' : 'ds.unavailable');
    identity.className = 'hint';
  }
  if (documents.status === 'fulfilled') {
    renderList(docs, documents.value, { canOpen: true });
  } else {
    docs.replaceChildren(Object.assign(document.createElement('li'), { className: 'hint', textContent: t('ds.unavailable') }));
  }
}

$('filters').addEventListener('submit', e => { e.preventDefault(); list(); });
$('f-concern').addEventListener('change', showChosenConcern);
let resizing;
window.addEventListener('resize', () => { clearTimeout(resizing); resizing = setTimeout(showChosenConcern, 200); });
$('change').addEventListener('submit', async e => {
  e.preventDefault();
  const form = e.currentTarget;
  try {
    await api(`/api/forms/dossiers/${selected}/status`, { method: 'POST', body: { status: $('c-status').value, note: $('c-note').value } });
    showFieldErrors(form, {});
    $('c-note').value = '';
    await show(selected);
    $('c-result').textContent = t('ds.saved');
    $('c-result').className = 'ok';
    await list();
  } catch (error) {
    showFieldErrors(form, error);
    $('c-result').textContent = error.message;
    $('c-result').className = 'error';
  }
});

api('/api/forms/definitions').then(fillFilters).finally(list);
