// Filling one draft together. DraftSync binds a rendered form (form-view.js) to a draft: every change is
// PATCHed with the field's version, changes of others arrive on the draft's event stream only (the form
// service's, what it stored; the room relay refuses form.field/focus/point) and are applied by version, so nothing is lost or applied
// twice. mount(container, ctx) is the consultation panel the room pages embed.
import { api, ApiError } from '/shared/api.js';
import { renderForm } from '/shared/form-view.js';
import { register, t, language, apply, pick, locale } from '/shared/i18n.js';
import { formatTime } from '/shared/dates.js';

register({
  de: {
    'cf.saved': 'Gespeichert', 'cf.saving': 'Wird gespeichert …', 'cf.offline': 'Verbindung unterbrochen – Ihre Eingaben werden erneut gesendet.',
    'cf.conflict': '«{field}» wurde gleichzeitig von der anderen Seite geändert auf: «{theirs}». Ihre Eingabe «{mine}» wurde nicht übernommen.',
    'cf.keepMine': 'Meine Eingabe verwenden', 'cf.open': 'Formular öffnen', 'cf.point': 'Aktuelles Feld der Einwohnerin / dem Einwohner zeigen',
    'cf.waiting': 'Die Sachbearbeitung öffnet das Formular gleich hier.', 'cf.invalidated': 'Die Angaben wurden nach der Unterschrift geändert: Bitte erneut unterschreiben.',
    'cf.sign.title': 'Unterschreiben und einreichen', 'cf.sign.help': 'Unterschreiben Sie mit Finger, Stift oder Maus im Feld.', 'cf.sign.pad': 'Unterschriftsfeld',
    'cf.sign.clear': 'Löschen', 'cf.sign.submit': 'Unterschreiben und einreichen', 'cf.sign.missing': 'Bitte zuerst im Feld unterschreiben.',
    'cf.sign.errors': 'Bitte korrigieren Sie zuerst die markierten Felder.', 'cf.submitted': 'Eingereicht. Ihr Dossier: {reference}.', 'cf.follow': 'Stand des Dossiers verfolgen',
    'cf.signed.other': 'Die Einwohnerin / der Einwohner hat unterschrieben.', 'cf.submitted.other': 'Eingereicht als Dossier {reference}.',
    'cf.sign.method': 'Wie möchten Sie unterschreiben?', 'cf.sign.byHand': 'Von Hand im Feld', 'cf.sign.byTan': 'Mit Einmal-Code (TAN)', 'cf.sign.sending': 'Wird eingereicht …',
    'cf.tan.help': 'Wir senden Ihnen einen Code, der nur für genau diese Angaben gilt. Ändert sich danach etwas, brauchen Sie einen neuen Code.',
    'cf.tan.channel': 'Code senden per', 'cf.tan.email': 'E-Mail', 'cf.tan.sms': 'SMS', 'cf.tan.to': 'An die E-Mail-Adresse im Formular: {to}',
    'cf.tan.noEmail': 'Bitte geben Sie im Formular Ihre E-Mail-Adresse an.', 'cf.tan.phone': 'Mobilnummer (international, z. B. +41 79 123 45 67)',
    'cf.tan.send': 'Code senden', 'cf.tan.again': 'Neuen Code senden', 'cf.tan.sending': 'Code wird gesendet …', 'cf.tan.sent': 'Der Code wurde an {to} gesendet. Er ist bis {until} Uhr gültig.',
    'cf.tan.code': 'Code (6 Ziffern)', 'cf.tan.submit': 'Mit Code bestätigen und einreichen', 'cf.tan.format': 'Der Code hat 6 Ziffern.',
    'cf.tan.wrong': 'Falscher Code. Noch {left} Versuch(e).', 'cf.tan.locked': 'Der Code wurde zu oft falsch eingegeben. Bitte fordern Sie einen neuen Code an.',
    'cf.tan.expired': 'Der Code ist abgelaufen. Bitte fordern Sie einen neuen Code an.', 'cf.tan.used': 'Dieser Code wurde bereits verwendet. Bitte fordern Sie einen neuen Code an.',
    'cf.tan.consultationClosed': 'Das Gespräch ist beendet. Codes gibt es nur während des Gesprächs.',
    'cf.tan.unknown': 'Bitte fordern Sie zuerst einen Code an.', 'cf.tan.contentMismatch': 'Die Angaben wurden geändert, nachdem der Code gesendet wurde. Bitte fordern Sie einen neuen Code an.',
    'cf.tan.tooMany': 'Zu viele Codes angefordert. Bitte verwenden Sie den zuletzt erhaltenen Code oder versuchen Sie es später.',
  },
  en: {
    'cf.saved': 'Saved', 'cf.saving': 'Saving …', 'cf.offline': 'Connection lost – your entries will be sent again.',
    'cf.conflict': '“{field}” was changed by the other side at the same time to: “{theirs}”. Your entry “{mine}” was not saved.',
    'cf.keepMine': 'Use my entry', 'cf.open': 'Open form', 'cf.point': 'Show the current field to the resident',
    'cf.waiting': 'The clerk will open the form here in a moment.', 'cf.invalidated': 'The form was changed after signing: please sign again.',
    'cf.sign.title': 'Sign and submit', 'cf.sign.help': 'Sign with your finger, a pen or the mouse in the box.', 'cf.sign.pad': 'Signature box',
    'cf.sign.clear': 'Clear', 'cf.sign.submit': 'Sign and submit', 'cf.sign.missing': 'Please sign in the box first.',
    'cf.sign.errors': 'Please correct the marked fields first.', 'cf.submitted': 'Submitted. Your dossier: {reference}.', 'cf.follow': 'Follow the dossier',
    'cf.signed.other': 'The resident has signed.', 'cf.submitted.other': 'Submitted as dossier {reference}.',
    'cf.sign.method': 'How would you like to sign?', 'cf.sign.byHand': 'By hand in the box', 'cf.sign.byTan': 'With a one-time code (TAN)', 'cf.sign.sending': 'Submitting …',
    'cf.tan.help': 'We send you a code that is valid for exactly these entries. If anything changes afterwards, you need a new code.',
    'cf.tan.channel': 'Send the code by', 'cf.tan.email': 'E-mail', 'cf.tan.sms': 'SMS', 'cf.tan.to': 'To the e-mail address in the form: {to}',
    'cf.tan.noEmail': 'Please enter your e-mail address in the form.', 'cf.tan.phone': 'Mobile number (international, e.g. +41 79 123 45 67)',
    'cf.tan.send': 'Send code', 'cf.tan.again': 'Send a new code', 'cf.tan.sending': 'Sending the code …', 'cf.tan.sent': 'The code was sent to {to}. It is valid until {until}.',
    'cf.tan.code': 'Code (6 digits)', 'cf.tan.submit': 'Confirm with code and submit', 'cf.tan.format': 'The code has 6 digits.',
    'cf.tan.wrong': 'Wrong code. {left} attempt(s) left.', 'cf.tan.locked': 'The code was entered wrongly too often. Please request a new code.',
    'cf.tan.expired': 'The code has expired. Please request a new code.', 'cf.tan.used': 'This code has already been used. Please request a new code.',
    'cf.tan.consultationClosed': 'The consultation has ended. Codes are only sent while it is open.',
    'cf.tan.unknown': 'Please request a code first.', 'cf.tan.contentMismatch': 'The entries were changed after the code was sent. Please request a new code.',
    'cf.tan.tooMany': 'Too many codes requested. Please use the last code you received or try again later.',
  },
  fr: {
    'cf.saved': 'Enregistré',
    'cf.saving': 'Enregistrement …',
    'cf.offline': 'Connexion interrompue – vos saisies seront renvoyées.',
    'cf.conflict': '« {field} » a été modifié au même moment par l’autre partie en : « {theirs} ». Votre saisie « {mine} » n’a pas été reprise.',
    'cf.keepMine': 'Utiliser ma saisie',
    'cf.open': 'Ouvrir le formulaire',
    'cf.point': 'Montrer le champ actuel à l’habitant·e',
    'cf.waiting': 'La personne qui traite votre dossier va ouvrir le formulaire ici.',
    'cf.invalidated': 'Les données ont été modifiées après la signature : veuillez signer à nouveau.',
    'cf.sign.title': 'Signer et déposer',
    'cf.sign.help': 'Signez dans le cadre avec le doigt, un stylet ou la souris.',
    'cf.sign.pad': 'Cadre de signature',
    'cf.sign.clear': 'Effacer',
    'cf.sign.submit': 'Signer et déposer',
    'cf.sign.missing': 'Veuillez d’abord signer dans le cadre.',
    'cf.sign.errors': 'Veuillez d’abord corriger les champs signalés.',
    'cf.submitted': 'Déposé. Votre dossier : {reference}.',
    'cf.follow': 'Suivre l’état du dossier',
    'cf.signed.other': 'L’habitant·e a signé.',
    'cf.submitted.other': 'Déposé sous le numéro de dossier {reference}.',
    'cf.sign.method': 'Comment souhaitez-vous signer ?',
    'cf.sign.byHand': 'À la main dans le cadre',
    'cf.sign.byTan': 'Avec un code à usage unique (TAN)',
    'cf.sign.sending': 'Dépôt en cours …',
    'cf.tan.help': 'Nous vous envoyons un code valable uniquement pour ces données précises. Si quelque chose change ensuite, il vous faudra un nouveau code.',
    'cf.tan.channel': 'Envoyer le code par',
    'cf.tan.email': 'E-mail',
    'cf.tan.sms': 'SMS',
    'cf.tan.to': 'À l’adresse e-mail indiquée dans le formulaire : {to}',
    'cf.tan.noEmail': 'Veuillez indiquer votre adresse e-mail dans le formulaire.',
    'cf.tan.phone': 'Numéro de portable (format international, p. ex. +41 79 123 45 67)',
    'cf.tan.send': 'Envoyer le code',
    'cf.tan.again': 'Envoyer un nouveau code',
    'cf.tan.sending': 'Envoi du code …',
    'cf.tan.sent': 'Le code a été envoyé à {to}. Il est valable jusqu’à {until}.',
    'cf.tan.code': 'Code (6 chiffres)',
    'cf.tan.submit': 'Confirmer avec le code et déposer',
    'cf.tan.format': 'Le code comporte 6 chiffres.',
    'cf.tan.wrong': 'Code erroné. Encore {left} essai(s).',
    'cf.tan.locked': 'Le code a été saisi trop souvent de manière erronée. Veuillez demander un nouveau code.',
    'cf.tan.expired': 'Le code a expiré. Veuillez demander un nouveau code.',
    'cf.tan.used': 'Ce code a déjà été utilisé. Veuillez demander un nouveau code.',
    'cf.tan.consultationClosed': 'L’entretien est terminé. Les codes ne sont envoyés que pendant l’entretien.',
    'cf.tan.unknown': 'Veuillez d’abord demander un code.',
    'cf.tan.contentMismatch': 'Les données ont été modifiées après l’envoi du code. Veuillez demander un nouveau code.',
    'cf.tan.tooMany': 'Trop de codes demandés. Veuillez utiliser le dernier code reçu ou réessayer plus tard.',
  },
  it: {
    'cf.saved': 'Salvato',
    'cf.saving': 'Salvataggio …',
    'cf.offline': 'Connessione interrotta: i vostri dati verranno inviati di nuovo.',
    'cf.conflict': '«{field}» è stato modificato contemporaneamente dall’altra parte in: «{theirs}». Il vostro inserimento «{mine}» non è stato ripreso.',
    'cf.keepMine': 'Usare il mio inserimento',
    'cf.open': 'Aprire il modulo',
    'cf.point': 'Mostrare il campo attuale al/alla residente',
    'cf.waiting': 'L’addetto/a aprirà il modulo qui tra poco.',
    'cf.invalidated': 'I dati sono stati modificati dopo la firma: firmate di nuovo.',
    'cf.sign.title': 'Firmare e inoltrare',
    'cf.sign.help': 'Firmate nel riquadro con il dito, una penna o il mouse.',
    'cf.sign.pad': 'Riquadro per la firma',
    'cf.sign.clear': 'Cancellare',
    'cf.sign.submit': 'Firmare e inoltrare',
    'cf.sign.missing': 'Firmate prima nel riquadro.',
    'cf.sign.errors': 'Correggete prima i campi evidenziati.',
    'cf.submitted': 'Inoltrato. Il vostro incarto: {reference}.',
    'cf.follow': 'Seguire lo stato dell’incarto',
    'cf.signed.other': 'Il/la residente ha firmato.',
    'cf.submitted.other': 'Inoltrato come incarto {reference}.',
    'cf.sign.method': 'Come desiderate firmare?',
    'cf.sign.byHand': 'A mano nel riquadro',
    'cf.sign.byTan': 'Con un codice monouso (TAN)',
    'cf.sign.sending': 'Inoltro in corso …',
    'cf.tan.help': 'Vi inviamo un codice valido solo per questi dati. Se in seguito qualcosa cambia, vi servirà un nuovo codice.',
    'cf.tan.channel': 'Inviare il codice tramite',
    'cf.tan.email': 'E-mail',
    'cf.tan.sms': 'SMS',
    'cf.tan.to': 'All’indirizzo e-mail indicato nel modulo: {to}',
    'cf.tan.noEmail': 'Indicate il vostro indirizzo e-mail nel modulo.',
    'cf.tan.phone': 'Numero di cellulare (formato internazionale, ad es. +41 79 123 45 67)',
    'cf.tan.send': 'Inviare il codice',
    'cf.tan.again': 'Inviare un nuovo codice',
    'cf.tan.sending': 'Invio del codice …',
    'cf.tan.sent': 'Il codice è stato inviato a {to}. È valido fino alle {until}.',
    'cf.tan.code': 'Codice (6 cifre)',
    'cf.tan.submit': 'Confermare con il codice e inoltrare',
    'cf.tan.format': 'Il codice ha 6 cifre.',
    'cf.tan.wrong': 'Codice errato. Ancora {left} tentativo/i.',
    'cf.tan.locked': 'Il codice è stato inserito in modo errato troppe volte. Richiedete un nuovo codice.',
    'cf.tan.expired': 'Il codice è scaduto. Richiedete un nuovo codice.',
    'cf.tan.used': 'Questo codice è già stato utilizzato. Richiedete un nuovo codice.',
    'cf.tan.consultationClosed': 'Il colloquio è terminato. I codici vengono inviati solo durante il colloquio.',
    'cf.tan.unknown': 'Richiedete prima un codice.',
    'cf.tan.contentMismatch': 'I dati sono stati modificati dopo l’invio del codice. Richiedete un nuovo codice.',
    'cf.tan.tooMany': 'Troppi codici richiesti. Utilizzate l’ultimo codice ricevuto o riprovate più tardi.',
  },
});

