// The clerk's identity check in the consultation: a still of the document from the resident's video, the MRZ
// (pre-filled by OCR, checked digit by digit and compared with the booking), three security features drawn at
// random, the questions asked, and the decision. Mounted by /agent/room.html with
// ctx = { role, room: { id, citizenName, concernKey, departmentKey }, relay: { send, on }, captureStill(),
//         call: { running(), onChange(listener) }, picture: { arriving(), onChange(listener) } }.
import { register, t, language, pick, say } from '/shared/i18n.js';
import { api, ApiError } from '/shared/api.js';
import { formatDate as formatCalendarDate, formatDateTime } from '/shared/dates.js';

register({
  de: {
    'idp.nationality': 'Staatsangehörigkeit',
    'idp.problem.number-check-missing': 'Die Dokumentnummer geht in den Zusatzdaten weiter, aber ihre Prüfziffer fehlt.',
    'idp.problem.document-code': 'Der Dokumentcode «{value}» muss mit einem Buchstaben beginnen (P Pass, I/A/C Ausweis, V Visum).',
    'idp.problem.number-empty': 'Die Dokumentnummer ist leer.',
    'idp.problem.no-surname': 'Im Namensfeld steht kein Nachname.',
    'idp.problem.expiry-too-far': 'Das Ablaufdatum {value} liegt mehr als 15 Jahre in der Zukunft: So lange gilt kein Ausweis und kein Pass.',
    'idp.problem.sex': 'Das Geschlecht «{value}» muss M, F, X oder < sein.',
    'idp.problem.not-country': '{field}: «{value}» ist kein Ländercode.',
    'idp.problem.unknown-state': '{field}: «{value}» ist kein Staatencode nach ICAO Doc 9303.',
    'idp.problem.incomplete-date': '{field}: «{value}» ist kein vollständiges Datum (JJMMTT).',
    'idp.problem.not-a-date': '{field}: «{value}» ist kein gültiges Datum.',
    'idp.decidedBy': 'Entschieden von {name}, {when}.',
    'idp.intro': 'Prüfen Sie Ausweis oder Pass der Person vor der Kamera.', 'idp.start': 'Identitätsprüfung starten',
    'idp.still': 'Standbild des Dokuments', 'idp.capture': 'Standbild aufnehmen', 'idp.consent': 'Die Person willigt ein, dass das Standbild gespeichert wird (für dieses Anliegen vorgeschrieben).',
    'idp.upload': 'Standbild verwenden', 'idp.stillAlt': 'Standbild aus dem Video der Person', 'idp.noVideo': 'Kein Video: Bitten Sie die Person, das Video einzuschalten.',
    'idp.stored': 'Standbild gespeichert (wird nach der Aufbewahrungsfrist gelöscht).', 'idp.notStored': 'Standbild nur gelesen, nicht gespeichert.',
    'idp.ocr': 'MRZ aus dem Bild erkannt – bitte prüfen.', 'idp.noOcr': 'Keine MRZ im Bild erkannt – bitte abtippen.',
    'idp.mrz': 'Maschinenlesbare Zone (MRZ), 2 oder 3 Zeilen', 'idp.check': 'MRZ prüfen', 'idp.checks': 'Prüfziffern',
    'idp.valid': 'gültig', 'idp.invalid': 'falsch', 'idp.expired': 'Dokument abgelaufen', 'idp.notExpired': 'Dokument gültig bis {date}',
    'idp.field.documentNumber': 'Dokumentnummer', 'idp.field.birthDate': 'Geburtsdatum', 'idp.field.expiryDate': 'Ablaufdatum',
    'idp.field.personalNumber': 'Persönliche Nummer', 'idp.field.composite': 'Gesamtprüfziffer',
    'idp.type': 'Dokument', 'idp.state': 'Ausstellungsstaat', 'idp.name': 'Name', 'idp.born': 'Geboren', 'idp.number': 'Nummer',
    'idp.compare': 'Abgleich mit der Buchung', 'idp.surname': 'Nachname', 'idp.given': 'Vorname(n)', 'idp.birth': 'Geburtsdatum',
    'idp.match': 'stimmt überein', 'idp.mismatch': 'weicht ab', 'idp.unknown': 'nicht bekannt',
    'idp.features': 'Sicherheitsmerkmale (zufällig gewählt)', 'idp.questions': 'Gestellte Fragen', 'idp.moreQuestions': 'Weitere Fragen',
    'idp.decision': 'Entscheidung', 'idp.verified': 'Identität bestätigt', 'idp.rejected': 'Identität abgelehnt', 'idp.reason': 'Begründung',
    'idp.reasonHint': 'Pflicht bei Ablehnung oder wenn Name/Geburtsdatum von der Buchung abweichen.', 'idp.decide': 'Entscheidung speichern',
    'idp.done.verified': 'Identität bestätigt ({type}, {state}).', 'idp.done.rejected': 'Identität abgelehnt: {reason}', 'idp.again': 'Neue Prüfung',
    'idp.passport': 'Reisepass', 'idp.identity-card': 'Personalausweis', 'idp.visa': 'Visum', 'idp.other': 'Anderes Dokument',
    'idp.fix': 'Bitte korrigieren Sie die markierten Angaben.',
  },
  en: {
    'idp.nationality': 'Nationality',
    'idp.problem.number-check-missing': 'The document number continues in the optional data but its check digit is missing.',
    'idp.problem.document-code': 'The document code “{value}” must start with a letter (P passport, I/A/C identity card, V visa).',
    'idp.problem.number-empty': 'The document number is empty.',
    'idp.problem.no-surname': 'The name field holds no surname.',
    'idp.problem.expiry-too-far': 'The expiry date {value} is more than 15 years ahead: no identity card or passport is valid that long.',
    'idp.problem.sex': 'The sex “{value}” must be M, F, X or <.',
    'idp.problem.not-country': '{field}: “{value}” is not a country code.',
    'idp.problem.unknown-state': '{field}: “{value}” is not a state code of ICAO Doc 9303.',
    'idp.problem.incomplete-date': '{field}: “{value}” is not a complete date (YYMMDD).',
    'idp.problem.not-a-date': '{field}: “{value}” is not a real date.',
    'idp.decidedBy': 'Decided by {name}, {when}.',
    'idp.intro': 'Check the ID card or passport of the person in front of the camera.', 'idp.start': 'Start identity check',
    'idp.still': 'Still of the document', 'idp.capture': 'Take still', 'idp.consent': 'The person consents to the still being stored (required for this concern).',
    'idp.upload': 'Use still', 'idp.stillAlt': 'Still from the person\'s video', 'idp.noVideo': 'No video: ask the person to switch their video on.',
    'idp.stored': 'Still stored (deleted after the retention period).', 'idp.notStored': 'Still only read, not stored.',
    'idp.ocr': 'MRZ recognised in the image – please check it.', 'idp.noOcr': 'No MRZ recognised in the image – please type it.',
    'idp.mrz': 'Machine-readable zone (MRZ), 2 or 3 lines', 'idp.check': 'Check MRZ', 'idp.checks': 'Check digits',
    'idp.valid': 'valid', 'idp.invalid': 'wrong', 'idp.expired': 'Document expired', 'idp.notExpired': 'Document valid until {date}',
    'idp.field.documentNumber': 'Document number', 'idp.field.birthDate': 'Date of birth', 'idp.field.expiryDate': 'Expiry date',
    'idp.field.personalNumber': 'Personal number', 'idp.field.composite': 'Composite check digit',
    'idp.type': 'Document', 'idp.state': 'Issuing state', 'idp.name': 'Name', 'idp.born': 'Born', 'idp.number': 'Number',
    'idp.compare': 'Compared with the booking', 'idp.surname': 'Surname', 'idp.given': 'Given name(s)', 'idp.birth': 'Date of birth',
    'idp.match': 'matches', 'idp.mismatch': 'differs', 'idp.unknown': 'not known',
    'idp.features': 'Security features (drawn at random)', 'idp.questions': 'Questions asked', 'idp.moreQuestions': 'More questions',
    'idp.decision': 'Decision', 'idp.verified': 'Identity verified', 'idp.rejected': 'Identity rejected', 'idp.reason': 'Reason',
    'idp.reasonHint': 'Required when rejecting or when name/birth date differ from the booking.', 'idp.decide': 'Save decision',
    'idp.done.verified': 'Identity verified ({type}, {state}).', 'idp.done.rejected': 'Identity rejected: {reason}', 'idp.again': 'New check',
    'idp.passport': 'Passport', 'idp.identity-card': 'Identity card', 'idp.visa': 'Visa', 'idp.other': 'Other document',
    'idp.fix': 'Please correct the marked entries.',
  },
  fr: {
    'idp.nationality': 'Nationalité',
    'idp.problem.number-check-missing': 'Le numéro du document se poursuit dans les données facultatives, mais son chiffre de contrôle manque.',
    'idp.problem.document-code': 'Le code du document « {value} » doit commencer par une lettre (P passeport, I/A/C carte d’identité, V visa).',
    'idp.problem.number-empty': 'Le numéro du document est vide.',
    'idp.problem.no-surname': 'Le champ du nom ne contient aucun nom de famille.',
    'idp.problem.expiry-too-far': 'La date d’expiration {value} est à plus de 15 ans : aucune carte d’identité ni aucun passeport n’est valable aussi longtemps.',
    'idp.problem.sex': 'Le sexe « {value} » doit être M, F, X ou <.',
    'idp.problem.not-country': '{field} : « {value} » n’est pas un code de pays.',
    'idp.problem.unknown-state': '{field} : « {value} » n’est pas un code d’État selon le doc. 9303 de l’OACI.',
    'idp.problem.incomplete-date': '{field} : « {value} » n’est pas une date complète (AAMMJJ).',
    'idp.problem.not-a-date': '{field} : « {value} » n’est pas une date valide.',
    'idp.decidedBy': 'Décision de {name}, {when}.',
    'idp.intro': 'Vérifiez la carte d’identité ou le passeport de la personne devant la caméra.',
    'idp.start': 'Démarrer la vérification d’identité',
    'idp.still': 'Image fixe du document',
    'idp.capture': 'Prendre une image fixe',
    'idp.consent': 'La personne consent à l’enregistrement de l’image fixe (obligatoire pour cette démarche).',
    'idp.upload': 'Utiliser l’image fixe',
    'idp.stillAlt': 'Image fixe tirée de la vidéo de la personne',
    'idp.noVideo': 'Pas de vidéo : demandez à la personne d’activer sa vidéo.',
    'idp.stored': 'Image fixe enregistrée (supprimée à l’échéance du délai de conservation).',
    'idp.notStored': 'Image fixe seulement lue, non enregistrée.',
    'idp.ocr': 'ZLA reconnue dans l’image – veuillez la vérifier.',
    'idp.noOcr': 'Aucune ZLA reconnue dans l’image – veuillez la saisir.',
    'idp.mrz': 'Zone de lecture automatique (ZLA), 2 ou 3 lignes',
    'idp.check': 'Vérifier la ZLA',
    'idp.checks': 'Chiffres de contrôle',
    'idp.valid': 'valable',
    'idp.invalid': 'erroné',
    'idp.expired': 'Document expiré',
    'idp.notExpired': 'Document valable jusqu’au {date}',
    'idp.field.documentNumber': 'Numéro du document',
    'idp.field.birthDate': 'Date de naissance',
    'idp.field.expiryDate': 'Date d’expiration',
    'idp.field.personalNumber': 'Numéro personnel',
    'idp.field.composite': 'Chiffre de contrôle global',
    'idp.type': 'Document',
    'idp.state': 'État émetteur',
    'idp.name': 'Nom',
    'idp.born': 'Né·e le',
    'idp.number': 'Numéro',
    'idp.compare': 'Comparaison avec la réservation',
    'idp.surname': 'Nom de famille',
    'idp.given': 'Prénom(s)',
    'idp.birth': 'Date de naissance',
    'idp.match': 'concorde',
    'idp.mismatch': 'diffère',
    'idp.unknown': 'inconnu',
    'idp.features': 'Éléments de sécurité (tirés au sort)',
    'idp.questions': 'Questions posées',
    'idp.moreQuestions': 'Autres questions',
    'idp.decision': 'Décision',
    'idp.verified': 'Identité confirmée',
    'idp.rejected': 'Identité refusée',
    'idp.reason': 'Motif',
    'idp.reasonHint': 'Obligatoire en cas de refus ou si le nom ou la date de naissance diffèrent de la réservation.',
    'idp.decide': 'Enregistrer la décision',
    'idp.done.verified': 'Identité confirmée ({type}, {state}).',
    'idp.done.rejected': 'Identité refusée : {reason}',
    'idp.again': 'Nouvelle vérification',
    'idp.passport': 'Passeport',
    'idp.identity-card': 'Carte d’identité',
    'idp.visa': 'Visa',
    'idp.other': 'Autre document',
    'idp.fix': 'Veuillez corriger les données signalées.',
  },
  it: {
    'idp.nationality': 'Cittadinanza',
    'idp.problem.number-check-missing': 'Il numero del documento prosegue nei dati facoltativi, ma manca la sua cifra di controllo.',
    'idp.problem.document-code': 'Il codice del documento «{value}» deve iniziare con una lettera (P passaporto, I/A/C carta d’identità, V visto).',
    'idp.problem.number-empty': 'Il numero del documento è vuoto.',
    'idp.problem.no-surname': 'Il campo del nome non contiene alcun cognome.',
    'idp.problem.expiry-too-far': 'La data di scadenza {value} è a più di 15 anni: nessuna carta d’identità né passaporto vale così a lungo.',
    'idp.problem.sex': 'Il sesso «{value}» deve essere M, F, X o <.',
    'idp.problem.not-country': '{field}: «{value}» non è un codice di paese.',
    'idp.problem.unknown-state': '{field}: «{value}» non è un codice di Stato secondo il doc. 9303 dell’ICAO.',
    'idp.problem.incomplete-date': '{field}: «{value}» non è una data completa (AAMMGG).',
    'idp.problem.not-a-date': '{field}: «{value}» non è una data valida.',
    'idp.decidedBy': 'Decisione di {name}, {when}.',
    'idp.intro': 'Verificate la carta d’identità o il passaporto della persona davanti alla telecamera.',
    'idp.start': 'Avviare la verifica dell’identità',
    'idp.still': 'Immagine fissa del documento',
    'idp.capture': 'Acquisire un’immagine fissa',
    'idp.consent': 'La persona acconsente alla memorizzazione dell’immagine fissa (obbligatoria per questa pratica).',
    'idp.upload': 'Usare l’immagine fissa',
    'idp.stillAlt': 'Immagine fissa tratta dal video della persona',
    'idp.noVideo': 'Nessun video: chiedete alla persona di attivare il video.',
    'idp.stored': 'Immagine fissa salvata (cancellata alla scadenza del termine di conservazione).',
    'idp.notStored': 'Immagine fissa solo letta, non salvata.',
    'idp.ocr': 'ZLA riconosciuta nell’immagine: verificatela.',
    'idp.noOcr': 'Nessuna ZLA riconosciuta nell’immagine: digitatela.',
    'idp.mrz': 'Zona a lettura ottica (ZLA), 2 o 3 righe',
    'idp.check': 'Verificare la ZLA',
    'idp.checks': 'Cifre di controllo',
    'idp.valid': 'valida',
    'idp.invalid': 'errata',
    'idp.expired': 'Documento scaduto',
    'idp.notExpired': 'Documento valido fino al {date}',
    'idp.field.documentNumber': 'Numero del documento',
    'idp.field.birthDate': 'Data di nascita',
    'idp.field.expiryDate': 'Data di scadenza',
    'idp.field.personalNumber': 'Numero personale',
    'idp.field.composite': 'Cifra di controllo complessiva',
    'idp.type': 'Documento',
    'idp.state': 'Stato di rilascio',
    'idp.name': 'Nome',
    'idp.born': 'Nato/a il',
    'idp.number': 'Numero',
    'idp.compare': 'Confronto con la prenotazione',
    'idp.surname': 'Cognome',
    'idp.given': 'Nome/i',
    'idp.birth': 'Data di nascita',
    'idp.match': 'corrisponde',
    'idp.mismatch': 'diverge',
    'idp.unknown': 'non noto',
    'idp.features': 'Elementi di sicurezza (estratti a caso)',
    'idp.questions': 'Domande poste',
    'idp.moreQuestions': 'Altre domande',
    'idp.decision': 'Decisione',
    'idp.verified': 'Identità confermata',
    'idp.rejected': 'Identità respinta',
    'idp.reason': 'Motivazione',
    'idp.reasonHint': 'Obbligatoria in caso di rifiuto o se nome o data di nascita divergono dalla prenotazione.',
    'idp.decide': 'Salvare la decisione',
    'idp.done.verified': 'Identità confermata ({type}, {state}).',
    'idp.done.rejected': 'Identità respinta: {reason}',
    'idp.again': 'Nuova verifica',
    'idp.passport': 'Passaporto',
    'idp.identity-card': 'Carta d’identità',
    'idp.visa': 'Visto',
    'idp.other': 'Altro documento',
    'idp.fix': 'Correggete i dati evidenziati.',
  },
});

