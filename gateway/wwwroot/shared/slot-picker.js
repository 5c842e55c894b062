// The one-week picker of free times, on the booking page and the page that moves an appointment. The times are
// shown in the zone the booking service names for the concern's department (the city's, unless it has its own). On a
// phone the week is shown a day at a time, the day chosen from a list of the week's days with free times.
import { register, t, tn } from '/shared/i18n.js';
import { api, ApiError } from '/shared/api.js';
import { formatDate, formatDay, formatInstant, formatTime } from '/shared/dates.js';
import { today } from '/shared/rules.js';

register({
  de: {
    'book.earlier': 'Frühere Zeiten',
    'book.later': 'Spätere Zeiten',
    'book.none': 'In diesem Zeitraum ist kein Termin frei.',
    'book.horizon': 'Termine gibt es bis zum {until}. Spätere Zeiten werden noch nicht vergeben.',
    'book.unknown': 'Dieses Anliegen gibt es nicht. Bitte wählen Sie es auf der Startseite.',
    'book.shown': 'Freie Zeiten von {from} bis {to} geladen.',
    'book.keys': 'Tabulatortaste: zum nächsten Tag. Pfeiltasten: zu den anderen Zeiten dieses Tages.',
    'book.day': 'Tag',
    'book.dayOption': '{day} ({count} frei)',
    'book.dayOption.one': '{day} ({count} frei)',
    'book.dayShown': '{day}: {count} freie Zeiten.',
    'book.dayShown.one': '{day}: {count} freie Zeit.',
    'book.keysDay': 'Pfeiltasten: zu den anderen Zeiten dieses Tages. Den Tag wählen Sie oben in der Liste „Tag“.',
  },
  en: {
    'book.earlier': 'Earlier times',
    'book.later': 'Later times',
    'book.none': 'No appointment is free in this period.',
    'book.horizon': 'Appointments can be booked until {until}. Later times are not given out yet.',
    'book.unknown': 'This concern does not exist. Please choose it on the home page.',
    'book.shown': 'Free times from {from} to {to} loaded.',
    'book.keys': 'Tab: to the next day. Arrow keys: to the other times of this day.',
    'book.day': 'Day',
    'book.dayOption': '{day} ({count} free)',
    'book.dayOption.one': '{day} ({count} free)',
    'book.dayShown': '{day}: {count} free times.',
    'book.dayShown.one': '{day}: {count} free time.',
    'book.keysDay': 'Arrow keys: to the other times of this day. The day is chosen in the list “Day” above.',
  },
  fr: {
    'book.earlier': 'Créneaux précédents',
    'book.later': 'Créneaux suivants',
    'book.none': 'Aucun rendez-vous n’est disponible durant cette période.',
    'book.horizon': 'Les rendez-vous peuvent être réservés jusqu’au {until}. Les dates suivantes ne sont pas encore ouvertes.',
    'book.unknown': 'Cette démarche n’existe pas. Veuillez la choisir sur la page d’accueil.',
    'book.shown': 'Créneaux libres du {from} au {to} affichés.',
    'book.keys': 'Tabulation : au jour suivant. Flèches : aux autres créneaux de ce jour.',
    'book.day': 'Jour',
    'book.dayOption': '{day} ({count} libres)',
    'book.dayOption.one': '{day} ({count} libre)',
    'book.dayShown': '{day} : {count} créneaux libres.',
    'book.dayShown.one': '{day} : {count} créneau libre.',
    'book.keysDay': 'Flèches : aux autres créneaux de ce jour. Le jour se choisit dans la liste « Jour » ci-dessus.',
  },
  it: {
    'book.earlier': 'Orari precedenti',
    'book.later': 'Orari successivi',
    'book.none': 'In questo periodo non ci sono appuntamenti disponibili.',
    'book.horizon': 'Gli appuntamenti si possono prenotare fino al {until}. Le date successive non sono ancora aperte.',
    'book.unknown': 'Questa pratica non esiste. Sceglietela nella pagina iniziale.',
    'book.shown': 'Orari liberi da {from} a {to} caricati.',
    'book.keys': 'Tab: al giorno successivo. Frecce: agli altri orari di questo giorno.',
    'book.day': 'Giorno',
    'book.dayOption': '{day} ({count} liberi)',
    'book.dayOption.one': '{day} ({count} libero)',
    'book.dayShown': '{day}: {count} orari liberi.',
    'book.dayShown.one': '{day}: {count} orario libero.',
    'book.keysDay': 'Frecce: agli altri orari di questo giorno. Il giorno si sceglie nell’elenco «Giorno» qui sopra.',
  },
  'de-x-ls': {
    'book.earlier': 'Frühere Zeiten zeigen',
    'book.later': 'Spätere Zeiten zeigen',
    'book.none': 'In dieser Woche ist keine Zeit frei.',
    'book.horizon': 'Termine gibt es bis zum {until}. Spätere Termine gibt es noch nicht.',
    'book.unknown': 'Dieses Thema gibt es nicht. Bitte gehen Sie zur Startseite. Dort suchen Sie Ihr Thema aus.',
    'book.shown': 'Hier sind jetzt die freien Zeiten von {from} bis {to}.',
    'book.keys': 'Mit der Taste Tab kommen Sie zum nächsten Tag. Mit den Pfeil-Tasten kommen Sie zu den anderen Zeiten an diesem Tag.',
    'book.day': 'Tag',
    // Short: a phone of 360 px cut "Donnerstag, 10. Dezember: 95 Zeiten frei" in the closed list.
    'book.dayOption': '{day}: {count} frei',
    'book.dayOption.one': '{day}: {count} frei',
    'book.dayShown': 'Am {day} sind {count} Zeiten frei.',
    'book.dayShown.one': 'Am {day} ist {count} Zeit frei.',
    'book.keysDay': 'Mit den Pfeil-Tasten kommen Sie zu den anderen Zeiten an diesem Tag. Einen anderen Tag suchen Sie oben aus. Dort steht „Tag“.',
  },
});

