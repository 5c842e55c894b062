// "Talk to us now": join the live queue, watch the position (polled every two seconds), enter the room when called.
import { register, apply, languageSwitch, language, t, pick, locale, say as sayKey } from '/shared/i18n.js';
import { api, ApiError, fragmentToken, showFieldErrors, contactSlips } from '/shared/api.js';
import { codeText } from '/shared/problems.js';
import { formatWhen } from '/shared/dates.js';
import { announceCall, endAnnouncement, unlockSound, canAskForNotifications, askForNotifications } from '/call-alert.js';

register({
  de: {
    'queue.title': 'Jetzt mit uns sprechen', 'queue.concern': 'Ihr Anliegen', 'queue.name': 'Ihr Name', 'queue.email': 'E-Mail (freiwillig)',
    'queue.join': 'In die Warteschlange', 'queue.closedTitle': 'Zurzeit geschlossen', 'queue.closedText': 'Gerne beraten wir Sie zu einem dieser Termine:',
    'queue.ticketTitle': 'Ihr Platz in der Warteschlange', 'queue.position': 'Ihre Position', 'queue.estimate': 'Geschätzte Wartezeit: ca. {n} Minuten',
    'queue.keepOpen': 'Lassen Sie diese Seite offen. Sobald Sie an der Reihe sind, geht es hier weiter.',
    'queue.mailed': 'Den Link zu Ihrem Platz haben wir Ihnen auch per E-Mail geschickt: Schliessen Sie die Seite, bringt er Sie zurück.', 'queue.leave': 'Warteschlange verlassen', 'queue.leaveConfirm': 'Wirklich nicht mehr warten? Ihr Platz in der Warteschlange geht verloren.',
    'queue.called': 'Sie sind an der Reihe!', 'queue.enter': 'Jetzt eintreten', 'queue.missed': 'Sie wurden aufgerufen, sind aber nicht eingetreten. Bitte reihen Sie sich erneut ein.',
    'queue.cancelled': 'Sie haben die Warteschlange verlassen.', 'queue.joined': 'Sie sind im Gespräch.', 'queue.invalid': 'Dieser Link ist ungültig oder abgelaufen.',
    'queue.noneOpen': 'Zurzeit ist kein Schalter geöffnet.',
    'queue.bookInstead': 'Einen Termin buchen',
  },
  en: {
    'queue.title': 'Talk to us now', 'queue.concern': 'Your concern', 'queue.name': 'Your name', 'queue.email': 'E-mail (optional)',
    'queue.join': 'Join the queue', 'queue.closedTitle': 'Closed at the moment', 'queue.closedText': 'We will gladly advise you at one of these times:',
    'queue.ticketTitle': 'Your place in the queue', 'queue.position': 'Your position', 'queue.estimate': 'Estimated wait: about {n} minutes',
    'queue.keepOpen': 'Keep this page open. As soon as it is your turn, you continue here.',
    'queue.mailed': 'We have also e-mailed you the link to your place: if you close the page, it brings you back.', 'queue.leave': 'Leave the queue', 'queue.leaveConfirm': 'Really stop waiting? You lose your place in the queue.',
    'queue.called': 'It is your turn!', 'queue.enter': 'Enter now', 'queue.missed': 'You were called but did not enter. Please join the queue again.',
    'queue.cancelled': 'You have left the queue.', 'queue.joined': 'You are in the meeting.', 'queue.invalid': 'This link is invalid or has expired.',
    'queue.noneOpen': 'No counter is open at the moment.',
    'queue.bookInstead': 'Book an appointment',
  },
  fr: {
    'queue.title': 'Nous parler maintenant',
    'queue.concern': 'Votre démarche',
    'queue.name': 'Votre nom',
    'queue.email': 'Adresse e-mail (facultatif)',
    'queue.join': 'Prendre place dans la file',
    'queue.closedTitle': 'Actuellement fermé',
    'queue.closedText': 'Nous vous conseillerons volontiers à l’un de ces moments :',
    'queue.ticketTitle': 'Votre place dans la file d’attente',
    'queue.position': 'Votre position',
    'queue.estimate': 'Attente estimée : env. {n} minutes',
    'queue.keepOpen': 'Laissez cette page ouverte. Dès que votre tour arrive, la suite se passe ici.',
    'queue.mailed': 'Nous vous avons aussi envoyé le lien vers votre place par e-mail : si vous fermez la page, il vous y ramène.',
    'queue.leave': 'Quitter la file d’attente',
    'queue.leaveConfirm': 'Vraiment quitter la file d’attente ? Vous perdez votre place.',
    'queue.called': 'C’est votre tour !',
    'queue.enter': 'Entrer maintenant',
    'queue.missed': 'Vous avez été appelé·e, mais n’êtes pas entré·e. Veuillez reprendre place dans la file.',
    'queue.cancelled': 'Vous avez quitté la file d’attente.',
    'queue.joined': 'Vous êtes en entretien.',
    'queue.invalid': 'Ce lien n’est pas valable ou a expiré.',
    'queue.noneOpen': 'Aucun guichet n’est ouvert pour le moment.',
    'queue.bookInstead': 'Prendre rendez-vous',
  },
  it: {
    'queue.title': 'Parlare con noi ora',
    'queue.concern': 'La vostra pratica',
    'queue.name': 'Il vostro nome',
    'queue.email': 'E-mail (facoltativa)',
    'queue.join': 'Mettersi in coda',
    'queue.closedTitle': 'Attualmente chiuso',
    'queue.closedText': 'Saremo lieti di consigliarvi in uno di questi momenti:',
    'queue.ticketTitle': 'Il vostro posto in coda',
    'queue.position': 'La vostra posizione',
    'queue.estimate': 'Attesa stimata: circa {n} minuti',
    'queue.keepOpen': 'Lasciate aperta questa pagina. Appena sarà il vostro turno, si proseguirà qui.',
    'queue.mailed': 'Vi abbiamo inviato anche per e-mail il link al vostro posto: se chiudete la pagina, vi riporta qui.',
    'queue.leave': 'Lasciare la coda',
    'queue.leaveConfirm': 'Volete davvero lasciare la coda? Perdete il vostro posto.',
    'queue.called': 'È il vostro turno!',
    'queue.enter': 'Entrare ora',
    'queue.missed': 'Siete stati chiamati ma non siete entrati. Rimettetevi in coda.',
    'queue.cancelled': 'Avete lasciato la coda.',
    'queue.joined': 'Siete in colloquio.',
    'queue.invalid': 'Questo link non è valido o è scaduto.',
    'queue.noneOpen': 'Al momento nessuno sportello è aperto.',
    'queue.bookInstead': 'Prenotare un appuntamento',
  },
  'de-x-ls': {
    'queue.title': 'Jetzt mit uns reden',
    'queue.concern': 'Ihr Thema',
    'queue.name': 'Ihr Name',
    'queue.email': 'Ihre E-Mail-Adresse. Das müssen Sie nicht angeben.',
    'queue.join': 'Warten auf das Gespräch',
    'queue.closedTitle': 'Jetzt ist zu',
    'queue.closedText': 'Zu diesen Zeiten sind wir da:',
    'queue.ticketTitle': 'Sie warten jetzt',
    'queue.position': 'Ihr Platz in der Reihe',
    'queue.estimate': 'Sie warten ungefähr {n} Minuten.',
    'queue.keepOpen': 'Bitte lassen Sie diese Seite offen. Bald sind Sie dran. Dann geht es hier weiter.',
    'queue.mailed': 'Wir haben Ihnen eine E-Mail geschickt. Darin ist ein Link. Sie haben die Seite geschlossen? Dann klicken Sie auf den Link. Dann sind Sie wieder an Ihrem Platz.',
    'queue.leave': 'Nicht mehr warten',
    'queue.leaveConfirm': 'Wollen Sie wirklich nicht mehr warten? Dann verlieren Sie Ihren Platz.',
    'queue.called': 'Jetzt sind Sie dran!',
    'queue.enter': 'Zum Gespräch',
    'queue.missed': 'Sie waren dran. Aber Sie sind nicht gekommen. Bitte fangen Sie noch einmal an.',
    'queue.cancelled': 'Sie warten nicht mehr.',
    'queue.joined': 'Sie sind jetzt im Gespräch.',
    'queue.invalid': 'Dieser Link geht nicht. Vielleicht ist er zu alt.',
    'queue.noneOpen': 'Jetzt ist kein Schalter offen.',
    'queue.bookInstead': 'Einen Termin ausmachen',
  },
});

