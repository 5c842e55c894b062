// The consultation room's live channel: wraps the global SignalR client (/shared/vendor/signalr.min.js and
// /shared/hub-start.js must be loaded first) around /hubs/session, taking over the connection hub-start.js started.
// Keeps the transcript position, rejoins after a reconnect and fetches
// what was missed, and resends chat lines that were not confirmed (same client id, so the server stores
// them once). The resident's token travels in the join call, never in a URL.
import { register, t, say, pick } from '/shared/i18n.js';
import { formatTime } from '/shared/dates.js';
import { api } from '/shared/api.js';
const events = ['message', 'typing', 'presence', 'signal', 'modeRequested', 'modeAnswered', 'modeChanged', 'roomEvent', 'closed', 'accepted', 'callResumed'];

export class RoomConnection {
  constructor() {
    this.handlers = new Map();
    this.roomHandlers = new Map();
    this.lastId = 0;
    this.pending = new Map();
    this.join = null;
    // Who is in the room, the newest list heard (see hear()), and a clerk who took the room but has not come in yet.
    this.participants = [];
    this.presenceVersion = -1;
    this.acceptedBy = null;
    // A consultation handed on and waiting for the colleague ({ by, toDepartmentKey }), and who took it after a hand-on.
    this.handedOn = null;
    this.takenOver = null;
    // The connection the page started while it loaded, once; a second RoomConnection on the page builds its own.
    const early = window.roomHub.early;
    window.roomHub.early = null;
    this.connection = early?.connection ?? window.roomHub.build();
    this.starting = early?.started ?? null;
    for (const name of events) this.connection.on(name, payload => this.dispatch(name, payload));
    this.connection.onreconnecting(() => this.emit('connection', 'reconnecting'));
    this.connection.onreconnected(() => this.rejoin());
    this.connection.onclose(() => this.emit('connection', 'closed'));
    /** The generic room event relay other teams use: send(type, payload) and on(type, handler). */
    this.relay = {
      send: (type, payload) => this.connection.invoke('SendRoomEvent', type, payload ?? null),
      on: (type, handler) => {
        if (!this.roomHandlers.has(type)) this.roomHandlers.set(type, new Set());
        this.roomHandlers.get(type).add(handler);
        return () => this.roomHandlers.get(type).delete(handler);
      },
    };
  }

