import { register, t, language, languageNames, languageSwitch, say, showEasyGermanName } from '/shared/i18n.js';
import { api } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';
import { RoomConnection, bindChat, hubError } from '/shared/signaling.js';
import { CallControls, captureStill } from '/shared/rtc.js';
import { watchPicture } from '/agent/picture-watch.js';
import { formatTime } from '/shared/dates.js';

register({
  de: {
    'aroom.title': 'Beratung', 'aroom.titleWith': 'Beratung: {concern}',
    'aroom.accepting': 'Beratung wird übernommen …', 'aroom.resident': 'Einwohner/in', 'aroom.name': 'Name', 'aroom.concern': 'Anliegen',
    'aroom.department': 'Abteilung', 'aroom.contact': 'E-Mail', 'aroom.presence': 'Im Raum', 'aroom.language': 'Sprache',
    'aroom.remoteVideo': 'Video der Einwohnerin / des Einwohners', 'aroom.startVideo': 'Video anfragen',
    'aroom.actions': 'Weiterleiten und einladen', 'aroom.transferTo': 'An Abteilung weiterleiten', 'aroom.transfer': 'Weiterleiten',
    'aroom.inviteName': 'Name der eingeladenen Person', 'aroom.inviteRole': 'Rolle', 'aroom.invite': 'Einladungslink erstellen',
    'aroom.inviteLink': 'Link für {name} (gültig bis {until}): {link}', 'aroom.end': 'Beratung beenden', 'aroom.endConfirm': 'Beratung wirklich beenden?',
    'aroom.identity': 'Identität', 'aroom.form': 'Formular', 'aroom.documents': 'Unterlagen', 'aroom.active': 'Sie betreuen {name}.',
    'aroom.residentAbsent': '{name} ist noch nicht im Raum.', 'aroom.residentLeft': '{name} hat den Raum verlassen.', 'aroom.ended': 'Die Beratung ist beendet.', 'aroom.transferred': 'Die Beratung wurde weitergeleitet.', 'aroom.released': 'Ihr Konto wurde geändert. Die Beratung wartet wieder bei der Abteilung.',
    'aroom.noRoom': 'Öffnen Sie eine Beratung aus der Warteschlange oder den Terminen.', 'aroom.panelUnavailable': 'Nicht verfügbar.',
    'aroom.back': 'Zur Übersicht', 'aroom.nobody': '–',
    'aroom.transferToColleague': 'An Kollegin oder Kollegen weiterleiten', 'aroom.colleagueBusy': '{name} (in einer Beratung)',
    'aroom.colleagueHint': 'Angemeldete Kolleginnen und Kollegen Ihrer Abteilung; der Chatverlauf geht mit.',
    'aroom.noColleague': 'Gerade ist niemand sonst aus der Abteilung angemeldet.',
  },
  en: {
    'aroom.title': 'Consultation', 'aroom.titleWith': 'Consultation: {concern}',
    'aroom.accepting': 'Taking the consultation …', 'aroom.resident': 'Resident', 'aroom.name': 'Name', 'aroom.concern': 'Concern',
    'aroom.department': 'Department', 'aroom.contact': 'E-mail', 'aroom.presence': 'In the room', 'aroom.language': 'Language',
    'aroom.remoteVideo': "The resident's video", 'aroom.startVideo': 'Ask for video',
    'aroom.actions': 'Transfer and invite', 'aroom.transferTo': 'Transfer to department', 'aroom.transfer': 'Transfer',
    'aroom.inviteName': 'Name of the invited person', 'aroom.inviteRole': 'Role', 'aroom.invite': 'Create invitation link',
    'aroom.inviteLink': 'Link for {name} (valid until {until}): {link}', 'aroom.end': 'End consultation', 'aroom.endConfirm': 'Really end the consultation?',
    'aroom.identity': 'Identity', 'aroom.form': 'Form', 'aroom.documents': 'Documents', 'aroom.active': 'You are serving {name}.',
    'aroom.residentAbsent': '{name} is not in the room yet.', 'aroom.residentLeft': '{name} has left the room.', 'aroom.ended': 'The consultation has ended.', 'aroom.transferred': 'The consultation was transferred.', 'aroom.released': 'Your account was changed. The consultation waits for its department again.',
    'aroom.noRoom': 'Open a consultation from the queue or the appointments.', 'aroom.panelUnavailable': 'Not available.',
    'aroom.back': 'Back to the overview', 'aroom.nobody': '–',
    'aroom.transferToColleague': 'Transfer to a colleague', 'aroom.colleagueBusy': '{name} (in a consultation)',
    'aroom.colleagueHint': 'Signed-in colleagues of your department; the chat history goes along.',
    'aroom.noColleague': 'No one else from the department is signed in right now.',
  },
  fr: {
    'aroom.title': 'Entretien',
    'aroom.titleWith': 'Entretien : {concern}',
    'aroom.accepting': 'Prise en charge de l’entretien …',
    'aroom.resident': 'Habitant·e',
    'aroom.name': 'Nom',
    'aroom.concern': 'Démarche',
    'aroom.department': 'Service',
    'aroom.contact': 'E-mail',
    'aroom.language': 'Langue',
    'aroom.presence': 'Dans la salle',
    'aroom.remoteVideo': 'Vidéo de l’habitant·e',
    'aroom.startVideo': 'Demander la vidéo',
    'aroom.actions': 'Transférer et inviter',
    'aroom.transferTo': 'Transférer à un service',
    'aroom.transfer': 'Transférer',
    'aroom.inviteName': 'Nom de la personne invitée',
    'aroom.inviteRole': 'Rôle',
    'aroom.invite': 'Créer un lien d’invitation',
    'aroom.inviteLink': 'Lien pour {name} (valable jusqu’à {until}) : {link}',
    'aroom.end': 'Terminer l’entretien',
    'aroom.endConfirm': 'Vraiment terminer l’entretien ?',
    'aroom.identity': 'Identité',
    'aroom.form': 'Formulaire',
    'aroom.documents': 'Documents',
    'aroom.active': 'Vous vous occupez de {name}.',
    'aroom.residentAbsent': '{name} n’est pas encore dans la salle.', 'aroom.residentLeft': '{name} a quitté la salle.',
    'aroom.ended': 'L’entretien est terminé.',
    'aroom.transferred': 'L’entretien a été transféré.', 'aroom.released': 'Votre compte a été modifié. L’entretien attend à nouveau dans son service.',
    'aroom.noRoom': 'Ouvrez un entretien depuis la file d’attente ou les rendez-vous.',
    'aroom.panelUnavailable': 'Non disponible.',
    'aroom.back': 'Retour à la vue d’ensemble',
    'aroom.nobody': '–',
    'aroom.transferToColleague': 'Transférer à un·e collègue',
    'aroom.colleagueBusy': '{name} (en entretien)',
    'aroom.colleagueHint': 'Collègues de votre service actuellement connecté·e·s ; l’historique du chat est transmis.',
    'aroom.noColleague': 'Personne d’autre du service n’est connecté pour le moment.',
  },
  it: {
    'aroom.title': 'Colloquio',
    'aroom.titleWith': 'Colloquio: {concern}',
    'aroom.accepting': 'Presa in carico del colloquio …',
    'aroom.resident': 'Residente',
    'aroom.name': 'Nome',
    'aroom.concern': 'Pratica',
    'aroom.department': 'Servizio',
    'aroom.contact': 'E-mail',
    'aroom.language': 'Lingua',
    'aroom.presence': 'Nella stanza',
    'aroom.remoteVideo': 'Video del/della residente',
    'aroom.startVideo': 'Richiedere il video',
    'aroom.actions': 'Trasferire e invitare',
    'aroom.transferTo': 'Trasferire a un servizio',
    'aroom.transfer': 'Trasferire',
    'aroom.inviteName': 'Nome della persona invitata',
    'aroom.inviteRole': 'Ruolo',
    'aroom.invite': 'Creare un link d’invito',
    'aroom.inviteLink': 'Link per {name} (valido fino alle {until}): {link}',
    'aroom.end': 'Terminare il colloquio',
    'aroom.endConfirm': 'Terminare davvero il colloquio?',
    'aroom.identity': 'Identità',
    'aroom.form': 'Modulo',
    'aroom.documents': 'Documenti',
    'aroom.active': 'State assistendo {name}.',
    'aroom.residentAbsent': '{name} non è ancora nella stanza.', 'aroom.residentLeft': '{name} ha lasciato la stanza.',
    'aroom.ended': 'Il colloquio è terminato.',
    'aroom.transferred': 'Il colloquio è stato trasferito.', 'aroom.released': 'Il suo account è stato modificato. Il colloquio attende di nuovo nel suo servizio.',
    'aroom.noRoom': 'Aprite un colloquio dalla coda o dagli appuntamenti.',
    'aroom.panelUnavailable': 'Non disponibile.',
    'aroom.back': 'Torna alla panoramica',
    'aroom.nobody': '–',
    'aroom.transferToColleague': 'Trasferire a un/una collega',
    'aroom.colleagueBusy': '{name} (in un colloquio)',
    'aroom.colleagueHint': 'Colleghi del vostro servizio attualmente connessi; la cronologia della chat viene trasmessa.',
    'aroom.noColleague': 'Al momento nessun altro del servizio è connesso.',
  },
});

