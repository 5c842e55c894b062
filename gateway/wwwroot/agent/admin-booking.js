// Administration of booking: opening hours, closures, who handles which concerns, and the concerns themselves.
import { register, t, tn, languageSwitch, pick, weekday, city, languageName, locale, say as sayI18n } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors } from '/shared/api.js';
import { cityToday, formatDate, formatDateTime } from '/shared/dates.js';
import { staffPage } from '/shared/staff.js';
import { clearResult, sayFailed, sayRefused, saySaved } from '/shared/form-result.js';

register({
  de: {
    'ab.nameFr': 'Name (Französisch)', 'ab.nameIt': 'Name (Italienisch)', 'ab.descriptionFr': 'Beschreibung (Französisch)', 'ab.descriptionIt': 'Beschreibung (Italienisch)',
    'ab.reasonFr': 'Grund (Französisch)', 'ab.reasonIt': 'Grund (Italienisch)', 'ab.fallback': 'Leer: Es gilt „{text}“ ({language}).',
    'ab.namesHint': 'Deutsch ist Pflicht. Bleibt eine andere Sprache leer, sehen Einwohnerinnen und Einwohner den Text in der Standardsprache der Stadt.',
    'ab.departments': 'Abteilungen', 'ab.mailbox': 'Zentrales Postfach (E-Mail)', 'ab.timeZone': 'Zeitzone', 'ab.editDepartment': 'Bearbeiten: {name}',
    'ab.staffLanguage': 'Sprache der Mitarbeitenden', 'ab.staffLanguageCity': 'Wie die Stadt ({language})',
    'ab.staffLanguageHint': 'In dieser Sprache gehen die E-Mails an das zentrale Postfach (neue und weitergegebene Dokumente).',
    'ab.liveHours': 'Live-Schalter („Jetzt sprechen“)', 'ab.appointmentHours': 'Buchbare Termine', 'ab.saveLiveHours': 'Live-Zeiten speichern: {name}',
    'ab.saveAppointmentHours': 'Terminzeiten speichern: {name}', 'ab.hoursSplit': 'Die Live-Zeiten gelten für „Jetzt sprechen“, die Terminzeiten für buchbare Termine. Sie dürfen verschieden sein, z. B. Termine ausserhalb der Live-Zeiten.',
    'ab.title': 'Angebot und Zeiten', 'ab.hours': 'Öffnungszeiten',
    'ab.hoursHint': 'Pro Tag mehrere Zeiträume, z. B. „08:00-12:00, 13:30-17:00“; bis Mitternacht „18:00-24:00“; leer heisst geschlossen.', 'ab.closures': 'Schliesstage',
    'ab.date': 'Datum', 'ab.department': 'Abteilung', 'ab.reason': 'Grund', 'ab.action': 'Aktion', 'ab.reasonDe': 'Grund (Deutsch)', 'ab.reasonEn': 'Grund (Englisch)',
    'ab.addClosure': 'Schliesstag hinzufügen', 'ab.staff': 'Wer bearbeitet welche Anliegen', 'ab.staffSync': 'Folgt den Themen der Konten unter „Mitarbeitende“: dort geändert, gilt es hier sofort. Hier lässt sich zusätzlich Kapazität eintragen; eine Änderung des Kontos ersetzt sie.', 'ab.name': 'Name', 'ab.concerns': 'Anliegen',
    'ab.staffId': 'Person (ein Konto unter „Mitarbeitende“)', 'ab.save': 'Speichern', 'ab.concernList': 'Anliegen', 'ab.key': 'Kürzel',
    'ab.duration': 'Dauer (Min.)', 'ab.buffer': 'Puffer (Min.)', 'ab.nameDe': 'Name (Deutsch)', 'ab.nameEn': 'Name (Englisch)',
    'ab.form': 'Formular', 'ab.formNone': 'keines', 'ab.formNoneSigned': 'keines: zum Unterschreiben „{form}“',
    'ab.formOwn': 'Eigenes Formular: {form}.', 'ab.formUnknown': 'Die Formulare sind gerade nicht abrufbar.',
    'ab.formNoneNote': 'Kein eigenes Formular. Mit „Unterschrift nötig“ wird zum Unterschreiben „{form}“ angeboten: Die Sachbearbeitung schreibt hinein, was vereinbart wurde, die Person bestätigt es und unterschreibt.',
    'ab.formNoneNoteUnsigned': 'Kein eigenes Formular.',
    'ab.descriptionDe': 'Beschreibung (Deutsch)', 'ab.descriptionEn': 'Beschreibung (Englisch)', 'ab.documentsDe': 'Unterlagen (Deutsch, eine pro Zeile)',
    'ab.documentsEn': 'Unterlagen (Englisch, eine pro Zeile)', 'ab.documentsFr': 'Unterlagen (Französisch, eine pro Zeile)',
    'ab.documentsIt': 'Unterlagen (Italienisch, eine pro Zeile)', 'ab.identity': 'Identitätsprüfung nötig', 'ab.signature': 'Unterschrift nötig', 'ab.active': 'Angeboten',
    'ab.delete': 'Löschen', 'ab.edit': 'Bearbeiten', 'ab.wholeCity': 'Ganze Stadt', 'ab.saveHours': 'Öffnungszeiten speichern: {name}',
    'ab.saveKeeping': 'Trotzdem speichern – die Termine bleiben gebucht',
    'ab.closeAndCancel': 'Schliessen und {count} Termine absagen', 'ab.closeAndCancel.one': 'Schliessen und den Termin absagen', 'ab.closedCancelled': 'Schliesstag gespeichert; {count} Termine abgesagt, die Einwohnerinnen und Einwohner erhalten eine E-Mail.', 'ab.closedCancelled.one': 'Schliesstag gespeichert; 1 Termin abgesagt, die Einwohnerin oder der Einwohner erhält eine E-Mail.',
    'ab.deleteClosureConfirm': 'Den Schliesstag {date} löschen? An diesem Tag können dann wieder Termine gebucht werden.',
    'ab.choosePerson': 'Bitte eine Person wählen.', 'ab.deleteClosure': 'Löschen: Schliesstag {date}', 'ab.closureDeleted': 'Schliesstag {date} gelöscht.', 'ab.editStaff': 'Bearbeiten: {name}', 'ab.editConcern': 'Bearbeiten: {name}', 'ab.removeStaff': 'Löschen: {name}',
    'ab.newDepartment': 'Neue Abteilung', 'ab.newStaff': 'Person hinzufügen', 'ab.newConcern': 'Neues Anliegen', 'ab.cancel': 'Abbrechen', 'ab.savedItem': 'Gespeichert: {name}.',
    'ab.pastClosures': 'Vergangene Schliesstage ({count})', 'ab.pastClosuresTitle': 'Vergangene Schliesstage',
  },
  en: {
    'ab.nameFr': 'Name (French)', 'ab.nameIt': 'Name (Italian)', 'ab.descriptionFr': 'Description (French)', 'ab.descriptionIt': 'Description (Italian)',
    'ab.reasonFr': 'Reason (French)', 'ab.reasonIt': 'Reason (Italian)', 'ab.fallback': 'Empty: "{text}" ({language}) is shown.',
    'ab.namesHint': 'German is required. Where another language is left empty, residents read the text in the city\'s default language.',
    'ab.departments': 'Departments', 'ab.mailbox': 'Central mailbox (e-mail)', 'ab.timeZone': 'Time zone', 'ab.editDepartment': 'Edit: {name}',
    'ab.staffLanguage': 'Staff language', 'ab.staffLanguageCity': 'As the city ({language})',
    'ab.staffLanguageHint': 'The e-mails to the central mailbox (new and handed-on documents) are written in this language.',
    'ab.liveHours': 'Live counter ("Talk to us now")', 'ab.appointmentHours': 'Bookable appointments', 'ab.saveLiveHours': 'Save live hours: {name}',
    'ab.saveAppointmentHours': 'Save appointment hours: {name}', 'ab.hoursSplit': 'Live hours apply to "Talk to us now", appointment hours to bookable appointments. They may differ, e.g. appointments outside the live hours.',
    'ab.title': 'Services and hours', 'ab.hours': 'Opening hours',
    'ab.hoursHint': 'Several ranges per day, e.g. "08:00-12:00, 13:30-17:00"; until midnight "18:00-24:00"; empty means closed.', 'ab.closures': 'Closures',
    'ab.date': 'Date', 'ab.department': 'Department', 'ab.reason': 'Reason', 'ab.action': 'Action', 'ab.reasonDe': 'Reason (German)', 'ab.reasonEn': 'Reason (English)',
    'ab.addClosure': 'Add closure', 'ab.staff': 'Who handles which concerns', 'ab.staffSync': 'Follows the topics of the accounts under "Staff": a change there applies here at once. Extra capacity can be entered here; a change of the account replaces it.', 'ab.name': 'Name', 'ab.concerns': 'Concerns',
    'ab.staffId': 'Person (an account under "Staff")', 'ab.save': 'Save', 'ab.concernList': 'Concerns', 'ab.key': 'Key',
    'ab.duration': 'Duration (min)', 'ab.buffer': 'Buffer (min)', 'ab.nameDe': 'Name (German)', 'ab.nameEn': 'Name (English)',
    'ab.form': 'Form', 'ab.formNone': 'none', 'ab.formNoneSigned': 'none: “{form}” for signing',
    'ab.formOwn': 'Own form: {form}.', 'ab.formUnknown': 'The forms cannot be loaded right now.',
    'ab.formNoneNote': 'No form of its own. With “Signature needed”, “{form}” is offered for signing: the clerk writes down what was agreed, the resident confirms it and signs.',
    'ab.formNoneNoteUnsigned': 'No form of its own.',
    'ab.descriptionDe': 'Description (German)', 'ab.descriptionEn': 'Description (English)', 'ab.documentsDe': 'Documents (German, one per line)',
    'ab.documentsEn': 'Documents (English, one per line)', 'ab.documentsFr': 'Documents (French, one per line)',
    'ab.documentsIt': 'Documents (Italian, one per line)', 'ab.identity': 'Identity check needed', 'ab.signature': 'Signature needed', 'ab.active': 'Offered',
    'ab.delete': 'Delete', 'ab.edit': 'Edit', 'ab.wholeCity': 'Whole city', 'ab.saveHours': 'Save opening hours: {name}',
    'ab.saveKeeping': 'Save anyway – the appointments stay booked',
    'ab.closeAndCancel': 'Close and cancel {count} appointments', 'ab.closeAndCancel.one': 'Close and cancel the appointment', 'ab.closedCancelled': 'Closure saved; {count} appointments cancelled, the residents get an e-mail.', 'ab.closedCancelled.one': 'Closure saved; 1 appointment cancelled, the resident gets an e-mail.',
    'ab.deleteClosureConfirm': 'Delete the closure on {date}? Appointments can then be booked on that day again.',
    'ab.choosePerson': 'Please choose a person.', 'ab.deleteClosure': 'Delete: closure {date}', 'ab.closureDeleted': 'Closure {date} deleted.', 'ab.editStaff': 'Edit: {name}', 'ab.editConcern': 'Edit: {name}', 'ab.removeStaff': 'Delete: {name}',
    'ab.newDepartment': 'New department', 'ab.newStaff': 'Add a person', 'ab.newConcern': 'New concern', 'ab.cancel': 'Cancel', 'ab.savedItem': 'Saved: {name}.',
    'ab.pastClosures': 'Past closures ({count})', 'ab.pastClosuresTitle': 'Past closures',
  },
  fr: {
    'ab.nameFr': 'Nom (français)',
    'ab.nameIt': 'Nom (italien)',
    'ab.descriptionFr': 'Description (français)',
    'ab.descriptionIt': 'Description (italien)',
    'ab.reasonFr': 'Motif (français)',
    'ab.reasonIt': 'Motif (italien)',
    'ab.fallback': 'Vide : « {text} » ({language}) est affiché.',
    'ab.namesHint': 'L’allemand est obligatoire. Si une autre langue reste vide, les habitants lisent le texte dans la langue par défaut de la ville.',
    'ab.departments': 'Services',
    'ab.mailbox': 'Boîte aux lettres centrale (e-mail)',
    'ab.staffLanguage': 'Langue des collaborateurs',
    'ab.staffLanguageCity': 'Comme la ville ({language})',
    'ab.staffLanguageHint': 'Les e-mails à la boîte aux lettres centrale (documents nouveaux et transmis) sont rédigés dans cette langue.',
    'ab.timeZone': 'Fuseau horaire',
    'ab.editDepartment': 'Modifier : {name}',
    'ab.liveHours': 'Guichet en direct (« Nous parler maintenant »)',
    'ab.appointmentHours': 'Rendez-vous réservables',
    'ab.saveLiveHours': 'Enregistrer les heures en direct : {name}',
    'ab.saveAppointmentHours': 'Enregistrer les heures de rendez-vous : {name}',
    'ab.hoursSplit': 'Les heures en direct valent pour « Nous parler maintenant », les heures de rendez-vous pour les rendez-vous réservables. Elles peuvent différer, p. ex. des rendez-vous en dehors des heures en direct.',
    'ab.title': 'Prestations et horaires',
    'ab.hours': 'Heures d’ouverture',
    'ab.hoursHint': 'Plusieurs plages par jour, p. ex. «\u00a008:00-12:00, 13:30-17:00\u00a0»\u00a0; jusqu’à minuit «\u00a018:00-24:00\u00a0»\u00a0; vide signifie fermé.',
    'ab.closures': 'Jours de fermeture',
    'ab.date': 'Date',
    'ab.department': 'Service',
    'ab.reason': 'Motif',
    'ab.action': 'Action',
    'ab.reasonDe': 'Motif (allemand)',
    'ab.reasonEn': 'Motif (anglais)',
    'ab.addClosure': 'Ajouter un jour de fermeture',
    'ab.staff': 'Qui traite quelles démarches',
    'ab.staffSync': 'Suit les domaines des comptes sous « Collaborateurs » : une modification faite là-bas s’applique ici immédiatement. Une capacité supplémentaire peut être saisie ici ; une modification du compte la remplace.',
    'ab.name': 'Nom',
    'ab.concerns': 'Démarches',
    'ab.staffId': 'Personne (un compte sous « Collaborateurs »)',
    'ab.save': 'Enregistrer',
    'ab.concernList': 'Démarches',
    'ab.key': 'Code',
    'ab.duration': 'Durée (min)',
    'ab.buffer': 'Marge (min)',
    'ab.form': 'Formulaire',
    'ab.formNone': 'aucun',
    'ab.formNoneSigned': 'aucun : « {form} » pour signer',
    'ab.formOwn': 'Formulaire propre : {form}.',
    'ab.formUnknown': 'Les formulaires ne peuvent pas être chargés pour le moment.',
    'ab.formNoneNote': 'Pas de formulaire propre. Avec « Signature requise », « {form} » est proposé pour signer : le collaborateur y note ce qui a été convenu, la personne le confirme et signe.',
    'ab.formNoneNoteUnsigned': 'Pas de formulaire propre.',
    'ab.nameDe': 'Nom (allemand)',
    'ab.nameEn': 'Nom (anglais)',
    'ab.descriptionDe': 'Description (allemand)',
    'ab.descriptionEn': 'Description (anglais)',
    'ab.documentsDe': 'Documents (allemand, un par ligne)',
    'ab.documentsEn': 'Documents (anglais, un par ligne)',
    'ab.documentsFr': 'Documents (français, un par ligne)',
    'ab.documentsIt': 'Documents (italien, un par ligne)',
    'ab.identity': 'Vérification d’identité requise',
    'ab.signature': 'Signature requise',
    'ab.active': 'Proposée',
    'ab.delete': 'Supprimer',
    'ab.edit': 'Modifier',
    'ab.saveKeeping': 'Enregistrer quand même – les rendez-vous restent réservés',
    'ab.closeAndCancel': 'Fermer et annuler {count} rendez-vous', 'ab.closeAndCancel.one': 'Fermer et annuler le rendez-vous', 'ab.closedCancelled': 'Fermeture enregistrée ; {count} rendez-vous annulés, les habitantes et habitants reçoivent un e-mail.', 'ab.closedCancelled.one': 'Fermeture enregistrée ; 1 rendez-vous annulé, la personne reçoit un e-mail.',
    'ab.wholeCity': 'Toute la ville',
    'ab.saveHours': 'Enregistrer les heures d’ouverture : {name}',
    'ab.deleteClosureConfirm': 'Supprimer le jour de fermeture du {date} ? Des rendez-vous pourront de nouveau être réservés ce jour-là.',
    'ab.choosePerson': 'Veuillez choisir une personne.',
    'ab.deleteClosure': 'Supprimer : jour de fermeture du {date}',
    'ab.closureDeleted': 'Jour de fermeture du {date} supprimé.',
    'ab.editStaff': 'Modifier : {name}',
    'ab.editConcern': 'Modifier : {name}',
    'ab.removeStaff': 'Supprimer : {name}',
    'ab.newDepartment': 'Nouveau service',
    'ab.newStaff': 'Ajouter une personne',
    'ab.newConcern': 'Nouvelle démarche',
    'ab.cancel': 'Annuler',
    'ab.savedItem': 'Enregistré\u00a0: {name}.',
    'ab.pastClosures': 'Jours de fermeture passés ({count})',
    'ab.pastClosuresTitle': 'Jours de fermeture passés',
  },
  it: {
    'ab.nameFr': 'Nome (francese)',
    'ab.nameIt': 'Nome (italiano)',
    'ab.descriptionFr': 'Descrizione (francese)',
    'ab.descriptionIt': 'Descrizione (italiano)',
    'ab.reasonFr': 'Motivo (francese)',
    'ab.reasonIt': 'Motivo (italiano)',
    'ab.fallback': 'Vuoto: viene mostrato «{text}» ({language}).',
    'ab.namesHint': 'Il tedesco è obbligatorio. Se un’altra lingua resta vuota, gli abitanti leggono il testo nella lingua predefinita della città.',
    'ab.departments': 'Servizi',
    'ab.mailbox': 'Casella di posta centrale (e-mail)',
    'ab.staffLanguage': 'Lingua dei collaboratori',
    'ab.staffLanguageCity': 'Come la città ({language})',
    'ab.staffLanguageHint': 'Le e-mail alla casella di posta centrale (documenti nuovi e inoltrati) sono scritte in questa lingua.',
    'ab.timeZone': 'Fuso orario',
    'ab.editDepartment': 'Modificare: {name}',
    'ab.liveHours': 'Sportello dal vivo («Parlarci ora»)',
    'ab.appointmentHours': 'Appuntamenti prenotabili',
    'ab.saveLiveHours': 'Salvare gli orari dal vivo: {name}',
    'ab.saveAppointmentHours': 'Salvare gli orari degli appuntamenti: {name}',
    'ab.hoursSplit': 'Gli orari dal vivo valgono per «Parlarci ora», quelli degli appuntamenti per gli appuntamenti prenotabili. Possono essere diversi, ad es. appuntamenti al di fuori degli orari dal vivo.',
    'ab.title': 'Servizi e orari',
    'ab.hours': 'Orari di apertura',
    'ab.hoursHint': 'Più fasce al giorno, ad es. «08:00-12:00, 13:30-17:00»; fino a mezzanotte «18:00-24:00»; vuoto significa chiuso.',
    'ab.closures': 'Giorni di chiusura',
    'ab.date': 'Data',
    'ab.department': 'Servizio',
    'ab.reason': 'Motivo',
    'ab.action': 'Azione',
    'ab.reasonDe': 'Motivo (tedesco)',
    'ab.reasonEn': 'Motivo (inglese)',
    'ab.addClosure': 'Aggiungere un giorno di chiusura',
    'ab.staff': 'Chi tratta quali pratiche',
    'ab.staffSync': 'Segue i temi degli account in «Collaboratori»: una modifica fatta lì vale subito anche qui. Qui si può inoltre inserire capacità supplementare; una modifica dell’account la sostituisce.',
    'ab.name': 'Nome',
    'ab.concerns': 'Pratiche',
    'ab.staffId': 'Persona (un account in «Collaboratori»)',
    'ab.save': 'Salvare',
    'ab.concernList': 'Pratiche',
    'ab.key': 'Sigla',
    'ab.duration': 'Durata (min)',
    'ab.buffer': 'Margine (min)',
    'ab.form': 'Modulo',
    'ab.formNone': 'nessuno',
    'ab.formNoneSigned': 'nessuno: «{form}» per firmare',
    'ab.formOwn': 'Modulo proprio: {form}.',
    'ab.formUnknown': 'Al momento i moduli non si possono caricare.',
    'ab.formNoneNote': 'Nessun modulo proprio. Con «Firma necessaria» si offre «{form}» per firmare: il collaboratore vi scrive quanto convenuto, la persona lo conferma e firma.',
    'ab.formNoneNoteUnsigned': 'Nessun modulo proprio.',
    'ab.nameDe': 'Nome (tedesco)',
    'ab.nameEn': 'Nome (inglese)',
    'ab.descriptionDe': 'Descrizione (tedesco)',
    'ab.descriptionEn': 'Descrizione (inglese)',
    'ab.documentsDe': 'Documenti (tedesco, uno per riga)',
    'ab.documentsEn': 'Documenti (inglese, uno per riga)',
    'ab.documentsFr': 'Documenti (francese, uno per riga)',
    'ab.documentsIt': 'Documenti (italiano, uno per riga)',
    'ab.identity': 'Verifica dell’identità necessaria',
    'ab.signature': 'Firma necessaria',
    'ab.active': 'Offerta',
    'ab.delete': 'Eliminare',
    'ab.edit': 'Modificare',
    'ab.saveKeeping': 'Salvare comunque – gli appuntamenti restano prenotati',
    'ab.closeAndCancel': 'Chiudere e annullare {count} appuntamenti', 'ab.closeAndCancel.one': 'Chiudere e annullare l’appuntamento', 'ab.closedCancelled': 'Chiusura salvata; {count} appuntamenti annullati, le e i residenti ricevono un’e-mail.', 'ab.closedCancelled.one': 'Chiusura salvata; 1 appuntamento annullato, la persona riceve un’e-mail.',
    'ab.wholeCity': 'Tutta la città',
    'ab.saveHours': 'Salvare gli orari di apertura: {name}',
    'ab.deleteClosureConfirm': 'Eliminare il giorno di chiusura del {date}? In quel giorno si potranno di nuovo prenotare appuntamenti.',
    'ab.choosePerson': 'Scegliere una persona.',
    'ab.deleteClosure': 'Eliminare: giorno di chiusura del {date}',
    'ab.closureDeleted': 'Giorno di chiusura del {date} eliminato.',
    'ab.editStaff': 'Modificare: {name}',
    'ab.editConcern': 'Modificare: {name}',
    'ab.removeStaff': 'Eliminare: {name}',
    'ab.newDepartment': 'Nuovo servizio',
    'ab.newStaff': 'Aggiungere una persona',
    'ab.newConcern': 'Nuova pratica',
    'ab.cancel': 'Annullare',
    'ab.savedItem': 'Salvato: {name}.',
    'ab.pastClosures': 'Giorni di chiusura passati ({count})',
    'ab.pastClosuresTitle': 'Giorni di chiusura passati',
  },
});

