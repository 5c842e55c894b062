// Filling one draft together, on screen: bindView shows what a DraftSync (draft-sync.js) reports (saving, conflicts,
// the other side's edits and signature), and mount(container, ctx) is the consultation panel the room pages embed,
// with the signing part (signing.js) for the resident.
import { api } from '/shared/api.js';
import { renderForm } from '/shared/form-view.js';
import { register, t, say, language, pick } from '/shared/i18n.js';
import { DraftSync } from '/shared/draft-sync.js';
import { mountSigning, showSubmitted } from '/shared/signing.js';

register({
  de: {
    'cf.saved': 'Gespeichert',
    'cf.refused': 'Eine Eingabe wurde nicht gespeichert – der Grund steht beim Feld.',
    'cf.saving': 'Wird gespeichert …',
    'cf.offline': 'Verbindung unterbrochen – Ihre Eingaben werden erneut gesendet.',
    'cf.closed.submitted': 'Das Formular ist schon eingereicht. Änderungen werden nicht mehr gespeichert.',
    'cf.closed.ended': 'Das Gespräch ist beendet. Das Formular kann nicht mehr geändert werden.',
    'cf.conflict': '«{field}» wurde gleichzeitig von der anderen Seite geändert auf: «{theirs}». Ihre Eingabe «{mine}» wurde nicht übernommen.',
    'cf.keepMine': 'Meine Eingabe verwenden',
    'cf.open': 'Formular öffnen',
    'cf.point': 'Aktuelles Feld der Einwohnerin / dem Einwohner zeigen',
    'cf.waiting': 'Die Sachbearbeitung öffnet das Formular gleich hier.',
    'cf.signed.other': 'Die Einwohnerin / der Einwohner hat unterschrieben.',
    'cf.submitted.other': 'Eingereicht als Dossier {reference}.',
  },
  en: {
    'cf.saved': 'Saved',
    'cf.refused': 'An entry was not saved – the reason is shown at the field.',
    'cf.saving': 'Saving …',
    'cf.offline': 'Connection lost – your entries will be sent again.',
    'cf.closed.submitted': 'The form has already been submitted. Changes are no longer saved.',
    'cf.closed.ended': 'The consultation has ended. The form can no longer be changed.',
    'cf.conflict': '“{field}” was changed by the other side at the same time to: “{theirs}”. Your entry “{mine}” was not saved.',
    'cf.keepMine': 'Use my entry',
    'cf.open': 'Open form',
    'cf.point': 'Show the current field to the resident',
    'cf.waiting': 'The clerk will open the form here in a moment.',
    'cf.signed.other': 'The resident has signed.',
    'cf.submitted.other': 'Submitted as dossier {reference}.',
  },
  fr: {
    'cf.saved': 'Enregistré',
    'cf.refused': 'Une saisie n’a pas été enregistrée – la raison figure à côté du champ.',
    'cf.saving': 'Enregistrement …',
    'cf.offline': 'Connexion interrompue – vos saisies seront renvoyées.',
    'cf.closed.submitted': 'Le formulaire a déjà été déposé. Les modifications ne sont plus enregistrées.',
    'cf.closed.ended': 'L’entretien est terminé. Le formulaire ne peut plus être modifié.',
    'cf.conflict': '« {field} » a été modifié au même moment par l’autre partie en : « {theirs} ». Votre saisie « {mine} » n’a pas été reprise.',
    'cf.keepMine': 'Utiliser ma saisie',
    'cf.open': 'Ouvrir le formulaire',
    'cf.point': 'Montrer le champ actuel à l’habitant·e',
    'cf.waiting': 'La personne qui traite votre dossier va ouvrir le formulaire ici.',
    'cf.signed.other': 'L’habitant·e a signé.',
    'cf.submitted.other': 'Déposé sous le numéro de dossier {reference}.',
  },
  it: {
    'cf.saved': 'Salvato',
    'cf.refused': 'Un dato non è stato salvato: il motivo è indicato accanto al campo.',
    'cf.saving': 'Salvataggio …',
    'cf.offline': 'Connessione interrotta: i vostri dati verranno inviati di nuovo.',
    'cf.closed.submitted': 'Il modulo è già stato inoltrato. Le modifiche non vengono più salvate.',
    'cf.closed.ended': 'Il colloquio è terminato. Il modulo non può più essere modificato.',
    'cf.conflict': '«{field}» è stato modificato contemporaneamente dall’altra parte in: «{theirs}». Il vostro inserimento «{mine}» non è stato ripreso.',
    'cf.keepMine': 'Usare il mio inserimento',
    'cf.open': 'Aprire il modulo',
    'cf.point': 'Mostrare il campo attuale al/alla residente',
    'cf.waiting': 'L’addetto/a aprirà il modulo qui tra poco.',
    'cf.signed.other': 'Il/la residente ha firmato.',
    'cf.submitted.other': 'Inoltrato come incarto {reference}.',
  },
  // Leichte Sprache: what the resident reads of the consultation's form (the clerk's texts stay in the four languages).
  'de-x-ls': {
    'cf.saved': 'Gespeichert',
    'cf.refused': 'Eine Angabe ist nicht gespeichert. Beim Feld steht, warum.',
    'cf.saving': 'Wir speichern. Bitte warten.',
    'cf.offline': 'Die Verbindung ist weg. Wir schicken Ihre Angaben noch einmal.',
    'cf.closed.submitted': 'Das Formular ist schon abgeschickt. Sie können nichts mehr ändern.',
    'cf.closed.ended': 'Das Gespräch ist zu Ende. Sie können das Formular nicht mehr ändern.',
    'cf.conflict': 'Die andere Person hat «{field}» zur gleichen Zeit geändert. Jetzt steht dort: «{theirs}». Ihre Angabe «{mine}» ist nicht gespeichert.',
    'cf.keepMine': 'Meine Angabe nehmen',
    'cf.waiting': 'Gleich macht die Person vom Amt hier das Formular auf.',
    'cf.submitted.other': 'Das Formular ist abgeschickt. Die Nummer ist: {reference}.',
  },
});