// A supervisor of the department in a colleague's consultation: she joins it (reads, writes in the chat) and may take it
// over; the colleague's page is then told by whom (supervisor walk, 2026-12-06: the room page only asked to take it).
register({
  de: {
    'aroom.supervising': 'Sie sind als Teamleitung in der Beratung von {name} bei {clerk}. Beide sehen Sie im Raum; Sie schreiben im Chat mit.',
    'aroom.takeOver': 'Beratung übernehmen', 'aroom.takeOverConfirm': 'Die Beratung von {clerk} übernehmen? {clerk} verlässt dann den Raum.',
    'aroom.takenOver': '{name} (Teamleitung) hat die Beratung übernommen.', 'aroom.joinAsSupervisor': 'Als Teamleitung beitreten',
    'aroom.supervisionEnded': 'Ihr Konto wurde geändert. Sie sind nicht mehr als Teamleitung in dieser Beratung.',
  },
  en: {
    'aroom.supervising': "You are in {name}'s consultation with {clerk} as supervisor. Both see you in the room; you write in the chat.",
    'aroom.takeOver': 'Take over the consultation', 'aroom.takeOverConfirm': "Take over {clerk}'s consultation? {clerk} then leaves the room.",
    'aroom.takenOver': '{name} (supervisor) took over the consultation.', 'aroom.joinAsSupervisor': 'Join as supervisor',
    'aroom.supervisionEnded': 'Your account was changed. You are no longer in this consultation as supervisor.',
  },
  fr: {
    'aroom.supervising': 'Vous participez en tant que responsable d’équipe à l’entretien de {name} avec {clerk}. Tous deux vous voient dans la salle\u00a0; vous écrivez dans le chat.',
    'aroom.takeOver': 'Reprendre l’entretien', 'aroom.takeOverConfirm': 'Reprendre l’entretien de {clerk}\u00a0? {clerk} quitte alors la salle.',
    'aroom.takenOver': '{name} (responsable d’équipe) a repris l’entretien.', 'aroom.joinAsSupervisor': 'Rejoindre en tant que responsable d’équipe',
    'aroom.supervisionEnded': 'Votre compte a été modifié. Vous ne participez plus à cet entretien en tant que responsable d’équipe.',
  },
  it: {
    'aroom.supervising': 'Partecipate come responsabile del team al colloquio di {name} con {clerk}. Entrambi vi vedono nella stanza; scrivete nella chat.',
    'aroom.takeOver': 'Prendere in carico il colloquio', 'aroom.takeOverConfirm': 'Prendere in carico il colloquio di {clerk}? {clerk} lascia allora la stanza.',
    'aroom.takenOver': '{name} (responsabile del team) ha preso in carico il colloquio.', 'aroom.joinAsSupervisor': 'Entrare come responsabile del team',
    'aroom.supervisionEnded': 'Il vostro account è stato modificato. Non partecipate più a questo colloquio come responsabile del team.',
  },
});