languageSwitch();
await staffPage();
const status = document.getElementById('status');
let departments = [];
let closures = [];
let staff = [];

const el = (tag, props = {}, ...children) => { const n = Object.assign(document.createElement(tag), props); n.append(...children); return n; };
const say = (text, error = false) => { status.textContent = text; status.className = error ? 'error' : 'ok'; };
// Each submit starts clean: a field's refusal of an earlier try must not stand beside this one's answer. Each form says
// its own result beside its button (shared/form-result.js); the page's top line says only what is no form's.
const fresh = form => { say(''); status.className = ''; clearResult(form); showFieldErrors(form, { errors: {} }); };
const lines = s => s.split('\n').map(x => x.trim()).filter(Boolean);
const button = (text, label, onClick, cls = 'secondary') => {
  const b = el('button', { type: 'button', className: cls, textContent: text });
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
};

// Live-counter hours ("talk to us now") and bookable appointment hours are two weekly patterns per department.
const hourKinds = [
  { kind: 'live', prefix: 'h', field: 'openingHours', path: 'opening-hours', legend: 'ab.liveHours', save: 'ab.saveLiveHours' },
  { kind: 'appointments', prefix: 'a', field: 'appointmentHours', path: 'appointment-hours', legend: 'ab.appointmentHours', save: 'ab.saveAppointmentHours' },
];

