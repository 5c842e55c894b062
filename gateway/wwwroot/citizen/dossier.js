// The resident follows a dossier through the link in their mails (#t=<status token>): status, steps, history
// and the submitted PDF. The token is sent in a header, never in a URL.
import { register, apply, languageSwitch, language, t, pick, locale } from '/shared/i18n.js';
import { api, fragmentToken } from '/shared/api.js';
import { problemMessage } from '/shared/problems.js';
import { formatDateTime } from '/shared/dates.js';

const STATUS = {
  de: { received: 'Eingegangen', in_review: 'In Bearbeitung', needs_information: 'Angaben fehlen', completed: 'Abgeschlossen', rejected: 'Abgelehnt' },
  en: { received: 'Received', in_review: 'In review', needs_information: 'Information needed', completed: 'Completed', rejected: 'Rejected' },
  fr: { received: 'Reçu', in_review: 'En cours de traitement', needs_information: 'Informations manquantes', completed: 'Clos', rejected: 'Refusé' },
  it: { received: 'Ricevuto', in_review: 'In trattamento', needs_information: 'Dati mancanti', completed: 'Concluso', rejected: 'Respinto' },
  'de-x-ls': { received: 'Ist bei uns angekommen', in_review: 'Wir bearbeiten Ihren Antrag', needs_information: 'Uns fehlt noch etwas', completed: 'Fertig', rejected: 'Abgelehnt' },
};
register({
  de: { 'dossier.title': 'Ihr Dossier', 'dossier.reference': 'Referenz', 'dossier.status': 'Stand', 'dossier.history': 'Verlauf', 'dossier.pdf': 'Eingereichtes Formular (PDF) herunterladen', 'dossier.notfound': 'Dieser Link ist ungültig oder abgelaufen. Bitte verwenden Sie den Link aus Ihrer neuesten E-Mail.', 'dossier.note': 'Mitteilung der Verwaltung', 'dossier.signatureLabel': 'Unterschrieben:', 'dossier.statusLabel': 'Stand:', 'dossier.sig.tan': 'mit Einmal-Code (TAN)', 'dossier.sig.drawn': 'von Hand auf dem Bildschirm',
    'dossier.missingText': 'Es fehlen noch Angaben oder Unterlagen. Senden Sie uns die fehlenden Unterlagen hier:', 'dossier.upload': 'Fehlende Unterlagen hochladen',
    'dossier.printing': 'Das PDF Ihres Formulars wird erstellt …', 'dossier.labelled': '{label}: {value}' },
  en: { 'dossier.title': 'Your dossier', 'dossier.reference': 'Reference', 'dossier.status': 'Status', 'dossier.history': 'History', 'dossier.pdf': 'Download the submitted form (PDF)', 'dossier.notfound': 'This link is not valid or has expired. Please use the link from your latest email.', 'dossier.note': 'Message from the city office', 'dossier.signatureLabel': 'Signed:', 'dossier.statusLabel': 'Status:', 'dossier.sig.tan': 'with a one-time code (TAN)', 'dossier.sig.drawn': 'by hand on screen',
    'dossier.missingText': 'Some information or documents are missing. Send us the missing documents here:', 'dossier.upload': 'Upload the missing documents',
    'dossier.printing': 'The PDF of your form is being made …', 'dossier.labelled': '{label}: {value}' },
  fr: {
    'dossier.title': 'Votre dossier',
    'dossier.reference': 'Référence',
    'dossier.status': 'État',
    'dossier.history': 'Historique',
    'dossier.pdf': 'Télécharger le formulaire déposé (PDF)',
    'dossier.notfound': 'Ce lien n’est pas valable ou a expiré. Veuillez utiliser le lien de votre dernier e-mail.',
    'dossier.note': 'Communication de l’administration',
    // A no-break space before the colon, as French sets it: a plain one let the colon start the next line on a phone.
    'dossier.signatureLabel': 'Signé\u00a0:',
    'dossier.statusLabel': 'État\u00a0:',
    'dossier.sig.tan': 'avec un code à usage unique (TAN)',
    'dossier.sig.drawn': 'à la main sur l’écran',
    'dossier.missingText': 'Il manque encore des informations ou des documents. Envoyez-nous les documents manquants ici\u00a0:',
    'dossier.upload': 'Téléverser les documents manquants',
    'dossier.printing': 'Le PDF de votre formulaire est en cours de création …',
    'dossier.labelled': '{label}\u00a0: {value}',
  },
  it: {
    'dossier.title': 'Il vostro incarto',
    'dossier.reference': 'Riferimento',
    'dossier.status': 'Stato',
    'dossier.history': 'Cronologia',
    'dossier.pdf': 'Scaricare il modulo inoltrato (PDF)',
    'dossier.notfound': 'Questo link non è valido o è scaduto. Utilizzate il link della vostra e-mail più recente.',
    'dossier.note': 'Comunicazione dell’amministrazione',
    'dossier.signatureLabel': 'Firmato:',
    'dossier.statusLabel': 'Stato:',
    'dossier.sig.tan': 'con un codice monouso (TAN)',
    'dossier.sig.drawn': 'a mano sullo schermo',
    'dossier.missingText': 'Mancano ancora informazioni o documenti. Inviateci qui i documenti mancanti:',
    'dossier.upload': 'Caricare i documenti mancanti',
    'dossier.printing': 'Il PDF del vostro modulo è in fase di creazione …',
    'dossier.labelled': '{label}: {value}',
  },
  'de-x-ls': {
    'dossier.title': 'Ihr Antrag', 'dossier.reference': 'Nummer', 'dossier.status': 'So weit ist Ihr Antrag', 'dossier.history': 'Was bisher passiert ist',
    'dossier.pdf': 'Ihr Formular als PDF herunterladen',
    'dossier.notfound': 'Dieser Link geht nicht. Vielleicht ist er zu alt. Bitte nehmen Sie den Link aus Ihrer neuesten E-Mail.',
    'dossier.note': 'Nachricht von der Stadt', 'dossier.signatureLabel': 'Unterschrieben:', 'dossier.statusLabel': 'So weit:',
    'dossier.sig.tan': 'mit einem Code', 'dossier.sig.drawn': 'mit der Hand auf dem Bildschirm',
    'dossier.missingText': 'Uns fehlen noch Papiere von Ihnen. Sie können die Papiere hier schicken.', 'dossier.upload': 'Papiere hochladen',
    'dossier.printing': 'Wir machen gerade ein PDF von Ihrem Formular. Das dauert nur kurz.', 'dossier.labelled': '{label}: {value}',
  },
});
apply();
languageSwitch();