// Someone in the room on more than one device or tab (a room link is a bearer link; room probe, 2026-12-06).
register({
  de: { 'aroom.present': '{name} ({role})', 'aroom.presentDevices': '{name} ({role}, {n} Geräte)' },
  en: { 'aroom.present': '{name} ({role})', 'aroom.presentDevices': '{name} ({role}, {n} devices)' },
  fr: { 'aroom.present': '{name} ({role})', 'aroom.presentDevices': '{name} ({role}, {n} appareils)' },
  it: { 'aroom.present': '{name} ({role})', 'aroom.presentDevices': '{name} ({role}, {n} dispositivi)' },
});

const $ = id => document.getElementById(id);
const status = $('status');
// The call and chat markup is both room pages' (shared/partials/room-conversation.html, worded for the resident):
// here the clerk asks for video, and the video they see is the resident's.
$('start-video').dataset.i18n = 'aroom.startVideo';
$('remote-video').dataset.i18nAriaLabel = 'aroom.remoteVideo';
let ended = false;

function fail(message) {
  status.textContent = '';
  $('notice').textContent = message;
  $('notice').hidden = false;
}

function finish(message) {
  // The room and the button pressed in it go: the focus goes to the line that says why, not to the page's start.
  const hadFocus = $('room').contains(document.activeElement) || document.activeElement === document.body;
  $('room').hidden = true;
  status.textContent = message;
  const back = document.createElement('a');
  back.href = '/agent/';
  back.className = 'button';
  say(back, 'aroom.back');
  status.after(back);
  if (hadFocus) {
    status.setAttribute('tabindex', '-1');
    status.focus();
  }
}

