// Documents in a consultation, and the upload helpers the upload page and the kiosk share.
// mount(container, { role: 'clerk' | 'resident', room: { id }, residentToken }) shows, for a resident, a file chooser
// with progress and what was handed in; for a clerk, the consultation's documents with their virus-scan status.
import { api } from '/shared/api.js';
import { register, t, apply, language, locale } from '/shared/i18n.js';

register({
  de: {
    'docs.reason.malformed': 'Die Sendung ist unvollständig oder beschädigt angekommen. Bitte versuchen Sie es erneut.',
    'docs.reason.file-name': 'Der Dateiname enthält unzulässige Zeichen. Bitte benennen Sie die Datei um.',
    'docs.reason.control-character': 'Eine Angabe enthält unzulässige Steuerzeichen. Bitte prüfen Sie Ihre Eingabe.',
    'docs.reason.not-multipart': 'Die Sendung hat nicht das erwartete Format. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
    'docs.title': 'Dokumente', 'docs.choose': 'Dateien wählen (PDF, JPEG, PNG, TIFF)', 'docs.send': 'Hochladen',
    'docs.none': 'Noch keine Dokumente.', 'docs.refresh': 'Aktualisieren', 'docs.open': 'Öffnen',
    'docs.uploading': 'Wird hochgeladen … {percent} %', 'docs.checking': 'Wird geprüft …', 'docs.done': 'Hochgeladen.',
    'docs.pickFirst': 'Bitte wählen Sie zuerst mindestens eine Datei.',
    'docs.status.clean': 'geprüft', 'docs.status.pending_scan': 'Virenprüfung ausstehend', 'docs.status.quarantined': 'Schadsoftware gefunden – nicht angenommen',
    'docs.status.duplicate': 'doppelt – nur einmal gespeichert', 'docs.quarantineNotice': 'Achtung: In mindestens einer Datei wurde Schadsoftware gefunden. Diese Datei wurde nicht angenommen und ist gesperrt.',
    'docs.reason.empty': 'Die Datei ist leer.', 'docs.reason.unsupported': 'Nur PDF, JPEG, PNG und TIFF werden angenommen.',
    'docs.reason.damaged': 'Die Datei ist beschädigt oder unvollständig.', 'docs.reason.polyglot': 'Die Datei enthält ein zweites Format oder aktive Inhalte (z. B. Skripte) und wird nicht angenommen.',
    'docs.reason.mislabelled': 'Dateiname oder -typ passen nicht zum Inhalt.', 'docs.reason.file-too-large': 'Die Datei ist zu gross.',
    'docs.reason.too-many-files': 'Zu viele Dateien auf einmal.', 'docs.reason.too-large': 'Die Sendung ist zu gross.',
    'docs.reason.no-files': 'Bitte wählen Sie mindestens eine Datei.', 'docs.reason.invalid': 'Bitte prüfen Sie die Eingabe.',
    'docs.reason.required': 'Bitte ausfüllen.', 'docs.reason.unknown': 'Dieser Wert ist nicht bekannt.', 'docs.reason.too-long': 'Der Text ist zu lang.',
    'docs.fileError': '{name}: {reason}', 'docs.colName': 'Datei', 'docs.colStatus': 'Status', 'docs.colSize': 'Grösse',
  },
  en: {
    'docs.reason.malformed': 'The upload arrived incomplete or damaged. Please try again.',
    'docs.reason.file-name': 'The file name contains characters that are not allowed. Please rename the file.',
    'docs.reason.control-character': 'An entry contains control characters that are not allowed. Please check what you entered.',
    'docs.reason.not-multipart': 'The upload is not in the expected form. Please reload the page and try again.',
    'docs.title': 'Documents', 'docs.choose': 'Choose files (PDF, JPEG, PNG, TIFF)', 'docs.send': 'Upload',
    'docs.none': 'No documents yet.', 'docs.refresh': 'Refresh', 'docs.open': 'Open',
    'docs.uploading': 'Uploading … {percent} %', 'docs.checking': 'Checking …', 'docs.done': 'Uploaded.',
    'docs.pickFirst': 'Please choose at least one file first.',
    'docs.status.clean': 'checked', 'docs.status.pending_scan': 'virus check pending', 'docs.status.quarantined': 'malware found – not accepted',
    'docs.status.duplicate': 'duplicate – stored once', 'docs.quarantineNotice': 'Warning: malware was found in at least one file. That file was not accepted and is locked.',
    'docs.reason.empty': 'The file is empty.', 'docs.reason.unsupported': 'Only PDF, JPEG, PNG and TIFF are accepted.',
    'docs.reason.damaged': 'The file is damaged or incomplete.', 'docs.reason.polyglot': 'The file contains a second format or active content (e.g. scripts) and is not accepted.',
    'docs.reason.mislabelled': "The file's name or type does not match its content.", 'docs.reason.file-too-large': 'The file is too large.',
    'docs.reason.too-many-files': 'Too many files at once.', 'docs.reason.too-large': 'The upload is too large.',
    'docs.reason.no-files': 'Please choose at least one file.', 'docs.reason.invalid': 'Please check your entry.',
    'docs.reason.required': 'Please fill this in.', 'docs.reason.unknown': 'This value is not known.', 'docs.reason.too-long': 'The text is too long.',
    'docs.fileError': '{name}: {reason}', 'docs.colName': 'File', 'docs.colStatus': 'Status', 'docs.colSize': 'Size',
  },
  fr: {
    'docs.reason.malformed': 'L’envoi est arrivé incomplet ou endommagé. Veuillez réessayer.',
    'docs.reason.file-name': 'Le nom du fichier contient des caractères non autorisés. Veuillez renommer le fichier.',
    'docs.reason.control-character': 'Une indication contient des caractères de contrôle non autorisés. Veuillez vérifier votre saisie.',
    'docs.reason.not-multipart': 'L’envoi n’a pas le format attendu. Veuillez recharger la page et réessayer.',
    'docs.title': 'Documents',
    'docs.choose': 'Choisir des fichiers (PDF, JPEG, PNG, TIFF)',
    'docs.send': 'Téléverser',
    'docs.none': 'Aucun document pour l’instant.',
    'docs.refresh': 'Actualiser',
    'docs.open': 'Ouvrir',
    'docs.uploading': 'Téléversement … {percent} %',
    'docs.checking': 'Vérification …',
    'docs.done': 'Téléversé.',
    'docs.pickFirst': 'Veuillez d’abord choisir au moins un fichier.',
    'docs.status.clean': 'vérifié',
    'docs.status.pending_scan': 'contrôle antivirus en attente',
    'docs.status.quarantined': 'logiciel malveillant détecté – refusé',
    'docs.status.duplicate': 'doublon – enregistré une seule fois',
    'docs.quarantineNotice': 'Attention : un logiciel malveillant a été détecté dans au moins un fichier. Ce fichier a été refusé et bloqué.',
    'docs.reason.empty': 'Le fichier est vide.',
    'docs.reason.unsupported': 'Seuls les formats PDF, JPEG, PNG et TIFF sont acceptés.',
    'docs.reason.damaged': 'Le fichier est endommagé ou incomplet.',
    'docs.reason.polyglot': 'Le fichier contient un second format ou du contenu actif (p. ex. des scripts) et n’est pas accepté.',
    'docs.reason.mislabelled': 'Le nom ou le type du fichier ne correspond pas à son contenu.',
    'docs.reason.file-too-large': 'Le fichier est trop volumineux.',
    'docs.reason.too-many-files': 'Trop de fichiers à la fois.',
    'docs.reason.too-large': 'L’envoi est trop volumineux.',
    'docs.reason.no-files': 'Veuillez choisir au moins un fichier.',
    'docs.reason.invalid': 'Veuillez vérifier votre saisie.',
    'docs.reason.required': 'Veuillez remplir ce champ.',
    'docs.reason.unknown': 'Cette valeur n’est pas connue.',
    'docs.reason.too-long': 'Le texte est trop long.',
    'docs.fileError': '{name} : {reason}',
    'docs.colName': 'Fichier',
    'docs.colStatus': 'Statut',
    'docs.colSize': 'Taille',
  },
  it: {
    'docs.reason.malformed': 'L’invio è arrivato incompleto o danneggiato. Riprovate.',
    'docs.reason.file-name': 'Il nome del file contiene caratteri non ammessi. Rinominate il file.',
    'docs.reason.control-character': 'Un dato contiene caratteri di controllo non ammessi. Verificate quanto inserito.',
    'docs.reason.not-multipart': 'L’invio non ha il formato previsto. Ricaricate la pagina e riprovate.',
    'docs.title': 'Documenti',
    'docs.choose': 'Scegliere file (PDF, JPEG, PNG, TIFF)',
    'docs.send': 'Caricare',
    'docs.none': 'Ancora nessun documento.',
    'docs.refresh': 'Aggiornare',
    'docs.open': 'Aprire',
    'docs.uploading': 'Caricamento … {percent} %',
    'docs.checking': 'Verifica in corso …',
    'docs.done': 'Caricato.',
    'docs.pickFirst': 'Scegliete prima almeno un file.',
    'docs.status.clean': 'verificato',
    'docs.status.pending_scan': 'controllo antivirus in sospeso',
    'docs.status.quarantined': 'software dannoso rilevato – non accettato',
    'docs.status.duplicate': 'doppione – salvato una sola volta',
    'docs.quarantineNotice': 'Attenzione: in almeno un file è stato rilevato software dannoso. Il file non è stato accettato ed è bloccato.',
    'docs.reason.empty': 'Il file è vuoto.',
    'docs.reason.unsupported': 'Sono accettati solo i formati PDF, JPEG, PNG e TIFF.',
    'docs.reason.damaged': 'Il file è danneggiato o incompleto.',
    'docs.reason.polyglot': 'Il file contiene un secondo formato o contenuti attivi (ad es. script) e non viene accettato.',
    'docs.reason.mislabelled': 'Il nome o il tipo del file non corrisponde al contenuto.',
    'docs.reason.file-too-large': 'Il file è troppo grande.',
    'docs.reason.too-many-files': 'Troppi file in una volta.',
    'docs.reason.too-large': 'L’invio è troppo grande.',
    'docs.reason.no-files': 'Scegliete almeno un file.',
    'docs.reason.invalid': 'Verificate i dati inseriti.',
    'docs.reason.required': 'Compilate questo campo.',
    'docs.reason.unknown': 'Questo valore non è noto.',
    'docs.reason.too-long': 'Il testo è troppo lungo.',
    'docs.fileError': '{name}: {reason}',
    'docs.colName': 'File',
    'docs.colStatus': 'Stato',
    'docs.colSize': 'Dimensione',
  },
});

