import { register, t, apply, language, languageSwitch, say } from '/shared/i18n.js';
import { api, fragmentToken } from '/shared/api.js';
import { RoomConnection, bindChat, hubError, departmentName } from '/shared/signaling.js';
import { CallControls, captureStill } from '/shared/rtc.js';
import { mountPhoneAids } from '/room-phone.js';
import { formatWhen } from '/shared/dates.js';

register({
  de: {
    'room.title': 'Ihre Beratung', 'room.connecting': 'Verbindung wird aufgebaut …', 
    'room.remoteVideo': 'Video der Sachbearbeitung', 'room.startVideo': 'Video starten', 'room.titleWith': 'Ihre Beratung: {concern}',
    'room.formPanel': 'Formular', 'room.documentsPanel': 'Unterlagen', 'room.leave': 'Beratung verlassen',
    'room.waiting': 'Willkommen, {name}. Bitte einen Moment – gleich ist jemand für Sie da. Sie können schon schreiben.',
    'room.early': 'Willkommen, {name}. Ihr Termin ist am {when}. Dann kommt die Sachbearbeitung in diesen Raum; öffnen Sie den Link einige Minuten vorher wieder. Sie können schon schreiben.',
    'room.with': 'Sie sprechen mit {name}.', 'room.noToken': 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus Ihrer E-Mail erneut.',
    'room.notFound': 'Dieser Link ist abgelaufen oder ungültig.', 'room.newestMail': 'Wurde Ihr Termin verschoben, gilt nur der Link aus der neuesten E-Mail.', 'room.resend': 'Links erneut zusenden lassen',
    'room.closed': 'Diese Beratung ist beendet.', 'room.inviteEnded': 'Die Beratung wurde an eine andere Abteilung übergeben. Ihre Einladung gilt nicht mehr.',
    'room.preparing': 'Ihr Raum wird noch vorbereitet (ein neuer Link braucht manchmal einen Moment). Bitte lassen Sie diese Seite offen.',
    'room.cancelled': 'Dieser Termin wurde abgesagt.', 'room.leaveConfirm': 'Möchten Sie die Beratung wirklich verlassen?',
    'room.guest.interpreter': 'Sie dolmetschen in der Beratung von {name}. Sie schreiben im Chat mit; das Video bleibt zwischen {name} und der Sachbearbeitung.',
    'room.guest.clerk': 'Sie sind als weitere Sachbearbeitung in der Beratung von {name}. Sie schreiben im Chat mit; das Video bleibt zwischen {name} und der Sachbearbeitung.',
  },
  en: {
    'room.title': 'Your consultation', 'room.connecting': 'Connecting …', 
    'room.remoteVideo': "The clerk's video", 'room.startVideo': 'Start video', 'room.titleWith': 'Your consultation: {concern}',
    'room.formPanel': 'Form', 'room.documentsPanel': 'Documents', 'room.leave': 'Leave the consultation',
    'room.waiting': 'Welcome, {name}. Please wait a moment – someone will be with you shortly. You can already write.',
    'room.early': 'Welcome, {name}. Your appointment is on {when}. The clerk will come to this room then; open the link again a few minutes before. You can already write.',
    'room.with': 'You are talking to {name}.', 'room.noToken': 'This link is incomplete. Please open the link from your e-mail again.',
    'room.notFound': 'This link has expired or is not valid.', 'room.newestMail': 'If your appointment was moved, only the link in the newest e-mail works.', 'room.resend': 'Have the links sent again',
    'room.closed': 'This consultation has ended.', 'room.inviteEnded': 'The consultation was handed to another department. Your invitation no longer applies.',
    'room.preparing': 'Your room is still being prepared (a new link sometimes takes a moment). Please keep this page open.',
    'room.cancelled': 'This appointment was cancelled.', 'room.leaveConfirm': 'Do you really want to leave the consultation?',
    'room.guest.interpreter': "You are interpreting in {name}'s consultation. You write in the chat; the video stays between {name} and the clerk.",
    'room.guest.clerk': "You are joining {name}'s consultation as a second clerk. You write in the chat; the video stays between {name} and the clerk.",
  },
  fr: {
    'room.title': 'Votre entretien',
    'room.connecting': 'Connexion en cours …',
    'room.remoteVideo': 'Vidéo de la personne qui traite votre dossier',
    'room.startVideo': 'Démarrer la vidéo',
    'room.titleWith': 'Votre entretien : {concern}',
    'room.formPanel': 'Formulaire',
    'room.documentsPanel': 'Documents',
    'room.leave': 'Quitter l’entretien',
    'room.waiting': 'Bienvenue, {name}. Un instant, s’il vous plaît – quelqu’un sera bientôt à vous. Vous pouvez déjà écrire.',
    'room.early': 'Bienvenue, {name}. Votre rendez-vous est le {when}. La personne qui traite votre dossier viendra alors dans cette salle ; rouvrez le lien quelques minutes avant. Vous pouvez déjà écrire.',
    'room.with': 'Vous parlez avec {name}.',
    'room.noToken': 'Ce lien est incomplet. Veuillez rouvrir le lien figurant dans votre e-mail.',
    'room.notFound': 'Ce lien a expiré ou n’est pas valable.',
    'room.newestMail': 'Si votre rendez-vous a été déplacé, seul le lien du dernier e-mail est valable.',
    'room.resend': 'Recevoir à nouveau les liens',
    'room.preparing': 'Votre salle est encore en préparation (un nouveau lien prend parfois un moment). Veuillez laisser cette page ouverte.',
    'room.closed': 'Cet entretien est terminé.', 'room.inviteEnded': 'L’entretien a été transmis à un autre service. Votre invitation n’est plus valable.',
    'room.cancelled': 'Ce rendez-vous a été annulé.',
    'room.leaveConfirm': 'Voulez-vous vraiment quitter l’entretien ?',
    'room.guest.interpreter': 'Vous interprétez lors de l’entretien de {name}. Vous participez au chat ; la vidéo reste entre {name} et la personne qui traite le dossier.',
    'room.guest.clerk': 'Vous rejoignez l’entretien de {name} en tant que deuxième collaborateur·rice. Vous participez au chat ; la vidéo reste entre {name} et la personne qui traite le dossier.',
  },
  it: {
    'room.title': 'Il vostro colloquio',
    'room.connecting': 'Connessione in corso …',
    'room.remoteVideo': 'Video dell’addetto/a',
    'room.startVideo': 'Avviare il video',
    'room.titleWith': 'Il vostro colloquio: {concern}',
    'room.formPanel': 'Modulo',
    'room.documentsPanel': 'Documenti',
    'room.leave': 'Lasciare il colloquio',
    'room.waiting': 'Benvenuti, {name}. Attendete un momento: tra poco qualcuno sarà a vostra disposizione. Potete già scrivere.',
    'room.early': 'Benvenuti, {name}. Il vostro appuntamento è {when}. L’addetto/a verrà allora in questa sala; riaprite il link qualche minuto prima. Potete già scrivere.',
    'room.with': 'State parlando con {name}.',
    'room.noToken': 'Questo link è incompleto. Aprite di nuovo il link contenuto nella vostra e-mail.',
    'room.notFound': 'Questo link è scaduto o non è valido.',
    'room.newestMail': 'Se il vostro appuntamento è stato spostato, vale solo il link dell’e-mail più recente.',
    'room.resend': 'Ricevere di nuovo i link',
    'room.preparing': 'La vostra sala è ancora in preparazione (un nuovo link a volte richiede un momento). Lasciate aperta questa pagina.',
    'room.closed': 'Questo colloquio è terminato.', 'room.inviteEnded': 'Il colloquio è stato passato a un altro servizio. Il vostro invito non è più valido.',
    'room.cancelled': 'Questo appuntamento è stato annullato.',
    'room.leaveConfirm': 'Volete davvero lasciare il colloquio?',
    'room.guest.interpreter': 'Fate da interprete nel colloquio di {name}. Partecipate alla chat; il video resta tra {name} e l’addetto/a.',
    'room.guest.clerk': 'Partecipate al colloquio di {name} come secondo/a addetto/a. Scrivete nella chat; il video resta tra {name} e l’addetto/a.',
  },
  'de-x-ls': {
    'room.title': 'Ihr Gespräch',
    'room.connecting': 'Bitte warten. Die Verbindung startet.',
    'room.remoteVideo': 'Video von der Person vom Amt',
    'room.startVideo': 'Video anmachen',
    'room.titleWith': 'Ihr Gespräch: {concern}',
    'room.formPanel': 'Formular',
    'room.documentsPanel': 'Papiere',
    'room.leave': 'Gespräch verlassen',
    'room.waiting': 'Willkommen, {name}. Bitte warten Sie kurz. Gleich kommt eine Person vom Amt. Sie können schon etwas schreiben.',
    'room.early': 'Willkommen, {name}. Ihr Termin ist am {when}. Dann kommt eine Person vom Amt. Öffnen Sie den Link kurz vorher wieder. Sie können schon etwas schreiben.',
    'room.with': 'Sie reden mit {name}.',
    'room.noToken': 'Dieser Link ist nicht ganz. Bitte öffnen Sie noch einmal den Link aus Ihrer E-Mail.',
    'room.notFound': 'Dieser Link geht nicht. Vielleicht ist er zu alt.',
    'room.newestMail': 'Hat Ihr Termin eine neue Zeit? Dann nehmen Sie den Link aus der neuesten E-Mail.',
    'room.resend': 'Die Links noch einmal bekommen',
    'room.preparing': 'Ihr Raum ist noch nicht fertig. Das dauert manchmal kurz. Bitte lassen Sie diese Seite offen.',
    'room.closed': 'Das Gespräch ist zu Ende.', 'room.inviteEnded': 'Das Gespräch ist jetzt bei einem anderen Amt. Ihre Einladung gilt nicht mehr.',
    'room.cancelled': 'Dieser Termin fällt aus.',
    'room.leaveConfirm': 'Wollen Sie das Gespräch wirklich beenden?',
    'room.guest.interpreter': 'Sie übersetzen im Gespräch von {name}. Sie schreiben im Chat. Das Video sehen nur {name} und die Person vom Amt.',
    'room.guest.clerk': 'Sie sind die zweite Person vom Amt im Gespräch von {name}. Sie schreiben im Chat. Das Video sehen nur {name} und die erste Person vom Amt.',
  },
});
// Handed on to a colleague (by the clerk, or taken over by a supervisor; supervisor walk, 2026-12-06: the resident read
// that the clerk "left the room" and the waiting line): what happens, until the colleague has come, then who it is.
register({
  de: {
    'room.handedOn': 'Ihre Beratung wird an eine Kollegin oder einen Kollegen übergeben, die oder der gleich zu Ihnen kommt. Bitte bleiben Sie auf dieser Seite: Der Chat und alles Bisherige bleiben erhalten.',
    'room.handedOnTo': 'Ihre Beratung wird an eine Kollegin oder einen Kollegen der Abteilung «{department}» übergeben, die oder der gleich zu Ihnen kommt. Bitte bleiben Sie auf dieser Seite: Der Chat und alles Bisherige bleiben erhalten.',
    'room.takenOver': '{name} hat Ihre Beratung übernommen. Sie sprechen mit {name}.',
  },
  en: {
    'room.handedOn': 'Your consultation is being handed on to a colleague, who will be with you shortly. Please stay on this page: the chat and everything so far are kept.',
    'room.handedOnTo': 'Your consultation is being handed on to a colleague in the department “{department}”, who will be with you shortly. Please stay on this page: the chat and everything so far are kept.',
    'room.takenOver': '{name} has taken over your consultation. You are now talking to {name}.',
  },
  fr: {
    'room.handedOn': 'Votre entretien est transmis à un·e collègue, qui sera bientôt à vous. Veuillez rester sur cette page\u00a0: le chat et tout ce qui a été fait jusqu’ici sont conservés.',
    'room.handedOnTo': 'Votre entretien est transmis à un·e collègue du service «\u00a0{department}\u00a0», qui sera bientôt à vous. Veuillez rester sur cette page\u00a0: le chat et tout ce qui a été fait jusqu’ici sont conservés.',
    'room.takenOver': '{name} a repris votre entretien. Vous parlez maintenant avec {name}.',
  },
  it: {
    'room.handedOn': 'Il vostro colloquio viene passato a un/una collega, che sarà a vostra disposizione tra poco. Restate su questa pagina: la chat e tutto ciò che è stato fatto finora restano.',
    'room.handedOnTo': 'Il vostro colloquio viene passato a un/una collega del servizio «{department}», che sarà a vostra disposizione tra poco. Restate su questa pagina: la chat e tutto ciò che è stato fatto finora restano.',
    'room.takenOver': '{name} ha preso in carico il vostro colloquio. Ora state parlando con {name}.',
  },
  'de-x-ls': {
    'room.handedOn': 'Ihr Gespräch geht jetzt an eine andere Person vom Amt. Die Person kommt gleich. Bitte bleiben Sie auf dieser Seite. Der Chat bleibt da.',
    'room.handedOnTo': 'Ihr Gespräch geht jetzt an eine andere Stelle vom Amt: {department}. Eine Person von dort kommt gleich. Bitte bleiben Sie auf dieser Seite. Der Chat bleibt da.',
    'room.takenOver': '{name} ist jetzt für Sie da. Sie reden jetzt mit {name}.',
  },
});
// The room open on more than one device or tab (a room link is a bearer link; room probe, 2026-12-06): each says so.
register({
  de: { 'room.otherDevice': 'Dieser Raum ist auch auf einem anderen Gerät oder in einem anderen Tab geöffnet. Die Sachbearbeitung sieht das. Waren Sie das nicht, schreiben Sie es bitte in den Chat.' },
  en: { 'room.otherDevice': 'This room is also open on another device or in another tab. The clerk can see this. If that was not you, please say so in the chat.' },
  fr: { 'room.otherDevice': 'Cette salle est aussi ouverte sur un autre appareil ou dans un autre onglet. La personne qui traite votre dossier le voit. Si ce n’était pas vous, veuillez l’écrire dans le chat.' },
  it: { 'room.otherDevice': 'Questa stanza è aperta anche su un altro dispositivo o in un’altra scheda. L’addetto/a lo vede. Se non eravate voi, scrivetelo nella chat.' },
  'de-x-ls': { 'room.otherDevice': 'Dieser Raum ist noch an einem anderen Gerät offen. Die Person vom Amt sieht das. Waren Sie das nicht? Dann schreiben Sie das bitte in den Chat.' },
});
apply();
languageSwitch();