// What the mounted panels return: their refreshes and streams stop when the consultation ends.
const mounted = [];

function stopPanels() {
  for (const panel of mounted.splice(0)) {
    try { panel.dispose?.(); panel.stop?.(); } catch (e) { console.warn(e); }
  }
}

async function mountPanel(id, module, ctx) {
  const container = $(`${id}-body`);
  try {
    const panel = await import(module);
    const handle = await panel.mount(container, ctx);
    if (handle) mounted.push(handle);
    // A panel that brings its own heading (the documents panel) replaces the page's, not doubles it.
    const own = container.querySelector('h2[id]');
    const section = $(id);
    if (own) {
      section.querySelector(':scope > h2')?.remove();
      section.setAttribute('aria-labelledby', own.id);
    }
    if (ended) stopPanels();
  } catch (e) {
    console.warn(`${module} not mounted`, e);
    const note = document.createElement('p');
    note.className = 'hint';
    say(note, 'aroom.panelUnavailable');
    container.replaceChildren(note);
  }
}

/**
 * Departments and concern names from booking's public catalogue; the keys stand in if booking does not answer. Asked
 * for while the page signs in and joins (staff: a promise of the signed-in staff member, read only for that fallback).
 */
async function catalog(staff) {
  try {
    const departments = await api('/api/booking/concerns');
    return {
      departments: departments.map(d => ({ key: d.key, name: d.name })),
      concerns: new Map(departments.flatMap(d => d.concerns.map(c => [c.key, c.name]))),
    };
  } catch {
    return { departments: (await staff).departments.map(key => ({ key })), concerns: new Map() };
  }
}

register({
  de: { 'aroom.residentMissed': '{name} hat den Aufruf verpasst und ist nicht eingetreten. Sie können die Beratung beenden und die nächste Person aufrufen.' },
  en: { 'aroom.residentMissed': '{name} missed the call and did not come in. You can end the consultation and call the next person.' },
  fr: { 'aroom.residentMissed': '{name} n’a pas répondu à l’appel et n’est pas entré·e. Vous pouvez terminer la consultation et appeler la personne suivante.' },
  it: { 'aroom.residentMissed': '{name} non ha risposto alla chiamata e non è entrato/a. Può terminare la consulenza e chiamare la persona successiva.' },
});

// Who could take a transfer: a department's staff on duty now (other than the clerk), said under the department list.
register({
  de: {
    'aroom.departmentNobody': 'In «{department}» ist gerade niemand angemeldet: die Person wartet, bis sich jemand anmeldet und übernimmt.',
    'aroom.departmentOne': 'In «{department}» ist gerade 1 Person angemeldet.',
    'aroom.departmentMany': 'In «{department}» sind gerade {n} Personen angemeldet.',
  },
  en: {
    'aroom.departmentNobody': 'No one in “{department}” is signed in right now: the person waits until someone signs in and takes over.',
    'aroom.departmentOne': '1 person in “{department}” is signed in right now.',
    'aroom.departmentMany': '{n} people in “{department}” are signed in right now.',
  },
  fr: {
    'aroom.departmentNobody': 'Personne n’est connecté au service «\u00a0{department}\u00a0» pour le moment\u00a0: la personne attend que quelqu’un se connecte et reprenne l’entretien.',
    'aroom.departmentOne': '1 personne est connectée au service «\u00a0{department}\u00a0» en ce moment.',
    'aroom.departmentMany': '{n} personnes sont connectées au service «\u00a0{department}\u00a0» en ce moment.',
  },
  it: {
    'aroom.departmentNobody': 'Al momento nessuno del servizio «{department}» è connesso: la persona attende finché qualcuno si connette e riprende il colloquio.',
    'aroom.departmentOne': 'Al momento 1 persona del servizio «{department}» è connessa.',
    'aroom.departmentMany': 'Al momento {n} persone del servizio «{department}» sono connesse.',
  },
});

