import { register, languageSwitch, t, tn, locale, pick } from '/shared/i18n.js';
import { api } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';
import { cityToday, formatDate } from '/shared/dates.js';

register({
  de: {
    'stats.title': 'Statistik', 'stats.from': 'Von', 'stats.to': 'Bis',
    'stats.department': 'Abteilung', 'stats.allDepartments': 'Alle meine Abteilungen', 'stats.by': 'Gruppiert nach',
    'stats.byDay': 'Tag', 'stats.byWeek': 'Woche', 'stats.show': 'Anzeigen', 'stats.loading': 'Statistik wird geladen …',
    'stats.loaded': 'Statistik vom {from} bis {to} geladen.', 'stats.forbidden': 'Die Statistik sehen Vorgesetzte und Administratoren.',
    'stats.summary': 'Überblick', 'stats.consultationsTitle': 'Beratungen', 'stats.timesTitle': 'Warte- und Bearbeitungszeiten',
    'stats.periodsTitle': 'Zahlen je Zeitraum', 'stats.channelsTitle': 'Kanäle', 'stats.feedbackTitle': 'Bewertungen',
    'stats.concernsTitle': 'Nach Anliegen', 'stats.tableBelow': 'Die Werte stehen auch in der Tabelle darunter.',
    'stats.consultations': 'Beratungen', 'stats.waitMean': 'Wartezeit Ø', 'stats.waitP90': 'Wartezeit 90 %',
    'stats.handleMean': 'Bearbeitung Ø', 'stats.handleP90': 'Bearbeitung 90 %', 'stats.noShows': 'Nicht erschienen',
    'stats.rating': 'Bewertung Ø', 'stats.ratings': 'Bewertungen', 'stats.appointments': 'Termine', 'stats.tickets': 'Wartenummern',
    'stats.period': 'Zeitraum', 'stats.week': 'Woche ab {date}', 'stats.concern': 'Anliegen', 'stats.channel': 'Kanal',
    'stats.count': 'Anzahl', 'stats.score': 'Note', 'stats.minutes': 'Minuten', 'stats.none': '–',
    'stats.channel.chat': 'Chat', 'stats.channel.video': 'Video', 'stats.channel.screen': 'Bildschirm teilen',
    'stats.captionConsultations': 'Beratungen und Nichterschienene je {unit}; insgesamt {total} Beratungen. Die Werte stehen in der Tabelle „Zahlen je Zeitraum“.', 'stats.captionConsultations.one': 'Beratungen und Nichterschienene je {unit}; insgesamt {count} Beratung. Die Werte stehen in der Tabelle „Zahlen je Zeitraum“.',
    'stats.captionTimes': 'Mittlere Wartezeit und 90-%-Wert der Bearbeitung in Minuten je {unit}. Die Werte stehen in der Tabelle „Zahlen je Zeitraum“.',
    'stats.unit.days': 'Tag', 'stats.unit.weeks': 'Woche', 'stats.chartConsultations': 'Balkendiagramm: Beratungen je Zeitraum',
    'stats.chartTimes': 'Balkendiagramm: Warte- und Bearbeitungszeiten je Zeitraum', 'stats.chartChannels': 'Balkendiagramm: Beratungen je Kanal',
    'stats.chartFeedback': 'Balkendiagramm: Anzahl Bewertungen je Note', 'stats.stars': '{n} von 5',
  },
  en: {
    'stats.title': 'Statistics', 'stats.from': 'From', 'stats.to': 'To',
    'stats.department': 'Department', 'stats.allDepartments': 'All my departments', 'stats.by': 'Grouped by',
    'stats.byDay': 'Day', 'stats.byWeek': 'Week', 'stats.show': 'Show', 'stats.loading': 'Loading statistics …',
    'stats.loaded': 'Statistics from {from} to {to} loaded.', 'stats.forbidden': 'Statistics are for supervisors and administrators.',
    'stats.summary': 'Overview', 'stats.consultationsTitle': 'Consultations', 'stats.timesTitle': 'Waiting and handling times',
    'stats.periodsTitle': 'Figures per period', 'stats.channelsTitle': 'Channels', 'stats.feedbackTitle': 'Ratings',
    'stats.concernsTitle': 'By concern', 'stats.tableBelow': 'The values are also in the table below.',
    'stats.consultations': 'Consultations', 'stats.waitMean': 'Waiting, mean', 'stats.waitP90': 'Waiting, 90th pct.',
    'stats.handleMean': 'Handling, mean', 'stats.handleP90': 'Handling, 90th pct.', 'stats.noShows': 'No-shows',
    'stats.rating': 'Rating, mean', 'stats.ratings': 'Ratings', 'stats.appointments': 'Appointments', 'stats.tickets': 'Walk-in tickets',
    'stats.period': 'Period', 'stats.week': 'Week of {date}', 'stats.concern': 'Concern', 'stats.channel': 'Channel',
    'stats.count': 'Count', 'stats.score': 'Score', 'stats.minutes': 'minutes', 'stats.none': '–',
    'stats.channel.chat': 'Chat', 'stats.channel.video': 'Video', 'stats.channel.screen': 'Screen sharing',
    'stats.captionConsultations': 'Consultations and no-shows per {unit}; {total} consultations in all. The values are in the table “Figures per period”.', 'stats.captionConsultations.one': 'Consultations and no-shows per {unit}; {count} consultation in all. The values are in the table “Figures per period”.',
    'stats.captionTimes': 'Mean waiting time and 90th percentile of handling time in minutes per {unit}. The values are in the table “Figures per period”.',
    'stats.unit.days': 'day', 'stats.unit.weeks': 'week', 'stats.chartConsultations': 'Bar chart: consultations per period',
    'stats.chartTimes': 'Bar chart: waiting and handling times per period', 'stats.chartChannels': 'Bar chart: consultations per channel',
    'stats.chartFeedback': 'Bar chart: number of ratings per score', 'stats.stars': '{n} of 5',
  },
  fr: {
    'stats.title': 'Statistiques',
    'stats.from': 'Du',
    'stats.to': 'Au',
    'stats.department': 'Service',
    'stats.allDepartments': 'Tous mes services',
    'stats.by': 'Regroupé par',
    'stats.byDay': 'Jour',
    'stats.byWeek': 'Semaine',
    'stats.show': 'Afficher',
    'stats.loading': 'Chargement des statistiques …',
    'stats.loaded': 'Statistiques du {from} au {to} chargées.',
    'stats.forbidden': 'Les statistiques sont réservées aux cadres et aux administrateurs.',
    'stats.summary': 'Vue d’ensemble',
    'stats.consultationsTitle': 'Entretiens',
    'stats.timesTitle': 'Temps d’attente et de traitement',
    'stats.periodsTitle': 'Chiffres par période',
    'stats.channelsTitle': 'Canaux',
    'stats.feedbackTitle': 'Évaluations',
    'stats.concernsTitle': 'Par démarche',
    'stats.tableBelow': 'Les valeurs figurent aussi dans le tableau ci-dessous.',
    'stats.consultations': 'Entretiens',
    'stats.waitMean': 'Attente moyenne',
    'stats.waitP90': 'Attente, 90 %',
    'stats.handleMean': 'Traitement moyen',
    'stats.handleP90': 'Traitement, 90 %',
    'stats.noShows': 'Absences',
    'stats.rating': 'Évaluation moyenne',
    'stats.ratings': 'Évaluations',
    'stats.appointments': 'Rendez-vous',
    'stats.tickets': 'Numéros d’attente',
    'stats.period': 'Période',
    'stats.week': 'Semaine du {date}',
    'stats.concern': 'Démarche',
    'stats.channel': 'Canal',
    'stats.count': 'Nombre',
    'stats.score': 'Note',
    'stats.minutes': 'minutes',
    'stats.none': '–',
    'stats.channel.chat': 'Chat',
    'stats.channel.video': 'Vidéo',
    'stats.channel.screen': 'Partage d’écran',
    'stats.captionConsultations': 'Entretiens et absences par {unit} ; {total} entretiens au total. Les valeurs figurent dans le tableau « Chiffres par période ».', 'stats.captionConsultations.one': 'Entretiens et absences par {unit} ; {count} entretien au total. Les valeurs figurent dans le tableau « Chiffres par période ».',
    'stats.captionTimes': 'Temps d’attente moyen et 90e percentile du temps de traitement en minutes par {unit}. Les valeurs figurent dans le tableau « Chiffres par période ».',
    'stats.unit.days': 'jour',
    'stats.unit.weeks': 'semaine',
    'stats.chartConsultations': 'Diagramme à barres : entretiens par période',
    'stats.chartTimes': 'Diagramme à barres : temps d’attente et de traitement par période',
    'stats.chartChannels': 'Diagramme à barres : entretiens par canal',
    'stats.chartFeedback': 'Diagramme à barres : nombre d’évaluations par note',
    'stats.stars': '{n} sur 5',
  },
  it: {
    'stats.title': 'Statistiche',
    'stats.from': 'Dal',
    'stats.to': 'Al',
    'stats.department': 'Servizio',
    'stats.allDepartments': 'Tutti i miei servizi',
    'stats.by': 'Raggruppato per',
    'stats.byDay': 'Giorno',
    'stats.byWeek': 'Settimana',
    'stats.show': 'Mostrare',
    'stats.loading': 'Caricamento delle statistiche …',
    'stats.loaded': 'Statistiche dal {from} al {to} caricate.',
    'stats.forbidden': 'Le statistiche sono riservate ai superiori e agli amministratori.',
    'stats.summary': 'Panoramica',
    'stats.consultationsTitle': 'Colloqui',
    'stats.timesTitle': 'Tempi di attesa e di trattamento',
    'stats.periodsTitle': 'Cifre per periodo',
    'stats.channelsTitle': 'Canali',
    'stats.feedbackTitle': 'Valutazioni',
    'stats.concernsTitle': 'Per pratica',
    'stats.tableBelow': 'I valori figurano anche nella tabella sottostante.',
    'stats.consultations': 'Colloqui',
    'stats.waitMean': 'Attesa media',
    'stats.waitP90': 'Attesa, 90 %',
    'stats.handleMean': 'Trattamento medio',
    'stats.handleP90': 'Trattamento, 90 %',
    'stats.noShows': 'Assenze',
    'stats.rating': 'Valutazione media',
    'stats.ratings': 'Valutazioni',
    'stats.appointments': 'Appuntamenti',
    'stats.tickets': 'Numeri d’attesa',
    'stats.period': 'Periodo',
    'stats.week': 'Settimana dal {date}',
    'stats.concern': 'Pratica',
    'stats.channel': 'Canale',
    'stats.count': 'Numero',
    'stats.score': 'Voto',
    'stats.minutes': 'minuti',
    'stats.none': '–',
    'stats.channel.chat': 'Chat',
    'stats.channel.video': 'Video',
    'stats.channel.screen': 'Condivisione dello schermo',
    'stats.captionConsultations': 'Colloqui e assenze per {unit}; {total} colloqui in totale. I valori figurano nella tabella «Cifre per periodo».', 'stats.captionConsultations.one': 'Colloqui e assenze per {unit}; {count} colloquio in totale. I valori figurano nella tabella «Cifre per periodo».',
    'stats.captionTimes': 'Tempo di attesa medio e 90° percentile del tempo di trattamento in minuti per {unit}. I valori figurano nella tabella «Cifre per periodo».',
    'stats.unit.days': 'giorno',
    'stats.unit.weeks': 'settimana',
    'stats.chartConsultations': 'Grafico a barre: colloqui per periodo',
    'stats.chartTimes': 'Grafico a barre: tempi di attesa e di trattamento per periodo',
    'stats.chartChannels': 'Grafico a barre: colloqui per canale',
    'stats.chartFeedback': 'Grafico a barre: numero di valutazioni per voto',
    'stats.stars': '{n} su 5',
  },
});