register({
  de: {
    'queue.next': 'Sie sind als Nächstes an der Reihe.', 'queue.for': 'Anliegen: {name}',
    'queue.notify': 'Benachrichtigen, wenn ich an der Reihe bin', 'queue.notifyOn': 'Sie erhalten eine Benachrichtigung, sobald Sie an der Reihe sind.',
    'queue.calledTitle': 'Sie sind an der Reihe!', 'queue.calledBody': 'Tippen Sie hier und treten Sie jetzt ein.',
    'queue.requeue': 'Erneut einreihen',
    'queue.nobodyJoin': 'Gerade ist niemand für dieses Anliegen am Schalter. Sie können sich trotzdem einreihen – vielleicht kommt bald jemand – oder stattdessen einen Termin buchen.',
    'queue.nobodyWaiting': 'Gerade ist niemand für Ihr Anliegen am Schalter. Sie können weiter warten – vielleicht kommt bald jemand – oder stattdessen einen Termin buchen.',
  },
  en: {
    'queue.next': 'You are next.', 'queue.for': 'Concern: {name}',
    'queue.notify': 'Notify me when it is my turn', 'queue.notifyOn': 'You will get a notification as soon as it is your turn.',
    'queue.calledTitle': 'It is your turn!', 'queue.calledBody': 'Tap here and enter now.',
    'queue.requeue': 'Join the queue again',
    'queue.nobodyJoin': 'Nobody is at the counter for this concern right now. You can still join the queue – a clerk may come soon – or book an appointment instead.',
    'queue.nobodyWaiting': 'Nobody is at the counter for your concern right now. You can keep waiting – a clerk may come soon – or book an appointment instead.',
  },
  fr: {
    'queue.next': 'Vous êtes le ou la prochain·e.', 'queue.for': 'Démarche : {name}',
    'queue.notify': 'M’avertir quand c’est mon tour', 'queue.notifyOn': 'Vous recevrez une notification dès que ce sera votre tour.',
    'queue.calledTitle': 'C’est votre tour !', 'queue.calledBody': 'Touchez ici et entrez maintenant.',
    'queue.requeue': 'Reprendre une place dans la file',
    'queue.nobodyJoin': 'Personne n’est au guichet pour cette démarche en ce moment. Vous pouvez tout de même prendre place dans la file – quelqu’un viendra peut-être bientôt – ou plutôt prendre rendez-vous.',
    'queue.nobodyWaiting': 'Personne n’est au guichet pour votre démarche en ce moment. Vous pouvez continuer d’attendre – quelqu’un viendra peut-être bientôt – ou plutôt prendre rendez-vous.',
  },
  it: {
    'queue.next': 'Il prossimo turno è il vostro.', 'queue.for': 'Pratica: {name}',
    'queue.notify': 'Avvisami quando è il mio turno', 'queue.notifyOn': 'Riceverete una notifica appena sarà il vostro turno.',
    'queue.calledTitle': 'È il vostro turno!', 'queue.calledBody': 'Toccate qui ed entrate ora.',
    'queue.requeue': 'Rimettersi in coda',
    'queue.nobodyJoin': 'Al momento nessuno è allo sportello per questa pratica. Potete comunque mettervi in coda – forse arriverà presto qualcuno – oppure prenotare invece un appuntamento.',
    'queue.nobodyWaiting': 'Al momento nessuno è allo sportello per la vostra pratica. Potete continuare ad attendere – forse arriverà presto qualcuno – oppure prenotare invece un appuntamento.',
  },
  'de-x-ls': {
    'queue.next': 'Sie sind als Nächstes dran.', 'queue.for': 'Ihr Thema: {name}',
    'queue.notify': 'Mir Bescheid geben, wenn ich dran bin', 'queue.notifyOn': 'Sie bekommen eine Nachricht, wenn Sie dran sind.',
    'queue.calledTitle': 'Sie sind jetzt dran!', 'queue.calledBody': 'Tippen Sie hier. Dann kommen Sie in das Gespräch.',
    'queue.requeue': 'Noch einmal anstellen',
    'queue.nobodyJoin': 'Gerade ist niemand für dieses Thema da. Sie können trotzdem warten. Vielleicht kommt bald jemand. Oder Sie machen einen Termin.',
    'queue.nobodyWaiting': 'Gerade ist niemand für Ihr Thema da. Sie können weiter warten. Vielleicht kommt bald jemand. Oder Sie machen einen Termin.',
  },
});