register({
  de: { 'aroom.copyLink': 'Link kopieren', 'aroom.copied': 'Link kopiert. Fügen Sie ihn in eine Nachricht an die eingeladene Person ein.', 'aroom.copyFailed': 'Kopieren ging nicht: Bitte markieren Sie den Link und kopieren Sie ihn selbst.' },
  en: { 'aroom.copyLink': 'Copy link', 'aroom.copied': 'Link copied. Paste it into a message to the invited person.', 'aroom.copyFailed': 'Copying did not work: please select the link and copy it yourself.' },
  fr: { 'aroom.copyLink': 'Copier le lien', 'aroom.copied': 'Lien copié. Collez-le dans un message à la personne invitée.', 'aroom.copyFailed': 'La copie n’a pas fonctionné : sélectionnez le lien et copiez-le vous-même.' },
  it: { 'aroom.copyLink': 'Copiare il link', 'aroom.copied': 'Link copiato. Lo incolli in un messaggio alla persona invitata.', 'aroom.copyFailed': 'La copia non è riuscita: selezioni il link e lo copi lei stesso.' },
});

/** A copy button beside a fresh invitation link (typing a 43-character token by hand is no option). */
function showCopy(link) {
  let copy = document.getElementById('invite-copy');
  if (!copy) {
    copy = Object.assign(document.createElement('button'), { type: 'button', id: 'invite-copy', className: 'secondary' });
    const done = Object.assign(document.createElement('p'), { id: 'invite-copied', className: 'hint' });
    done.setAttribute('role', 'status');
    $('invite-result').after(copy, done);
  }
  copy.textContent = t('aroom.copyLink');
  copy.onclick = async () => {
    const done = $('invite-copied');
    clearTimeout(done.fading);
    try {
      await navigator.clipboard.writeText(link);
      done.textContent = t('aroom.copied');
      // "Copied" reports a moment: it goes once read, as the call's "connected" does.
      done.fading = setTimeout(() => { done.textContent = ''; }, 8000);
    } catch {
      done.textContent = t('aroom.copyFailed');
    }
  };
}

const localized = (name, fallback) => (name && (name[language()] || name.de)) || fallback;

/**
 * The departments a consultation can be transferred to: those of the catalogue that have staff (sessions refuses the
 * others: nobody could ever take the consultation there), each with how many of its staff are on duty now, said under
 * the list for the chosen one. Refreshed while the page is open; the catalogue alone stands in if sessions does not
 * answer.
 */
function transferDepartments(catalogue, current) {
  const select = $('transfer-department');
  const hint = $('department-hint');
  let departments = catalogue();
  let onDuty = null;
  const render = () => {
    const staffed = onDuty ? departments.filter(d => onDuty.has(d.key)) : departments;
    // Handing on goes elsewhere mostly: another department is chosen first (the room's own stays in the list, for a
    // colleague of the department to take it; room probe, 2026-12-06: it was chosen, with "nobody signed in there").
    fillSelect(select, staffed.map(d => [d.key, localized(d.name, d.key)]), select.value || staffed.find(d => d.key !== current)?.key || current);
    select.disabled = $('transfer-form').querySelector('button[type=submit]').disabled = staffed.length === 0;
    const department = staffed.find(d => d.key === select.value);
    const n = department && onDuty ? onDuty.get(department.key) : undefined;
    const text = n === undefined ? ''
      : t(n === 0 ? 'aroom.departmentNobody' : n === 1 ? 'aroom.departmentOne' : 'aroom.departmentMany', { department: localized(department.name, department.key), n });
    if (hint.textContent !== text) hint.textContent = text;
  };
  select.addEventListener('change', render);
  const stop = refreshing(async () => {
    try { onDuty = new Map((await api('/api/sessions/duty')).map(d => [d.key, d.onDuty])); } catch { onDuty = null; }
  }, render);
  return {
    catalogueChanged: () => { departments = catalogue(); render(); },
    stop,
  };
}

/** Colleagues of the room's department who are signed in, refreshed while the page is open. */
function colleagues(roomId) {
  const select = $('transfer-colleague');
  let list = [];
  const render = () => {
    fillSelect(select, list.map(c => [c.id, c.busy ? t('aroom.colleagueBusy', { name: c.name }) : c.name]), select.value);
    select.disabled = $('transfer-colleague-submit').disabled = list.length === 0;
    $('colleague-hint').textContent = list.length ? t('aroom.colleagueHint') : t('aroom.noColleague');
  };
  return refreshing(async () => {
    try { list = await api(`/api/sessions/rooms/${roomId}/colleagues`); } catch { list = []; }
  }, render);
}