const DEBOUNCE_MS = 200;

export class DraftSync {
  /** auth: { token } for a resident (draft or room token); staff use their session cookie. */
  constructor(draftId, view, { token, role, relay, onStatus = () => {}, onEvent = () => {}, definition } = {}) {
    Object.assign(this, { draftId, view, token, role, relay, onStatus, onEvent, definition });
    this.versions = {};
    this.pending = new Map();   // field → timer
    this.inFlight = new Map();  // field → promise
    this.deferred = new Map();  // field → a remote change that arrived while ours was on its way
    this.clientId = crypto.randomUUID();
    this.abort = new AbortController();
  }

  async load() {
    const draft = await api(`/api/forms/drafts/${this.draftId}`, { token: this.token });
    for (const [field, state] of Object.entries(draft.fields || {})) {
      if ((this.versions[field] || 0) < state.version) {
        this.versions[field] = state.version;
        this.view.setValue(field, state.value);
      }
    }
    this.draft = draft;
    return draft;
  }

  start() {
    this.listen();
    if (this.relay) {
      this.relay.on('form.field', p => p.draftId === this.draftId && this.apply({ type: 'field', ...p }));
      this.relay.on('form.focus', p => p.draftId === this.draftId && this.apply({ type: 'presence', kind: p.field ? 'focus' : 'blur', field: p.field, by: p.by, clientId: p.clientId }));
      this.relay.on('form.point', p => p.draftId === this.draftId && this.apply({ type: 'presence', kind: 'point', field: p.field, by: 'clerk', clientId: p.clientId }));
    }
  }

