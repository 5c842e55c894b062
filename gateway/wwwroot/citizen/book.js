// Concern → free slot → name and e-mail → confirmation. The slot picker (shared/slot-picker.js) is shared with the manage page.
import { register, apply, languageSwitch, language, t, pick as localized, locale, city, languageNames } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors, contactSlips } from '/shared/api.js';
import { codeText } from '/shared/problems.js';
import { cityTimeZone, formatWhen } from '/shared/dates.js';
import { slotPicker } from '/shared/slot-picker.js';

register({
  de: {
    'book.chooseConcern': 'Für welches Anliegen möchten Sie einen Termin buchen?',
    'book.title': 'Termin buchen', 'book.stepsLabel': 'Schritte', 'book.step1': '1. Zeit wählen', 'book.step2': '2. Angaben', 'book.step3': '3. Bestätigung',
    'book.pickTitle': 'Freie Zeiten',
    'book.detailsTitle': 'Ihre Angaben', 'book.name': 'Vor- und Nachname', 'book.email': 'E-Mail (für die Bestätigung und den Link zum Gespräch)',
    'book.language': 'Sprache der E-Mails', 'book.submit': 'Verbindlich buchen', 'book.back': 'Andere Zeit wählen',
    'book.doneTitle': 'Ihr Termin ist gebucht', 'book.mailSent': 'Wir haben Ihnen eine E-Mail mit dem Link zum Gespräch und einer Kalenderdatei geschickt.',
    'book.manage': 'Termin verwalten (absagen oder verschieben)', 'book.chosen': 'Gewählt: {when}', 'book.concern': 'Anliegen: {name}',
    'book.when': 'Wann', 'book.what': 'Anliegen', 'book.who': 'Name', 'book.documents': 'Bitte halten Sie bereit:',
    'book.taken': 'Diese Zeit wurde soeben vergeben. Bitte wählen Sie eine der nächsten freien Zeiten.',
    'book.slotLabel': '{time}, {free} frei',
  },
  en: {
    'book.chooseConcern': 'Which concern would you like to book an appointment for?',
    'book.title': 'Book an appointment', 'book.stepsLabel': 'Steps', 'book.step1': '1. Choose a time', 'book.step2': '2. Your details', 'book.step3': '3. Confirmation',
    'book.pickTitle': 'Free times',
    'book.detailsTitle': 'Your details', 'book.name': 'First and last name', 'book.email': 'E-mail (for the confirmation and the link to the meeting)',
    'book.language': 'Language of the e-mails', 'book.submit': 'Book now', 'book.back': 'Choose another time',
    'book.doneTitle': 'Your appointment is booked', 'book.mailSent': 'We have sent you an e-mail with the link to the meeting and a calendar file.',
    'book.manage': 'Manage the appointment (cancel or move)', 'book.chosen': 'Chosen: {when}', 'book.concern': 'Concern: {name}',
    'book.when': 'When', 'book.what': 'Concern', 'book.who': 'Name', 'book.documents': 'Please have ready:',
    'book.taken': 'This time has just been taken. Please choose one of the next free times.',
    'book.slotLabel': '{time}, {free} free',
  },
  fr: {
    'book.chooseConcern': 'Pour quelle démarche souhaitez-vous prendre rendez-vous ?',
    'book.title': 'Prendre rendez-vous',
    'book.stepsLabel': 'Étapes',
    'book.step1': '1. Choisir une heure',
    'book.step2': '2. Coordonnées',
    'book.step3': '3. Confirmation',
    'book.pickTitle': 'Créneaux libres',
    'book.detailsTitle': 'Vos coordonnées',
    'book.name': 'Prénom et nom',
    'book.email': 'Adresse e-mail (pour la confirmation et le lien vers l’entretien)',
    'book.language': 'Langue des e-mails',
    'book.submit': 'Réserver définitivement',
    'book.back': 'Choisir une autre heure',
    'book.doneTitle': 'Votre rendez-vous est réservé',
    'book.mailSent': 'Nous vous avons envoyé un e-mail contenant le lien vers l’entretien et un fichier de calendrier.',
    'book.manage': 'Gérer le rendez-vous (annuler ou déplacer)',
    'book.chosen': 'Choix : {when}',
    'book.concern': 'Démarche : {name}',
    'book.when': 'Date',
    'book.what': 'Démarche',
    'book.who': 'Nom',
    'book.documents': 'Veuillez préparer :',
    'book.taken': 'Ce créneau vient d’être attribué. Veuillez choisir l’un des prochains créneaux libres.',
    'book.slotLabel': '{time}, {free} libre(s)',
  },
  it: {
    'book.chooseConcern': 'Per quale pratica desiderate prenotare un appuntamento?',
    'book.title': 'Prenotare un appuntamento',
    'book.stepsLabel': 'Passaggi',
    'book.step1': '1. Scegliere l’orario',
    'book.step2': '2. Dati personali',
    'book.step3': '3. Conferma',
    'book.pickTitle': 'Orari disponibili',
    'book.detailsTitle': 'I vostri dati',
    'book.name': 'Nome e cognome',
    'book.email': 'E-mail (per la conferma e il link al colloquio)',
    'book.language': 'Lingua delle e-mail',
    'book.submit': 'Prenotare in modo vincolante',
    'book.back': 'Scegliere un altro orario',
    'book.doneTitle': 'Il vostro appuntamento è prenotato',
    'book.mailSent': 'Vi abbiamo inviato un’e-mail con il link al colloquio e un file di calendario.',
    'book.manage': 'Gestire l’appuntamento (annullare o spostare)',
    'book.chosen': 'Scelta: {when}',
    'book.concern': 'Pratica: {name}',
    'book.when': 'Quando',
    'book.what': 'Pratica',
    'book.who': 'Nome',
    'book.documents': 'Tenete pronto:',
    'book.taken': 'Questo orario è appena stato assegnato. Scegliete uno dei prossimi orari disponibili.',
    'book.slotLabel': '{time}, {free} liberi',
  },
  'de-x-ls': {
    'book.chooseConcern': 'Worum geht es bei Ihrem Termin? Bitte suchen Sie Ihr Thema aus.',
    'book.title': 'Termin machen',
    'book.stepsLabel': 'Schritte',
    'book.step1': '1. Zeit aussuchen',
    'book.step2': '2. Name und E-Mail',
    'book.step3': '3. Fertig',
    'book.pickTitle': 'Diese Zeiten sind frei',
    'book.detailsTitle': 'Wer sind Sie?',
    'book.name': 'Ihr Vorname und Ihr Nachname',
    'book.email': 'Ihre E-Mail-Adresse. Wir schicken Ihnen eine E-Mail. Darin steht der Link zum Gespräch.',
    'book.language': 'In welcher Sprache sollen wir Ihnen schreiben?',
    'book.submit': 'Termin fest machen',
    'book.back': 'Andere Zeit aussuchen',
    'book.doneTitle': 'Sie haben jetzt einen Termin',
    'book.mailSent': 'Wir haben Ihnen eine E-Mail geschickt. Darin steht der Link zum Gespräch. Ein Link ist eine Adresse im Internet. Sie klicken darauf.',
    'book.manage': 'Sie können nicht kommen? Hier können Sie den Termin absagen oder ändern.',
    'book.chosen': 'Ihre Zeit: {when}',
    'book.concern': 'Ihr Thema: {name}',
    'book.when': 'Wann',
    'book.what': 'Thema',
    'book.who': 'Name',
    'book.documents': 'Bitte legen Sie diese Papiere bereit:',
    'book.taken': 'Diese Zeit hat gerade jemand anderes genommen. Bitte suchen Sie eine andere Zeit aus.',
    'book.slotLabel': '{time}, noch {free} frei',
  },
});