/**
 * Fills a list with [value, text] options, keeping the chosen one. A refresh must not close the list under the
 * clerk's hand: nothing changes when nothing did, and otherwise each option stays the element it was, its text
 * mended ("busy"), the ones that came put in and the ones that went taken out. (Rebuilt whole, the chosen option was
 * a new element after a colleague's "busy" came or went; CI with two replicas caught it.)
 */
function fillSelect(select, options, chosen) {
  const current = [...select.options];
  if (JSON.stringify(options) === JSON.stringify(current.map(o => [o.value, o.textContent]))) return;
  const byValue = new Map(current.map(o => [o.value, o]));
  const wanted = new Set(options.map(([value]) => value));
  for (const option of current) if (!wanted.has(option.value)) option.remove();
  options.forEach(([value, text], i) => {
    const option = byValue.get(value) ?? Object.assign(document.createElement('option'), { value });
    if (option.textContent !== text) option.textContent = text;
    if (select.options[i] !== option) select.insertBefore(option, select.options[i] ?? null);
  });
  if (wanted.has(chosen)) select.value = chosen;
}

/** Loads now and every 10 s while the page is open, rendering after each load and on a language change; returns stop. */
function refreshing(load, render) {
  const refresh = () => load().then(render);
  document.addEventListener('languagechange', render);
  refresh();
  const timer = setInterval(refresh, 10000);
  return () => clearInterval(timer);
}

/**
 * Takes the consultation. A fresh ticket's room is made from booking's event, which may still be in flight (a busy
 * or just started system, the broker coming back): the service waits ten seconds for it, and the page asks again, for
 * about half a minute in all, as the resident's page does.
 */