/** Posts a FormData with XMLHttpRequest so the upload's progress can be shown; resolves with the JSON answer. */
export function uploadWithProgress(url, form, { token, headers = {}, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('X-Resident-Token', token);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', e => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = { detail: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(Object.assign(new Error(body?.title || `HTTP ${xhr.status}`), { status: xhr.status, problem: body }));
    });
    xhr.addEventListener('error', () => reject(Object.assign(new Error(t('common.error')), { status: 0, problem: null })));
    xhr.send(form);
  });
}

/** Turns a refused upload into sentences naming the files (fields are files[i] in the order they were sent). */
export function describeRejection(error, names = []) {
  const reasons = error.problem?.reasons || {};
  const lines = Object.entries(reasons).map(([field, reason]) => {
    const index = /\[(\d+)\]$/.exec(field)?.[1];
    const text = t(`docs.reason.${reason}`);
    return index !== undefined && names[index] ? t('docs.fileError', { name: names[index], reason: text }) : text;
  });
  return lines.length ? lines : [error.problem?.title || t('common.error')];
}

export const statusText = status => t(`docs.status.${status}`);

export function formatSize(bytes) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toLocaleString(locale(), { maximumFractionDigits: unit ? 1 : 0 })} ${units[unit]}`;
}

/** A list of documents with name, size and scan status; a clerk gets an "open" link for checked ones. */
export function renderList(list, documents, { canOpen = false } = {}) {
  list.replaceChildren();
  if (!documents.length) {
    const empty = document.createElement('li');
    empty.className = 'hint';
    empty.textContent = t('docs.none');
    list.append(empty);
    return;
  }
  for (const d of documents) {
    const item = document.createElement('li');
    item.className = 'doc-item';
    const name = document.createElement('span');
    name.className = 'doc-name';
    name.textContent = d.fileName;
    const meta = document.createElement('span');
    meta.className = `badge doc-status status-${d.status}`;
    meta.textContent = statusText(d.status);
    const size = document.createElement('span');
    size.className = 'hint';
    size.textContent = d.length !== undefined ? formatSize(d.length) : '';
    item.append(name, size, meta);
    if (canOpen && d.status === 'clean' && d.id) {
      const open = document.createElement('a');
      open.href = `/api/documents/${d.id}/content`;
      // Shown by the browser (PDF, picture) in a tab of its own, so the call in this one goes on.
      open.target = '_blank';
      open.rel = 'noopener';
      open.textContent = t('docs.open');
      open.setAttribute('aria-label', `${t('docs.open')}: ${d.fileName}`);
      item.append(open);
    }
    list.append(item);
  }
}

export function mount(container, ctx) {
  // The room pages do not load the list's styles themselves (without them name and size run together).
  if (!document.querySelector('link[href="/shared/documents-panel.css"]')) {
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/shared/documents-panel.css' }));
  }
  const id = `docs-${Math.random().toString(36).slice(2, 8)}`;
  container.classList.add('documents-panel');
  container.innerHTML = `
    <h2 id="${id}-title" data-i18n="docs.title"></h2>
    <form class="stack" hidden>
      <label for="${id}-files" data-i18n="docs.choose"></label>
      <input id="${id}-files" name="files" type="file" multiple accept="application/pdf,image/jpeg,image/png,image/tiff,.pdf,.jpg,.jpeg,.png,.tif,.tiff">
      <button type="submit" data-i18n="docs.send"></button>
      <div class="progress" hidden><span></span></div>
      <p class="upload-status" role="status" aria-live="polite"></p>
    </form>
    <div class="row"><button type="button" class="secondary refresh" data-i18n="docs.refresh"></button></div>
    <ul class="doc-list" aria-labelledby="${id}-title"></ul>`;
  apply(container);
  const form = container.querySelector('form');
  const input = form.querySelector('input');
  const progress = form.querySelector('.progress');
  const bar = progress.querySelector('span');
  const status = form.querySelector('.upload-status');
  const list = container.querySelector('.doc-list');
  const resident = ctx.role === 'resident';
  const token = resident ? ctx.residentToken : undefined;

  async function refresh() {
    const documents = await api(`/api/documents/sessions/${ctx.room.id}`, { token });
    renderList(list, documents, { canOpen: !resident });
  }

  if (resident) {
    form.hidden = false;
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const files = [...input.files];
      if (!files.length) { status.className = 'upload-status error'; status.textContent = t('docs.pickFirst'); return; }
      const data = new FormData();
      data.append('channel', 'session');
      data.append('language', language());
      for (const file of files) data.append('files', file, file.name);
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
        status.textContent = quarantined ? t('docs.quarantineNotice') : t('docs.done');
        input.value = '';
      } catch (error) {
        status.className = 'upload-status error';
        status.textContent = describeRejection(error, files.map(f => f.name)).join(' ');
      } finally {
        progress.hidden = true;
        bar.style.width = '0';
      }
      await refresh();
    });
  }
  container.querySelector('.refresh').addEventListener('click', refresh);
  document.addEventListener('languagechange', () => { apply(container); refresh(); });
  const timer = resident ? null : setInterval(() => refresh().catch(() => {}), 10000);
  refresh().catch(() => {});
  return { refresh, dispose: () => clearInterval(timer) };
}