// What the resident's page marks as invalid, told on the clerk's (issue 16 item 13).
register({
  de: { 'cf.residentInvalid': 'Auf dem Bildschirm der Person als fehlerhaft markiert: {n} (hier ebenfalls markiert).' },
  en: { 'cf.residentInvalid': "Marked as invalid on the person's screen: {n} (marked here too)." },
  fr: { 'cf.residentInvalid': 'Signalées comme erronées sur l’écran de la personne : {n} (signalées ici aussi).' },
  it: { 'cf.residentInvalid': 'Segnalati come errati sullo schermo della persona: {n} (segnalati anche qui).' },
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

// Concerns without a form (the consultation, the chat and uploads are the whole procedure).
register({
  de: { 'cf.none.clerk': 'Für dieses Anliegen gibt es kein Formular. Halten Sie das Ergebnis im Gespräch fest; Unterlagen kommen über „Unterlagen“.',
        'cf.none.resident': 'Für dieses Anliegen füllen Sie kein Formular aus. Die Sachbearbeitung klärt alles im Gespräch mit Ihnen; Unterlagen können Sie unten unter „Dokumente“ senden.' },
  en: { 'cf.none.clerk': 'This concern has no form. Record the outcome in the consultation; documents come in under "Documents".',
        'cf.none.resident': 'There is no form to fill in for this concern. The clerk settles everything with you in the consultation; you can send documents below under "Documents".' },
  fr: { 'cf.none.clerk': 'Cette démarche n’a pas de formulaire. Consignez le résultat pendant l’entretien ; les documents arrivent sous « Documents ».',
        'cf.none.resident': 'Pour cette démarche, vous ne remplissez aucun formulaire. Le ou la collaborateur·rice règle tout avec vous pendant l’entretien ; vous pouvez envoyer des documents plus bas, sous « Documents ».' },
  it: { 'cf.none.clerk': 'Questa pratica non ha un modulo. Annoti l’esito durante il colloquio; i documenti arrivano in «Documenti».',
        'cf.none.resident': 'Per questa pratica non dovete compilare alcun modulo. L’addetto o l’addetta chiarisce tutto con voi durante il colloquio; potete inviare documenti più in basso, in «Documenti».' },
  'de-x-ls': { 'cf.none.resident': 'Sie müssen kein Formular ausfüllen. Wir besprechen alles im Gespräch. Unterlagen können Sie unten bei „Dokumente“ schicken.' },
});

// A concern without a form of its own: the forms service offers the confirmation of the consultation (concern key
// "*"), which the clerk opens when the resident is to sign what was agreed (room probe F5).
register({
  de: { 'cf.generic.clerk': 'Dieses Anliegen hat kein eigenes Formular. Muss die Person etwas unterschreiben, öffnen Sie die Bestätigung des Gesprächs und halten Sie darin fest, was vereinbart oder beantragt wurde.',
        'cf.openGeneric': 'Bestätigung zum Unterschreiben öffnen' },
  en: { 'cf.generic.clerk': 'This concern has no form of its own. If the resident is to sign, open the confirmation of the consultation and write in it what was agreed or requested.',
        'cf.openGeneric': 'Open a confirmation to sign' },
  fr: { 'cf.generic.clerk': 'Cette démarche n’a pas de formulaire propre. Si la personne doit signer, ouvrez la confirmation de l’entretien et notez-y ce qui a été convenu ou demandé.',
        'cf.openGeneric': 'Ouvrir une confirmation à signer' },
  it: { 'cf.generic.clerk': 'Questa pratica non ha un modulo proprio. Se la persona deve firmare, apra la conferma del colloquio e vi annoti quanto concordato o richiesto.',
        'cf.openGeneric': 'Aprire una conferma da firmare' },
});
const ANY_CONCERN = '*';

/** Connects a rendered form to its sync and shows status, conflicts and the other side's actions in a live region. */
export function bindView(view, sync, { status, notices, definition }) {
  const label = field => {
    for (const s of definition.sections) for (const f of s.fields) for (const m of (f.fields && f.fields.length ? f.fields : [f])) if (m.id === field) return (pick(m.label) ?? m.label.de);
    return field;
  };
  sync.onStatus = state => { say(status, 'cf.' + state); };
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
    } else if (event.type === 'refused') {
      // Said at the field, as the form's own rules are; the entry stays in the box to be mended.
      view.refuse(event.field, event.message);
    } else if (event.type === 'signature' && event.state === 'invalidated') {
      notices.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: t('cf.invalidated') }));
    } else if (event.type === 'signature' && event.state === 'signed' && sync.role === 'clerk') {
      notices.replaceChildren(Object.assign(document.createElement('p'), { className: 'ok', textContent: t('cf.signed.other') }));
    } else if (event.type === 'closed') {
      // The service takes no more entries (submitted, or the consultation ended) and this page had not heard.
      view.setReadOnly(true);
      say(status, event.reason === 'ended' ? 'cf.closed.ended' : 'cf.closed.submitted');
    } else if (event.type === 'submitted') {
      view.setReadOnly(true);
      notices.replaceChildren(referenced(Object.assign(document.createElement('p'), { className: 'ok' }), t('cf.submitted.other', { reference: event.reference }), event.reference));
    }
  };
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

  // One opening per draft: the resident's page is asked twice at about the same moment (the relay's "form.open" and
  // its first look for the room's draft), and two openings drew the form twice and started two event streams.
  let opening = null;
  function open(draft) {
    if (opening?.id !== draft.id) {
      const now = { id: draft.id };
      now.done = show(draft).catch(error => { if (opening === now) opening = null; throw error; });
      opening = now;
    }
    return opening.done;
  }

  async function show(draft) {
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
    // The form is here now: "the clerk will open the form here" is no longer true.
    status.textContent = '';
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
      mountSigning(signing, { view, sync, token, consultation: true, consultationEmail: Boolean(ctx.room.email), booked: Boolean(ctx.room.appointmentId), onSubmitted: result => showSubmitted(signing, result, { consultation: true, roomToken: token }) });
    }
  }

  function showDossier(dossier) {
    if (!dossier) return;
    const note = document.createElement('p');
    note.className = 'ok cf-dossier';
    note.dataset.reference = dossier.reference;
    const text = () => {
      referenced(note, ctx.role === 'clerk'
        ? t('cf.submitted.status', { reference: dossier.reference, status: t(`cf.dossier.${dossier.status}`) })
        : t('cf.submitted.other', { reference: dossier.reference }), dossier.reference);
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
    start.dataset.i18n = 'cf.open'; // rewritten on a language switch
    start.addEventListener('click', async () => {
      start.disabled = true;
      try {
        const list = await forms;
        const draft = await api('/api/forms/drafts', { method: 'POST', body: { definitionId: list[0].id, sessionId: ctx.room.id, language: language() } });
        ctx.relay?.send('form.open', { draftId: draft.id });
        start.remove();
        await open(draft);
        // The pressed button is gone: the form's first heading takes the focus (a field would tell the resident the
        // clerk is in it).
        const heading = form.querySelector('legend');
        if (heading) { heading.tabIndex = -1; heading.focus(); }
      } catch {
        status.textContent = t('common.error');
        start.disabled = false;
      }
    });
    // The consultation's case comes with the room: a colleague taking it over (after a transfer) continues the draft
    // already begun, or sees the dossier it became, instead of opening a blank form.
    const begun = api(`/api/forms/sessions/${ctx.room.id}`).then(c => c.drafts, () => []);
    Promise.all([forms, begun]).then(async ([list, drafts]) => {
      if (!list.length) { say(status, 'cf.none.clerk'); return; }
      const ids = new Set(list.map(f => f.id));
      const mine = drafts.filter(d => ids.has(d.definitionId));
      const draft = mine.find(d => d.status === 'open') || mine[mine.length - 1];
      if (draft) await open(draft);
      else {
        const generic = list.every(f => f.concernKey === ANY_CONCERN);
        if (generic) {
          start.dataset.i18n = 'cf.openGeneric';
          say(status, 'cf.generic.clerk');
        }
        // Worded as it goes in: a language switched while the case was being asked for did not reach it (CI with
        // two replicas, 2026-12-06: "Formular öffnen" on an English page).
        start.textContent = t(start.dataset.i18n);
        container.querySelector('.cf-bar').prepend(start);
      }
    }).catch(() => { status.textContent = t('common.error'); });
  } else {
    say(status, 'cf.waiting');
    // Only the confirmation of the consultation: nothing to fill in unless the clerk opens it for a signature.
    forms.then(list => { if (list.every(f => f.concernKey === ANY_CONCERN) && !sync) say(status, 'cf.none.resident'); }, () => {});
    ctx.relay?.on('form.open', () => api('/api/forms/drafts/room', { token }).then(d => d && open(d)));
    api('/api/forms/drafts/room', { token }).then(d => d && open(d)).catch(() => {});
  }
  return { stop: () => sync?.stop() };
}

/**
 * Writes a text naming a dossier's reference into the element, the reference in a span of its own that never breaks
 * at its hyphens (app.css .reference: the French tablet showed "F-" at a line's end, "2026-PXS623" below).
 */
function referenced(element, text, reference) {
  const at = reference ? text.indexOf(reference) : -1;
  if (at < 0) element.textContent = text;
  else element.replaceChildren(text.slice(0, at), Object.assign(document.createElement('span'), { className: 'reference', textContent: reference }), text.slice(at + reference.length));
  return element;
}
