import { register, t, languageSwitch } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';
import { formatInstant } from '/shared/dates.js';

register({
  de: {
    'audit.forbidden': 'Das Protokoll sehen Vorgesetzte und Administratoren.',
    'audit.title': 'Protokoll der Zugriffe', 'audit.filter': 'Filtern', 'audit.at': 'Zeit', 'audit.who': 'Wer', 'audit.action': 'Aktion',
    'audit.filterTitle': 'Protokoll filtern', 'audit.from': 'Von (Tag)', 'audit.to': 'Bis (Tag)', 'audit.person': 'Person oder Konto (Name, Benutzername oder Teil davon)',
    'audit.eventFilter': 'Anmeldeereignis', 'audit.unknownAccount': 'Unbekanntes Konto', 'audit.repeats': '{n} weitere Male',
    'audit.address': 'Adresse {ip}', 'audit.event.failed': 'Alle fehlgeschlagenen Anmeldungen', 'audit.event.signedIn': 'Angemeldet',
    'audit.event.signedOut': 'Abgemeldet', 'audit.event.unknownAccount': 'Anmeldung fehlgeschlagen: unbekannter Benutzername', 'audit.event.disabledAccount': 'Anmeldung fehlgeschlagen: Konto deaktiviert',
    'audit.event.wrongPassword': 'Anmeldung fehlgeschlagen: falsches Passwort', 'audit.event.codeMissing': 'Passwort richtig, Code des zweiten Faktors fehlt', 'audit.event.wrongCode': 'Anmeldung fehlgeschlagen: falscher Code (zweiter Faktor)',
    'audit.event.lockoutBegun': 'Konto vorübergehend gesperrt (zu viele Fehlversuche)', 'audit.event.whileLockedOut': 'Versuch während der Sperre', 'audit.event.passwordChangeFailed': 'Passwortwechsel: bisheriges Passwort falsch',
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
    'audit.filterTitle': 'Filter the log', 'audit.from': 'From (day)', 'audit.to': 'To (day)', 'audit.person': 'Person or account (name, user name or part of it)',
    'audit.eventFilter': 'Sign-in event', 'audit.unknownAccount': 'Unknown account', 'audit.repeats': '{n} more times',
    'audit.address': 'address {ip}', 'audit.event.failed': 'All failed sign-ins', 'audit.event.signedIn': 'Signed in',
    'audit.event.signedOut': 'Signed out', 'audit.event.unknownAccount': 'Sign-in failed: unknown user name', 'audit.event.disabledAccount': 'Sign-in failed: account disabled',
    'audit.event.wrongPassword': 'Sign-in failed: wrong password', 'audit.event.codeMissing': 'Password right, second-factor code missing', 'audit.event.wrongCode': 'Sign-in failed: wrong code (second factor)',
    'audit.event.lockoutBegun': 'Account locked for a while (too many failures)', 'audit.event.whileLockedOut': 'Attempt while locked', 'audit.event.passwordChangeFailed': 'Password change: current password wrong',
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
    'audit.filterTitle': 'Filtrer le journal', 'audit.from': 'Du (jour)', 'audit.to': 'Au (jour)', 'audit.person': 'Personne ou compte (nom, nom d’utilisateur ou partie du nom)',
    'audit.eventFilter': 'Événement de connexion', 'audit.unknownAccount': 'Compte inconnu', 'audit.repeats': '{n} fois de plus',
    'audit.address': 'adresse {ip}', 'audit.event.failed': 'Toutes les connexions échouées', 'audit.event.signedIn': 'Connexion réussie',
    'audit.event.signedOut': 'Déconnexion', 'audit.event.unknownAccount': 'Échec de connexion : nom d’utilisateur inconnu', 'audit.event.disabledAccount': 'Échec de connexion : compte désactivé',
    'audit.event.wrongPassword': 'Échec de connexion : mot de passe erroné', 'audit.event.codeMissing': 'Mot de passe correct, code du second facteur manquant', 'audit.event.wrongCode': 'Échec de connexion : code erroné (second facteur)',
    'audit.event.lockoutBegun': 'Compte bloqué temporairement (trop d’échecs)', 'audit.event.whileLockedOut': 'Tentative pendant le blocage', 'audit.event.passwordChangeFailed': 'Changement de mot de passe : mot de passe actuel erroné',
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
    'audit.filterTitle': 'Filtrare il protocollo', 'audit.from': 'Dal (giorno)', 'audit.to': 'Al (giorno)', 'audit.person': 'Persona o account (nome, nome utente o parte del nome)',
    'audit.eventFilter': 'Evento di accesso', 'audit.unknownAccount': 'Account sconosciuto', 'audit.repeats': 'altre {n} volte',
    'audit.address': 'indirizzo {ip}', 'audit.event.failed': 'Tutti gli accessi non riusciti', 'audit.event.signedIn': 'Accesso riuscito',
    'audit.event.signedOut': 'Disconnessione', 'audit.event.unknownAccount': 'Accesso non riuscito: nome utente sconosciuto', 'audit.event.disabledAccount': 'Accesso non riuscito: account disattivato',
    'audit.event.wrongPassword': 'Accesso non riuscito: password errata', 'audit.event.codeMissing': 'Password corretta, manca il codice del secondo fattore', 'audit.event.wrongCode': 'Accesso non riuscito: codice errato (secondo fattore)',
    'audit.event.lockoutBegun': 'Account bloccato temporaneamente (troppi tentativi falliti)', 'audit.event.whileLockedOut': 'Tentativo durante il blocco', 'audit.event.passwordChangeFailed': 'Cambio password: password attuale errata',
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
// Sign-in events, and "failed" for every failure (the server's SignInEvents).
const SIGN_IN_EVENTS = ['failed', 'unknownAccount', 'wrongPassword', 'codeMissing', 'wrongCode', 'lockoutBegun', 'whileLockedOut', 'disabledAccount', 'passwordChangeFailed', 'signedIn', 'signedOut'];
// A phone shows each entry as a card: a hundred of them made a page some 32,000 px long. It asks for 20 at a time.
const narrow = matchMedia('(max-width: 40rem)');
const pageSize = () => narrow.matches ? 20 : 100;
const $ = id => document.getElementById(id);
let shown = [];
let more = false;
let query = new URLSearchParams();

const result = status => status < 400 ? 'ok' : status === 401 || status === 403 ? 'refused' : status === 404 ? 'notFound' : status < 500 ? 'rejected' : 'failed';

function fillChoices() {
  for (const [id, keys, prefix] of [['subject', SUBJECTS, 'audit.subject.'], ['action', VERBS, 'audit.verb.'], ['event', SIGN_IN_EVENTS, 'audit.event.']]) {
    const select = $(id);
    const chosen = select.value;
    select.replaceChildren(new Option(t('audit.any'), ''), ...keys.map(k => new Option(t(prefix + k), k)));
    select.value = chosen;
  }
}

// A sign-in event on a name that matches no account names no one: the name typed is not kept.
const who = e => e.event && !e.account ? t('audit.unknownAccount') : e.staffName;

function actionOf(e) {
  const action = e.event ? t(`audit.event.${e.event}`)
    : EVENTS.includes(e.subject) ? t(`audit.subject.${e.subject}`) : `${t(`audit.subject.${e.subject}`)} – ${t(`audit.verb.${e.verb}`)}`;
  return e.repeats > 1 ? `${action} (${t('audit.repeats', { n: e.repeats })})` : action;
}

// A sign-in event concerns an account (its user name) and came from an address; any other entry, its path. One
// element: a phone's card sets each cell's content beside its name as one piece.
function targetOf(e) {
  const code = Object.assign(document.createElement('code'), { textContent: e.event ? (e.account ?? '') : e.path });
  if (!e.event || !e.clientIp) return code;
  const address = t('audit.address', { ip: e.clientIp });
  const target = document.createElement('span');
  target.append(...(e.account ? [code, ' – ', address] : [address]));
  return target;
}

function render() {
  $('entries').replaceChildren(...shown.map(e => {
    const tr = document.createElement('tr');
    const outcome = `${t(`audit.result.${result(e.status)}`)} (${e.status})`;
    for (const value of [formatInstant(e.at, { dateStyle: 'short', timeStyle: 'medium' }), who(e), actionOf(e), targetOf(e), outcome]) {
      const td = document.createElement('td');
      td.append(...[value].flat());
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