const SVG = 'http://www.w3.org/2000/svg';
const form = document.getElementById('range');
const status = document.getElementById('status');
let current = null;


const number = (value, digits = 0) => value == null ? t('stats.none') : value.toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits });
const minutes = seconds => seconds == null ? null : seconds / 60;
// A duration as people write one, whole minutes and seconds ("2 min 7 s", "45 s", "5 min"; min and s are the symbols
// in every language of the city): minutes with a decimal read "0,4 min" for a wait of 25 seconds.
const duration = seconds => {
  if (seconds == null) return t('stats.none');
  const whole = Math.round(seconds), m = Math.floor(whole / 60), s = whole % 60;
  return [m ? `${number(m)}\u00a0min` : '', s || !m ? `${number(s)}\u00a0s` : ''].filter(Boolean).join(' ');
};
// Days are named with their years where "22.12. bis 04.01." could be read wrongly: across New Year, or in a year other
// than the city's current one ("Mo., 22.12.2025 bis So., 04.01.2026"); within this year they stay short. The status
// line's range, the table's and the charts' days and weeks alike.
const yearsNeeded = dates => new Set([...dates, cityToday()].map(iso => String(iso).slice(0, 4))).size > 1;
const withYear = (options, years) => (years ? { ...options, year: 'numeric' } : options);
const dateText = (iso, years) => formatDate(iso, withYear({ weekday: 'short', day: 'numeric', month: 'numeric' }, years));
const rangeText = (from, to) => {
  const years = yearsNeeded([from, to]);
  return { from: dateText(from, years), to: dateText(to, years) };
};
// A week's row names its Monday with its year ("Woche ab 30.12.2019") in any case.
const periodText = (p, by, years) => by === 'weeks' ? t('stats.week', { date: formatDate(p.start) }) : dateText(p.start, years);
const isoDate = date => date.toISOString().slice(0, 10);

