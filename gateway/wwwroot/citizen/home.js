// The front door: concerns by department, "talk to us now" while the counter is open, "book an appointment".
import { register, apply, languageSwitch, language, t, pick, langOf, weekday } from '/shared/i18n.js';
import { api } from '/shared/api.js';

register({
  de: {
    'home.title': 'Willkommen am digitalen Schalter', 'home.intro': 'Erledigen Sie Ihr Anliegen von zu Hause: schreiben, sprechen oder Bildschirm zeigen.',
    'home.liveTitle': 'Jetzt mit uns sprechen', 'home.liveText': 'Wir sind gerade erreichbar. Wählen Sie Ihr Anliegen und reihen Sie sich in die Warteschlange ein.',
    'home.talkNow': 'Jetzt sprechen', 'home.book': 'Termin buchen', 'home.open': 'Jetzt geöffnet', 'home.closed': 'Zurzeit geschlossen',
    'home.minutes': 'ca. {n} Minuten', 'home.documents': 'Unterlagen bereithalten', 'home.identity': 'Ausweis in die Kamera zeigen',
    'home.signature': 'Unterschrift am Bildschirm', 'home.hours': 'Öffnungszeiten', 'home.talkNowFor': 'Jetzt sprechen: {name}',
    'home.bookFor': 'Termin buchen: {name}',
    'home.appointmentHours': 'Zeiten für Termine', 'home.dayHours': '{day}: {hours}',
    'home.nobody': 'Gerade ist niemand für dieses Anliegen am Schalter. Sie können trotzdem warten – vielleicht kommt bald jemand – oder einen Termin buchen.',
    'home.liveTextNobody': 'Der Schalter ist geöffnet, aber gerade ist niemand da. Sie können sich trotzdem einreihen – vielleicht kommt bald jemand – oder einen Termin buchen.',
    'home.cameIn': 'Jetzt ist jemand am Schalter für: {names}.', 'home.wentOut': 'Gerade ist niemand mehr am Schalter für: {names}.',
  },
  en: {
    'home.title': 'Welcome to the digital counter', 'home.intro': 'Take care of your concern from home: write, speak or share your screen.',
    'home.liveTitle': 'Talk to us now', 'home.liveText': 'We are available right now. Choose your concern and join the queue.',
    'home.talkNow': 'Talk to us now', 'home.book': 'Book an appointment', 'home.open': 'Open now', 'home.closed': 'Closed at the moment',
    'home.minutes': 'about {n} minutes', 'home.documents': 'Documents to have ready', 'home.identity': 'Show your ID to the camera',
    'home.signature': 'Signature on screen', 'home.hours': 'Opening hours', 'home.talkNowFor': 'Talk to us now: {name}',
    'home.bookFor': 'Book an appointment: {name}',
    'home.appointmentHours': 'Times for appointments', 'home.dayHours': '{day}: {hours}',
    'home.nobody': 'Nobody is at the counter for this concern right now. You can still wait – a clerk may come soon – or book an appointment.',
    'home.liveTextNobody': 'The counter is open, but nobody is at it right now. You can still join the queue – a clerk may come soon – or book an appointment.',
    'home.cameIn': 'Somebody is at the counter now for: {names}.', 'home.wentOut': 'Nobody is at the counter any more for: {names}.',
  },
  fr: {
    'home.title': 'Bienvenue au guichet numérique',
    'home.intro': 'Réglez votre démarche depuis chez vous : par écrit, par la voix ou en partageant votre écran.',
    'home.liveTitle': 'Nous parler maintenant',
    'home.liveText': 'Nous sommes disponibles en ce moment. Choisissez votre démarche et prenez place dans la file d’attente.',
    'home.talkNow': 'Parler maintenant',
    'home.book': 'Prendre rendez-vous',
    'home.open': 'Ouvert maintenant',
    'home.closed': 'Actuellement fermé',
    'home.minutes': 'env. {n} minutes',
    'home.documents': 'Documents à préparer',
    'home.identity': 'Présenter une pièce d’identité à la caméra',
    'home.signature': 'Signature à l’écran',
    'home.hours': 'Heures d’ouverture',
    'home.talkNowFor': 'Parler maintenant : {name}',
    'home.bookFor': 'Prendre rendez-vous : {name}',
    'home.appointmentHours': 'Horaires des rendez-vous',
    'home.dayHours': '{day} : {hours}',
    'home.nobody': 'Personne n’est au guichet pour cette démarche en ce moment. Vous pouvez tout de même attendre – quelqu’un viendra peut-être bientôt – ou prendre rendez-vous.',
    'home.liveTextNobody': 'Le guichet est ouvert, mais personne n’y est en ce moment. Vous pouvez tout de même prendre place dans la file – quelqu’un viendra peut-être bientôt – ou prendre rendez-vous.',
    'home.cameIn': 'Quelqu’un est maintenant au guichet pour : {names}.',
    'home.wentOut': 'Plus personne n’est au guichet en ce moment pour : {names}.',
  },
  it: {
    'home.title': 'Benvenuti allo sportello digitale',
    'home.intro': 'Sbrigate la vostra pratica da casa: per iscritto, a voce o condividendo lo schermo.',
    'home.liveTitle': 'Parlare con noi ora',
    'home.liveText': 'Siamo disponibili in questo momento. Scegliete la vostra pratica e mettetevi in coda.',
    'home.talkNow': 'Parlare ora',
    'home.book': 'Prenotare un appuntamento',
    'home.open': 'Aperto ora',
    'home.closed': 'Attualmente chiuso',
    'home.minutes': 'circa {n} minuti',
    'home.documents': 'Documenti da tenere pronti',
    'home.identity': 'Mostrare un documento d’identità alla telecamera',
    'home.signature': 'Firma sullo schermo',
    'home.hours': 'Orari di apertura',
    'home.talkNowFor': 'Parlare ora: {name}',
    'home.bookFor': 'Prenotare un appuntamento: {name}',
    'home.appointmentHours': 'Orari per gli appuntamenti',
    'home.dayHours': '{day}: {hours}',
    'home.nobody': 'Al momento nessuno è allo sportello per questa pratica. Potete comunque attendere – forse arriverà presto qualcuno – oppure prenotare un appuntamento.',
    'home.liveTextNobody': 'Lo sportello è aperto, ma al momento non c’è nessuno. Potete comunque mettervi in coda – forse arriverà presto qualcuno – oppure prenotare un appuntamento.',
    'home.cameIn': 'Ora c’è qualcuno allo sportello per: {names}.',
    'home.wentOut': 'Al momento non c’è più nessuno allo sportello per: {names}.',
  },
  'de-x-ls': {
    'home.title': 'Willkommen beim digitalen Schalter',
    'home.intro': 'Der digitale Schalter ist das Amt im Internet. Sie können von zu Hause mit uns reden. Oder Sie schreiben uns.',
    'home.liveTitle': 'Jetzt mit uns reden',
    'home.liveText': 'Wir sind jetzt da. Wählen Sie zuerst Ihr Thema. Dann warten Sie kurz. Dann reden wir mit Ihnen.',
    'home.talkNow': 'Jetzt reden',
    'home.book': 'Termin machen',
    'home.open': 'Jetzt offen',
    'home.closed': 'Jetzt zu',
    'home.minutes': 'Dauert ungefähr {n} Minuten',
    'home.documents': 'Diese Papiere brauchen Sie',
    'home.identity': 'Sie zeigen Ihren Ausweis in die Kamera.',
    'home.signature': 'Sie unterschreiben am Bildschirm.',
    'home.hours': 'Wann wir offen sind',
    'home.talkNowFor': 'Jetzt reden: {name}',
    'home.bookFor': 'Termin machen: {name}',
    'home.appointmentHours': 'Zu diesen Zeiten gibt es Termine.',
    'home.dayHours': '{day}: {hours}',
    'home.nobody': 'Gerade ist niemand für dieses Thema da. Sie können trotzdem warten. Vielleicht kommt bald jemand. Oder Sie machen einen Termin.',
    'home.liveTextNobody': 'Der Schalter ist offen. Aber gerade ist niemand da. Sie können trotzdem warten. Vielleicht kommt bald jemand. Oder Sie machen einen Termin.',
    'home.cameIn': 'Jetzt ist jemand für Sie da. Ihr Thema: {names}.',
    'home.wentOut': 'Jetzt ist niemand mehr da. Thema: {names}.',
  },
});