  on(name, handler) {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name).add(handler);
    return () => this.handlers.get(name).delete(handler);
  }

  emit(name, payload) {
    for (const handler of this.handlers.get(name) || []) {
      try { handler(payload); } catch (e) { console.error(e); }
    }
  }

  dispatch(name, payload) {
    if (name === 'message') return this.receive([payload]);
    if (name === 'presence') payload = this.hear(payload);
    if (name === 'accepted') {
      this.acceptedBy = payload.by;
      if (this.handedOn) this.takenOver = payload.by;
      this.handedOn = null;
    }
    if (name === 'roomEvent' && payload.type === 'room.handed-on') {
      this.handedOn = payload.payload ?? {};
      this.takenOver = null;
    }
    if (name === 'roomEvent') {
      for (const handler of this.roomHandlers.get(payload.type) || []) {
        try { handler(payload.payload, payload.from); } catch (e) { console.error(e); }
      }
    }
    this.emit(name, payload);
  }

  /**
   * Keeps the newest list of who is in the room. The answer to a join and the notice of someone joining on another
   * instance can arrive in either order, and a notice can come while the page still waits for its join: each list
   * carries the version it was read at, and an older one never replaces a newer one. A notice goes on to the page's
   * handlers with the newest list (who joined or left, as told).
   */
  hear(notice) {
    // A list without a version (a replica not yet updated, during a deploy) is taken as it comes.
    const fresh = notice.version == null || notice.version >= this.presenceVersion;
    if (fresh) {
      this.presenceVersion = notice.version ?? this.presenceVersion;
      this.participants = notice.participants;
    }
    // An older notice's news (who joined or left) is overtaken by the newer list already heard: not told again.
    const told = fresh ? notice : { ...notice, joined: null, left: null };
    const accepted = this.acceptedBy;
    const same = p => p && accepted && p.role === accepted.role && p.name === accepted.name;
    if (this.participants.some(same) || same(told.left)) this.acceptedBy = null;
    return { ...told, participants: this.participants };
  }

  /** Delivers transcript lines once each, in id order, and remembers the last id seen. */
  receive(messages) {
    for (const message of [...messages].sort((a, b) => a.id - b.id)) {
      if (message.id <= this.lastId) continue;
      this.lastId = message.id;
      if (message.clientId) this.pending.delete(message.clientId);
      this.emit('message', message);
    }
  }

  async start() {
    const starting = this.starting;
    this.starting = null;
    // A start that fails (the gateway or a service replica briefly out of reach) is tried twice more, a second apart,
    // before the page says so: the automatic reconnect only looks after a connection that once stood.
    for (let attempt = 1; ; attempt++) {
      try {
        await (attempt === 1 && starting ? starting : this.connection.start());
        break;
      } catch (e) {
        if (attempt >= 3 || this.connection.state !== signalR.HubConnectionState.Disconnected) throw e;
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    }
    performance.mark('hub connected');
    this.emit('connection', 'connected');
  }

  async enter(method, argument, ...more) {
    this.join = { method, argument, more };
    performance.mark(`${method} sent`);
    const result = await this.connection.invoke(method, argument, this.lastId, ...more);
    performance.mark(`${method} answered`);
    this.room = result.room;
    this.you = result.you;
    // Handed on while this page was away (a reload, a reconnect): the room says so.
    if (result.room.handedOn && !this.handedOn) this.handedOn = {};
    if (!result.room.handedOn) this.handedOn = null;
    this.receive(result.messages);
    this.emit('presence', this.hear({ participants: result.participants, version: result.presenceVersion }));
    // In the room (first join, reload or reconnect): the call panel learns whether a call runs to come back to.
    this.emit('joined', result);
    return result;
  }

  /** How many connections (devices, tabs) someone has in the room now; 0 if they are not in it. */
  devicesOf(who) {
    const present = who && this.participants.find(p => p.role === who.role && p.name === who.name);
    return present ? (present.devices ?? 1) : 0;
  }

  /** The resident joins from this page's device (deviceId): a call runs on the device that took it, across its reloads. */
  joinAsResident(token) { return this.enter('JoinAsResidentOn', token, deviceId()); }
  joinAsStaff(roomId) { return this.enter('JoinAsStaff', roomId); }
  joinWithInvite(token) { return this.enter('JoinWithInvite', token); }
  /** A supervisor of the department joins a colleague's consultation (POST …/join said first whether she may). */
  joinAsSupervisor(roomId) { return this.enter('JoinAsSupervisor', roomId); }

  async rejoin() {
    if (!this.join) return;
    try {
      await this.enter(this.join.method, this.join.argument, ...(this.join.more ?? []));
      this.emit('connection', 'connected');
      for (const [clientId, text] of this.pending) await this.connection.invoke('SendMessage', text, clientId);
    } catch (e) {
      // The room closed while this client was away (its "closed" went to the old connection): say so now.
      if (['room-closed', 'room-cancelled', 'room-not-found'].includes(hubError(e))) this.emit('closed', { reason: hubError(e) === 'room-cancelled' ? 'cancelled' : 'closed' });
      else this.emit('connection', 'failed');
    }
  }

  /** Sends a chat line; the returned promise resolves with the stored line (its id and time). */
  async send(text) {
    const clientId = crypto.randomUUID();
    this.pending.set(clientId, text);
    let stored;
    try {
      stored = await this.connection.invoke('SendMessage', text, clientId);
    } catch (e) {
      // Refused by the server (too fast, room closed …): not resent after a reconnect; a lost connection keeps it.
      if (hubError(e) !== 'unknown') this.pending.delete(clientId);
      throw e;
    }
    this.receive([stored]);
    return stored;
  }

  typing(active) { return this.connection.invoke('Typing', active).catch(() => {}); }
  signal(type, data) { return this.connection.invoke('Signal', type, data ?? null); }
  requestMode(mode) { return this.connection.invoke('RequestMode', mode); }
  answerMode(mode, accepted) { return this.connection.invoke('AnswerMode', mode, accepted); }
  setMode(mode) { return this.connection.invoke('SetMode', mode); }
  callRunning() { return this.connection.invoke('CallRunning'); }
  resumeCall() { return this.connection.invoke('ResumeCall'); }
  /** The clerk's page says whether a picture of the resident reaches it (agent/picture-watch.js). */
  reportPicture(arriving) { return this.connection.invoke('ReportPicture', arriving); }
  setLanguage(language) { return this.connection.invoke('SetLanguage', language); }
  stop() { this.join = null; return this.connection.stop(); }
}