function svgElement(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** An SVG chart with role img and a title; the page shows the same values in a table. */
function chartFrame(id, label, width, height) {
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-title`, focusable: 'false' });
  svg.append(svgElement('title', { id: `${id}-title` }, label));
  return svg;
}

function legend(series) {
  const list = document.createElement('p');
  list.className = 'legend';
  list.setAttribute('aria-hidden', 'true');
  for (const s of series) {
    const item = document.createElement('span');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${s.swatch}`;
    item.append(swatch, s.name);
    list.append(item);
  }
  return list;
}

/** Grouped vertical bars: one group per label, one bar per series; a chart of counts (whole) ticks whole numbers only. */
function barChart(container, id, label, labels, series, { whole = false } = {}) {
  // The drawing is as wide as its box, so the 12px labels stay 12px on a phone and on a wide screen.
  const width = Math.round(Math.min(1100, Math.max(300, container.clientWidth || 640))), height = 240, left = 44, bottom = 40, top = 10;
  const max = Math.max(1, ...series.flatMap(s => s.values.map(v => v ?? 0)));
  const step = whole ? Math.max(1, niceStep(max)) : niceStep(max);
  const top_ = Math.ceil(max / step) * step;
  const svg = chartFrame(id, label, width, height);
  const plotHeight = height - bottom - top;
  const y = v => top + plotHeight - (v / top_) * plotHeight;
  for (let tick = 0; tick <= top_; tick += step) {
    svg.append(svgElement('line', { class: 'grid-line', x1: left, x2: width, y1: y(tick), y2: y(tick) }));
    svg.append(svgElement('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, number(tick, step < 1 ? 1 : 0)));
  }
  const group = (width - left) / Math.max(1, labels.length);
  const bar = Math.max(2, (group * 0.8) / series.length);
  // A label every 90 px, more apart where they are long (a day with its year, "Mo., 23.12.2019", is some 100 px).
  const room = Math.max(90, 7 * Math.max(0, ...labels.map(text => text.length)) + 12);
  const every = Math.ceil(labels.length / Math.max(2, Math.floor(width / room)));
  labels.forEach((text, i) => {
    series.forEach((s, j) => {
      const value = s.values[i] ?? 0;
      svg.append(svgElement('rect', { class: s.cls, x: left + i * group + group * 0.1 + j * bar, y: y(value), width: bar, height: Math.max(0, y(0) - y(value)) }));
    });
    if (i % every === 0) svg.append(svgElement('text', { x: left + i * group + group / 2, y: height - bottom + 16, 'text-anchor': 'middle' }, text));
  });
  svg.append(svgElement('line', { class: 'axis', x1: left, x2: width, y1: y(0), y2: y(0) }));
  container.replaceChildren(legend(series), svg);
}

/** Horizontal bars: one row per category. */
function rowChart(container, id, label, rows) {
  const width = Math.round(Math.min(600, Math.max(280, container.clientWidth || 360))), row = 30, left = 120;
  const height = rows.length * row + 10;
  const max = Math.max(1, ...rows.map(r => r.value));
  const svg = chartFrame(id, label, width, height);
  rows.forEach((r, i) => {
    const y = 5 + i * row;
    const w = ((width - left - 40) * r.value) / max;
    svg.append(svgElement('text', { x: left - 8, y: y + 18, 'text-anchor': 'end' }, r.label));
    svg.append(svgElement('rect', { class: 'bar-a', x: left, y: y + 4, width: Math.max(0, w), height: row - 10 }));
    svg.append(svgElement('text', { x: left + w + 6, y: y + 18 }, number(r.value)));
  });
  container.replaceChildren(svg);
}

function niceStep(max) {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map(m => m * power).find(s => s >= rough) ?? power * 10;
}

function table(element, headers, rows, caption) {
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  headers.forEach((h, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    if (i > 0) th.className = 'num';
    headRow.append(th);
  });
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const cells of rows) {
    const tr = document.createElement('tr');
    cells.forEach((text, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) cell.scope = 'row'; else cell.className = 'num';
      cell.textContent = text;
      tr.append(cell);
    });
    body.append(tr);
  }
  const cap = document.createElement('caption');
  cap.className = 'visually-hidden';
  cap.textContent = caption;
  element.replaceChildren(cap, head, body);
}