let departments = [];
// Per concern key, whether a clerk who handles it is at the counter now; null while unknown (then nothing is said).
let attended = null;
// The last change of who is at the counter that the status line said ({ came, went }: concern keys), or null.
let news = null;
// Asked again this often while the page is shown: staff pages report every 15 s, booking counts a clerk for 90 s.
const attendedEvery = 30_000;

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

// The services count the days from Sunday (0, as Date.getDay); a Swiss week, and its list, begins on Monday.
const mondayFirst = (a, b) => (a.day + 6) % 7 - (b.day + 6) % 7;

function hoursList(ranges) {
  const byDay = new Map();
  for (const h of [...ranges].sort(mondayFirst)) byDay.set(h.day, [...(byDay.get(h.day) || []), `${h.opens}–${h.closes}`]);
  const list = el('ul', { className: 'hours' });
  for (const [day, ranges] of byDay) list.append(el('li', { textContent: t('home.dayHours', { day: weekday(day), hours: ranges.join(', ') }) }));
  return list;
}

const sameHours = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function concernCard(concern, open) {
  const lang = language();
  const name = pick(concern.name);
  const facts = [t('home.minutes', { n: concern.durationMinutes })];
  if (concern.needsIdentityCheck) facts.push(t('home.identity'));
  if (concern.needsSignature) facts.push(t('home.signature'));
  const card = el('article', { className: 'card concern' },
    el('h3', { textContent: name, ...langOf(concern.name) }),
    el('p', { textContent: pick(concern.description), ...langOf(concern.description) }),
    el('p', { className: 'hint', textContent: facts.join(' · ') }));
  const documents = pick(concern.documents);
  if (documents.length) {
    // Each card's summary names its concern for a screen reader: nine alike "documents to bring" were one name in a list of controls.
    const summary = el('summary', {}, t('home.documents'), el('span', { className: 'visually-hidden', textContent: `: ${name}` }));
    const details = el('details', {}, summary, el('ul', { ...langOf(concern.documents) }, ...documents.map(d => el('li', { textContent: d }))));
    card.append(details);
  }
  const actions = el('div', { className: 'row actions' });
  if (open) {
    card.dataset.concern = concern.key;
    actions.append(el('a', { className: 'button big-red', href: `/queue.html?concern=${encodeURIComponent(concern.key)}`, textContent: t('home.talkNow'), ariaLabel: t('home.talkNowFor', { name }) }));
  }
  actions.append(el('a', { className: 'button secondary', href: `/book.html?concern=${encodeURIComponent(concern.key)}`, textContent: t('home.book'), ariaLabel: t('home.bookFor', { name }) }));
  card.append(actions);
  if (open) showAttendance(card);
  return card;
}