// The check is of the card held up to the camera: it starts only while the call runs, and "verified" is saved only
// then (the service refuses both otherwise, identity-no-video).
register({
  de: {
    'idp.videoFirst': 'Starten Sie zuerst das Video: Geprüft wird der Ausweis, den die Person vor die Kamera hält.',
    'idp.videoEnded': 'Das Video ist beendet. Um die Identität zu bestätigen, starten Sie das Video wieder und sehen sich den Ausweis noch einmal an. Eine Ablehnung lässt sich auch ohne Video speichern.',
  },
  en: {
    'idp.videoFirst': 'Start the video first: the check is of the ID document the person holds up to the camera.',
    'idp.videoEnded': 'The video has ended. To confirm the identity, start the video again and look at the ID document once more. A rejection can be saved without video.',
  },
  fr: {
    'idp.videoFirst': 'Démarrez d’abord la vidéo\u00a0: on vérifie la pièce d’identité que la personne tient devant la caméra.',
    'idp.videoEnded': 'La vidéo est terminée. Pour confirmer l’identité, relancez la vidéo et regardez encore une fois la pièce d’identité. Un refus peut être enregistré sans vidéo.',
  },
  it: {
    'idp.videoFirst': 'Avviate prima il video: si verifica il documento d’identità che la persona tiene davanti alla telecamera.',
    'idp.videoEnded': 'Il video è terminato. Per confermare l’identità riavviate il video e guardate ancora una volta il documento. Un rifiuto si può salvare anche senza video.',
  },
});