function render() {
  if (!current) return;
  const { data, by } = current;
  // Shown before drawing: the charts take their width from their (visible) boxes.
  document.getElementById('results').hidden = false;
  status.textContent = t('stats.loaded', rangeText(data.from, data.to));
  for (const option of form.department.options) if (option.value) option.textContent = nameOf(option.dataset);
  const periods = data[by];
  const total = data.total;
  const concernName = key => {
    const c = data.concerns.find(x => x.key === key);
    return c ? nameOf(c) : key;
  };

  const summary = document.getElementById('summary');
  summary.replaceChildren(...[
    ['stats.consultations', number(total.consultations)],
    ['stats.waitMean', duration(total.waiting.meanSeconds)],
    ['stats.waitP90', duration(total.waiting.p90Seconds)],
    ['stats.handleMean', duration(total.handling.meanSeconds)],
    ['stats.handleP90', duration(total.handling.p90Seconds)],
    ['stats.noShows', number(total.noShows.total)],
    ['stats.rating', total.feedback.mean == null ? t('stats.none') : `${number(total.feedback.mean, 1)} / 5`],
  ].map(([key, value]) => {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = t(key);
    const dd = document.createElement('dd');
    dd.textContent = value;
    div.append(dt, dd);
    return div;
  }));

  // A week may start in the year before the range's first day: its Monday counts too.
  const years = yearsNeeded([data.from, data.to, ...periods.map(p => p.start)]);
  const labels = periods.map(p => by === 'weeks' ? formatDate(p.start, withYear({ day: 'numeric', month: 'numeric' }, years)) : dateText(p.start, years));
  barChart(document.getElementById('chart-consultations'), 'chart-consultations-svg', t('stats.chartConsultations'), labels, [
    { name: t('stats.consultations'), cls: 'bar-a', swatch: 'a', values: periods.map(p => p.consultations) },
    { name: t('stats.noShows'), cls: 'bar-b', swatch: 'b', values: periods.map(p => p.noShows.total) },
  ], { whole: true });
  document.getElementById('caption-consultations').textContent = tn('stats.captionConsultations', total.consultations, { unit: t(`stats.unit.${by}`), total: number(total.consultations) });
  barChart(document.getElementById('chart-times'), 'chart-times-svg', t('stats.chartTimes'), labels, [
    { name: `${t('stats.waitMean')} (${t('stats.minutes')})`, cls: 'bar-a', swatch: 'a', values: periods.map(p => minutes(p.waiting.meanSeconds)) },
    { name: `${t('stats.handleP90')} (${t('stats.minutes')})`, cls: 'bar-c', swatch: 'c', values: periods.map(p => minutes(p.handling.p90Seconds)) },
  ]);
  document.getElementById('caption-times').textContent = t('stats.captionTimes', { unit: t(`stats.unit.${by}`) });

  table(document.getElementById('periods'),
    [t('stats.period'), t('stats.consultations'), t('stats.waitMean'), t('stats.waitP90'), t('stats.handleMean'), t('stats.handleP90'),
      t('stats.appointments'), t('stats.tickets'), t('stats.noShows'), t('stats.rating')],
    periods.map(p => [periodText(p, by, years), number(p.consultations), duration(p.waiting.meanSeconds), duration(p.waiting.p90Seconds),
      duration(p.handling.meanSeconds), duration(p.handling.p90Seconds), number(p.appointments), number(p.tickets), number(p.noShows.total),
      p.feedback.mean == null ? t('stats.none') : number(p.feedback.mean, 1)]),
    t('stats.periodsTitle'));

  const channels = Object.entries(total.channels).map(([key, value]) => ({ label: t(`stats.channel.${key}`), value }));
  rowChart(document.getElementById('chart-channels'), 'chart-channels-svg', t('stats.chartChannels'), channels);
  table(document.getElementById('channels'), [t('stats.channel'), t('stats.consultations')], channels.map(c => [c.label, number(c.value)]), t('stats.channelsTitle'));

  const scores = total.feedback.distribution.map((value, i) => ({ label: t('stats.stars', { n: i + 1 }), value }));
  rowChart(document.getElementById('chart-feedback'), 'chart-feedback-svg', t('stats.chartFeedback'), scores);
  table(document.getElementById('feedback'), [t('stats.score'), t('stats.ratings')], scores.map(s => [s.label, number(s.value)]), t('stats.feedbackTitle'));

  table(document.getElementById('concerns'), [t('stats.concern'), t('stats.consultations'), t('stats.appointments'), t('stats.tickets')],
    total.byConcern.map(c => [concernName(c.concernKey), number(c.consultations), number(c.appointments), number(c.tickets)]),
    t('stats.concernsTitle'));
}