/**
 * Open and handled, but no clerk for it at the counter now: said on the card before the resident waits, and read with
 * its button. Changed in place when the answer changes, so that a link with the focus keeps it.
 */
function showAttendance(card) {
  const talk = card.querySelector('a.big-red');
  const nobody = attended?.[card.dataset.concern] === false;
  let note = card.querySelector('.unattended');
  if (nobody && !note) {
    note = el('p', { className: 'unattended', id: `nobody-${card.dataset.concern}`, textContent: t('home.nobody') });
    card.querySelector('.actions').before(note);
    talk.setAttribute('aria-describedby', note.id);
  } else if (!nobody && note) {
    note.remove();
    talk.removeAttribute('aria-describedby');
  }
}

/** The concerns offered to talk about now: the counter is open and a clerk handles them. */
const liveConcerns = () => departments.flatMap(d => d.openNow ? d.concerns.filter(c => c.staffed !== false) : []);

function showLiveText() {
  const live = liveConcerns();
  document.getElementById('live').hidden = !live.length;
  // "We are available right now" only while someone is: an open counter nobody sits at says so.
  const nobody = attended !== null && live.length > 0 && !live.some(c => attended[c.key]);
  document.getElementById('live-text').textContent = t(nobody ? 'home.liveTextNobody' : 'home.liveText');
}