  stop() { this.abort.abort(); }

  /** Called by the view on every keystroke: sends the field after a short pause, one request per field at a time. */
  input(field, value) {
    clearTimeout(this.pending.get(field));
    this.onStatus('saving');
    this.pending.set(field, setTimeout(() => this.send(field, value), DEBOUNCE_MS));
  }

  async send(field, value) {
    this.pending.delete(field);
    await this.inFlight.get(field);
    const request = this.patch(field, value);
    this.inFlight.set(field, request);
    await request;
    if (this.inFlight.get(field) === request) this.inFlight.delete(field);
    const deferred = this.deferred.get(field);
    if (deferred && !this.pending.has(field) && !this.inFlight.has(field)) {
      this.deferred.delete(field);
      this.apply(deferred);
    }
    if (!this.pending.size && !this.inFlight.size) this.onStatus('saved');
  }

  async patch(field, value) {
    try {
      const written = await api(`/api/forms/drafts/${this.draftId}/fields/${encodeURIComponent(field)}`, {
        method: 'PATCH', token: this.token, body: { value, baseVersion: this.versions[field] || 0, clientId: this.clientId },
      });
      this.versions[field] = Math.max(this.versions[field] || 0, written.version);
      this.relay?.send('form.field', { draftId: this.draftId, field, value, version: written.version, by: this.role, clientId: this.clientId });
      if (written.signatureInvalidated) this.onEvent({ type: 'signature', state: 'invalidated' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && 'version' in error.problem) {
        // Someone else wrote this field first: show theirs, keep ours at hand.
        this.versions[field] = error.problem.version;
        this.view.setValue(field, error.problem.value);
        this.onEvent({ type: 'conflict', field, mine: value, theirs: error.problem.value });
      } else {
        this.onStatus('offline');
        setTimeout(() => this.send(field, value), 2000);
      }
    }
  }

  focus(field) {
    this.announce(field ? 'focus' : 'blur', field);
  }

  point(field) {
    this.announce('point', field);
  }

  announce(kind, field) {
    if (this.relay) {
      const type = kind === 'point' ? 'form.point' : 'form.focus';
      this.relay.send(type, { draftId: this.draftId, field: kind === 'blur' ? null : field, by: this.role, clientId: this.clientId });
    } else {
      api(`/api/forms/drafts/${this.draftId}/presence`, { method: 'POST', token: this.token, body: { kind, field, clientId: this.clientId } }).catch(() => {});
    }
  }

  apply(event) {
    if (event.clientId && event.clientId === this.clientId) return;
    if (event.type === 'field') {
      if ((this.versions[event.field] || 0) >= event.version) return;
      if (this.pending.has(event.field) || this.inFlight.has(event.field)) {
        // Our own edit of this field is on its way, based on the version we saw: keep it on screen; the server
        // decides (a conflict brings theirs back), and a newer remote value is applied once ours is settled.
        const deferred = this.deferred.get(event.field);
        if (!deferred || deferred.version < event.version) this.deferred.set(event.field, event);
        return;
      }
      this.versions[event.field] = event.version;
      this.view.setValue(event.field, event.value);
    } else if (event.type === 'presence') {
      if (event.kind === 'point') this.view.pointAt(event.field);
      else this.view.markRemote(event.kind === 'focus' ? event.field : null, event.by);
    }
    this.onEvent(event);
  }

  /** The draft's server-sent events, read with fetch so the token travels in a header; reconnects and catches up. */
  async listen() {
    while (!this.abort.signal.aborted) {
      try {
        const headers = { Accept: 'text/event-stream' };
        if (this.token) headers['X-Resident-Token'] = this.token;
        const response = await fetch(`/api/forms/drafts/${this.draftId}/events`, { headers, signal: this.abort.signal, credentials: 'same-origin' });
        if (!response.ok) throw new Error(`events ${response.status}`);
        await this.load();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of chunk.split('\n')) if (line.startsWith('data: ')) this.apply(JSON.parse(line.slice(6)));
          }
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}

// What the resident's page marks as invalid, told on the clerk's (issue 16 item 13).
register({
  de: { 'cf.residentInvalid': 'Auf dem Bildschirm der Person als fehlerhaft markiert: {n} (hier ebenfalls markiert).' },
  en: { 'cf.residentInvalid': "Marked as invalid on the person's screen: {n} (marked here too)." },
  fr: { 'cf.residentInvalid': 'Signalées comme erronées sur l’écran de la personne : {n} (signalées ici aussi).' },
  it: { 'cf.residentInvalid': 'Segnalati come errati sullo schermo della persona: {n} (segnalati anche qui).' },
});

// Concerns without a form (the consultation, the chat and uploads are the whole procedure).
// Where a code goes in a consultation: the e-mail address the city holds from the booking, not one typed into the form.
register({
  de: { 'cf.tan.toBooking': 'An die E-Mail-Adresse Ihrer Buchung.' },
  en: { 'cf.tan.toBooking': 'To the e-mail address of your booking.' },
  fr: { 'cf.tan.toBooking': 'À l’adresse e-mail de votre réservation.' },
  it: { 'cf.tan.toBooking': 'All’indirizzo e-mail della vostra prenotazione.' },
  'de-x-ls': { 'cf.tan.toBooking': 'Wir schicken den Code an Ihre E-Mail-Adresse. Das ist die Adresse von Ihrer Anmeldung für den Termin.' },
});

register({
  de: {
    'cf.submitted.status': 'Eingereicht als Dossier {reference} (Stand: {status}).',
    'cf.dossier.received': 'eingegangen', 'cf.dossier.in_review': 'in Bearbeitung', 'cf.dossier.needs_information': 'Angaben fehlen',
    'cf.dossier.completed': 'abgeschlossen', 'cf.dossier.rejected': 'abgelehnt',
  },
  en: {
    'cf.submitted.status': 'Submitted as dossier {reference} (status: {status}).',
    'cf.dossier.received': 'received', 'cf.dossier.in_review': 'in review', 'cf.dossier.needs_information': 'information needed',
    'cf.dossier.completed': 'completed', 'cf.dossier.rejected': 'rejected',
  },
  fr: {
    'cf.submitted.status': 'Déposé sous le numéro de dossier {reference} (état : {status}).',
    'cf.dossier.received': 'reçu', 'cf.dossier.in_review': 'en cours de traitement', 'cf.dossier.needs_information': 'informations manquantes',
    'cf.dossier.completed': 'clos', 'cf.dossier.rejected': 'refusé',
  },
  it: {
    'cf.submitted.status': 'Inoltrato come incarto {reference} (stato: {status}).',
    'cf.dossier.received': 'ricevuto', 'cf.dossier.in_review': 'in trattamento', 'cf.dossier.needs_information': 'dati mancanti',
    'cf.dossier.completed': 'concluso', 'cf.dossier.rejected': 'respinto',
  },
});

register({
  de: { 'cf.none.clerk': 'Für dieses Anliegen gibt es kein Formular. Halten Sie das Ergebnis im Gespräch fest; Unterlagen kommen über „Unterlagen“.',
        'cf.none.resident': 'Für dieses Anliegen füllen Sie kein Formular aus. Die Sachbearbeitung klärt alles im Gespräch mit Ihnen; Unterlagen können Sie unten unter „Dokumente“ senden.' },
  en: { 'cf.none.clerk': 'This concern has no form. Record the outcome in the consultation; documents come in under "Documents".',
        'cf.none.resident': 'There is no form to fill in for this concern. The clerk settles everything with you in the consultation; you can send documents below under "Documents".' },
  fr: { 'cf.none.clerk': 'Cette démarche n’a pas de formulaire. Consignez le résultat pendant l’entretien ; les documents arrivent sous « Documents ».',
        'cf.none.resident': 'Pour cette démarche, vous ne remplissez aucun formulaire. Le ou la collaborateur·rice règle tout avec vous pendant l’entretien ; vous pouvez envoyer des documents plus bas, sous « Documents ».' },
  it: { 'cf.none.clerk': 'Questa pratica non ha un modulo. Annoti l’esito durante il colloquio; i documenti arrivano in «Documenti».',
        'cf.none.resident': 'Per questa pratica non deve compilare alcun modulo. L’addetto o l’addetta chiarisce tutto con lei durante il colloquio; può inviare documenti più in basso, in «Documenti».' },
  'de-x-ls': { 'cf.none.resident': 'Sie müssen kein Formular ausfüllen. Wir besprechen alles im Gespräch. Unterlagen können Sie unten bei „Dokumente“ schicken.' },
});

/** Connects a rendered form to its sync and shows status, conflicts and the other side's actions in a live region. */
export function bindView(view, sync, { status, notices, definition }) {
  const label = field => {
    for (const s of definition.sections) for (const f of s.fields) for (const m of (f.fields && f.fields.length ? f.fields : [f])) if (m.id === field) return (pick(m.label) ?? m.label.de);
    return field;
  };
  sync.onStatus = state => { status.textContent = t('cf.' + state); };
  sync.onEvent = event => {
    if (event.type === 'conflict') {
      const note = document.createElement('div');
      note.className = 'card cf-conflict';
      note.setAttribute('role', 'alert');
      const text = document.createElement('p');
      text.textContent = t('cf.conflict', { field: label(event.field), theirs: String(event.theirs ?? ''), mine: String(event.mine ?? '') });
      const keep = document.createElement('button');
      keep.type = 'button';
      keep.className = 'secondary';
      keep.textContent = t('cf.keepMine');
      keep.addEventListener('click', () => { view.setValue(event.field, event.mine); sync.input(event.field, event.mine); note.remove(); });
      note.append(text, keep);
      notices.replaceChildren(note);
    } else if (event.type === 'signature' && event.state === 'invalidated') {
      notices.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: t('cf.invalidated') }));
    } else if (event.type === 'signature' && event.state === 'signed' && sync.role === 'clerk') {
      notices.replaceChildren(Object.assign(document.createElement('p'), { className: 'ok', textContent: t('cf.signed.other') }));
    } else if (event.type === 'submitted') {
      view.setReadOnly(true);
      notices.replaceChildren(Object.assign(document.createElement('p'), { className: 'ok', textContent: t('cf.submitted.other', { reference: event.reference }) }));
    }
  };
}