// A call runs but no picture of the person reaches the page (camera off or covered: black frames; no frames): the
// check waits for one (the service refuses it otherwise, identity-no-picture), and says what to ask.
register({
  de: {
    'idp.noPicture': 'Von der Kamera der Person kommt kein Bild an (ausgeschaltet, abgedeckt oder schwarz). Bitten Sie die Person, die Kamera einzuschalten oder freizumachen.',
    'idp.pictureGone': 'Von der Kamera der Person kommt kein Bild mehr an. Bitten Sie die Person, die Kamera einzuschalten oder freizumachen, und sehen Sie sich den Ausweis noch einmal an. Eine Ablehnung lässt sich auch ohne Bild speichern.',
  },
  en: {
    'idp.noPicture': 'No picture arrives from the person’s camera (switched off, covered or black). Ask the person to switch the camera on or uncover it.',
    'idp.pictureGone': 'No picture arrives from the person’s camera any more. Ask the person to switch the camera on or uncover it, and look at the ID document once more. A rejection can be saved without a picture.',
  },
  fr: {
    'idp.noPicture': 'Aucune image n’arrive de la caméra de la personne (éteinte, couverte ou noire). Demandez-lui d’allumer sa caméra ou de la découvrir.',
    'idp.pictureGone': 'Plus aucune image n’arrive de la caméra de la personne. Demandez-lui d’allumer sa caméra ou de la découvrir, puis regardez encore une fois la pièce d’identité. Un refus peut être enregistré sans image.',
  },
  it: {
    'idp.noPicture': 'Dalla telecamera della persona non arriva alcuna immagine (spenta, coperta o nera). Chiedetele di accendere la telecamera o di scoprirla.',
    'idp.pictureGone': 'Dalla telecamera della persona non arriva più alcuna immagine. Chiedetele di accendere la telecamera o di scoprirla e guardate ancora una volta il documento. Un rifiuto si può salvare anche senza immagine.',
  },
});