export function step(n) {
  for (let i = 1; i <= 3; i++) {
    const item = document.getElementById(`step-${i}`);
    if (!item) continue;
    if (i === n) item.setAttribute('aria-current', 'step'); else item.removeAttribute('aria-current');
  }
}

// Where the mail with the links went, so a typo shows at once.
register({ 'de': { 'book.address': 'E-Mail an' }, 'en': { 'book.address': 'E-mail sent to' }, 'fr': { 'book.address': 'E-mail envoyé à' }, 'it': { 'book.address': 'E-mail inviata a' }, 'de-x-ls': { 'book.address': 'E-Mail geht an' } });

/** The city's concerns as links to their booking page, for a visit without ?concern=. */
async function showConcernList(status) {
  status.textContent = t('book.chooseConcern');
  let departments = [];
  try {
    departments = await api('/api/booking/concerns');
  } catch {
    status.textContent = t('common.error');
    status.className = 'error';
    return;
  }
  const render = () => {
    status.textContent = t('book.chooseConcern');
    const list = document.getElementById('concern-list');
    list.replaceChildren(...departments.flatMap(d => d.concerns.map(c => {
      const item = document.createElement('li');
      item.append(Object.assign(document.createElement('a'), { href: `/book.html?concern=${encodeURIComponent(c.key)}`, textContent: `${localized(c.name)} (${localized(d.name)})` }));
      return item;
    })));
    list.hidden = false;
  };
  render();
  document.addEventListener('languagechange', render);
}