function sayNews() {
  if (!news) return;
  const names = keys => liveConcerns().filter(c => keys.includes(c.key)).map(c => pick(c.name)).join(', ');
  const status = document.getElementById('status');
  status.className = '';
  status.textContent = [news.came.length ? t('home.cameIn', { names: names(news.came) }) : '', news.went.length ? t('home.wentOut', { names: names(news.went) }) : '']
    .filter(Boolean).join(' ');
}

let attendedTimer = null;
let asking = false;

/**
 * A clerk comes in or goes home while the page is open: asked again every 30 s while the page is shown (a tab in the
 * background asks nothing; shown again, it asks at once). A change is said once, politely, in the status line; the
 * cards and the line above them follow in place. No answer leaves everything as it was.
 */
async function refreshAttended() {
  clearTimeout(attendedTimer);
  attendedTimer = null;
  if (asking) return;
  asking = true;
  const next = await api('/api/booking/queue/attended').then(a => a.concerns, () => null);
  asking = false;
  if (next) {
    const live = liveConcerns();
    const came = attended ? live.filter(c => next[c.key] === true && attended[c.key] === false).map(c => c.key) : [];
    const went = attended ? live.filter(c => next[c.key] === false && attended[c.key] === true).map(c => c.key) : [];
    const known = attended !== null;
    attended = next;
    if (!known || came.length || went.length) {
      for (const card of document.querySelectorAll('#departments article[data-concern]')) showAttendance(card);
      showLiveText();
    }
    if (came.length || went.length) {
      news = { came, went };
      sayNews();
    }
  }
  scheduleAttended();
}

function scheduleAttended() {
  clearTimeout(attendedTimer);
  attendedTimer = document.visibilityState === 'visible' ? setTimeout(refreshAttended, attendedEvery) : null;
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') { clearTimeout(attendedTimer); attendedTimer = null; }
  else if (!attendedTimer && !asking) refreshAttended();
});

function render() {
  const lang = language();
  const root = document.getElementById('departments');
  root.replaceChildren();
  for (const d of departments) {
    const section = el('section', { ariaLabel: pick(d.name) },
      el('div', { className: 'department-head' },
        el('h2', { textContent: pick(d.name), ...langOf(d.name) }),
        el('span', { className: `badge ${d.openNow ? 'open' : 'closed'}`, textContent: t(d.openNow ? 'home.open' : 'home.closed') })),
      // A department without live hours (only appointments) has no "Opening hours" standing above nothing.
      ...(d.openingHours.length ? [el('p', { className: 'hint', textContent: t('home.hours') }), hoursList(d.openingHours)] : []),
      // Appointment hours are shown only where they differ from the live counter's (Winterthur: appointments outside them).
      ...(sameHours(d.openingHours, d.appointmentHours ?? d.openingHours) ? [] : [el('p', { className: 'hint', textContent: t('home.appointmentHours') }), hoursList(d.appointmentHours)]),
      // "Talk to us now" where the counter is open and a clerk handles the concern (the queue takes no one else).
      el('div', { className: 'grid' }, ...d.concerns.map(c => concernCard(c, d.openNow && c.staffed !== false))));
    root.append(section);
  }
  showLiveText();
  sayNews();
}

apply();
languageSwitch();
document.addEventListener('languagechange', render);
const status = document.getElementById('status');
try {
  // Who is at the counter is asked apart from the catalogue (which is cached by the calendar); without an answer the
  // page says nothing about it rather than guess.
  const atCounter = api('/api/booking/queue/attended').then(a => a.concerns, () => null);
  departments = await api('/api/booking/concerns');
  attended = await atCounter;
  status.textContent = '';
  status.removeAttribute('data-i18n');
  render();
  scheduleAttended();
} catch {
  status.removeAttribute('data-i18n');
  status.textContent = t('common.error');
  status.className = 'error';
}
// Sent to the resend form (/#resend, from a link that no longer works): the departments drawn above it have moved it.
if (location.hash === '#resend') document.getElementById('resend').scrollIntoView();