/** The day `days` after the date `day` (both yyyy-MM-dd, calendar days with no zone). */
const addDays = (day, days) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

/**
 * A one-week slot picker for a concern inside <div id="slots">, with earlier/later buttons.
 * onPick(slot, timeZone) is called when a resident chooses a time.
 */
export function slotPicker(concernKey, onPick, { offered, exclude } = {}) {
  const container = document.getElementById('slots');
  const status = document.getElementById('status');
  // The first day of the week shown, the department's date: until the first list comes the page does not know its zone,
  // so it asks for the week from the department's today (its own date or UTC's is a day off far east or west).
  let from = null;
  let data = null;
  let chosen = null;
  // Times the booking service refused as taken: never listed again on this page. The next list may come from another
  // replica that has not yet heard of the bookings that filled the time (CI with two replicas, 2026-12-03).
  const refused = new Set();
  const withoutRefused = slots => refused.size ? slots.filter(s => !refused.has(new Date(s.start).getTime())) : slots;
  // Says which week a press of "later" or "earlier" (or opening the picker) loaded: otherwise a screen reader hears nothing.
  const week = Object.assign(document.createElement('p'), { className: 'visually-hidden' });
  week.setAttribute('role', 'status');
  container.before(week);
  // A week is some 80 times: Tab goes from day to day (one stop each), the arrow keys through a day's times. The
  // hint describes every time for a screen reader, and shows while the keyboard is in the picker: only for the
  // keyboard's focus, since shown at a tap it would move the times away under the finger before the tap ends.
  const keys = Object.assign(document.createElement('p'), { className: 'hint', id: 'slot-keys', hidden: true });
  container.before(keys);
  // On a phone a week of times was a long scroll (some 3,400 px on an all-day desk, the manage page's confirmation
  // below all of them): there one day is shown, chosen in a list of the week's days with free times. The list keeps
  // the focus when the day changes, and the status above says the day and how many times it has.
  const narrow = matchMedia('(max-width: 40rem)');
  const dayChoice = Object.assign(document.createElement('div'), { className: 'slot-day-choice', hidden: true });
  const dayLabel = Object.assign(document.createElement('label'), { htmlFor: 'slot-day-choice' });
  const daySelect = Object.assign(document.createElement('select'), { id: 'slot-day-choice' });
  dayChoice.append(dayLabel, daySelect);
  week.before(dayChoice);
  // The day shown on a phone, as YYYY-MM-DD in the department's zone (kept across a language switch).
  let shownDay = null;
  const dayOf = start => today(new Date(start), data?.timeZone);
  daySelect.addEventListener('change', () => {
    shownDay = daySelect.value;
    render();
    const slots = data.slots.filter(s => dayOf(s.start) === shownDay);
    if (slots.length) week.textContent = tn('book.dayShown', slots.length, { day: formatDay(slots[0].start, data.timeZone) });
  });
  narrow.addEventListener('change', () => render());
  container.addEventListener('focusin', e => { if (e.target.matches(':focus-visible')) keys.hidden = false; });
  container.addEventListener('focusout', e => { if (!container.contains(e.relatedTarget)) keys.hidden = true; });
  container.addEventListener('keydown', e => {
    const list = e.target.closest('ul.slots');
    if (!list || e.target.tagName !== 'BUTTON') return;
    const buttons = [...list.querySelectorAll('button')];
    const at = buttons.indexOf(e.target);
    const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, to))];
    for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
    next.focus();
  });

  function render() {
    container.replaceChildren();
    dayChoice.hidden = true;
    if (!data) return;
    const byDay = new Map();
    for (const slot of data.slots) {
      const day = dayOf(slot.start);
      byDay.set(day, [...(byDay.get(day) || []), slot]);
    }
    const oneDay = narrow.matches && byDay.size > 1;
    keys.textContent = t(oneDay ? 'book.keysDay' : 'book.keys');
    if (oneDay) {
      if (!byDay.has(shownDay)) shownDay = byDay.keys().next().value;
      dayLabel.textContent = t('book.day');
      daySelect.replaceChildren(...[...byDay].map(([day, slots]) =>
        new Option(tn('book.dayOption', slots.length, { day: formatDay(slots[0].start, data.timeZone) }), day, false, day === shownDay)));
      daySelect.value = shownDay;
      dayChoice.hidden = false;
    }
    if (byDay.size === 0) {
      container.append(Object.assign(document.createElement('p'), { textContent: t('book.none') }));
    }
    // The last week the city gives out: said, so that a resident does not press "later" for a time that cannot come.
    const horizon = atHorizon() ? Object.assign(document.createElement('p'), { className: 'hint', textContent: t('book.horizon', { until: formatDate(data.bookableUntil, { day: 'numeric', month: 'long', year: 'numeric' }) }) }) : null;
    let n = 0;
    for (const [day, slots] of byDay) {
      if (oneDay && day !== shownDay) continue;
      // Each time is described by its day: tabbing through a week then says "08:00, Monday 7 December", not only "08:00".
      // A phone's one day is named by the list above; its heading stays for the screen reader.
      const heading = Object.assign(document.createElement('h3'), {
        className: oneDay ? 'slot-day visually-hidden' : 'slot-day', textContent: formatDay(slots[0].start, data.timeZone), id: `slot-day-${n++}`,
      });
      const list = Object.assign(document.createElement('ul'), { className: 'slots' });
      // One tab stop per day: the chosen time, else the day's first.
      const stop = slots.find(s => s.start === chosen) ?? slots[0];
      // The night the clocks go back has each time of an hour twice (02:30 summer time, then 02:30 winter time):
      // those name their zone ("02:30 MESZ"), so that two buttons never read alike (booking probe, 2026-12-06).
      const labels = slots.map(slot => formatTime(slot.start, data.timeZone));
      const twice = new Set(labels.filter((label, i) => labels.indexOf(label) !== i));
      slots.forEach((slot, i) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = twice.has(labels[i])
          ? formatInstant(slot.start, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }, data.timeZone)
          : labels[i];
        button.setAttribute('aria-pressed', String(chosen === slot.start));
        button.setAttribute('aria-describedby', `${heading.id} slot-keys`);
        button.tabIndex = slot === stop ? 0 : -1;
        button.dataset.start = slot.start;
        button.addEventListener('click', () => { chosen = slot.start; render(); onPick(slot, data.timeZone); });
        const item = document.createElement('li');
        item.append(button);
        list.append(item);
      });
      container.append(heading, list);
    }
    if (horizon) container.append(horizon);
  }

  /** Whether the loaded week reaches the last day that may be booked. */
  const atHorizon = () => !!data?.bookableUntil && data.to >= data.bookableUntil;

  async function load(announce = false) {
    week.textContent = '';
    try {
      const days = from ? `from=${from}&to=${addDays(from, 6)}` : 'days=7';
      data = await api(`/api/booking/concerns/${encodeURIComponent(concernKey)}/slots?${days}`);
      from ??= data.from;
      if (offered) {
        data.slots = offered.concat(data.slots.filter(s => !offered.some(o => o.start === s.start)))
          .sort((a, b) => new Date(a.start) - new Date(b.start));
      }
      offered = null;
      // Moving an appointment: its own time is no choice (another clerk may be free then, so it is listed as free).
      const own = typeof exclude === 'function' ? exclude() : exclude;
      if (own) data.slots = data.slots.filter(s => new Date(s.start).getTime() !== new Date(own).getTime());
      data.slots = withoutRefused(data.slots);
      render();
      if (announce) {
        week.textContent = data.slots.length
          ? t('book.shown', { from: formatDay(data.slots[0].start, data.timeZone), to: formatDay(data.slots.at(-1).start, data.timeZone) })
          : t('book.none');
      }
      const earlier = document.getElementById('earlier');
      const later = document.getElementById('later');
      const focused = document.activeElement;
      earlier.disabled = from <= today(new Date(), data.timeZone);
      later.disabled = atHorizon();
      // Back at this week "earlier" switches itself off under the keyboard's focus, which would fall to the page's start;
      // so does "later" at the last week that may be booked.
      if (focused === earlier && earlier.disabled) later.focus();
      if (focused === later && later.disabled) earlier.focus();
    } catch (e) {
      status.textContent = e instanceof ApiError && e.status === 404 ? t('book.unknown') : t('common.error');
      status.className = 'error';
    }
  }

  // Before any list came (the first failed) the department's today is not known: both ask for its week again.
  document.getElementById('later').addEventListener('click', () => { if (from) from = addDays(from, 7); load(true); });
  document.getElementById('earlier').addEventListener('click', () => {
    if (!from) return load(true);
    const back = addDays(from, -7);
    const day = today(new Date(), data.timeZone);
    from = back > day ? back : day;
    load(true);
  });
  document.addEventListener('languagechange', () => { week.textContent = ''; render(); });
  return {
    /** announce: say which times were loaded (the resident asked for them, e.g. "move"). */
    reload: (announce = false) => load(announce),
    /** After a refusal of the time `taken`: the times the service offered instead, and the week from today without it. */
    showOffered(slots, taken) {
      if (taken) refused.add(new Date(taken).getTime());
      // A phone shows the day of the times offered instead (else the refused time's day, while it has others).
      if (slots[0] ?? taken) shownDay = dayOf(slots[0]?.start ?? taken);
      // At once, not when the next list comes: until then the list shown must not offer the time either.
      if (data && taken) {
        data.slots = withoutRefused(data.slots);
        render();
      }
      offered = slots;
      from = null;
      return load();
    },
    /** Chooses the listed time at `start` (a link's offered time) as a press on it would, showing its day. */
    choose(start) {
      const slot = data?.slots.find(s => new Date(s.start).getTime() === new Date(start).getTime());
      if (!slot) return;
      chosen = slot.start;
      shownDay = dayOf(slot.start);
      render();
      onPick(slot, data.timeZone);
    },
  };
}