async function accept(request) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api('/api/sessions/rooms/accept', { method: 'POST', body: request });
    } catch (e) {
      // A room asked for by its own id exists or never will; one for a ticket or an appointment may still come.
      if (request.sessionId || e.problem?.code !== 'no-room-for-visit' || attempt >= 3) throw e;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  // Joining a colleague's consultation as a supervisor (from the queue page's running consultations): no accept.
  const supervising = params.get('join') === 'supervisor' && params.get('session');
  const request = params.get('ticket') ? { ticketId: params.get('ticket') }
    : params.get('appointment') ? { appointmentId: params.get('appointment') }
    : params.get('session') ? { sessionId: params.get('session') } : null;
  // The sign-in check, taking the consultation and the catalogue go out at once, while the hub connection that
  // /shared/hub-start.js started opens, rather than one after the other (issue 18, call set-up): the gateway refuses
  // the consultation and the hub to a visitor who is not signed in or must change their password first, and
  // staffPage sends that visitor to the sign-in page before anything is shown.
  const signedIn = staffPage();
  const accepting = supervising ? api(`/api/sessions/rooms/${encodeURIComponent(supervising)}/join`, { method: 'POST' })
    : request ? accept(request) : null;
  accepting?.catch(() => {});
  const room = new RoomConnection();
  const hub = request ? room.start() : null;
  hub?.catch(() => {});
  const names = request ? catalog(signedIn) : null;
  names?.catch(() => {});
  await signedIn;
  languageSwitch();
  if (!request) {
    room.stop();
    return fail(t('aroom.noRoom'));
  }

  let details;
  try {
    details = await accepting;
  } catch (e) {
    room.stop();
    fail(e.message || t('common.error'));
    // A supervisor of the department may step into a colleague's consultation instead of taking it.
    if (e.problem?.code === 'taken-by-colleague' && request.sessionId && (await signedIn).roles.includes('supervisor')) {
      const join = Object.assign(document.createElement('a'), { className: 'button', href: `/agent/room.html?session=${encodeURIComponent(request.sessionId)}&join=supervisor` });
      say(join, 'aroom.joinAsSupervisor');
      $('notice').after(join);
    }
    return;
  }

  // Bound before joining: the join delivers the transcript so far.
  bindChat(room, { list: $('transcript'), form: $('chat-form'), input: $('chat-text'), typing: $('typing'), status });
  // The call controls listen before the join, so a video request made right after it is not missed.
  // A supervisor who joined takes no part in the call, and the case's panels and actions stay the holder's.
  const controls = supervising ? null : new CallControls(room, api('/api/sessions/ice-servers').then(r => r.iceServers).catch(() => []), true, {
    videos: $('videos'), local: $('local-video'), remote: $('remote-video'), state: $('call-state'), notice: $('notice'),
    request: $('mode-request'), requestText: $('mode-request-text'), accept: $('accept-video'), decline: $('decline-video'),
    start: $('start-video'), share: $('share-screen'), stopShare: $('stop-screen'), stop: $('stop-video'),
  });
  try {
    await hub;
    await (supervising ? room.joinAsSupervisor(details.id) : room.joinAsStaff(details.id));
  } catch (e) {
    return fail(['room-closed', 'room-cancelled'].includes(hubError(e)) ? t('aroom.ended') : t('common.error'));
  }

  // The names come when booking's catalogue does; until then the keys stand in (whom the clerk serves is said at once).
  let catalogue = { departments: [], concerns: new Map() };
  const showNames = () => {
    const concern = localized(catalogue.concerns.get(details.concernKey), details.concernKey);
    say($('title'), 'aroom.titleWith', { concern });
    $('concern').textContent = concern;
    $('department').textContent = localized(catalogue.departments.find(d => d.key === details.departmentKey)?.name, details.departmentKey);
  };
  showNames();
  document.addEventListener('languagechange', showNames);
  const transferList = transferDepartments(() => catalogue.departments, details.departmentKey);
  names.then(loaded => {
    catalogue = loaded;
    showNames();
    transferList.catalogueChanged();
  });
  $('resident-name').textContent = details.citizenName;
  $('email').textContent = details.email || t('aroom.nobody');
  let residentLanguage = details.language;
  const languageListeners = new Set();
  // The language the resident reads the room in (their mails are in it), named in itself: "Français"; Leichte Sprache
  // in the clerk's language ("allemand facile (Leichte Sprache)"). It follows when they switch during the
  // consultation, and so do the panels that show their language.
  const showLanguage = code => {
    if (!code) return;
    const changed = code !== residentLanguage;
    residentLanguage = code;
    if (code === 'de-x-ls') showEasyGermanName($('resident-language'));
    else {
      $('resident-language').textContent = languageNames[code] || code;
      $('resident-language').lang = code;
    }
    if (changed) for (const listener of languageListeners) listener(code);
  };
  showLanguage(room.room?.language ?? details.language);
  document.addEventListener('languagechange', () => showLanguage(residentLanguage));
  room.relay.on('resident.language', payload => showLanguage(payload?.language));
  room.on('joined', result => showLanguage(result.room?.language));

  // A called resident who did not come in time is "missed" (booking's timeout, told by sessions): say so instead
  // of "not in the room yet", until they come after all.
  let missed = false;
  // Once the resident was here, their absence is "has left", not "not in the room yet".
  let seen = false;
  // The connection's list, not the join's answer alone: someone may have come in while the join was under way.
  let participantsNow = room.participants;
  const showPresence = participants => {
    participantsNow = participants;
    $('presence').textContent = participants.map(p => t(p.devices > 1 ? 'aroom.presentDevices' : 'aroom.present', { name: p.name, role: t(`role.${p.role}`), n: p.devices }))
      .join(', ') || t('aroom.nobody');
    const here = participants.some(p => p.role === 'resident');
    if (here) missed = false;
    if (here) seen = true;
    // Said, not written: a note about the connection ("connected again") gives the line back as it is now.
    const absent = missed ? 'aroom.residentMissed' : seen ? 'aroom.residentLeft' : 'aroom.residentAbsent';
    const clerk = participants.find(p => p.role === 'clerk')?.name ?? details.staffName;
    say(status, here ? (supervising ? 'aroom.supervising' : 'aroom.active') : absent, { name: details.citizenName, clerk });
    status.classList.toggle('error', !here && missed);
  };
  room.on('presence', notice => showPresence(notice.participants));
  // The line is the page's own after the join: a language switch says it again rather than "taking the consultation …".
  status.removeAttribute('data-i18n');
  document.addEventListener('languagechange', () => showPresence(participantsNow));
  room.relay.on('resident.missed', () => { missed = true; showPresence(participantsNow); });
  showPresence(room.participants);

  // (The resident's page going ends no call: shared/rtc.js waits for it to come back, a question still open takes back
  // the call made ahead for it.)
  window.consultation = { stats: () => controls?.call.stats(), state: () => controls?.call.connectionState, roomId: details.id };

  const me = await signedIn;
  const taking = `/agent/room.html?session=${encodeURIComponent(details.id)}`;
  const stopColleagues = supervising ? () => {} : colleagues(details.id);
  room.on('closed', closed => {
    // Her own supervising page, once she took the consultation over, comes back as the clerk's.
    if (closed.reason === 'taken-over' && closed.toStaffId === me.id) return location.replace(taking);
    ended = true;
    stopColleagues();
    transferList.stop();
    // An ended consultation's page asks nothing more (each ask would be one more read of the case).
    stopPanels();
    // Not awaited: stopping the connection from inside one of its own handlers would wait for itself.
    controls?.call.dispose();
    room.stop();
    if (closed.reason === 'taken-over') return finish(t('aroom.takenOver', { name: closed.by?.name ?? '' }));
    finish(t({ transferred: 'aroom.transferred', released: 'aroom.released', 'supervision-ended': 'aroom.supervisionEnded' }[closed.reason] ?? 'aroom.ended'));
  });

  if (supervising) {
    for (const id of ['call', 'end-row', 'identity-panel', 'form-panel', 'documents-panel', 'colleague-form', 'transfer-form', 'invite-form']) $(id).hidden = true;
    $('room').classList.add('supervising');
    $('actions-title').removeAttribute('data-i18n');
    say($('actions-title'), 'role.supervisor');
    const takeOver = $('take-over');
    takeOver.hidden = false;
    takeOver.addEventListener('click', async () => {
      const clerk = participantsNow.find(p => p.role === 'clerk')?.name ?? details.staffName;
      if (!confirm(t('aroom.takeOverConfirm', { clerk }))) return;
      try {
        await api(`/api/sessions/rooms/${details.id}/takeover`, { method: 'POST' });
        location.replace(taking);
      } catch (e) {
        fail(e.message);
      }
    });
    $('room').hidden = false;
    return;
  }

  $('transfer-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api(`/api/sessions/rooms/${details.id}/transfer`, { method: 'POST', body: { toDepartmentKey: $('transfer-department').value } });
    } catch (e) {
      fail(e.message);
    }
  });
  $('colleague-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api(`/api/sessions/rooms/${details.id}/transfer`, { method: 'POST', body: { toStaffId: $('transfer-colleague').value } });
    } catch (e) {
      fail(e.message);
    }
  });
  $('invite-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const invite = await api(`/api/sessions/rooms/${details.id}/invites`, { method: 'POST', body: { name: $('invite-name').value, role: $('invite-role').value } });
      say($('invite-result'), 'aroom.inviteLink', { name: invite.name, until: formatTime(invite.expiresAt), link: invite.link });
      showCopy(invite.link);
    } catch (e) {
      $('invite-result').textContent = Object.values(e.errors || {}).flat().join(' ') || e.message;
    }
  });
  $('end').addEventListener('click', async () => {
    if (!confirm(t('aroom.endConfirm'))) return;
    try {
      await api(`/api/sessions/rooms/${details.id}/end`, { method: 'POST' });
    } catch (e) {
      fail(e.message);
    }
  });

  // Shown once every control has its handler: a form submitted before would reload the page and lose the room.
  $('room').hidden = false;
  // Whether the resident's picture reaches this page (not just a call running): the identity check needs it.
  const picture = watchPicture($('remote-video'), {
    running: () => controls.callRunning,
    report: arriving => room.reportPicture(arriving),
    onCall: listener => controls.onCall(listener),
  });
  room.on('closed', () => picture.stop());
  const ctx = {
    role: 'clerk',
    room: details,
    relay: room.relay,
    captureStill: () => captureStill($('remote-video')),
    // The identity check is of the card held up to the camera: it starts only while the call runs.
    call: { running: () => controls.callRunning, onChange: listener => controls.onCall(listener) },
    // ... and only while a picture of the resident arrives (a covered or switched-off camera sends black).
    picture: { arriving: () => picture.arriving(), onChange: listener => picture.onChange(listener) },
    residentLanguage: () => residentLanguage,
    onResidentLanguage: listener => languageListeners.add(listener),
  };
  await Promise.all([
    mountPanel('identity-panel', '/agent/identity-panel.js', ctx),
    mountPanel('form-panel', '/shared/cofill.js', ctx),
    mountPanel('documents-panel', '/shared/documents-panel.js', ctx),
  ]);
}

main();