/** A signature box (pointer events: finger, pen, mouse) that records strokes and gives a PNG. */
export function signaturePad(canvas) {
  const ctx = canvas.getContext('2d');
  let strokes = [];
  let current = null;
  const size = () => {
    const ratio = window.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, rect.width * ratio);
    canvas.height = Math.max(1, rect.height * ratio);
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5; ctx.lineCap = 'round'; ctx.strokeStyle = '#111';
  };
  size();
  const point = e => { const r = canvas.getBoundingClientRect(); return { x: Math.round(e.clientX - r.left), y: Math.round(e.clientY - r.top), t: Math.round(e.timeStamp) }; };
  canvas.addEventListener('pointerdown', e => { canvas.setPointerCapture(e.pointerId); current = [point(e)]; strokes.push(current); });
  canvas.addEventListener('pointermove', e => {
    if (!current) return;
    const p = point(e), last = current[current.length - 1];
    current.push(p);
    ctx.beginPath(); ctx.moveTo(last.x, last.y); ctx.lineTo(p.x, p.y); ctx.stroke();
  });
  const end = () => { current = null; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  return {
    resize() { if (!strokes.length) { ctx.setTransform(1, 0, 0, 1, 0, 0); size(); } },
    isEmpty: () => !strokes.some(s => s.length >= 2),
    clear() { strokes = []; ctx.clearRect(0, 0, canvas.width, canvas.height); },
    signature: () => ({ kind: 'drawn', image: canvas.toDataURL('image/png'), strokes }),
  };
}