const $ = id => document.getElementById(id);
const status = $('status');
const token = fragmentToken('t');
const inviteToken = fragmentToken('i');

function fail(key) {
  // Emptied for good: a switch of language would otherwise bring back "connecting …".
  status.removeAttribute('data-i18n');
  status.textContent = '';
  say($('notice'), key);
  $('notice').hidden = false;
  // An old link (the appointment was moved, the links sent again) is not a dead end: the start page sends the valid ones.
  $('new-link').hidden = !['room.notFound', 'room.noToken', 'problem.link-replaced'].includes(key) || Boolean(inviteToken);
  $('room').hidden = true;
}

/**
 * Says who is in the room on the status line, unless a note about the connection stands there ("connection
 * interrupted", "connected again"): then it waits for the note to go (shared/signaling.js puts it up then). The room's
 * presence after a reconnect overwrote "connected again" at once (CI with two replicas, 2026-12-06).
 */
function sayStatus(key, vars) {
  if (['chat.reconnecting', 'chat.reconnected'].includes(status.dataset.i18nSaid)) status.dataset.afterNote = JSON.stringify({ key, vars });
  else say(status, key, vars);
}

/** Whom the resident talks to: the clerk in the room, or one who took the consultation and whose page is joining. */
async function showStatus(participants, acceptedBy, room, you, connection) {
  // An invited interpreter or second clerk is told their part, whoever else comes and goes.
  if (you && you.role !== 'resident') {
    sayStatus(`room.guest.${you.role}`, { name: room.citizenName });
    return;
  }
  const clerk = participants.find(p => p.role === 'clerk') ?? acceptedBy;
  const handed = connection.handedOn;
  // Said, not written: a note about the connection ("connected again") gives the line back as it is now.
  if (clerk && connection.takenOver?.name === clerk.name) sayStatus('room.takenOver', { name: clerk.name });
  else if (clerk) sayStatus('room.with', { name: clerk.name });
  else if (handed?.toDepartmentKey) {
    const department = await departmentName(handed.toDepartmentKey);
    // Said only if nothing changed while the name was asked for.
    if (connection.handedOn === handed) sayStatus('room.handedOnTo', { department });
  }
  else if (handed) sayStatus('room.handedOn');
  // Come long before the booked time (the link works from booking on): "someone is with you shortly" is not true.
  else if (room.scheduledStart && new Date(room.scheduledStart) - Date.now() > 15 * 60000) {
    sayStatus('room.early', { name: room.citizenName, when: formatWhen(room.scheduledStart) });
  }
  else sayStatus('room.waiting', { name: room.citizenName });
}

