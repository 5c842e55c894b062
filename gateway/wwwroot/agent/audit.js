import { register, t, languageSwitch } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';
import { formatInstant } from '/shared/dates.js';

register({
  de: {
    'audit.forbidden': 'Das Protokoll sehen Vorgesetzte und Administratoren.',
    'audit.title': 'Protokoll der Zugriffe', 'audit.filter': 'Filtern', 'audit.at': 'Zeit', 'audit.who': 'Wer', 'audit.action': 'Aktion',
    'audit.filterTitle': 'Protokoll filtern', 'audit.from': 'Von (Tag)', 'audit.to': 'Bis (Tag)', 'audit.person': 'Person (Name oder Teil davon)',
    'audit.case': 'Dossier- oder Beratungs-ID', 'audit.subject': 'Bereich', 'audit.actionFilter': 'Art', 'audit.any': 'Alle', 'audit.reset': 'Alle Filter löschen',
    'audit.target': 'Betroffen', 'audit.outcome': 'Ergebnis', 'audit.more': 'Ältere Einträge laden', 'audit.count': 'Angezeigte Einträge: {n}', 'audit.countMore': 'Angezeigte Einträge: {n} – es gibt ältere',
    'audit.none': 'Keine Einträge für diese Filter.',
    'audit.verb.viewed': 'angesehen', 'audit.verb.changed': 'geändert', 'audit.verb.deleted': 'gelöscht',
    'audit.subject.dossier': 'Dossier', 'audit.subject.form': 'Formular', 'audit.subject.identity': 'Identitätsprüfung', 'audit.subject.kiosk': 'Scanner-Terminal',
    'audit.subject.documents': 'Dokumente', 'audit.subject.consultation': 'Beratung', 'audit.subject.services': 'Angebot & Öffnungszeiten', 'audit.subject.statistics': 'Statistik',
    'audit.subject.queue': 'Warteschlange', 'audit.subject.appointments': 'Termine', 'audit.subject.staffAccount': 'Konto von Mitarbeitenden', 'audit.subject.auditLog': 'Protokoll',
    'audit.subject.ownAccount': 'Eigenes Konto', 'audit.subject.other': 'Anderes', 'audit.subject.signIn': 'Anmeldung', 'audit.subject.signOut': 'Abmeldung',
    'audit.result.ok': 'erledigt', 'audit.result.refused': 'verweigert', 'audit.result.notFound': 'nicht gefunden', 'audit.result.rejected': 'Eingabe abgelehnt', 'audit.result.failed': 'Fehler',
  },
  en: {
    'audit.forbidden': 'The access log is for supervisors and administrators.',
    'audit.title': 'Access log', 'audit.filter': 'Filter', 'audit.at': 'Time', 'audit.who': 'Who', 'audit.action': 'Action',
    'audit.filterTitle': 'Filter the log', 'audit.from': 'From (day)', 'audit.to': 'To (day)', 'audit.person': 'Person (name or part of it)',
    'audit.case': 'Dossier or consultation ID', 'audit.subject': 'Area', 'audit.actionFilter': 'Kind', 'audit.any': 'All', 'audit.reset': 'Clear all filters',
    'audit.target': 'Concerns', 'audit.outcome': 'Outcome', 'audit.more': 'Load older entries', 'audit.count': 'Entries shown: {n}', 'audit.countMore': 'Entries shown: {n} – there are older ones',
    'audit.none': 'No entries for these filters.',
    'audit.verb.viewed': 'viewed', 'audit.verb.changed': 'changed', 'audit.verb.deleted': 'deleted',
    'audit.subject.dossier': 'Dossier', 'audit.subject.form': 'Form', 'audit.subject.identity': 'Identity check', 'audit.subject.kiosk': 'Scanner kiosk',
    'audit.subject.documents': 'Documents', 'audit.subject.consultation': 'Consultation', 'audit.subject.services': 'Services & opening hours', 'audit.subject.statistics': 'Statistics',
    'audit.subject.queue': 'Queue', 'audit.subject.appointments': 'Appointments', 'audit.subject.staffAccount': 'Staff account', 'audit.subject.auditLog': 'Access log',
    'audit.subject.ownAccount': 'Own account', 'audit.subject.other': 'Other', 'audit.subject.signIn': 'Sign-in', 'audit.subject.signOut': 'Sign-out',
    'audit.result.ok': 'done', 'audit.result.refused': 'refused', 'audit.result.notFound': 'not found', 'audit.result.rejected': 'input rejected', 'audit.result.failed': 'error',
  },
  fr: {
    'audit.forbidden': 'Le journal des accès est réservé aux cadres et aux administrateurs.',
    'audit.title': 'Journal des accès', 'audit.filter': 'Filtrer', 'audit.at': 'Heure', 'audit.who': 'Qui', 'audit.action': 'Action',
    'audit.filterTitle': 'Filtrer le journal', 'audit.from': 'Du (jour)', 'audit.to': 'Au (jour)', 'audit.person': 'Personne (nom ou partie du nom)',
    'audit.case': 'ID du dossier ou de l’entretien', 'audit.subject': 'Domaine', 'audit.actionFilter': 'Type', 'audit.any': 'Tous', 'audit.reset': 'Effacer tous les filtres',
    'audit.target': 'Concerne', 'audit.outcome': 'Résultat', 'audit.more': 'Charger des entrées plus anciennes', 'audit.count': 'Entrées affichées : {n}', 'audit.countMore': 'Entrées affichées : {n} – il y en a de plus anciennes',
    'audit.none': 'Aucune entrée pour ces filtres.',
    'audit.verb.viewed': 'consulté', 'audit.verb.changed': 'modifié', 'audit.verb.deleted': 'supprimé',
    'audit.subject.dossier': 'Dossier', 'audit.subject.form': 'Formulaire', 'audit.subject.identity': 'Contrôle d’identité', 'audit.subject.kiosk': 'Terminal de numérisation',
    'audit.subject.documents': 'Documents', 'audit.subject.consultation': 'Entretien', 'audit.subject.services': 'Prestations et horaires', 'audit.subject.statistics': 'Statistiques',
    'audit.subject.queue': 'File d’attente', 'audit.subject.appointments': 'Rendez-vous', 'audit.subject.staffAccount': 'Compte d’un·e collaborateur·rice', 'audit.subject.auditLog': 'Journal des accès',
    'audit.subject.ownAccount': 'Propre compte', 'audit.subject.other': 'Autre', 'audit.subject.signIn': 'Connexion', 'audit.subject.signOut': 'Déconnexion',
    'audit.result.ok': 'effectué', 'audit.result.refused': 'refusé', 'audit.result.notFound': 'introuvable', 'audit.result.rejected': 'saisie refusée', 'audit.result.failed': 'erreur',
  },
  it: {
    'audit.forbidden': 'Il registro degli accessi è riservato ai quadri e agli amministratori.',
    'audit.title': 'Protocollo degli accessi', 'audit.filter': 'Filtrare', 'audit.at': 'Ora', 'audit.who': 'Chi', 'audit.action': 'Azione',
    'audit.filterTitle': 'Filtrare il protocollo', 'audit.from': 'Dal (giorno)', 'audit.to': 'Al (giorno)', 'audit.person': 'Persona (nome o parte del nome)',
    'audit.case': 'ID dell’incarto o del colloquio', 'audit.subject': 'Ambito', 'audit.actionFilter': 'Tipo', 'audit.any': 'Tutti', 'audit.reset': 'Cancellare tutti i filtri',
    'audit.target': 'Riguarda', 'audit.outcome': 'Esito', 'audit.more': 'Caricare voci meno recenti', 'audit.count': 'Voci visualizzate: {n}', 'audit.countMore': 'Voci visualizzate: {n} – ce ne sono di meno recenti',
    'audit.none': 'Nessuna voce per questi filtri.',
    'audit.verb.viewed': 'consultato', 'audit.verb.changed': 'modificato', 'audit.verb.deleted': 'eliminato',
    'audit.subject.dossier': 'Incarto', 'audit.subject.form': 'Modulo', 'audit.subject.identity': 'Verifica dell’identità', 'audit.subject.kiosk': 'Terminale di scansione',
    'audit.subject.documents': 'Documenti', 'audit.subject.consultation': 'Colloquio', 'audit.subject.services': 'Servizi e orari', 'audit.subject.statistics': 'Statistiche',
    'audit.subject.queue': 'Coda', 'audit.subject.appointments': 'Appuntamenti', 'audit.subject.staffAccount': 'Account di un collaboratore', 'audit.subject.auditLog': 'Protocollo degli accessi',
    'audit.subject.ownAccount': 'Proprio account', 'audit.subject.other': 'Altro', 'audit.subject.signIn': 'Accesso', 'audit.subject.signOut': 'Disconnessione',
    'audit.result.ok': 'eseguito', 'audit.result.refused': 'rifiutato', 'audit.result.notFound': 'non trovato', 'audit.result.rejected': 'dati respinti', 'audit.result.failed': 'errore',
  },
});