/**
 * This page's device for the room (sessionStorage: kept across a reload of the tab, a new one in another tab or on
 * another device): the hub lets the page that held a call take it up again after a reload, not the resident's other
 * device. It authorizes nothing (the room token does). Null where storage is off: the connection is its own device.
 */
export function deviceId() {
  try {
    let id = sessionStorage.getItem('room-device');
    if (!id) sessionStorage.setItem('room-device', id = crypto.randomUUID());
    return id;
  } catch {
    return null;
  }
}

let catalogue = null;

/** A department's name in the page's language, from booking's public catalogue (its key where booking does not answer). */
export async function departmentName(key) {
  catalogue ??= api('/api/booking/concerns').catch(() => []);
  const department = (await catalogue).find(d => d.key === key);
  return (department && pick(department.name)) || key;
}

/** The hub's error codes ("room-closed" …) from a failed invoke. */
export function hubError(error) {
  const match = /(room-not-found|room-closed|room-cancelled|link-replaced|forbidden|not-joined|not-asked|rate-limited|invalid-[a-z]+)/.exec(error?.message || '');
  return match ? match[1] : 'unknown';
}


register({
  de: {
    'chat.you': 'Sie', 'chat.typing': '{name} schreibt …', 'chat.failed': 'Die Nachricht wurde nicht gesendet. Bitte erneut versuchen.',
    'chat.tooFast': 'Sie senden sehr schnell. Bitte warten Sie einen Moment und senden Sie dann erneut.',
    'chat.invalid': 'Diese Nachricht enthält Zeichen, die der Chat nicht annimmt (unsichtbare Steuerzeichen, etwa aus einer Kopie). Bitte tippen Sie den Text neu.',
    'chat.full': 'Eine Nachricht hat höchstens {max} Zeichen; was darüber hinausging, ist nicht im Feld. Senden Sie den Rest in einer weiteren Nachricht.',
    'chat.reconnecting': 'Verbindung unterbrochen – wird wiederhergestellt …', 'chat.reconnected': 'Wieder verbunden.',
    'chat.joined': '{name} ist dem Raum beigetreten.', 'chat.left': '{name} hat den Raum verlassen.',
    'chat.joinedDevice': '{name} hat den Raum auf einem weiteren Gerät geöffnet (jetzt {n} Geräte).',
    'role.resident': 'Einwohner/in', 'role.clerk': 'Sachbearbeitung', 'role.interpreter': 'Dolmetschen',
    'role.supervisor': 'Teamleitung',
    'chat.supervisorJoined': '{name}, Teamleitung, ist dem Gespräch beigetreten.',
    'chat.handedOn': '{name} hat die Beratung an eine Kollegin oder einen Kollegen übergeben. Der Chat bleibt erhalten.',
    'chat.handedOnTo': '{name} hat die Beratung an die Abteilung «{department}» übergeben. Der Chat bleibt erhalten.',
    'chat.takenOver': '{name} hat die Beratung übernommen.',
    'room.chat': 'Chat', 'room.message': 'Nachricht', 'room.send': 'Senden',
  },
  en: {
    'chat.you': 'You', 'chat.typing': '{name} is typing …', 'chat.failed': 'The message was not sent. Please try again.',
    'chat.tooFast': 'You are sending very fast. Please wait a moment, then send again.',
    'chat.invalid': 'This message holds characters the chat does not take (invisible control characters, e.g. from a copy). Please type the text again.',
    'chat.full': 'A message holds at most {max} characters; what went beyond is not in the box. Send the rest in another message.',
    'chat.reconnecting': 'Connection lost – reconnecting …', 'chat.reconnected': 'Connected again.',
    'chat.joined': '{name} joined the room.', 'chat.left': '{name} left the room.',
    'chat.joinedDevice': '{name} opened the room on another device (now {n} devices).',
    'role.resident': 'Resident', 'role.clerk': 'Clerk', 'role.interpreter': 'Interpreter',
    'role.supervisor': 'Supervisor',
    'chat.supervisorJoined': '{name}, supervisor, joined the consultation.',
    'chat.handedOn': '{name} handed the consultation on to a colleague. The chat is kept.',
    'chat.handedOnTo': '{name} handed the consultation on to the department “{department}”. The chat is kept.',
    'chat.takenOver': '{name} took over the consultation.',
    'room.chat': 'Chat', 'room.message': 'Message', 'room.send': 'Send',
  },
  fr: {
    'chat.you': 'Vous',
    'chat.typing': '{name} écrit …',
    'chat.failed': 'Le message n’a pas été envoyé. Veuillez réessayer.',
    'chat.tooFast': 'Vous envoyez des messages très rapidement. Veuillez patienter un instant, puis renvoyer.',
    'chat.invalid': 'Ce message contient des caractères que le chat n’accepte pas (caractères de contrôle invisibles, p. ex. issus d’une copie). Veuillez retaper le texte.',
    'chat.full': 'Un message compte au plus {max} caractères ; ce qui dépassait n’est pas dans le champ. Envoyez la suite dans un autre message.',
    'chat.reconnecting': 'Connexion interrompue – rétablissement en cours …',
    'chat.reconnected': 'À nouveau connecté.',
    'chat.joined': '{name} a rejoint la salle.',
    'chat.left': '{name} a quitté la salle.',
    'chat.joinedDevice': '{name} a ouvert la salle sur un autre appareil (maintenant {n} appareils).',
    'role.resident': 'Habitant·e',
    'role.clerk': 'Collaborateur·rice',
    'role.interpreter': 'Interprète',
    'role.supervisor': 'Responsable d’équipe',
    'chat.supervisorJoined': '{name}, responsable d’équipe, a rejoint l’entretien.',
    'chat.handedOn': '{name} a transmis l’entretien à un·e collègue. Le chat est conservé.',
    'chat.handedOnTo': '{name} a transmis l’entretien au service «\u00a0{department}\u00a0». Le chat est conservé.',
    'chat.takenOver': '{name} a repris l’entretien.',
    'room.chat': 'Chat',
    'room.message': 'Message',
    'room.send': 'Envoyer',
  },
  it: {
    'chat.you': 'Voi',
    'chat.typing': '{name} sta scrivendo …',
    'chat.failed': 'Il messaggio non è stato inviato. Riprovate.',
    'chat.tooFast': 'State inviando molto rapidamente. Attendete un momento, poi inviate di nuovo.',
    'chat.invalid': 'Questo messaggio contiene caratteri che la chat non accetta (caratteri di controllo invisibili, p. es. da una copia). Riscrivete il testo.',
    'chat.full': 'Un messaggio ha al massimo {max} caratteri; ciò che andava oltre non è nel campo. Inviate il resto in un altro messaggio.',
    'chat.reconnecting': 'Connessione interrotta: ripristino in corso …',
    'chat.reconnected': 'Di nuovo collegati.',
    'chat.joined': '{name} è entrato/a nella stanza.',
    'chat.left': '{name} ha lasciato la stanza.',
    'chat.joinedDevice': '{name} ha aperto la stanza su un altro dispositivo (ora {n} dispositivi).',
    'role.resident': 'Residente',
    'role.clerk': 'Addetto/a',
    'role.interpreter': 'Interprete',
    'role.supervisor': 'Responsabile del team',
    'chat.supervisorJoined': '{name}, responsabile del team, è entrato/a nel colloquio.',
    'chat.handedOn': '{name} ha passato il colloquio a un/una collega. La chat resta.',
    'chat.handedOnTo': '{name} ha passato il colloquio al servizio «{department}». La chat resta.',
    'chat.takenOver': '{name} ha preso in carico il colloquio.',
    'room.chat': 'Chat',
    'room.message': 'Messaggio',
    'room.send': 'Inviare',
  },
  'de-x-ls': {
    'chat.you': 'Sie',
    'chat.typing': '{name} schreibt gerade.',
    'chat.failed': 'Die Nachricht ist nicht angekommen. Bitte schicken Sie sie noch einmal.',
    'chat.tooFast': 'Sie schreiben sehr schnell. Bitte warten Sie kurz. Dann schicken Sie die Nachricht noch einmal.',
    'chat.invalid': 'In der Nachricht sind unsichtbare Zeichen. Der Chat nimmt sie nicht an. Bitte schreiben Sie den Text neu.',
    'chat.full': 'Eine Nachricht darf höchstens {max} Zeichen lang sein. Der Rest ist nicht im Feld. Schicken Sie den Rest in einer neuen Nachricht.',
    'chat.reconnecting': 'Die Verbindung ist weg. Bitte warten.',
    'chat.reconnected': 'Die Verbindung geht wieder.',
    'chat.joined': '{name} ist jetzt da.',
    'chat.left': '{name} ist gegangen.',
    'chat.joinedDevice': '{name} ist jetzt auch an einem anderen Gerät da. Das sind jetzt {n} Geräte.',
    'role.resident': 'Bürgerin oder Bürger',
    'role.clerk': 'Person vom Amt',
    'role.interpreter': 'Übersetzer oder Übersetzerin',
    'role.supervisor': 'Chefin oder Chef vom Team',
    'chat.supervisorJoined': '{name} ist jetzt auch im Gespräch. {name} ist die Chefin oder der Chef vom Team.',
    'chat.handedOn': '{name} gibt das Gespräch an eine andere Person vom Amt. Der Chat bleibt da.',
    'chat.handedOnTo': '{name} gibt das Gespräch an eine andere Stelle vom Amt: {department}. Der Chat bleibt da.',
    'chat.takenOver': '{name} ist jetzt für Sie da.',
    'room.chat': 'Chat. Hier schreiben Sie.',
    'room.message': 'Ihre Nachricht',
    'room.send': 'Schicken',
  },
});