/** The content the signature must cover: waits for edits still on their way, then reads the draft's current hash. */
async function settledHash(sync) {
  while (sync.pending.size || sync.inFlight.size) { await new Promise(r => setTimeout(r, 100)); }
  return (await sync.load()).contentSha256;
}

// The service's refusals carry a machine-readable reason; the resident reads them in their language.
function tanMessage(error) {
  const reason = error.problem?.reason;
  if (reason === 'wrongCode') return t('cf.tan.wrong', { left: error.problem.attemptsLeft });
  if (['locked', 'expired', 'used', 'unknown', 'contentMismatch'].includes(reason)) return t(`cf.tan.${reason}`);
  if (error.status === 429) return t('cf.tan.tooMany');
  if (error.status === 409) return t('cf.tan.contentMismatch');
  const messages = Object.values(error.errors || {}).flat();
  return messages.length ? messages.join(' ') : (error.message || t('common.error'));
}

/**
 * The signing part: by hand on a pad, or with a one-time code (TAN) the forms service asks identity to send for
 * exactly the current content; calls onSubmitted({ reference, statusToken }) when done.
 */
export function mountSigning(container, { view, sync, token, onSubmitted, consultation = false }) {
  container.replaceChildren();
  const tpl = document.createElement('section');
  tpl.className = 'card cf-sign';
  tpl.setAttribute('aria-labelledby', 'cf-sign-title');
  tpl.innerHTML = `
    <h2 id="cf-sign-title" data-i18n="cf.sign.title"></h2>
    <fieldset class="cf-choice">
      <legend data-i18n="cf.sign.method"></legend>
      <label><input type="radio" name="cf-method" value="drawn" checked> <span data-i18n="cf.sign.byHand"></span></label>
      <label><input type="radio" name="cf-method" value="tan"> <span data-i18n="cf.sign.byTan"></span></label>
    </fieldset>
    <div class="cf-drawn">
      <p class="hint" id="cf-sign-help" data-i18n="cf.sign.help"></p>
      <canvas class="cf-pad" role="img" data-i18n-aria-label="cf.sign.pad" aria-describedby="cf-sign-help"></canvas>
      <div class="row"><button type="button" class="secondary cf-clear" data-i18n="cf.sign.clear"></button><button type="button" class="cf-submit" data-i18n="cf.sign.submit"></button></div>
    </div>
    <div class="cf-tan stack" hidden>
      <p class="hint" data-i18n="cf.tan.help"></p>
      <fieldset class="cf-choice">
        <legend data-i18n="cf.tan.channel"></legend>
        <label><input type="radio" name="cf-channel" value="email" checked> <span data-i18n="cf.tan.email"></span></label>
        <label><input type="radio" name="cf-channel" value="sms"> <span data-i18n="cf.tan.sms"></span></label>
      </fieldset>
      <p class="cf-tan-to hint"></p>
      <div class="cf-tan-phone" hidden>
        <label for="cf-tan-phone" data-i18n="cf.tan.phone"></label>
        <input id="cf-tan-phone" type="tel" autocomplete="tel" inputmode="tel">
      </div>
      <div class="row"><button type="button" class="secondary cf-tan-send" data-i18n="cf.tan.send"></button></div>
      <div class="cf-tan-enter stack" hidden>
        <p class="cf-tan-sent ok" id="cf-tan-sent"></p>
        <label for="cf-tan-code" data-i18n="cf.tan.code"></label>
        <input id="cf-tan-code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" aria-describedby="cf-tan-sent">
        <div class="row"><button type="button" class="cf-tan-submit" data-i18n="cf.tan.submit"></button></div>
      </div>
    </div>
    <p class="cf-sign-status" role="status" aria-live="polite"></p>`;
  container.append(tpl);
  apply(tpl);
  const $ = selector => tpl.querySelector(selector);
  const pad = signaturePad($('canvas'));
  const status = $('.cf-sign-status');
  const say = (text, error = false) => { status.textContent = text; status.className = `cf-sign-status${error ? ' error' : ''}`; };
  const emailField = sync.definition?.sections.flatMap(s => s.fields.flatMap(f => f.fields?.length ? f.fields : [f])).find(f => f.type === 'email')?.id;
  const channel = () => tpl.querySelector('input[name=cf-channel]:checked').value;
  let tanId = null;

  const showMethod = () => {
    const tan = tpl.querySelector('input[name=cf-method]:checked').value === 'tan';
    $('.cf-drawn').hidden = tan;
    $('.cf-tan').hidden = !tan;
    say('');
    // The pad measures itself when shown, so it is sized only once visible.
    if (!tan) pad.resize();
  };
  const showChannel = () => {
    const sms = channel() === 'sms';
    $('.cf-tan-phone').hidden = !sms;
    const email = emailField ? view.values()[emailField] : '';
    $('.cf-tan-to').hidden = sms;
    // In a consultation the server sends the code only to the booking's address (issue 13 item 6), never by SMS.
    $('.cf-tan-to').textContent = consultation ? t('cf.tan.toBooking') : email ? t('cf.tan.to', { to: email }) : t('cf.tan.noEmail');
    if (sms && !$('#cf-tan-phone').value) $('#cf-tan-phone').value = view.values().phone || '';
  };
  for (const radio of tpl.querySelectorAll('input[name=cf-method]')) radio.addEventListener('change', showMethod);
  if (consultation) tpl.querySelector('input[name=cf-channel][value=sms]').closest('label').hidden = true;
  for (const radio of tpl.querySelectorAll('input[name=cf-channel]')) radio.addEventListener('change', showChannel);
  tpl.querySelector('input[name=cf-method][value=tan]').addEventListener('change', showChannel);

  async function submit(button, signature) {
    button.disabled = true;
    say(t('cf.sign.sending'));
    try {
      const contentSha256 = await settledHash(sync);
      const result = await api(`/api/forms/drafts/${sync.draftId}/submit`, { method: 'POST', token, body: { signature, contentSha256 } });
      view.setReadOnly(true);
      tpl.remove();
      onSubmitted(result);
    } catch (error) {
      say(signature.kind === 'tan' ? tanMessage(error) : (error.message || t('common.error')), true);
      if (signature.kind === 'tan' && ['locked', 'expired', 'used', 'unknown', 'contentMismatch'].includes(error.problem?.reason)) $('.cf-tan-enter').hidden = true;
      button.disabled = false;
    }
  }

  $('.cf-clear').addEventListener('click', () => pad.clear());
  $('.cf-submit').addEventListener('click', () => {
    if (view.validateAll().length) { say(t('cf.sign.errors'), true); return; }
    if (pad.isEmpty()) { say(t('cf.sign.missing'), true); return; }
    submit($('.cf-submit'), pad.signature());
  });

  $('.cf-tan-send').addEventListener('click', async () => {
    if (view.validateAll().length) { say(t('cf.sign.errors'), true); return; }
    const send = $('.cf-tan-send');
    send.disabled = true;
    say(t('cf.tan.sending'));
    try {
      const contentSha256 = await settledHash(sync);
      const sent = await api(`/api/forms/drafts/${sync.draftId}/tan`, { method: 'POST', token, body: { channel: channel(), recipient: $('#cf-tan-phone').value, contentSha256 } });
      tanId = sent.tanId;
      const until = formatTime(sent.expiresAt);
      $('.cf-tan-sent').textContent = t('cf.tan.sent', { to: sent.maskedRecipient, until });
      say('');
      $('.cf-tan-enter').hidden = false;
      send.textContent = t('cf.tan.again');
      $('#cf-tan-code').value = '';
      $('#cf-tan-code').focus();
    } catch (error) {
      say(tanMessage(error), true);
    } finally {
      send.disabled = false;
    }
  });
  $('.cf-tan-submit').addEventListener('click', () => {
    const code = $('#cf-tan-code').value.trim();
    if (!/^[0-9]{6}$/.test(code)) { say(t('cf.tan.format'), true); $('#cf-tan-code').focus(); return; }
    submit($('.cf-tan-submit'), { kind: 'tan', tanId, code });
  });
}