const SUBJECTS = ['dossier', 'form', 'identity', 'documents', 'consultation', 'appointments', 'queue', 'kiosk', 'services', 'statistics', 'staffAccount', 'auditLog', 'signIn', 'ownAccount'];
// Events that say it all in one word ("Anmeldung"), without "viewed/changed".
const EVENTS = ['signIn', 'signOut'];
const VERBS = ['viewed', 'changed', 'deleted'];
// A phone shows each entry as a card: a hundred of them made a page some 32,000 px long. It asks for 20 at a time.
const narrow = matchMedia('(max-width: 40rem)');
const pageSize = () => narrow.matches ? 20 : 100;
const $ = id => document.getElementById(id);
let shown = [];
let more = false;
let query = new URLSearchParams();

const result = status => status < 400 ? 'ok' : status === 401 || status === 403 ? 'refused' : status === 404 ? 'notFound' : status < 500 ? 'rejected' : 'failed';

function fillChoices() {
  for (const [id, keys, prefix] of [['subject', SUBJECTS, 'audit.subject.'], ['action', VERBS, 'audit.verb.']]) {
    const select = $(id);
    const chosen = select.value;
    select.replaceChildren(new Option(t('audit.any'), ''), ...keys.map(k => new Option(t(prefix + k), k)));
    select.value = chosen;
  }
}