/** Says on this device, while it holds, that the resident's room is open on another one too. */
function showOtherDevices(room) {
  const note = $('other-device');
  const more = room.devicesOf(room.you) > 1;
  if (more && note.dataset.i18nSaid !== 'room.otherDevice') say(note, 'room.otherDevice');
  if (!more && note.textContent) {
    note.textContent = '';
    delete note.dataset.i18nSaid;
  }
}

/**
 * The room's resident language follows the page's (the clerk's panel names it, the room's mails and forms are in it;
 * room probe, 2026-12-06: the panel kept the language the resident had joined in).
 */
function followLanguage(room, current) {
  let told = current;
  const tell = () => {
    const now = language();
    if (now === told) return;
    told = now;
    room.setLanguage(now).catch(e => { told = null; console.warn('the room\'s language', e); });
  };
  tell();
  document.addEventListener('languagechange', tell);
  // Told again after a reconnect, in case a switch was made while the connection was away.
  room.on('connection', state => { if (state === 'connected') tell(); });
}

/** Other teams' panels (co-filling, documents): a missing module leaves a short note, never a broken page. */
async function mountPanel(id, module, ctx) {
  const container = $(id);
  try {
    const panel = await import(module);
    await panel.mount(container, ctx);
  } catch (e) {
    // A resident needs no note about a part that is missing: the section just stays away.
    console.warn(`${module} not mounted`, e);
    container.replaceChildren();
    container.hidden = true;
  }
}