function hoursForm(d, k) {
  const form = el('form', { className: 'stack', noValidate: true });
  form.dataset.hours = `${d.key}-${k.kind}`;
  const fieldset = el('fieldset', {}, el('legend', { textContent: t(k.legend) }));
  // The page's hint, how ranges are written ("18:00-24:00" until midnight), is said on entering each week.
  fieldset.setAttribute('aria-describedby', 'hours-hint');
  for (let day = 1; day <= 7; day++) {
    const dow = day % 7;
    const id = `${k.prefix}-${d.key}-${dow}`;
    const value = d[k.field].filter(h => h.day === dow).map(h => `${h.opens}-${h.closes}`).join(', ');
    fieldset.append(el('div', {}, el('label', { htmlFor: id, textContent: weekday(dow) }), el('input', { id, name: `day${dow}`, value })));
  }
  const save = el('button', { type: 'submit', textContent: t('ab.save') });
  save.setAttribute('aria-label', t(k.save, { name: pick(d.name) }));
  const actions = el('div', { className: 'row' }, save, el('p', { className: 'form-result', role: 'status' }));
  form.append(fieldset, actions);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    fresh(form);
    form.querySelector('.affected')?.remove();
    await saveHours(false);
  });

  // Appointments booked outside the new hours: listed first; kept booked only on the admin's second word.
  async function saveHours(keepAppointments) {
    // Which weekday's input each range came from, so that a problem's field ("[3].closes") lands next to it.
    const ranges = [];
    const from = [];
    for (let dow = 0; dow < 7; dow++) {
      for (const part of form[`day${dow}`].value.split(',').map(x => x.trim()).filter(Boolean)) {
        const [opens, closes] = part.split('-').map(x => x.trim());
        ranges.push({ day: dow, opens, closes });
        from.push(`day${dow}`);
      }
    }
    try {
      await api(`/api/booking/admin/departments/${d.key}/${k.path}${keepAppointments ? '?keepAppointments=true' : ''}`, { method: 'PUT', body: ranges });
      // The second word's button goes with its notice: the focus goes back to the form's own button, not to the page's start.
      const notice = form.querySelector('.affected');
      if (notice) { notice.remove(); save.focus(); }
      saySaved(form);
      await load({ hours: false });
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'hours-leave-appointments') {
        form.querySelector('.affected')?.remove();
        actions.before(affectedNotice(e, t('ab.saveKeeping'), () => saveHours(true)));
        form.querySelector('.affected [tabindex]').focus();
        return;
      }
      if (!(e instanceof ApiError) || e.status !== 400) { sayFailed(form, t('common.error')); return; }
      const errors = {};
      for (const [field, messages] of Object.entries(e.errors)) {
        const name = from[Number(/^\[(\d+)\]/.exec(field)?.[1])] ?? 'day1';
        errors[name] = [...(errors[name] ?? []), ...messages];
      }
      showFieldErrors(form, { errors });
      sayRefused(form);
    }
  }
  return form;
}