const $ = id => document.getElementById(id);
const token = fragmentToken();
const statusText = s => (STATUS[language()] ?? STATUS.de)[s] ?? s;
const when = iso => formatDateTime(iso, 'medium');

let printingCheck;
let printingDelay = 2000;

async function load() {
  try {
    const d = await api('/api/forms/dossiers/mine', { token });
    $('what').textContent = pick(d.title) ?? d.title.de;
    $('reference').textContent = d.reference;
    $('status').textContent = statusText(d.status);
    $('signature').textContent = t(`dossier.sig.${d.signatureKind}`);
    $('signature').title = d.signatureSummary;
    const path = d.status === 'rejected' ? ['received', 'in_review', 'rejected'] : ['received', 'in_review', ...(d.history.some(h => h.status === 'needs_information') ? ['needs_information'] : []), 'completed'];
    const at = path.indexOf(d.status);
    $('steps').setAttribute('aria-label', t('dossier.status'));
    $('steps').replaceChildren(...path.map((s, i) => {
      const li = document.createElement('li');
      li.textContent = statusText(s);
      if (i < at) li.className = 'done';
      if (i === at) li.setAttribute('aria-current', 'step');
      return li;
    }));
    $('history').replaceChildren(...[...d.history].reverse().map(h => {
      const li = document.createElement('li');
      const head = document.createElement('p');
      head.append(Object.assign(document.createElement('strong'), { textContent: statusText(h.status) }), ` · ${when(h.at)}`);
      li.append(head);
      if (h.note) li.append(Object.assign(document.createElement('p'), { className: 'note', textContent: t('dossier.labelled', { label: t('dossier.note'), value: h.note }) }));
      return li;
    }));
    // A clerk asked for more: the same link's token lets the resident upload to this dossier, and come back to it.
    $('missing').hidden = d.status !== 'needs_information';
    $('upload').href = `/upload.html#t=${encodeURIComponent(token)}&lang=${language()}&from=dossier`;
    // The PDF is printed seconds after submitting: until it is there the page says so and looks again, after 2 s,
    // then less often (at most every 30 s: a printer that is down is waited out by the service, not by the page).
    $('pdf').hidden = !d.pdfReady;
    $('printing').hidden = d.pdfReady;
    clearTimeout(printingCheck);
    if (!d.pdfReady) {
      printingCheck = setTimeout(load, printingDelay);
      printingDelay = Math.min(printingDelay * 1.5, 30000);
    }
    $('loading').hidden = true;
    $('dossier').hidden = false;
  } catch (error) {
    $('loading').hidden = true;
    $('error').textContent = error.status === 404 || !token ? t('dossier.notfound') : (error.message || t('common.error'));
    $('error').hidden = false;
  }
}

$('pdf').addEventListener('click', async event => {
  event.preventDefault();
  $('error').hidden = true;
  const response = await fetch('/api/forms/dossiers/mine/pdf', { headers: { 'X-Resident-Token': token } });
  if (!response.ok) {
    $('error').textContent = problemMessage(await response.json().catch(() => null), t('common.error'));
    $('error').hidden = false;
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: `${$('reference').textContent}.pdf` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
});
document.addEventListener('languagechange', load);
load();