function showFieldError(name, message) {
  const element = document.getElementById(`${name}-error`);
  const input = form.elements[name];
  if (!element || !input) return false;
  element.textContent = message;
  element.hidden = !message;
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  return true;
}

async function load() {
  for (const name of ['from', 'to']) showFieldError(name, '');
  const query = new URLSearchParams({ from: form.from.value, to: form.to.value });
  if (form.department.value) query.set('department', form.department.value);
  const by = form.by.value;
  status.textContent = t('stats.loading');
  form.querySelector('button[type=submit]').disabled = true;
  try {
    const data = await api(`/api/booking/statistics?${query}`);
    current = { data, by };
    fillDepartments(data);
    render();
    history.replaceState(null, '', `?${query}&by=${by}`);
  } catch (error) {
    const named = Object.entries(error.errors || {}).filter(([field, messages]) => showFieldError(field, messages[0]));
    status.textContent = error.status === 403 ? t('stats.forbidden') : named.length ? named[0][1][0] : (error.message || t('common.error'));
  } finally {
    form.querySelector('button[type=submit]').disabled = false;
  }
}

/** A name booking sends per language (nameDe, nameEn, nameFr, nameIt; empty where not translated) in the page's language. */
const nameOf = x => pick({ de: x.nameDe, en: x.nameEn || null, fr: x.nameFr || null, it: x.nameIt || null });

function fillDepartments(data) {
  const select = form.department;
  if (select.options.length > 1 || data.departments.length < 2) return;
  for (const d of data.departments) {
    const option = new Option(nameOf(d), d.key);
    Object.assign(option.dataset, { nameDe: d.nameDe, nameEn: d.nameEn, nameFr: d.nameFr ?? '', nameIt: d.nameIt ?? '' });
    select.append(option);
  }
}

const staff = await staffPage();
languageSwitch();
const params = new URLSearchParams(location.search);
// The last four weeks up to the city's today (not the device's, nor UTC's: the services count the city's days).
const today = cityToday();
form.to.value = params.get('to') || today;
form.from.value = params.get('from') || isoDate(new Date(Date.parse(today) - 27 * 86400000));
if (params.get('by') === 'weeks') form.by.value = 'weeks';
form.addEventListener('submit', event => { event.preventDefault(); load(); });
for (const radio of form.querySelectorAll('input[name=by]')) radio.addEventListener('change', () => { if (current) { current.by = form.by.value; render(); } });
document.addEventListener('languagechange', render);
let resizing;
window.addEventListener('resize', () => { clearTimeout(resizing); resizing = setTimeout(render, 200); });
if (staff) await load();