/**
 * What a change would touch, said where it was asked: the service's words, the appointments (time, resident, concern)
 * and, where the change may still be made, the button that makes it (the text of the second word).
 */
function affectedNotice(e, confirmText, onConfirm) {
  const text = el('p', { role: 'alert', tabIndex: -1, textContent: e.message });
  const list = el('ul', {}, ...affectedItems(e.problem.appointments || []));
  const box = el('div', { className: 'stack closure-affected affected' }, text, list);
  if (confirmText) box.append(el('button', { type: 'button', className: 'secondary', textContent: confirmText, onclick: onConfirm }));
  return box;
}

// On a phone every department's two weeks, one under the other, made a page of some 30,000 px: there each department
// is a heading whose button folds its hours out (aria-expanded), and stays open through the page's redraws. Wider,
// the button is not shown and every department's hours are (booking.css .hours-fold).
const unfolded = new Set();

function renderHours() {
  const root = document.getElementById('hours');
  const focused = document.activeElement?.closest?.('#hours .hours-fold > h3 button')?.getAttribute('aria-controls');
  root.replaceChildren();
  for (const d of departments) {
    const id = `hours-${d.key}`;
    const open = unfolded.has(d.key);
    const fold = el('button', { type: 'button', className: 'hours-toggle', textContent: pick(d.name) });
    fold.setAttribute('aria-expanded', String(open));
    fold.setAttribute('aria-controls', id);
    const card = el('div', { className: `card hours-fold${open ? ' open' : ''}` },
      el('h3', {}, fold, el('span', { className: 'hours-name', textContent: pick(d.name) })),
      el('div', { className: 'hours-pair', id }, ...hourKinds.map(k => hoursForm(d, k))));
    fold.addEventListener('click', () => {
      const opened = !unfolded.delete(d.key);
      if (opened) unfolded.add(d.key);
      card.classList.toggle('open', opened);
      fold.setAttribute('aria-expanded', String(opened));
    });
    root.append(card);
  }
  if (focused) document.querySelector(`#hours button[aria-controls="${CSS.escape(focused)}"]`)?.focus();
}