/**
 * The chat panel both room pages share: the transcript as a live log, the send form (Enter sends,
 * Shift+Enter breaks the line), the typing hint and join/leave notes.
 */
export function bindChat(room, { list, form, input, typing, status }) {
  // The clerk who took a consultation handed on, said in the chat, until their page comes in.
  let tookOver = null;
  const add = (text, className, who) => {
    const item = document.createElement('li');
    if (className) item.className = className;
    if (who) {
      const name = document.createElement('span');
      name.className = 'who';
      name.textContent = who;
      item.append(name);
    }
    item.append(document.createTextNode(text));
    list.append(item);
    list.parentElement.scrollTop = list.parentElement.scrollHeight;
    return item;
  };
  room.on('message', message => {
    const mine = room.you && message.from.role === room.you.role && message.from.name === room.you.name;
    const item = add(message.text, mine ? 'mine' : '', `${mine ? t('chat.you') : message.from.name} · ${formatTime(message.sentAt)}`);
    item.dataset.id = message.id;
  });
  room.on('presence', notice => {
    // A further device or tab of someone already here is said as such (a room link opened twice; room probe, 2026-12-06).
    const devices = room.devicesOf(notice.joined);
    // Who took a consultation handed on was said as such; their page coming in a moment later is not news.
    const said = notice.joined?.role === 'clerk' && notice.joined.name === tookOver;
    if (said) tookOver = null;
    if (notice.joined && notice.joined.name !== room.you?.name && !said) {
      add(devices > 1 ? t('chat.joinedDevice', { name: notice.joined.name, n: devices })
        : notice.joined.role === 'supervisor' ? t('chat.supervisorJoined', { name: notice.joined.name })
        : t('chat.joined', { name: notice.joined.name }), 'system');
    }
    // A clerk who handed the consultation on has not "left the room": the hand-on said what happens.
    const handing = room.handedOn?.by && notice.left?.role === 'clerk' && notice.left.name === room.handedOn.by;
    if (notice.left && !handing) add(t('chat.left', { name: notice.left.name }), 'system');
  });
  // Handed on (by the clerk, or taken over by a supervisor): said in the reader's language, then who took it.
  room.relay.on('room.handed-on', async (handed) => {
    if (!handed?.toDepartmentKey) return add(t('chat.handedOn', { name: handed?.by ?? '' }), 'system');
    // In its place in the chat while the department's name is asked for.
    const item = add('', 'system');
    item.append(t('chat.handedOnTo', { name: handed.by, department: await departmentName(handed.toDepartmentKey) }));
    list.parentElement.scrollTop = list.parentElement.scrollHeight;
  });
  room.on('accepted', accepted => {
    if (!room.takenOver || accepted.by?.name !== room.takenOver.name) return;
    tookOver = accepted.by.name;
    add(t('chat.takenOver', { name: tookOver }), 'system');
  });
  let typingTimer;
  room.on('typing', notice => {
    typing.textContent = notice.typing ? t('chat.typing', { name: notice.from.name }) : '';
    clearTimeout(typingTimer);
    if (notice.typing) typingTimer = setTimeout(() => { typing.textContent = ''; }, 6000);
  });
  // A note about the connection stands in the page's status line only while it applies: then the line says again
  // what it said before (who the resident is talking to, whom the clerk serves).
  const notes = ['chat.reconnecting', 'chat.reconnected'];
  // A note about the message being written stands under its box, where the eyes are: on a phone the page's status line
  // was 370 px above, out of view, and a refusal stayed there through the video (room probe, 2026-12-06).
  const messageNote = Object.assign(document.createElement('p'), { className: 'chat-note' });
  messageNote.setAttribute('role', 'status');
  form.after(messageNote);
  const noteMessage = (key, vars = {}) => (key ? say(messageNote, key, vars) : (messageNote.textContent = '', delete messageNote.dataset.i18nSaid));
  let before = null;
  let restoring;
  const note = (key, vars = {}) => {
    clearTimeout(restoring);
    if (!notes.includes(status.dataset.i18nSaid)) {
      const { i18nSaid: key, i18nVars: vars } = status.dataset;
      // The key only if it still is what the line says (a page may have written its text directly since).
      const said = key && t(key, JSON.parse(vars || '{}')) === status.textContent;
      before = { text: status.textContent, key: said ? key : null, vars };
    }
    say(status, key, vars);
  };
  const restore = () => {
    clearTimeout(restoring);
    // What the page said meanwhile waited for the note to go (citizen/room.js): it is what the line says now.
    const after = status.dataset.afterNote;
    delete status.dataset.afterNote;
    if (!notes.includes(status.dataset.i18nSaid)) return;
    if (after) {
      const { key, vars } = JSON.parse(after);
      say(status, key, vars);
    } else if (before?.key) say(status, before.key, JSON.parse(before.vars || '{}'));
    else if (before) { status.textContent = before.text; delete status.dataset.i18nSaid; }
    before = null;
  };
  room.on('connection', state => {
    if (state === 'reconnecting') note('chat.reconnecting');
    if (state === 'connected' && room.join) {
      note('chat.reconnected');
      restoring = setTimeout(restore, 5000);
    }
  });

  let typingSent = false;
  let idleTimer;
  input.addEventListener('input', () => {
    // A paste longer than a message is cut by the box without a word (the phone probe lost 1,000 characters so).
    if (input.maxLength > 0 && input.value.length >= input.maxLength) noteMessage('chat.full', { max: input.maxLength });
    else if (messageNote.dataset.i18nSaid === 'chat.full') noteMessage(null);
    if (!typingSent) { typingSent = true; room.typing(true); }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => { typingSent = false; room.typing(false); }, 2500);
  });
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    // Invisible controls a copy brings along (direction overrides, C0 controls but tab and line breaks) the hub refuses:
    // they go before sending, so the text the resident sees is the text sent.
    const text = input.value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '').trim();
    if (!text) return;
    input.value = '';
    typingSent = false;
    clearTimeout(idleTimer);
    room.typing(false);
    try {
      await room.send(text);
      noteMessage(null);
    } catch (e) {
      input.value = text;
      const error = hubError(e);
      noteMessage(error === 'rate-limited' ? 'chat.tooFast' : error === 'invalid-message' ? 'chat.invalid' : 'chat.failed');
    }
  });
}
