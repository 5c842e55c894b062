// The standalone upload page, reached with a booking, ticket or dossier link (#t=<token>).
import { register, t, apply, languageSwitch, language } from '/shared/i18n.js';
import { api, fragmentToken } from '/shared/api.js';
import { uploadWithProgress, describeRejection, renderList, formatSize } from '/shared/documents-panel.js';

register({
  de: {
    'up.title': 'Dokumente hochladen', 'up.noLink': 'Dieser Link ist unvollständig oder abgelaufen. Bitte öffnen Sie den Link aus Ihrer E-Mail erneut.',
    'up.intro': 'Wählen Sie die Dokumente, die Sie uns senden möchten. Jede Datei wird auf Viren geprüft.',
    'up.limits': 'Bis 20 Dateien, je höchstens 100 MB.', 'up.note': 'Nachricht an uns (freiwillig)', 'up.chosen': 'Ausgewählte Dateien',
    'up.sent': 'Bereits gesendet', 'up.thanks': 'Vielen Dank – {count} Dokument(e) sind bei uns eingegangen.',
  },
  en: {
    'up.title': 'Upload documents', 'up.noLink': 'This link is incomplete or has expired. Please open the link from your e-mail again.',
    'up.intro': 'Choose the documents you want to send us. Every file is checked for viruses.',
    'up.limits': 'Up to 20 files, at most 100 MB each.', 'up.note': 'Message to us (optional)', 'up.chosen': 'Chosen files',
    'up.sent': 'Already sent', 'up.thanks': 'Thank you – {count} document(s) reached us.',
  },
  fr: {
    'up.title': 'Téléverser des documents',
    'up.noLink': 'Ce lien est incomplet ou a expiré. Veuillez rouvrir le lien figurant dans votre e-mail.',
    'up.intro': 'Choisissez les documents que vous souhaitez nous envoyer. Chaque fichier est contrôlé contre les virus.',
    'up.limits': 'Jusqu’à 20 fichiers, 100 Mo au maximum chacun.',
    'up.note': 'Message à notre intention (facultatif)',
    'up.chosen': 'Fichiers choisis',
    'up.sent': 'Déjà envoyés',
    'up.thanks': 'Merci – nous avons bien reçu {count} document(s).',
  },
  it: {
    'up.title': 'Caricare documenti',
    'up.noLink': 'Questo link è incompleto o scaduto. Aprite di nuovo il link contenuto nella vostra e-mail.',
    'up.intro': 'Scegliete i documenti che desiderate inviarci. Ogni file viene controllato contro i virus.',
    'up.limits': 'Fino a 20 file, ciascuno di al massimo 100 MB.',
    'up.note': 'Messaggio per noi (facoltativo)',
    'up.chosen': 'File scelti',
    'up.sent': 'Già inviati',
    'up.thanks': 'Grazie: abbiamo ricevuto {count} documento/i.',
  },
});

const token = fragmentToken();
const form = document.getElementById('upload');
const input = document.getElementById('files');
const chosen = document.getElementById('chosen');
const status = document.getElementById('status');
const progress = document.getElementById('progress');
const bar = progress.querySelector('span');
const send = document.getElementById('send');

function showChosen() {
  chosen.replaceChildren(...[...input.files].map(file => {
    const li = document.createElement('li');
    li.className = 'doc-item';
    const name = document.createElement('span');
    name.className = 'doc-name';
    name.textContent = file.name;
    const size = document.createElement('span');
    size.className = 'hint';
    size.textContent = formatSize(file.size);
    li.append(name, size);
    return li;
  }));
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
  const files = [...input.files];
  input.removeAttribute('aria-invalid');
  if (!files.length) {
    status.className = 'upload-status error';
    status.textContent = t('docs.pickFirst');
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  const data = new FormData();
  data.append('channel', 'upload');
  data.append('language', language());
  const note = document.getElementById('note').value.trim();
  if (note) data.append('note', note);
  for (const file of files) data.append('files', file, file.name);

  send.disabled = true;
  progress.hidden = false;
  status.className = 'upload-status';
  try {
    const result = await uploadWithProgress('/api/documents/uploads', data, {
      token,
      onProgress: p => {
        bar.style.width = `${Math.round(p * 100)}%`;
        status.textContent = p < 1 ? t('docs.uploading', { percent: Math.round(p * 100) }) : t('docs.checking');
      },
    });
    const quarantined = result.documents.some(d => d.status === 'quarantined');
    status.className = quarantined ? 'upload-status error' : 'upload-status ok';
    status.textContent = quarantined ? t('docs.quarantineNotice') : t('up.thanks', { count: result.documents.filter(d => d.id).length });
    renderList(chosen, result.documents);
    input.value = '';
    document.getElementById('note').value = '';
  } catch (error) {
    if (error.status === 401) { form.hidden = true; document.getElementById('no-link').hidden = false; return; }
    status.className = 'upload-status error';
    status.textContent = describeRejection(error, files.map(f => f.name)).join(' ');
    input.setAttribute('aria-invalid', 'true');
  } finally {
    send.disabled = false;
    progress.hidden = true;
    bar.style.width = '0';
  }
  await showSent();
});

input.addEventListener('change', showChosen);
document.addEventListener('languagechange', () => showSent());
apply();
languageSwitch();
if (token) { form.hidden = false; showSent(); } else { document.getElementById('no-link').hidden = false; }