// The page's other sections (departments, closed days, who handles what, concerns) fold the same way on a phone, each
// under its heading's button: their lists as cards and their forms were some 18,000 px more. They are not redrawn, so
// a section stays open, and the focus on its button, through the redraws after a save.
for (const section of document.querySelectorAll('section.fold-section')) {
  const fold = section.querySelector(':scope > h2 .section-toggle');
  fold.addEventListener('click', () => fold.setAttribute('aria-expanded', String(section.classList.toggle('open'))));
}

/**
 * Open, a section was still long: the concerns' list came with its form of 18 fields always under it, the departments'
 * and the staff's with theirs. Each form is shown only when asked, by the "new" button under its list or a row's
 * "edit" (both aria-expanded), under a heading that says what is edited, and the focus goes into it. Cancel (or Escape)
 * folds it away, and so does a save, said beside the "new" button; the focus goes back to the row's "edit" (the rows
 * are redrawn: found by the item's key), the new item's after a save, or to the "new" button.
 */
function formOnDemand(form, { add, newTitle, clear }) {
  const heading = form.querySelector('.form-title');
  const list = add.closest('.list-actions');
  let editing = null; // the key of the item edited, '' for a new one, null while folded
  let title = () => t(newTitle);
  const editButton = key => form.closest('.section-body').querySelector(`button[data-edit="${CSS.escape(key)}"]`);

  /** The "new" button and each row's "edit" say whether the form is open for them. */
  function mark() {
    add.setAttribute('aria-expanded', String(editing === ''));
    for (const b of form.closest('.section-body').querySelectorAll('button[data-edit]')) b.setAttribute('aria-expanded', String(b.dataset.edit === editing));
  }
  function open(key, named) {
    editing = key;
    title = named;
    heading.textContent = title();
    fresh(form);
    clearResult(list);
    for (const error of form.querySelectorAll('p.error')) error.textContent = '';
    form.querySelector('.affected')?.remove();
    form.hidden = false;
    mark();
  }
  function close(focusKey = editing) {
    form.hidden = true;
    editing = null;
    mark();
    ((focusKey && editButton(focusKey)) || add).focus();
  }
  add.addEventListener('click', () => {
    if (editing === '') { close(); return; }
    form.reset();
    clear();
    open('', () => t(newTitle));
    form.querySelector('input, select').focus();
  });
  form.querySelector('[data-cancel]').addEventListener('click', () => close());
  form.addEventListener('keydown', event => { if (event.key === 'Escape') { event.preventDefault(); close(); } });
  return {
    /** Fills nothing: the caller has filled the form for the item of this key, named by `named()`. */
    edit: (key, named) => open(key, named),
    /** After a save and the redraw: folded, said beside "new" with the item's name, the focus on its row's "edit". */
    saved(key, name) {
      close(key);
      saySaved(list, 'ab.savedItem', { name });
    },
    /** The item's row button: carries its key and the form it opens. */
    editButton(b, key) {
      b.dataset.edit = key;
      b.setAttribute('aria-controls', form.id);
      b.setAttribute('aria-expanded', String(key === editing));
      return b;
    },
    /** After a redraw in another language: the heading in it. */
    retitle() { if (editing !== null) heading.textContent = title(); },
  };
}

const departmentForm = formOnDemand(document.getElementById('department-form'), {
  add: document.getElementById('department-new'), newTitle: 'ab.newDepartment',
  clear() { delete document.getElementById('department-form').dataset.sortOrder; showFallbacks(document.getElementById('department-form')); },
});
const staffForm = formOnDemand(document.getElementById('staff-form'), {
  add: document.getElementById('staff-new'), newTitle: 'ab.newStaff', clear: () => renderSkillBoxes([]),
});
const concernForm = formOnDemand(document.getElementById('concern-form'), {
  add: document.getElementById('concern-new'), newTitle: 'ab.newConcern',
  clear() { const f = document.getElementById('concern-form'); showFallbacks(f); formNote(f); },
});