register({
  de: { 'cf.newTab': '(öffnet in neuem Tab)' },
  en: { 'cf.newTab': '(opens in a new tab)' },
  fr: { 'cf.newTab': '(s’ouvre dans un nouvel onglet)' },
  it: { 'cf.newTab': '(si apre in una nuova scheda)' },
  'de-x-ls': { 'cf.newTab': '(öffnet eine neue Seite)' },
});

/** Shows the submission's reference and the link to follow the dossier. */
export function showSubmitted(container, result, { consultation = false } = {}) {
  const box = document.createElement('div');
  box.className = 'card cf-done';
  box.setAttribute('role', 'status');
  const p = document.createElement('p');
  p.className = 'ok';
  p.textContent = t('cf.submitted', { reference: result.reference });
  const a = document.createElement('a');
  a.href = `/dossier.html#t=${result.statusToken}`;
  a.textContent = t('cf.follow');
  if (consultation) {
    // A new tab: in a consultation the same tab would leave the call.
    a.target = '_blank';
    a.rel = 'noopener';
    const hint = document.createElement('span');
    hint.className = 'new-tab';
    hint.textContent = ` ${t('cf.newTab')}`;
    a.append(hint);
  }
  box.append(p, a);
  container.replaceChildren(box);
}

/**
 * The consultation panel. ctx = { role: 'clerk'|'resident', room: { id, concernKey, ... }, relay: { send(type, payload),
 * on(type, handler) }, residentToken }. The clerk opens the form for the room's concern; the resident sees it appear.
 */