apply();
languageSwitch();
const status = document.getElementById('status');
const form = document.getElementById('join');
let token = fragmentToken();
let departments = [];
// Per concern key, whether a clerk who handles it is at the counter now; null while unknown (then nothing is said).
let attended = null;
let last = null;
let timer = null;

function say(text, error = false) { status.textContent = text; status.className = error ? 'error' : ''; }

// The queue takes no one for a concern no clerk handles (booking's catalogue says "staffed").
const staffed = c => c.staffed !== false;

function fillConcerns() {
  const lang = language();
  const wanted = form.concernKey.value || new URLSearchParams(location.search).get('concern');
  form.concernKey.replaceChildren();
  for (const d of departments.filter(d => d.openNow)) {
    const group = Object.assign(document.createElement('optgroup'), { label: pick(d.name) });
    for (const c of d.concerns.filter(staffed)) group.append(new Option(pick(c.name), c.key));
    if (group.children.length) form.concernKey.append(group);
  }
  if (wanted) form.concernKey.value = wanted;
}

function showOffers(slots, concernKey) {
  const list = document.getElementById('offers');
  list.replaceChildren();
  for (const slot of slots) {
    const a = document.createElement('a');
    a.className = 'button secondary';
    a.href = `/book.html?concern=${encodeURIComponent(concernKey)}&start=${encodeURIComponent(slot.start)}`;
    a.textContent = formatWhen(slot.start);
    const item = document.createElement('li');
    item.append(a);
    list.append(item);
  }
  document.getElementById('closed').hidden = false;
}