function departmentOptions(select, withCity) {
  const current = select.value;
  select.replaceChildren();
  if (withCity) select.append(new Option(t('ab.wholeCity'), ''));
  for (const d of departments) select.append(new Option(pick(d.name), d.key));
  if (current) select.value = current;
}

// The city's own texts per language: German is required; an empty language shows what residents read instead
// (as i18n.js pick does: the city's default language, else German), next to the field and as its placeholder.
const translated = ['En', 'Fr', 'It'];

function fallbackFor(form, field, lang) {
  for (const other of [city.defaultLanguage, 'de']) {
    if (other === lang || !['de', 'en', 'fr', 'it'].includes(other)) continue;
    const value = form[field + other.charAt(0).toUpperCase() + other.slice(1)]?.value.trim();
    // Named in the page's language: a French page said "(Deutsch)".
    if (value) return { text: value, language: languageName(other) };
  }
  return null;
}

function showFallbacks(form) {
  for (const field of form.dataset.texts.split(' ')) {
    for (const suffix of translated) {
      const input = form[field + suffix];
      const hint = document.getElementById(`${input.id}-fallback`);
      const fallback = fallbackFor(form, field, suffix.toLowerCase());
      input.placeholder = fallback?.text ?? '';
      // A list (documents, one per line) reads as one line in the hint.
      hint.textContent = fallback ? t('ab.fallback', { ...fallback, text: lines(fallback.text).join('; ') }) : '';
      hint.hidden = !fallback || input.value.trim() !== '';
    }
  }
}

function wireFallbacks(form, fields) {
  form.dataset.texts = fields.join(' ');
  for (const field of fields) {
    for (const suffix of translated) {
      const input = form[field + suffix];
      const hint = el('p', { className: 'hint', id: `${input.id}-fallback`, hidden: true });
      input.setAttribute('aria-describedby', hint.id);
      input.insertAdjacentElement('afterend', hint);
    }
  }
  form.addEventListener('input', () => showFallbacks(form));
  showFallbacks(form);
}

function renderDepartments() {
  const body = document.getElementById('department-rows');
  body.replaceChildren();
  for (const d of departments) {
    body.append(el('tr', {}, el('td', { textContent: d.key }), el('td', { textContent: pick(d.name) }),
      el('td', {}, departmentForm.editButton(button(t('ab.edit'), t('ab.editDepartment', { name: pick(d.name) }), () => editDepartment(d)), d.key))));
  }
}

// The language the department's mailbox is written to in: the city's (empty), or one of the staff pages' four, each
// named in the page's language (a bilingual city's French-speaking office in a German city).
const capitalised = text => text.charAt(0).toLocaleUpperCase(locale()) + text.slice(1);
function staffLanguageOptions() {
  const select = document.getElementById('d-staffLanguage');
  const current = select.value;
  select.replaceChildren(new Option(t('ab.staffLanguageCity', { language: languageName(city.staffLanguage) }), ''),
    ...['de', 'fr', 'it', 'en'].map(code => new Option(capitalised(languageName(code)), code)));
  select.value = current;
}

function editDepartment(d) {
  const f = document.getElementById('department-form');
  f.key.value = d.key; f.nameDe.value = d.name.de; f.nameEn.value = d.name.en ?? ''; f.nameFr.value = d.name.fr ?? ''; f.nameIt.value = d.name.it ?? '';
  f.mailboxEmail.value = d.mailboxEmail; f.timeZone.value = d.timeZone; f.staffLanguage.value = d.staffLanguage ?? '';
  f.dataset.sortOrder = d.sortOrder;
  showFallbacks(f);
  departmentForm.edit(d.key, () => t('ab.editDepartment', { name: pick(d.name) }));
  f.key.focus();
}