// Switzerland and Liechtenstein call their card "Identitätskarte", Germany and Austria "Personalausweis".
register({
  de: { 'idp.identity-card-ch': 'Identitätskarte' },
  en: { 'idp.identity-card-ch': 'Identity card' },
  fr: { 'idp.identity-card-ch': 'Carte d’identité' },
  it: { 'idp.identity-card-ch': 'Carta d’identità' },
});

/** The document's kind as its issuing state calls it. */
function documentName(type, state) {
  return t(type === 'identity-card' && (state === 'CHE' || state === 'LIE') ? 'idp.identity-card-ch' : `idp.${type}`);
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'for' || key === 'role') node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

function loadStyles() {
  if (document.querySelector('link[data-identity-panel]')) return;
  document.head.append(el('link', { rel: 'stylesheet', href: '/agent/identity-panel.css', 'data-identity-panel': '' }));
}

function errorsOf(error) {
  return Object.values(error.errors || {}).flat().join(' ') || error.message || t('common.error');
}

function formatDate(iso) {
  return iso ? formatCalendarDate(iso) : '–';
}

export async function mount(container, ctx) {
  loadStyles();
  const root = el('div', { class: 'idp-panel stack' });
  container.replaceChildren(root);
  const prefix = `idp-${ctx.room.id.slice(0, 8)}`;
  let verification = null;
  // The open check's lines in the resident's language, redrawn when they switch it.
  let sayTheirs = [];
  ctx.onResidentLanguage?.(theirs => sayTheirs.forEach(sayIt => sayIt(theirs)));
  // What the shown step does when the call starts or ends, or the resident's picture comes or goes.
  let callChanged = () => {};
  // ready: a call runs and a picture of the resident reaches this page; said: why not, if not.
  const seeing = () => {
    const running = ctx.call.running();
    const picture = ctx.picture ? ctx.picture.arriving() : running;
    return { ready: running && picture, running };
  };
  ctx.call.onChange(() => callChanged(seeing()));
  ctx.picture?.onChange(() => callChanged(seeing()));

  function showStart() {
    const start = el('button', { type: 'button', id: `${prefix}-start`, 'data-i18n': 'idp.start' }, t('idp.start'));
    const message = el('p', { class: 'error', role: 'alert', hidden: true });
    // Without a call the button stays in the tab order (aria-disabled, not disabled), so that its reason is read
    // with it; the line says it too, and says it again when the call ends.
    const reason = el('p', { class: 'hint', id: `${prefix}-start-reason`, role: 'status' });
    start.setAttribute('aria-describedby', reason.id);
    callChanged = ({ ready, running }) => {
      start.setAttribute('aria-disabled', String(!ready));
      if (ready) {
        reason.textContent = '';
        delete reason.dataset.i18nSaid;
      } else {
        say(reason, running ? 'idp.noPicture' : 'idp.videoFirst');
      }
    };
    callChanged(seeing());
    // While the service is asked, the button is marked busy, not switched off: a button switched off drops the
    // keyboard's focus to the page's start until the first step takes it (seen in the keyboard walk, up to 5 s).
    let asking = false;
    start.addEventListener('click', async () => {
      if (asking || start.getAttribute('aria-disabled') === 'true') return;
      asking = true;
      start.setAttribute('aria-busy', 'true');
      try {
        verification = await api('/api/identity/verifications', {
          method: 'POST',
          // The room's department, concern and booked name are the sessions service's to say, not the page's.
          body: { sessionId: ctx.room.id },
        });
        // The resident is told to hold the document to the camera (the relay carries no data of it).
        ctx.relay?.send?.('identity.started', {});
        showCheck();
        // The pressed button is gone with the start: the first step takes the focus, not the page's start.
        root.querySelector('.idp-step').focus();
      } catch (error) {
        message.textContent = errorsOf(error);
        message.hidden = false;
      } finally {
        asking = false;
        start.removeAttribute('aria-busy');
      }
    });
    root.replaceChildren(el('p', { class: 'hint', 'data-i18n': 'idp.intro' }, t('idp.intro')), start, reason, message);
  }

  function showCheck() {
    sayTheirs = [];
    const label = text => pick(text);

    // 1. Still from the resident's video, read by OCR; stored only with consent where the concern requires it.
    const preview = el('img', { class: 'idp-still', alt: t('idp.stillAlt'), hidden: true });
    const stillStatus = el('p', { class: 'hint', role: 'status' });
    const consent = el('input', { type: 'checkbox', id: `${prefix}-consent` });
    const consentRow = verification.stillRequired ? el('label', { for: consent.id, class: 'idp-consent' }, consent, ' ', t('idp.consent')) : null;
    const capture = el('button', { type: 'button', class: 'secondary', id: `${prefix}-capture` }, t('idp.capture'));
    const upload = el('button', { type: 'button', id: `${prefix}-upload`, hidden: true }, t('idp.upload'));
    let still = null;
    capture.addEventListener('click', async () => {
      try {
        still = await ctx.captureStill();
        if (preview.src) URL.revokeObjectURL(preview.src);
        preview.src = URL.createObjectURL(still);
        preview.hidden = false;
        upload.hidden = false;
        stillStatus.textContent = '';
      } catch {
        stillStatus.textContent = t('idp.noVideo');
      }
    });
    upload.addEventListener('click', async () => {
      // Switched off while the still is read, the pressed button drops the keyboard's focus to the page's start: it is
      // given back when the reading ends, to the MRZ it filled (the next step), or to the button to try again.
      const hadFocus = document.activeElement === upload;
      let read = false;
      upload.disabled = true;
      try {
        const response = await fetch(`/api/identity/verifications/${verification.id}/still?consent=${consent.checked}`, {
          method: 'PUT', body: still, headers: { 'Content-Type': still.type || 'image/jpeg', Accept: 'application/json' }, credentials: 'same-origin',
        });
        const result = await response.json();
        if (!response.ok) throw new ApiError(response.status, result);
        const parts = [t(result.stored ? 'idp.stored' : 'idp.notStored'), t(result.mrzSuggestion ? 'idp.ocr' : 'idp.noOcr')];
        if (result.mrzSuggestion) mrz.value = result.mrzSuggestion;
        stillStatus.textContent = parts.join(' ');
        read = true;
      } catch (error) {
        stillStatus.textContent = errorsOf(error);
      } finally {
        upload.disabled = false;
      }
      const lost = !document.activeElement || document.activeElement === document.body;
      if (hadFocus && lost) (read ? mrz : upload).focus();
    });

    // 2. The MRZ, checked by the service and compared with the booking.
    const mrz = el('textarea', { id: `${prefix}-mrz`, name: 'mrz', rows: 3, class: 'idp-mrz', spellcheck: false, autocomplete: 'off' });
    const mrzError = el('p', { class: 'error', id: `${prefix}-mrz-error`, role: 'alert', hidden: true });
    const check = el('button', { type: 'button', id: `${prefix}-check` }, t('idp.check'));
    const result = el('div', { class: 'idp-result', 'aria-live': 'polite' });
    check.addEventListener('click', async () => {
      mrzError.hidden = true;
      mrz.removeAttribute('aria-invalid');
      try {
        const checked = await api(`/api/identity/verifications/${verification.id}/mrz`, { method: 'PUT', body: { mrz: mrz.value } });
        showResult(checked);
      } catch (error) {
        mrzError.textContent = errorsOf(error);
        mrzError.hidden = false;
        mrz.setAttribute('aria-invalid', 'true');
        mrz.setAttribute('aria-describedby', mrzError.id);
        result.replaceChildren();
      }
    });
    // A finding in the clerk's language: its code names the text, its field and value fill it (the English text if unknown).
    const fieldNames = { issuingState: 'idp.state', nationality: 'idp.nationality', birthDate: 'idp.field.birthDate', expiryDate: 'idp.field.expiryDate' };
    function finding(f) {
      const key = `idp.problem.${f.code}`;
      if (t(key) === key) return f.text;
      const value = f.code === 'expiry-too-far' ? formatDate(f.value) : f.value;
      return t(key, { field: fieldNames[f.field] ? t(fieldNames[f.field]) : f.field, value });
    }
    function showResult({ document: d, comparison }) {
      const mark = ok => (ok ? `✓ ${t('idp.valid')}` : `✗ ${t('idp.invalid')}`);
      const checks = el('ul', { class: 'idp-checks' }, ...d.checks.map(c =>
        el('li', { class: c.valid ? 'ok' : 'error', 'data-check': c.field }, `${t(`idp.field.${c.field}`)}: ${mark(c.valid)}`)));
      const compare = part => el('dd', { class: comparison[part] === 'mismatch' ? 'error' : comparison[part] === 'match' ? 'ok' : '', 'data-compare': part }, t(`idp.${comparison[part]}`));
      result.replaceChildren(
        el('dl', {},
          el('dt', {}, t('idp.type')), el('dd', {}, `${documentName(d.documentType, d.issuingState)} (${d.documentCode})`),
          el('dt', {}, t('idp.state')), el('dd', {}, d.issuingState),
          el('dt', {}, t('idp.number')), el('dd', {}, d.documentNumber),
          el('dt', {}, t('idp.name')), el('dd', {}, `${d.surname}, ${d.givenNames}`),
          el('dt', {}, t('idp.born')), el('dd', {}, formatDate(d.birthDate))),
        el('p', { class: d.expired ? 'error' : 'ok', 'data-expiry': '' }, d.expired ? t('idp.expired') : t('idp.notExpired', { date: formatDate(d.expiryDate) })),
        ...d.findings.map(f => el('p', { class: 'error', 'data-finding': f.code }, finding(f))),
        el('h4', {}, t('idp.checks')), checks,
        el('h4', {}, t('idp.compare')),
        el('dl', {},
          el('dt', {}, t('idp.surname')), compare('surname'),
          el('dt', {}, t('idp.given')), compare('givenNames')));
    }

    // 3. Features and questions, 4. the decision.
    const features = el('fieldset', {}, el('legend', {}, t('idp.features')),
      ...verification.features.map(f => {
        const box = el('input', { type: 'checkbox', name: 'confirmedFeatures', value: f.key, id: `${prefix}-f-${f.key}` });
        return el('label', { for: box.id }, box, label(f.label));
      }));
    // A question the clerk asks aloud: in a room the resident reads in another language, it stands below in theirs
    // too (with its own lang, for the screen reader), to read out or copy into the chat; Leichte Sprache's is its own.
    // A switch of the resident's language while the check is open redraws that line.
    const theirLine = (q, theirs) => {
      const own = label(q.text);
      return theirs && theirs !== language() && q.text[theirs] && q.text[theirs] !== own
        ? [el('span', { class: 'idp-their', lang: theirs }, q.text[theirs])] : [];
    };
    const question = q => {
      const box = el('input', { type: 'checkbox', name: 'questionsAsked', value: q.key, id: `${prefix}-q-${q.key}` });
      const text = el('span', {}, label(q.text), ...theirLine(q, ctx.residentLanguage?.()));
      sayTheirs = [...sayTheirs, theirs => text.replaceChildren(label(q.text), ...theirLine(q, theirs))];
      return el('label', { for: box.id }, box, text);
    };
    const questions = el('fieldset', {}, el('legend', {}, t('idp.questions')),
      ...verification.questions.map(question),
      el('details', {}, el('summary', {}, t('idp.moreQuestions')), ...verification.otherQuestions.map(question)));

    const decisionName = `${prefix}-decision`;
    const radio = value => {
      const input = el('input', { type: 'radio', name: decisionName, value, id: `${decisionName}-${value}` });
      return el('label', { for: input.id }, input, t(`idp.${value}`));
    };
    const reason = el('textarea', { id: `${prefix}-reason`, name: 'reason', rows: 2, maxLength: 500 });
    const decisionError = el('p', { class: 'error', role: 'alert', hidden: true });
    const decide = el('button', { type: 'button', id: `${prefix}-decide` }, t('idp.decide'));
    // The call ended during the check: "verified" waits for the video (the service refuses it), a rejection does not.
    const callNote = el('p', { class: 'hint', id: `${prefix}-call-note`, role: 'status' });
    decide.setAttribute('aria-describedby', callNote.id);
    callChanged = ({ ready, running }) => {
      if (ready) {
        callNote.textContent = '';
        delete callNote.dataset.i18nSaid;
      } else {
        say(callNote, running ? 'idp.pictureGone' : 'idp.videoEnded');
      }
    };
    decide.addEventListener('click', async () => {
      decisionError.hidden = true;
      const checked = name => [...root.querySelectorAll(`input[name=${name}]:checked`)].map(i => i.value);
      try {
        const decided = await api(`/api/identity/verifications/${verification.id}/decision`, {
          method: 'POST',
          body: {
            decision: root.querySelector(`input[name="${decisionName}"]:checked`)?.value,
            reason: reason.value,
            confirmedFeatures: checked('confirmedFeatures'),
            questionsAsked: checked('questionsAsked'),
          },
        });
        ctx.relay?.send?.('identity.decided', { status: decided.status });
        showDone(decided);
      } catch (error) {
        // A refusal of the whole decision (no video, decided meanwhile) has no marked entry to correct.
        decisionError.textContent = error.problem?.code ? errorsOf(error) : `${t('idp.fix')} ${errorsOf(error)}`;
        decisionError.hidden = false;
      }
    });

    root.replaceChildren(...[
      el('h3', { class: 'idp-step', tabIndex: -1 }, t('idp.still')), el('div', { class: 'row' }, capture, upload), preview, consentRow, stillStatus,
      el('label', { for: mrz.id }, t('idp.mrz')), mrz, mrzError, check, result,
      features, questions,
      el('fieldset', {}, el('legend', {}, t('idp.decision')), radio('verified'), radio('rejected')),
      el('label', { for: reason.id }, t('idp.reason')), el('p', { class: 'hint', id: `${prefix}-reason-hint` }, t('idp.reasonHint')), reason,
      decisionError, callNote, decide].filter(Boolean));
    reason.setAttribute('aria-describedby', `${prefix}-reason-hint`);
    callChanged(seeing());
  }

  // decided: the clerk's own decision (a verification) or an earlier one in this consultation (an outcome, e.g. made
  // before the room was transferred here), which names the document's kind and state only.
  function showDone(decided) {
    const type = decided.document?.documentType ?? decided.documentType;
    const state = decided.document?.issuingState ?? decided.issuingState;
    const text = decided.status === 'verified'
      ? t('idp.done.verified', { type: documentName(type, state), state })
      : t('idp.done.rejected', { reason: decided.reason });
    const when = decided.decidedAt ? formatDateTime(decided.decidedAt, 'medium') : '';
    const by = decided.decidedByName
      ? el('p', { class: 'hint idp-decided-by' }, t('idp.decidedBy', { name: decided.decidedByName, when }))
      : null;
    callChanged = () => {};
    const again = el('button', { type: 'button', class: 'secondary' }, t('idp.again'));
    again.addEventListener('click', showStart);
    const result = el('p', { class: `idp-status ${decided.status === 'verified' ? 'ok' : 'error'}`, role: 'status', 'data-status': decided.status, tabIndex: -1 }, text);
    // "Save decision" goes with the check it decided: the focus goes to what was decided, not to the page's start.
    const hadFocus = root.contains(document.activeElement);
    root.replaceChildren(...[result, by, again].filter(Boolean));
    if (hadFocus) result.focus();
  }

  // The consultation's case comes with the room: a check already decided in it (also by a colleague before a
  // transfer) is shown, not an empty check.
  let earlier = [];
  try { earlier = (await api(`/api/identity/sessions/${ctx.room.id}`)).checks; } catch { /* then a new check starts, as before */ }
  const decidedBefore = earlier.find(v => v.status === 'verified' || v.status === 'rejected');
  if (decidedBefore) showDone(decidedBefore);
  else showStart();
}