/**
 * Says in a polite live region, with a link to book instead, when nobody who handles the concern is at the counter now;
 * empties it once someone is. Written only when that changes, so a screen reader hears it once, not at every poll.
 */
function sayAttendance(region, concernKey, nobody, key) {
  const said = nobody ? `${concernKey}|${t(key)}` : '';
  if (region.dataset.said === said) return;
  region.dataset.said = said;
  if (!nobody) { region.replaceChildren(); return; }
  const note = Object.assign(document.createElement('p'), { className: 'unattended', id: `${region.id}-note` });
  const book = Object.assign(document.createElement('a'), { href: `/book.html?concern=${encodeURIComponent(concernKey)}`, textContent: t('queue.bookInstead') });
  note.append(t(key), ' ', book);
  region.replaceChildren(note);
}

/** Before joining: the note for the chosen concern, also read with the concern's field. */
function showJoinAttendance() {
  const nobody = attended?.[form.concernKey.value] === false;
  sayAttendance(document.getElementById('join-attendance'), form.concernKey.value, nobody, 'queue.nobodyJoin');
  if (nobody) form.concernKey.setAttribute('aria-describedby', 'join-attendance-note');
  else form.concernKey.removeAttribute('aria-describedby');
}

const askAttended = () => api('/api/booking/queue/attended').then(a => a.concerns, () => null);