// The closed days listed every holiday of the city, past and to come, oldest first: the days to come are listed first,
// the soonest at the top; the past ones (the latest at the top) only behind their button (aria-expanded).
function renderClosures() {
  const today = cityToday();
  const coming = closures.filter(c => c.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  const past = closures.filter(c => c.date < today).sort((a, b) => b.date.localeCompare(a.date));
  document.getElementById('closure-rows').replaceChildren(...coming.map(closureRow));
  document.getElementById('closure-past-rows').replaceChildren(...past.map(closureRow));
  const toggle = document.getElementById('closure-past-toggle');
  toggle.textContent = t('ab.pastClosures', { count: past.length });
  toggle.hidden = past.length === 0;
  document.getElementById('closure-past').hidden = past.length === 0 || toggle.getAttribute('aria-expanded') !== 'true';
}

function closureRow(c) {
  const named = departments.find(d => d.key === c.departmentKey);
  const dept = named ? pick(named.name) : t('ab.wholeCity');
  // The day as the admin's language writes it ("25.12.2026", not "2026-12-25").
  const date = formatDate(c.date, { day: '2-digit', month: '2-digit', year: 'numeric' });
  return el('tr', {}, el('td', { textContent: date }), el('td', { textContent: dept }), el('td', { textContent: pick(c.reason) }),
    el('td', {}, button(t('ab.delete'), t('ab.deleteClosure', { date }), async event => {
      if (!confirm(t('ab.deleteClosureConfirm', { date }))) return;
      const list = event.currentTarget.closest('.table-scroll');
      await api(`/api/booking/admin/closures/${c.id}`, { method: 'DELETE' });
      await load();
      // The pressed button went with its row: the focus stays at its list (the days to come when the past ones are
      // gone), and the line under the lists says what was deleted.
      (list.hidden ? document.querySelector('#closures-body .table-scroll') : list).focus();
      sayI18n(document.getElementById('closure-deleted'), 'ab.closureDeleted', { date }); })));
}

function renderStaff() {
  const body = document.getElementById('staff-rows');
  body.replaceChildren();
  for (const s of staff) {
    // Named as the admin named them (a department's and a concern's key are for the addresses, not for reading).
    const department = departments.find(d => d.key === s.departmentKey);
    body.append(el('tr', {}, el('td', { textContent: s.staffName }), el('td', { textContent: department ? pick(department.name) : s.departmentKey }),
      el('td', { textContent: s.concernKeys.map(concernName).join(', ') }),
      // Both buttons in one box: a phone's compact card puts the cell's name beside it, not beside the first alone.
      el('td', {}, el('div', { className: 'row' }, staffForm.editButton(button(t('ab.edit'), t('ab.editStaff', { name: s.staffName }), () => editStaff(s)), s.staffId),
        button(t('ab.delete'), t('ab.removeStaff', { name: s.staffName }), async () => { await api(`/api/booking/admin/staff/${s.staffId}`, { method: 'DELETE' }); await load(); })))));
  }
  renderSkillBoxes();
}

// A redraw after any save on the page keeps the ticks of a person being edited (they were dropped, and saving the
// person then took her concerns away).
function renderSkillBoxes(checked = [...document.querySelectorAll('#s-concerns input:checked')].map(i => i.value)) {
  const form = document.getElementById('staff-form');
  const box = document.getElementById('s-concerns');
  const department = departments.find(d => d.key === form.departmentKey.value) ?? departments[0];
  box.replaceChildren();
  for (const c of department?.concerns ?? []) {
    const input = el('input', { type: 'checkbox', name: 'concernKeys', value: c.key, checked: checked.includes(c.key) });
    box.append(el('label', {}, input, ` ${pick(c.name)}`));
  }
}

// The form asked for a person's id, which no page shows: the person is chosen among the staff accounts by name.
let accounts = [];
function staffOptions() {
  const select = document.getElementById('s-staffId');
  const current = select.value;
  select.replaceChildren(new Option('', ''), ...accounts.filter(a => !a.disabled).map(a => new Option(`${a.displayName} (${a.userName})`, a.id)));
  select.value = current;
}

function editStaff(s) {
  const form = document.getElementById('staff-form');
  if (![...form.staffId.options].some(o => o.value === s.staffId)) form.staffId.append(new Option(s.staffName, s.staffId));
  form.staffId.value = s.staffId;
  form.staffName.value = s.staffName;
  form.departmentKey.value = s.departmentKey;
  renderSkillBoxes(s.concernKeys);
  staffForm.edit(s.staffId, () => t('ab.editStaff', { name: s.staffName }));
  form.staffId.focus();
}

// The forms ship with the forms service, not with booking: which concern has a form of its own, and what a concern
// that needs a signature without one is signed with (the confirmation of the consultation). Null when forms did not answer.
let forms = null;
async function loadForms() {
  try {
    const [own, confirmation] = await Promise.all([api('/api/forms/definitions'), api('/api/forms/definitions/consultation-confirmation')]);
    forms = { own, confirmation };
  } catch { forms = null; }
}

/** The titles of the concern's own forms, or null when it has none (undefined while the forms are unknown). */
function ownForms(concernKey) {
  if (!forms) return undefined;
  const titles = forms.own.filter(d => d.concernKey === concernKey).map(d => pick(d.title));
  return titles.length ? titles.join(', ') : null;
}

function formCell(c) {
  const own = ownForms(c.key);
  if (own === undefined) return '–';
  if (own) return own;
  return c.needsSignature ? t('ab.formNoneSigned', { form: pick(forms.confirmation.title) }) : t('ab.formNone');
}

function formNote(f) {
  const note = document.getElementById('k-form-note');
  const own = ownForms(f.key.value.trim());
  note.textContent = own === undefined ? t('ab.formUnknown')
    : own ? t('ab.formOwn', { form: own })
      : f.needsSignature.checked ? t('ab.formNoneNote', { form: pick(forms.confirmation.title) }) : t('ab.formNoneNoteUnsigned');
}

function renderConcerns() {
  const body = document.getElementById('concern-rows');
  body.replaceChildren();
  for (const c of departments.flatMap(d => d.concerns)) {
    body.append(el('tr', {}, el('td', { textContent: c.key }), el('td', { textContent: pick(c.name) }),
      el('td', { textContent: String(c.durationMinutes) }), el('td', { textContent: String(c.bufferMinutes) }),
      el('td', { textContent: formCell(c) }),
      el('td', {}, concernForm.editButton(button(t('ab.edit'), t('ab.editConcern', { name: pick(c.name) }), () => editConcern(c)), c.key))));
  }
  formNote(document.getElementById('concern-form'));
}

function editConcern(c) {
  const f = document.getElementById('concern-form');
  f.key.value = c.key; f.departmentKey.value = c.departmentKey; f.nameDe.value = c.name.de; f.nameEn.value = c.name.en ?? '';
  f.nameFr.value = c.name.fr ?? ''; f.nameIt.value = c.name.it ?? ''; f.descriptionDe.value = c.description.de;
  f.descriptionEn.value = c.description.en ?? ''; f.descriptionFr.value = c.description.fr ?? ''; f.descriptionIt.value = c.description.it ?? '';
  f.durationMinutes.value = c.durationMinutes;
  f.bufferMinutes.value = c.bufferMinutes; f.documentsDe.value = c.documents.de.join('\n');
  f.documentsEn.value = (c.documents.en ?? []).join('\n'); f.documentsFr.value = (c.documents.fr ?? []).join('\n');
  f.documentsIt.value = (c.documents.it ?? []).join('\n');
  f.needsIdentityCheck.checked = c.needsIdentityCheck; f.needsSignature.checked = c.needsSignature; f.active.checked = c.active;
  showFallbacks(f);
  formNote(f);
  concernForm.edit(c.key, () => t('ab.editConcern', { name: pick(c.name) }));
  f.key.focus();
}

// After saving one week's hours the forms stay as they are: a redraw would drop what is typed in the others.
function render({ hours = true } = {}) {
  if (hours) renderHours();
  renderDepartments();
  staffLanguageOptions();
  departmentOptions(document.getElementById('c-department'), true);
  departmentOptions(document.getElementById('s-departmentKey'), false);
  departmentOptions(document.getElementById('k-departmentKey'), false);
  renderClosures();
  renderStaff();
  staffOptions();
  renderConcerns();
  for (const form of [departmentForm, staffForm, concernForm]) form.retitle();
}

async function load(options) {
  try {
    [departments, closures, staff, accounts] = await Promise.all([
      api('/api/booking/admin/departments'), api('/api/booking/admin/closures'), api('/api/booking/admin/staff'),
      api('/api/staff'), forms ? null : loadForms()]);
    render(options);
  } catch { say(t('common.error'), true); }
}

// A day with booked appointments is closed only when the admin says to cancel them too (their residents are mailed
// why): the first answer lists them, and a second button sends the closure again with that consent.
const affected = document.getElementById('closure-affected');
async function addClosure(f, cancelAppointments) {
  affected.hidden = true;
  fresh(f);
  document.getElementById('closure-deleted').textContent = '';
  try {
    await api('/api/booking/admin/closures', { method: 'POST', body: { departmentKey: f.departmentKey.value || null, date: f.date.value || null,
      reasonDe: f.reasonDe.value, reasonEn: f.reasonEn.value, reasonFr: f.reasonFr.value, reasonIt: f.reasonIt.value, cancelAppointments } });
    const cancelled = Number(affected.dataset.count || 0);
    f.reset();
    showFallbacks(f);
    if (cancelAppointments && cancelled > 0) saySaved(f, cancelled === 1 ? 'ab.closedCancelled.one' : 'ab.closedCancelled', { count: cancelled });
    else saySaved(f);
    // "Close and cancel" went with its notice: the focus goes to the form's own button, beside what was said.
    if (cancelAppointments) f.querySelector('button[type=submit]').focus();
    await load();
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) { showFieldErrors(f, e); sayRefused(f); }
    else if (e instanceof ApiError && e.problem.code === 'closure-has-appointments') showAffected(e);
    else sayFailed(f, e.message || t('common.error'));
  }
}

