// The standalone upload page, reached with a booking, ticket or dossier link (#t=<token>).
import { register, t, tn, apply, languageSwitch, language } from '/shared/i18n.js';
import { api, fragmentToken } from '/shared/api.js';
import { renderList } from '/shared/documents-panel.js';
import { sendFiles } from '/shared/upload.js';
import { filePicker } from '/shared/file-pick.js';

register({
  de: {
    'up.title': 'Dokumente hochladen', 'up.noLink': 'Dieser Link ist unvollständig oder abgelaufen. Bitte öffnen Sie den Link aus Ihrer E-Mail erneut.',
    'up.intro': 'Wählen Sie die Dokumente, die Sie uns senden möchten. Jede Datei wird auf Viren geprüft.',
    'up.limits': 'Bis 20 Dateien, je höchstens 100 MB.', 'up.note': 'Nachricht an uns (freiwillig)', 'up.chosen': 'Ausgewählte Dateien',
    'up.sent': 'Bereits gesendet', 'up.thanks': 'Vielen Dank – {count} Dokumente sind bei uns eingegangen.', 'up.thanks.one': 'Vielen Dank – {count} Dokument ist bei uns eingegangen.',
  },
  en: {
    'up.title': 'Upload documents', 'up.noLink': 'This link is incomplete or has expired. Please open the link from your e-mail again.',
    'up.intro': 'Choose the documents you want to send us. Every file is checked for viruses.',
    'up.limits': 'Up to 20 files, at most 100 MB each.', 'up.note': 'Message to us (optional)', 'up.chosen': 'Chosen files',
    'up.sent': 'Already sent', 'up.thanks': 'Thank you – {count} documents reached us.', 'up.thanks.one': 'Thank you – {count} document reached us.',
  },
  fr: {
    'up.title': 'Téléverser des documents',
    'up.noLink': 'Ce lien est incomplet ou a expiré. Veuillez rouvrir le lien figurant dans votre e-mail.',
    'up.intro': 'Choisissez les documents que vous souhaitez nous envoyer. Chaque fichier est contrôlé contre les virus.',
    'up.limits': 'Jusqu’à 20 fichiers, 100 Mo au maximum chacun.',
    'up.note': 'Message à notre intention (facultatif)',
    'up.chosen': 'Fichiers choisis',
    'up.sent': 'Déjà envoyés',
    'up.thanks': 'Merci – nous avons bien reçu {count} documents.', 'up.thanks.one': 'Merci – nous avons bien reçu {count} document.',
  },
  it: {
    'up.title': 'Caricare documenti',
    'up.noLink': 'Questo link è incompleto o scaduto. Aprite di nuovo il link contenuto nella vostra e-mail.',
    'up.intro': 'Scegliete i documenti che desiderate inviarci. Ogni file viene controllato contro i virus.',
    'up.limits': 'Fino a 20 file, ciascuno di al massimo 100 MB.',
    'up.note': 'Messaggio per noi (facoltativo)',
    'up.chosen': 'File scelti',
    'up.sent': 'Già inviati',
    'up.thanks': 'Grazie: abbiamo ricevuto {count} documenti.', 'up.thanks.one': 'Grazie: abbiamo ricevuto {count} documento.',
  },
  'de-x-ls': {
    'up.title': 'Papiere schicken', 'up.noLink': 'Dieser Link geht nicht. Vielleicht ist er zu alt. Bitte öffnen Sie den Link aus Ihrer E-Mail noch einmal.',
    'up.intro': 'Suchen Sie die Papiere aus. Diese Papiere schicken Sie uns. Wir prüfen jede Datei auf Viren.',
    'up.limits': 'Sie können bis zu 20 Dateien schicken. Jede Datei darf höchstens 100 MB gross sein.', 'up.note': 'Nachricht an uns (wenn Sie wollen)',
    'up.chosen': 'Diese Dateien haben Sie ausgesucht', 'up.sent': 'Diese Papiere haben Sie schon geschickt',
    'up.thanks': 'Danke. Wir haben {count} Papiere bekommen.', 'up.thanks.one': 'Danke. Wir haben {count} Papier bekommen.',
  },
});

// The way back to the dossier the page was opened from.
register({
  de: { 'up.backToDossier': 'Zurück zu Ihrem Dossier' },
  en: { 'up.backToDossier': 'Back to your dossier' },
  fr: { 'up.backToDossier': 'Retour à votre dossier' },
  it: { 'up.backToDossier': 'Tornare al vostro incarto' },
  'de-x-ls': { 'up.backToDossier': 'Zurück zu Ihrem Antrag' },
});

const token = fragmentToken();
// Opened from the dossier page (its link says so, #…&from=dossier): the same token opens the dossier again, in the
// page's language. The page asks nobody whether the token is a dossier's; a booking's or ticket's link has no way back.
const fromDossier = !!token && fragmentToken('from') === 'dossier';
function showBack() {
  document.getElementById('back').hidden = !fromDossier;
  if (fromDossier) document.getElementById('back-link').href = `/dossier.html#t=${encodeURIComponent(token)}&lang=${language()}`;
}
const form = document.getElementById('upload');
const input = document.getElementById('files');
// The page lists the chosen files with their sizes; the picker's line only counts them.
const sayChosen = filePicker(input, { listed: true });
const chosen = document.getElementById('chosen');
const status = document.getElementById('status');
const progress = document.getElementById('progress');
const send = document.getElementById('send');

function showChosen() {
  renderList(chosen, [...input.files].map(file => ({ fileName: file.name, length: file.size })), { sayEmpty: false });
}

async function showSent() {
  try {
    const documents = await api('/api/documents/uploads/mine', { token });
    document.getElementById('sent-section').hidden = documents.length === 0;
    renderList(document.getElementById('sent'), documents);
  } catch (error) {
    if (error.status === 401) { form.hidden = true; document.getElementById('no-link').hidden = false; }
  }
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const note = document.getElementById('note');
  const result = await sendFiles('/api/documents/uploads', [...input.files], {
    fields: { channel: 'upload', language: language(), note: note.value.trim() }, token,
    button: send, progress, status, input,
    done: sent => tn('up.thanks', sent.documents.filter(d => d.id).length),
    refused: error => {
      if (error.status !== 401) return false;
      form.hidden = true;
      document.getElementById('no-link').hidden = false;
      return true;
    },
  });
  if (result) {
    // What was taken is listed under "already sent"; only the refused files stay here, with their reasons.
    renderList(chosen, result.documents.filter(d => !d.id), { sayEmpty: false });
    input.value = '';
    sayChosen();
    note.value = '';
  }
  if (!form.hidden) await showSent();
});

input.addEventListener('change', showChosen);
document.addEventListener('languagechange', () => { showBack(); showSent(); });
apply();
languageSwitch();
showBack();
if (token) { form.hidden = false; showSent(); } else { document.getElementById('no-link').hidden = false; }