function render() {
  $('entries').replaceChildren(...shown.map(e => {
    const tr = document.createElement('tr');
    const action = EVENTS.includes(e.subject) ? t(`audit.subject.${e.subject}`) : `${t(`audit.subject.${e.subject}`)} – ${t(`audit.verb.${e.verb}`)}`;
    const target = Object.assign(document.createElement('code'), { textContent: e.path });
    const outcome = `${t(`audit.result.${result(e.status)}`)} (${e.status})`;
    for (const value of [formatInstant(e.at, { dateStyle: 'short', timeStyle: 'medium' }), e.staffName, action, target, outcome]) {
      const td = document.createElement('td');
      td.append(value);
      tr.append(td);
    }
    return tr;
  }));
  $('count').textContent = shown.length ? t(more ? 'audit.countMore' : 'audit.count', { n: shown.length }) : t('audit.none');
  // The last entries loaded by the button take it away: the focus goes to the count, not to the page's start.
  const button = $('more');
  if (!more && document.activeElement === button) $('count').focus();
  button.hidden = !more;
}

let asked = 0;

async function load(append = false) {
  // Only the latest question's answer is shown (the first page may still be on its way when a filter is sent).
  const mine = ++asked;
  const form = $('filter');
  const q = new URLSearchParams(query);
  const take = pageSize();
  q.set('take', String(take));
  if (append && shown.length) q.set('before', String(shown[shown.length - 1].id));
  $('filter-error').textContent = '';
  try {
    const entries = await api(`/api/audit?${q}`);
    if (mine !== asked) return;
    showFieldErrors(form, {});
    shown = append ? shown.concat(entries) : entries;
    more = entries.length === take;
    render();
  } catch (e) {
    if (mine !== asked) return;
    if (e instanceof ApiError && e.status === 400) showFieldErrors(form, e);
    // A clerk who opens the page by its address is told whose it is, not that something went wrong.
    else if (e instanceof ApiError && e.status === 403) $('filter-error').textContent = t('audit.forbidden');
    else $('filter-error').textContent = t('common.error');
  }
}

languageSwitch();
await staffPage();
fillChoices();
$('filter').addEventListener('submit', event => {
  event.preventDefault();
  query = new URLSearchParams();
  for (const [k, v] of new FormData(event.currentTarget)) if (String(v).trim()) query.set(k, String(v).trim());
  load();
});
$('filter').addEventListener('reset', () => { query = new URLSearchParams(); setTimeout(load); });
$('more').addEventListener('click', () => load(true));
document.addEventListener('languagechange', () => { fillChoices(); render(); });
await load();