function showAffected(e) {
  const appointments = e.problem.appointments || [];
  affected.dataset.count = String(appointments.length);
  document.getElementById('closure-affected-text').textContent = e.message;
  const list = document.getElementById('closure-affected-list');
  list.replaceChildren(...affectedItems(appointments));
  document.getElementById('closure-cancel-them').textContent = tn('ab.closeAndCancel', appointments.length);
  affected.hidden = false;
  document.getElementById('closure-affected-text').focus();
}

/** An appointment a change touches, as the admin reads it: time (in its department's zone, as booked), resident, concern. */
const affectedItems = appointments => appointments.map(a => el('li', {},
  `${formatDateTime(a.start, 'short', departments.find(d => d.key === a.departmentKey)?.timeZone)} – ${a.citizenName} (${concernName(a.concernKey)})`));
const concernName = key => pick(departments.flatMap(d => d.concerns).find(c => c.key === key)?.name) || key;

document.getElementById('closure-form').addEventListener('submit', event => {
  event.preventDefault();
  addClosure(event.target, false);
});
document.getElementById('closure-cancel-them').addEventListener('click', () => addClosure(document.getElementById('closure-form'), true));
document.getElementById('closure-past-toggle').addEventListener('click', event => {
  const open = event.currentTarget.getAttribute('aria-expanded') !== 'true';
  event.currentTarget.setAttribute('aria-expanded', String(open));
  document.getElementById('closure-past').hidden = !open;
});

document.getElementById('s-departmentKey').addEventListener('change', () => renderSkillBoxes());
document.getElementById('s-staffId').addEventListener('change', event => {
  const account = accounts.find(a => a.id === event.target.value);
  if (account) document.getElementById('s-staffName').value = account.displayName;
});
document.getElementById('staff-form').addEventListener('submit', async event => {
  event.preventDefault();
  const f = event.target;
  fresh(f);
  document.getElementById('staff-error').textContent = '';
  const id = f.staffId.value.trim();
  if (!/^[0-9a-f-]{36}$/i.test(id)) { showFieldErrors(f, { errors: { staffId: [t('ab.choosePerson')] } }); sayRefused(f); return; }
  try {
    await api(`/api/booking/admin/staff/${id}`, { method: 'PUT', body: {
      staffName: f.staffName.value, departmentKey: f.departmentKey.value,
      concernKeys: [...f.querySelectorAll('input[name=concernKeys]:checked')].map(i => i.value) } });
    await load();
    staffForm.saved(id, f.staffName.value);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) { showFieldErrors(f, e); sayRefused(f); }
    else sayFailed(f, t('common.error'));
  }
});

document.getElementById('concern-form').addEventListener('submit', async event => {
  event.preventDefault();
  const f = event.target;
  fresh(f);
  document.getElementById('concern-error').textContent = '';
  // Without a key the address would be the list's (a 404, "something went wrong"): said at the field instead.
  const key = f.key.value.trim();
  if (!key) { showFieldErrors(f, { errors: { key: [''] }, reasons: { key: 'slug' } }); sayRefused(f); return; }
  try {
    await api(`/api/booking/admin/concerns/${encodeURIComponent(key)}`, { method: 'PUT', body: {
      departmentKey: f.departmentKey.value, nameDe: f.nameDe.value, nameEn: f.nameEn.value, nameFr: f.nameFr.value, nameIt: f.nameIt.value,
      descriptionDe: f.descriptionDe.value, descriptionEn: f.descriptionEn.value, descriptionFr: f.descriptionFr.value,
      descriptionIt: f.descriptionIt.value, durationMinutes: Number(f.durationMinutes.value) || null, bufferMinutes: Number(f.bufferMinutes.value) || 0,
      documentsDe: lines(f.documentsDe.value), documentsEn: lines(f.documentsEn.value),
      documentsFr: lines(f.documentsFr.value), documentsIt: lines(f.documentsIt.value), needsIdentityCheck: f.needsIdentityCheck.checked,
      needsSignature: f.needsSignature.checked, active: f.active.checked } });
    await load();
    concernForm.saved(key, concernName(key));
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      showFieldErrors(f, e);
      document.getElementById('concern-error').textContent = e.errors.key?.join(' ') ?? '';
      sayRefused(f);
    }
    else sayFailed(f, t('common.error'));
  }
});

document.getElementById('department-form').addEventListener('submit', async event => {
  event.preventDefault();
  const f = event.target;
  const error = document.getElementById('department-error');
  error.textContent = '';
  fresh(f);
  const key = f.key.value.trim();
  if (!key) { showFieldErrors(f, { errors: { key: [''] }, reasons: { key: 'slug' } }); sayRefused(f); return; }
  try {
    await api(`/api/booking/admin/departments/${encodeURIComponent(key)}`, { method: 'PUT', body: {
      nameDe: f.nameDe.value, nameEn: f.nameEn.value, nameFr: f.nameFr.value, nameIt: f.nameIt.value, mailboxEmail: f.mailboxEmail.value,
      staffLanguage: f.staffLanguage.value, timeZone: f.timeZone.value, sortOrder: f.dataset.sortOrder ? Number(f.dataset.sortOrder) : null } });
    f.querySelector('.affected')?.remove();
    await load();
    departmentForm.saved(key, pick(departments.find(d => d.key === key)?.name) || key);
  } catch (e) {
    f.querySelector('.affected')?.remove();
    if (e instanceof ApiError && e.status === 400) { showFieldErrors(f, e); error.textContent = e.errors.key?.join(' ') ?? ''; sayRefused(f); }
    else if (e instanceof ApiError && e.problem.code === 'zone-has-appointments') {
      // The zone stays: the appointments listed would otherwise show other times to their residents.
      error.after(affectedNotice(e));
      f.querySelector('.affected [tabindex]').focus();
    }
    else sayFailed(f, t('common.error'));
  }
});

// A new department keeps the city's zone (City:TimeZone) unless the admin names another.
document.getElementById('d-timeZone').defaultValue = city.timeZone;
wireFallbacks(document.getElementById('department-form'), ['name']);
wireFallbacks(document.getElementById('concern-form'), ['name', 'description', 'documents']);
{
  const f = document.getElementById('concern-form');
  f.needsSignature.addEventListener('change', () => formNote(f));
  f.key.addEventListener('change', () => formNote(f));
}
wireFallbacks(document.getElementById('closure-form'), ['reason']);
document.addEventListener('languagechange', () => { render(); for (const f of document.querySelectorAll('form[data-texts]')) showFallbacks(f); });
await load();