/**
 * A fresh ticket's room, or a moved appointment's new link, is made known to the room from booking's event, which may
 * still be in flight when the mail has arrived (a busy system, the broker coming back): the page keeps asking for
 * half a minute, saying so after a few seconds, before it calls the link invalid.
 */
async function enter(room) {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return token ? await room.joinAsResident(token) : await room.joinWithInvite(inviteToken);
    } catch (e) {
      if (hubError(e) !== 'room-not-found' || Date.now() - started > 30000) throw e;
      if (attempt === 3) say(status, 'room.preparing');
      await new Promise(resolve => setTimeout(resolve, Math.min(5000, 1000 * attempt)));
    }
  }
}

const iceServers = tokenValue => api('/api/sessions/ice-servers', { token: tokenValue }).then(r => r.iceServers).catch(() => []);

function callControls(room, servers) {
  return new CallControls(room, servers, false, {
    videos: $('videos'), local: $('local-video'), remote: $('remote-video'), state: $('call-state'), notice: $('notice'),
    request: $('mode-request'), requestText: $('mode-request-text'), accept: $('accept-video'), decline: $('decline-video'),
    start: $('start-video'), share: $('share-screen'), stopShare: $('stop-screen'), stop: $('stop-video'),
  });
}

async function main() {
  if (!token && !inviteToken) return fail('room.noToken');
  const room = new RoomConnection();
  // Bound before joining: the join delivers the transcript so far.
  bindChat(room, { list: $('transcript'), form: $('chat-form'), input: $('chat-text'), typing: $('typing'), status });
  // The call controls listen before the join, so a video request made right after it is not missed.
  let joined;
  const entered = new Promise(resolve => { joined = resolve; });
  const controls = inviteToken ? null : callControls(room, entered.then(() => iceServers(token)));
  let result;
  try {
    await room.start();
    result = await enter(room);
    joined();
  } catch (e) {
    const code = hubError(e);
    return fail({ 'room-closed': 'room.closed', 'room-cancelled': 'room.cancelled', 'room-not-found': 'room.notFound', 'link-replaced': 'problem.link-replaced' }[code] ?? 'common.error');
  }
  $('room').hidden = false;
  document.title = `${t('room.title')} – ${t('site.name')}`;
  // The connection keeps who is in the room, including what was heard while the join was under way; a clerk who
  // took the consultation is named at once, their page joins a moment later.
  const show = () => showStatus(room.participants, room.acceptedBy, result.room, result.you, room);
  room.on('presence', show);
  room.on('accepted', show);
  room.relay.on('room.handed-on', show);
  show();
  document.addEventListener('languagechange', show);

  // The call is between the resident and the clerk; an invited interpreter or colleague joins the chat.
  if (inviteToken) {
    $('call').hidden = true;
    $('leave').addEventListener('click', () => { room.stop(); fail('room.closed'); });
    room.on('closed', closed => { room.stop(); fail(closed.reason === 'invite-ended' ? 'room.inviteEnded' : 'room.closed'); });
    return;
  }
  // (The clerk's page going ends no call: shared/rtc.js waits for it to come back, or for the room to say the call is over.)
  room.on('presence', () => showOtherDevices(room));
  showOtherDevices(room);
  followLanguage(room, result.room.language);
  mountPhoneAids(room, $('videos'));
  // The ID check: the camera at its sharpest until the clerk has decided (the relay carries no data of the document).
  const detail = on => controls.call.setDetail(on).catch(e => console.warn('camera for the ID check', e));
  room.relay.on('identity.started', () => detail(true));
  room.relay.on('identity.decided', () => detail(false));
  // Diagnostics for support staff and the browser tests: the call's connection and media figures.
  window.consultation = { stats: () => controls.call.stats(), state: () => controls.call.connectionState, sending: () => controls.call.sending() };

  room.on('closed', async closed => {
    if (closed.reason === 'transferred') return;
    // Not awaited: stopping the connection from inside one of its own handlers would wait for itself.
    controls.call.dispose();
    room.stop();
    // Closed while reconnecting: the room itself says how it ended.
    const reason = closed.reason !== 'closed' ? closed.reason
      : await api('/api/sessions/rooms/current', { token }).then(r => r.status).catch(() => 'closed');
    if (reason === 'ended') location.assign(`/feedback.html#t=${encodeURIComponent(token)}&by=clerk`);
    else fail(reason === 'cancelled' ? 'room.cancelled' : 'room.closed');
  });

  $('leave').addEventListener('click', async () => {
    if (!confirm(t('room.leaveConfirm'))) return;
    // Leaving ends the call for good: coming back by the link later does not start the video again.
    if (controls.mode !== 'write') await controls.hangUp().catch(() => {});
    await controls.call.dispose();
    await room.stop();
    location.assign(`/feedback.html#t=${encodeURIComponent(token)}&by=resident`);
  });

  const ctx = {
    role: 'resident',
    room: result.room,
    relay: room.relay,
    residentToken: token,
    captureStill: async () => {
      if (controls.call.camera) return captureStill($('local-video'));
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = stream;
      await video.play();
      try { return await captureStill(video); } finally { for (const track of stream.getTracks()) track.stop(); }
    },
  };
  await Promise.all([mountPanel('form-panel', '/shared/cofill.js', ctx), mountPanel('documents-panel', '/shared/documents-panel.js', ctx)]);
}

main();