async function bookPage() {
  apply();
  languageSwitch();
  const concernKey = new URLSearchParams(location.search).get('concern') || '';
  const status = document.getElementById('status');
  const pick = document.getElementById('pick');
  const details = document.getElementById('details');
  const done = document.getElementById('done');
  const form = document.getElementById('form');
  // The mails can be written in any language the city offers, each named in itself.
  form.language.replaceChildren(...city.languages.map(lang => Object.assign(new Option(languageNames[lang], lang), { lang })));
  form.language.value = language();
  // The mails' language follows the page's until the resident chooses one.
  let mailLanguageChosen = false;
  form.language.addEventListener('change', () => { mailLanguageChosen = true; });
  document.addEventListener('languagechange', () => { if (!mailLanguageChosen) form.language.value = language(); });
  let concern = null;
  let chosen = null;
  let timeZone = cityTimeZone();

  if (!concernKey) {
    // Reached without a concern (a bookmark, a shortened link): offer the concerns instead of failing.
    pick.hidden = true;
    await showConcernList(status);
    return;
  }
  try {
    concern = await api(`/api/booking/concerns/${encodeURIComponent(concernKey)}`);
  } catch {
    status.textContent = t('book.unknown');
    status.className = 'error';
    pick.hidden = true;
    return;
  }
  const showConcern = () => { document.getElementById('concern-name').textContent = t('book.concern', { name: localized(concern.name) }); };
  showConcern();
  document.addEventListener('languagechange', showConcern);

  const showChosen = () => {
    if (chosen) document.getElementById('chosen').textContent = t('book.chosen', { when: formatWhen(chosen.start, timeZone) });
  };
  document.addEventListener('languagechange', showChosen);
  const picker = slotPicker(concernKey, (slot, zone) => {
    chosen = slot;
    timeZone = zone;
    showChosen();
    status.textContent = '';
    details.hidden = false;
    step(2);
    form.name.focus();
  });
  const offeredStart = new URLSearchParams(location.search).get('start');
  await picker.reload();
  if (offeredStart) picker.choose(offeredStart);

  document.getElementById('back').addEventListener('click', () => { details.hidden = true; step(1); document.querySelector('#slots button')?.focus(); });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    document.getElementById('form-error').textContent = '';
    const slip = contactSlips(form, { emailRequired: true });
    if (slip) { showFieldErrors(form, slip); return; }
    const submit = document.getElementById('submit');
    submit.disabled = true;
    try {
      const booked = await api('/api/booking/appointments', {
        method: 'POST',
        body: { concernKey, start: chosen.start, name: form.name.value, email: form.email.value, language: form.language.value },
      });
      showDone(booked);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        details.hidden = true;
        step(1);
        status.textContent = t('book.taken');
        status.className = 'error';
        await picker.showOffered(e.problem.nextSlots || [], chosen.start);
      } else if (e instanceof ApiError && e.status === 400 && e.errors.start) {
        // The time itself cannot be booked (it passed while the form was open, or the hours changed): back to the
        // times, listed again without it, with the reason.
        details.hidden = true;
        step(1);
        status.textContent = e.errors.start.join(' ');
        status.className = 'error';
        await picker.showOffered([], chosen.start);
      } else if (e instanceof ApiError && e.status === 400) {
        showFieldErrors(form, e);
        document.getElementById('form-error').textContent = e.errors.start?.join(' ') || e.errors.concernKey?.join(' ') || '';
      } else {
        document.getElementById('form-error').textContent = codeText(e) || t('common.error');
      }
    } finally {
      submit.disabled = false;
    }
  });

  function showDone(booked) {
    const a = booked.appointment;
    const lang = language();
    pick.hidden = true;
    details.hidden = true;
    done.hidden = false;
    step(3);
    const summary = document.getElementById('summary');
    summary.replaceChildren();
    for (const [label, value] of [[t('book.what'), localized(a.concernName)], [t('book.when'), formatWhen(a.start, a.timeZone || timeZone)], [t('book.who'), a.citizenName], [t('book.address'), a.email]]) {
      summary.append(Object.assign(document.createElement('dt'), { textContent: label }), Object.assign(document.createElement('dd'), { textContent: value }));
    }
    const docs = localized(a.documents);
    const box = document.getElementById('documents');
    box.replaceChildren();
    if (docs.length) {
      box.append(Object.assign(document.createElement('p'), { textContent: t('book.documents') }));
      const list = document.createElement('ul');
      for (const d of docs) list.append(Object.assign(document.createElement('li'), { textContent: d }));
      box.append(list);
    }
    document.getElementById('manage-link').href = `/manage.html#t=${booked.manageToken}`;
    document.getElementById('done-title').focus();
  }
}

if (document.body.id === 'book-page') bookPage();
