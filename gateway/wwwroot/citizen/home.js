// The front door: concerns by department, "talk to us now" while the counter is open, "book an appointment".
import { register, apply, languageSwitch, language, t } from '/shared/i18n.js';
import { api } from '/shared/api.js';

register({
  de: {
    'home.title': 'Willkommen am digitalen Schalter', 'home.intro': 'Erledigen Sie Ihr Anliegen von zu Hause: schreiben, sprechen oder Bildschirm zeigen.',
    'home.liveTitle': 'Jetzt mit uns sprechen', 'home.liveText': 'Wir sind gerade erreichbar. Wählen Sie Ihr Anliegen und reihen Sie sich in die Warteschlange ein.',
    'home.talkNow': 'Jetzt sprechen', 'home.book': 'Termin buchen', 'home.open': 'Jetzt geöffnet', 'home.closed': 'Zurzeit geschlossen',
    'home.minutes': 'ca. {n} Minuten', 'home.documents': 'Unterlagen bereithalten', 'home.identity': 'Ausweis in die Kamera zeigen',
    'home.signature': 'Unterschrift am Bildschirm', 'home.hours': 'Öffnungszeiten', 'home.talkNowFor': 'Jetzt sprechen: {name}',
    'home.bookFor': 'Termin buchen: {name}',
    'day.0': 'Sonntag', 'day.1': 'Montag', 'day.2': 'Dienstag', 'day.3': 'Mittwoch', 'day.4': 'Donnerstag', 'day.5': 'Freitag', 'day.6': 'Samstag',
  },
  en: {
    'home.title': 'Welcome to the digital counter', 'home.intro': 'Take care of your concern from home: write, speak or share your screen.',
    'home.liveTitle': 'Talk to us now', 'home.liveText': 'We are available right now. Choose your concern and join the queue.',
    'home.talkNow': 'Talk to us now', 'home.book': 'Book an appointment', 'home.open': 'Open now', 'home.closed': 'Closed at the moment',
    'home.minutes': 'about {n} minutes', 'home.documents': 'Documents to have ready', 'home.identity': 'Show your ID to the camera',
    'home.signature': 'Signature on screen', 'home.hours': 'Opening hours', 'home.talkNowFor': 'Talk to us now: {name}',
    'home.bookFor': 'Book an appointment: {name}',
    'day.0': 'Sunday', 'day.1': 'Monday', 'day.2': 'Tuesday', 'day.3': 'Wednesday', 'day.4': 'Thursday', 'day.5': 'Friday', 'day.6': 'Saturday',
  },
});

let departments = [];

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

function hoursList(department) {
  const byDay = new Map();
  for (const h of department.openingHours) byDay.set(h.day, [...(byDay.get(h.day) || []), `${h.opens}–${h.closes}`]);
  const list = el('ul', { className: 'hours' });
  for (const [day, ranges] of byDay) list.append(el('li', { textContent: `${t('day.' + day)}: ${ranges.join(', ')}` }));
  return list;
}

function concernCard(concern, open) {
  const lang = language();
  const name = concern.name[lang];
  const facts = [t('home.minutes', { n: concern.durationMinutes })];
  if (concern.needsIdentityCheck) facts.push(t('home.identity'));
  if (concern.needsSignature) facts.push(t('home.signature'));
  const card = el('article', { className: 'card concern' },
    el('h3', { textContent: name }),
    el('p', { textContent: concern.description[lang] }),
    el('p', { className: 'hint', textContent: facts.join(' · ') }));
  const documents = concern.documents[lang];
  if (documents.length) {
    const details = el('details', {}, el('summary', { textContent: t('home.documents') }), el('ul', {}, ...documents.map(d => el('li', { textContent: d }))));
    card.append(details);
  }
  const actions = el('div', { className: 'row actions' });
  if (open) {
    actions.append(el('a', { className: 'button big-red', href: `/queue.html?concern=${encodeURIComponent(concern.key)}`, textContent: t('home.talkNow'), ariaLabel: t('home.talkNowFor', { name }) }));
  }
  actions.append(el('a', { className: 'button secondary', href: `/book.html?concern=${encodeURIComponent(concern.key)}`, textContent: t('home.book'), ariaLabel: t('home.bookFor', { name }) }));
  card.append(actions);
  return card;
}

function render() {
  const lang = language();
  const root = document.getElementById('departments');
  root.replaceChildren();
  for (const d of departments) {
    const section = el('section', { ariaLabel: d.name[lang] },
      el('div', { className: 'department-head' },
        el('h2', { textContent: d.name[lang] }),
        el('span', { className: `badge ${d.openNow ? 'open' : 'closed'}`, textContent: t(d.openNow ? 'home.open' : 'home.closed') })),
      el('p', { className: 'hint', textContent: t('home.hours') }),
      hoursList(d),
      el('div', { className: 'grid' }, ...d.concerns.map(c => concernCard(c, d.openNow))));
    root.append(section);
  }
  document.getElementById('live').hidden = !departments.some(d => d.openNow);
}

apply();
languageSwitch();
document.addEventListener('languagechange', render);
const status = document.getElementById('status');
try {
  departments = await api('/api/booking/concerns');
  status.textContent = '';
  status.removeAttribute('data-i18n');
  render();
} catch {
  status.removeAttribute('data-i18n');
  status.textContent = t('common.error');
  status.className = 'error';
}