function write(id, text) {
  const el = document.getElementById(id);
  if (el.textContent !== text) el.textContent = text;
}

function renderTicket() {
  if (!last) return;
  document.getElementById('ticket').hidden = false;
  form.hidden = true;
  const waiting = document.getElementById('waiting');
  const called = document.getElementById('called');
  waiting.hidden = last.status !== 'waiting';
  called.hidden = last.status !== 'called';
  if (last.status === 'waiting') {
    const concern = last.concernName?.[language()] || last.concernName?.de;
    document.getElementById('ticket-concern').textContent = concern ? t('queue.for', { name: concern }) : '';
    // Both sit in a polite live region: written only when they change, so a screen reader hears 3 → 2 → 1, not every poll.
    write('position', String(last.position ?? '–'));
    write('estimate', last.position === 1 || last.estimatedWaitMinutes === 0 ? t('queue.next')
      : last.estimatedWaitMinutes != null ? t('queue.estimate', { n: last.estimatedWaitMinutes }) : '');
    sayAttendance(document.getElementById('attendance'), last.concernKey, last.attended === false, 'queue.nobodyWaiting');
    document.getElementById('notify').hidden = !canAskForNotifications();
    // A resident who gave an address has the place's link in a mail (booking's QueueTicketIssuedConsumer).
    document.getElementById('mailed').hidden = !last.mailed;
  }
  write('ended', ['missed', 'cancelled', 'joined'].includes(last.status) ? t(`queue.${last.status}`) : '');
  // Once out of the queue there is no place to head: what happened is said, then the ways on. Left by mistake, or
  // called while away: back into the queue with one press, or an appointment for the same concern instead, below it.
  document.getElementById('ticket-title').hidden = !['waiting', 'called'].includes(last.status);
  const over = ['missed', 'cancelled'].includes(last.status);
  document.getElementById('requeue').hidden = !over;
  const book = document.getElementById('ticket-book');
  book.hidden = !over;
  book.querySelector('a').href = last.concernKey ? `/book.html?concern=${encodeURIComponent(last.concernKey)}` : '/book.html';
}

let announced = false;
function signal(previous) {
  if (last.status === 'called' && previous !== 'called' && !announced) {
    announced = true;
    announceCall({ title: t('queue.calledTitle'), site: t('site.name'), body: t('queue.calledBody'), onOpen: () => document.getElementById('room-link').focus() });
  }
  if (last.status !== 'called') { announced = false; endAnnouncement(); }
}

async function poll() {
  try {
    const previous = last?.status;
    last = await api('/api/booking/queue/tickets/mine', { token });
    renderTicket();
    signal(previous);
    if (last.status === 'called') {
      const link = document.getElementById('room-link');
      link.href = `/room.html#t=${token}`;
      // Once, when the call appears: a resident who then moves elsewhere (the language, the header) is not pulled back.
      if (previous !== 'called') link.focus();
    }
    if (['missed', 'cancelled', 'joined'].includes(last.status)) { clearInterval(timer); timer = null; }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { clearInterval(timer); timer = null; say(t('queue.invalid'), true); }
  }
}

function follow() {
  const first = poll();
  timer ??= setInterval(poll, 2000);
  return first;
}

/**
 * After the resident's own step (joined, left, joined again) the part they acted in is gone with its button: the focus
 * goes to what the page shows now (the place's heading, the call, the way back into the queue), not to the page itself,
 * from where a screen reader would start again at the top.
 */