export function mount(container, ctx) {
  // The host page may not load the form styles itself.
  if (!document.querySelector('link[href="/shared/form.css"]')) {
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/shared/form.css' }));
  }
  const token = ctx.role === 'resident' ? ctx.residentToken : undefined;
  container.classList.add('cf');
  container.innerHTML = `<div class="cf-bar row"><p class="cf-status hint" role="status" aria-live="polite"></p></div><div class="cf-notices" aria-live="assertive"></div><form class="cf-form" novalidate></form><div class="cf-signing"></div>`;
  const [status, notices, form, signing] = ['.cf-status', '.cf-notices', '.cf-form', '.cf-signing'].map(s => container.querySelector(s));
  form.addEventListener('submit', e => e.preventDefault());
  let sync = null;

  async function open(draft) {
    if (sync && sync.draftId === draft.id) return;
    sync?.stop();
    const definition = await api(`/api/forms/definitions/${encodeURIComponent(draft.definitionId)}`);
    let lastFocus = null;
    const view = renderForm(form, definition, {
      onInput: (field, value) => sync.input(field, value),
      onFocus: field => { lastFocus = field; sync.focus(field); },
      onBlur: () => sync.focus(null),
    });
    sync = new DraftSync(draft.id, view, { token, role: ctx.role, definition });
    bindView(view, sync, { status, notices, definition });
    const loaded = await sync.load();
    // A form already submitted in this consultation (also before a transfer) shows what was signed and the dossier
    // it became; it is never offered blank again.
    if (loaded.status === 'submitted') {
      view.setReadOnly(true);
      status.textContent = '';
      showDossier(loaded.dossier);
      return;
    }
    sync.start();
    shareInvalid(view, draft.id);
    if (ctx.role === 'clerk') {
      const point = document.createElement('button');
      point.type = 'button';
      point.className = 'secondary cf-point';
      point.textContent = t('cf.point');
      point.addEventListener('mousedown', e => e.preventDefault());
      point.addEventListener('click', () => lastFocus && sync.point(lastFocus));
      container.querySelector('.cf-bar').prepend(point);
    } else {
      mountSigning(signing, { view, sync, token, consultation: true, onSubmitted: result => showSubmitted(signing, result, { consultation: true }) });
    }
  }

  function showDossier(dossier) {
    if (!dossier) return;
    const note = document.createElement('p');
    note.className = 'ok cf-dossier';
    note.dataset.reference = dossier.reference;
    const text = () => {
      note.textContent = ctx.role === 'clerk'
        ? t('cf.submitted.status', { reference: dossier.reference, status: t(`cf.dossier.${dossier.status}`) })
        : t('cf.submitted.other', { reference: dossier.reference });
    };
    text();
    document.addEventListener('languagechange', text);
    notices.replaceChildren(note);
  }

  /**
   * The resident's page tells the clerk's which fields it marks invalid (whenever that changes, and when the clerk's
   * page asks, e.g. after a reload); the clerk's page shows the same fields as invalid and says how many there are.
   */
  function shareInvalid(view, draftId) {
    const relay = ctx.relay;
    if (!relay) return;
    if (ctx.role === 'resident') {
      let sent = null;
      const send = force => {
        const fields = view.shownInvalid();
        const key = fields.join('|');
        if (!force && key === sent) return;
        sent = key;
        relay.send('form.invalid', { draftId, fields }).catch?.(() => {});
      };
      form.addEventListener('fv-validated', () => send(false));
      relay.on('form.invalid.ask', p => { if (p?.draftId === draftId) send(true); });
      send(true);
    } else {
      const note = document.createElement('p');
      note.className = 'cf-resident-invalid error';
      note.setAttribute('role', 'status');
      note.hidden = true;
      container.querySelector('.cf-bar').after(note);
      let count = 0;
      const show = () => { note.hidden = count === 0; note.textContent = count ? t('cf.residentInvalid', { n: count }) : ''; };
      relay.on('form.invalid', p => {
        if (p?.draftId !== draftId) return;
        view.showInvalidFrom(p.fields || []);
        count = (p.fields || []).length;
        show();
      });
      document.addEventListener('languagechange', show);
      relay.send('form.invalid.ask', { draftId }).catch?.(() => {});
    }
  }

  // Only a concern with a form definition offers one; the others say what happens instead of promising a form.
  const forms = api(`/api/forms/definitions?concern=${encodeURIComponent(ctx.room.concernKey)}`);
  if (ctx.role === 'clerk') {
    const start = document.createElement('button');
    start.type = 'button';
    start.textContent = t('cf.open');
    start.addEventListener('click', async () => {
      start.disabled = true;
      try {
        const list = await forms;
        const draft = await api('/api/forms/drafts', { method: 'POST', body: { definitionId: list[0].id, sessionId: ctx.room.id, language: language() } });
        ctx.relay?.send('form.open', { draftId: draft.id });
        start.remove();
        await open(draft);
      } catch {
        status.textContent = t('common.error');
        start.disabled = false;
      }
    });
    // The consultation's case comes with the room: a colleague taking it over (after a transfer) continues the draft
    // already begun, or sees the dossier it became, instead of opening a blank form.
    const begun = api(`/api/forms/sessions/${ctx.room.id}`).then(c => c.drafts, () => []);
    Promise.all([forms, begun]).then(async ([list, drafts]) => {
      if (!list.length) { status.textContent = t('cf.none.clerk'); return; }
      const ids = new Set(list.map(f => f.id));
      const mine = drafts.filter(d => ids.has(d.definitionId));
      const draft = mine.find(d => d.status === 'open') || mine[mine.length - 1];
      if (draft) await open(draft);
      else container.querySelector('.cf-bar').prepend(start);
    }).catch(() => { status.textContent = t('common.error'); });
  } else {
    status.textContent = t('cf.waiting');
    forms.then(list => { if (!list.length && !sync) status.textContent = t('cf.none.resident'); }, () => {});
    ctx.relay?.on('form.open', () => api('/api/forms/drafts/room', { token }).then(d => d && open(d)));
    api('/api/forms/drafts/room', { token }).then(d => d && open(d)).catch(() => {});
  }
  return { stop: () => sync?.stop() };
}