function focusShown() {
  const requeue = document.getElementById('requeue');
  const target = last?.status === 'called' ? document.getElementById('room-link') : !requeue.hidden ? requeue : document.getElementById('ticket-title');
  target.focus();
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const submit = document.getElementById('join-submit');
  unlockSound();
  document.getElementById('join-error').textContent = '';
  const slip = contactSlips(form, { emailRequired: false });
  if (slip) { showFieldErrors(form, slip); return; }
  submit.disabled = true;
  try {
    const ticket = await api('/api/booking/queue', {
      method: 'POST',
      body: { concernKey: form.concernKey.value, name: form.name.value, email: form.email.value || null, language: language() },
    });
    token = ticket.token;
    // The token lives in the fragment so a reload (or a bookmark) finds the ticket again without sending it to a server.
    history.replaceState(null, '', `/queue.html#t=${token}`);
    await follow();
    focusShown();
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) { form.hidden = true; showOffers(e.problem.nextSlots || [], form.concernKey.value); }
    else if (e instanceof ApiError && e.status === 400) showFieldErrors(form, e);
    else document.getElementById('join-error').textContent = codeText(e) || t('common.error');
  } finally {
    submit.disabled = false;
  }
});

// The resident's first touch of a reloaded page unlocks the chime (a browser plays sound only after one).
for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, unlockSound, { once: true });

document.getElementById('notify').addEventListener('click', async () => {
  const allowed = await askForNotifications();
  document.getElementById('notify').hidden = true;
  if (allowed) say(t('queue.notifyOn'));
});

// A missed call is no dead end: the same concern, name and address go back into the queue with one press.
document.getElementById('requeue').addEventListener('click', async () => {
  unlockSound();
  const button = document.getElementById('requeue');
  button.disabled = true;
  try {
    const ticket = await api('/api/booking/queue', {
      method: 'POST',
      body: { concernKey: last.concernKey, name: last.citizenName, email: last.email || null, language: language() },
    });
    token = ticket.token;
    history.replaceState(null, '', `/queue.html#t=${token}`);
    last = null;
    button.hidden = true;
    say('');
    await follow();
    focusShown();
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) { document.getElementById('ticket').hidden = true; showOffers(e.problem.nextSlots || [], last.concernKey); }
    else say(codeText(e) || t('common.error'), true);
  } finally {
    button.disabled = false;
  }
});

document.getElementById('leave').addEventListener('click', async () => {
  // One stray tap on a phone gave the place away (the phone probe).
  if (!confirm(t('queue.leaveConfirm'))) return;
  try { await api('/api/booking/queue/tickets/mine', { method: 'DELETE', token }); } catch { /* the next poll shows the real state */ }
  await poll();
  focusShown();
});
document.addEventListener('languagechange', () => { fillConcerns(); showJoinAttendance(); renderTicket(); });
// Another concern chosen: asked afresh, as a clerk may have come or gone since the page opened.
form.concernKey.addEventListener('change', async () => { attended = await askAttended() ?? attended; showJoinAttendance(); });

if (token) {
  follow();
} else {
  try {
    const atCounter = askAttended();
    departments = await api('/api/booking/concerns');
    attended = await atCounter;
    fillConcerns();
    showJoinAttendance();
    const concernKey = new URLSearchParams(location.search).get('concern');
    const wantedDepartment = concernKey ? departments.find(d => d.concerns.some(c => c.key === concernKey)) : null;
    const wantedStaffed = wantedDepartment?.concerns.some(c => c.key === concernKey && staffed(c));
    // A link for one concern whose department is closed offers its appointments, even while other departments are open.
    if (wantedDepartment ? wantedDepartment.openNow && wantedStaffed : departments.some(d => d.openNow && d.concerns.some(staffed))) form.hidden = false;
    else {
      if (!wantedDepartment) {
        // Not a dead end: an appointment can be booked at any time.
        sayKey(status, 'queue.noneOpen');
        document.getElementById('book-instead').hidden = false;
      }
      if (concernKey) {
        const slots = await api(`/api/booking/concerns/${encodeURIComponent(concernKey)}/slots`);
        showOffers(slots.slots.slice(0, 5), concernKey);
      }
    }
  } catch {
    say(t('common.error'), true);
  }
}
