// Documents in a consultation, and the document list the upload page, the kiosk and the staff pages share.
// mount(container, { role: 'clerk' | 'resident', room: { id }, residentToken }) shows, for a resident, a file chooser
// with progress and what was handed in (sent the one way, shared/upload.js); for a clerk, the consultation's
// documents with their virus-scan status.
import { api } from '/shared/api.js';
import { register, t, apply, language, locale } from '/shared/i18n.js';
import { sendFiles } from '/shared/upload.js';
import { filePicker } from '/shared/file-pick.js';

register({
  de: {
    'docs.title': 'Dokumente',
    'docs.choose': 'Dateien wählen (PDF, JPEG, PNG, TIFF)',
    'docs.send': 'Hochladen',
    'docs.none': 'Noch keine Dokumente.',
    'docs.refresh': 'Dokumente aktualisieren',
    'docs.open': 'Öffnen',
    'docs.done': 'Hochgeladen.',
    'docs.status.clean': 'geprüft',
    'docs.status.pending_scan': 'Virenprüfung ausstehend',
    'docs.status.quarantined': 'Schadsoftware gefunden – nicht angenommen',
    'docs.status.duplicate': 'doppelt – nur einmal gespeichert',
    'docs.colName': 'Datei',
    'docs.colStatus': 'Status',
    'docs.colSize': 'Grösse',
  },
  en: {
    'docs.title': 'Documents',
    'docs.choose': 'Choose files (PDF, JPEG, PNG, TIFF)',
    'docs.send': 'Upload',
    'docs.none': 'No documents yet.',
    'docs.refresh': 'Refresh documents',
    'docs.open': 'Open',
    'docs.done': 'Uploaded.',
    'docs.status.clean': 'checked',
    'docs.status.pending_scan': 'virus check pending',
    'docs.status.quarantined': 'malware found – not accepted',
    'docs.status.duplicate': 'duplicate – stored once',
    'docs.colName': 'File',
    'docs.colStatus': 'Status',
    'docs.colSize': 'Size',
  },
  fr: {
    'docs.title': 'Documents',
    'docs.choose': 'Choisir des fichiers (PDF, JPEG, PNG, TIFF)',
    'docs.send': 'Téléverser',
    'docs.none': 'Aucun document pour l’instant.',
    'docs.refresh': 'Actualiser les documents',
    'docs.open': 'Ouvrir',
    'docs.done': 'Téléversé.',
    'docs.status.clean': 'vérifié',
    'docs.status.pending_scan': 'contrôle antivirus en attente',
    'docs.status.quarantined': 'logiciel malveillant détecté – refusé',
    'docs.status.duplicate': 'doublon – enregistré une seule fois',
    'docs.colName': 'Fichier',
    'docs.colStatus': 'Statut',
    'docs.colSize': 'Taille',
  },
  it: {
    'docs.title': 'Documenti',
    'docs.choose': 'Scegliere file (PDF, JPEG, PNG, TIFF)',
    'docs.send': 'Caricare',
    'docs.none': 'Ancora nessun documento.',
    'docs.refresh': 'Aggiornare i documenti',
    'docs.open': 'Aprire',
    'docs.done': 'Caricato.',
    'docs.status.clean': 'verificato',
    'docs.status.pending_scan': 'controllo antivirus in sospeso',
    'docs.status.quarantined': 'software dannoso rilevato – non accettato',
    'docs.status.duplicate': 'doppione – salvato una sola volta',
    'docs.colName': 'File',
    'docs.colStatus': 'Stato',
    'docs.colSize': 'Dimensione',
  },
  'de-x-ls': {
    'docs.title': 'Papiere',
    'docs.choose': 'Dateien aussuchen (PDF, JPG, PNG oder TIFF)',
    'docs.send': 'Schicken',
    'docs.none': 'Es gibt noch keine Papiere.',
    'docs.refresh': 'Liste neu laden',
    'docs.open': 'Öffnen',
    'docs.done': 'Fertig. Wir haben die Dateien.',
    'docs.status.clean': 'geprüft, in Ordnung',
    'docs.status.pending_scan': 'Wir prüfen die Datei noch auf Viren.',
    'docs.status.quarantined': 'In der Datei ist ein Virus. Wir nehmen die Datei nicht.',
    'docs.status.duplicate': 'Diese Datei haben Sie schon geschickt. Wir haben sie nur einmal.',
    'docs.colName': 'Datei',
    'docs.colStatus': 'Stand',
    'docs.colSize': 'Grösse',
  },
});

export const statusText = status => t(`docs.status.${status}`);

export function formatSize(bytes) {
  // The units as the language writes them: "162 o", "1,5 ko" in French, "162 Byte", "1.5 kB" in German.
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  // Bytes written out ("68 bytes", "68 octets"): the short form is "68 byte" in English.
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: units[unit], unitDisplay: unit ? 'short' : 'long', maximumFractionDigits: unit ? 1 : 0 }).format(value);
}

/**
 * A list of documents with name, size and scan status (files not yet sent have none); a clerk gets an "open" link
 * for checked ones. An empty list says so, unless `sayEmpty` is false.
 */
export function renderList(list, documents, { canOpen = false, sayEmpty = true } = {}) {
  list.replaceChildren();
  if (!documents.length && sayEmpty) {
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
    item.append(name, size);
    if (d.status) item.append(meta);
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
  const sayChosen = filePicker(input);
  const progress = form.querySelector('.progress');
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
      const sent = await sendFiles('/api/documents/uploads', [...input.files], {
        fields: { channel: 'session', language: language() }, token,
        button: form.querySelector('button[type=submit]'), progress, status, input, done: () => t('docs.done'),
      });
      if (sent) { input.value = ''; sayChosen(); }
      await refresh();
    });
  }
  container.querySelector('.refresh').addEventListener('click', refresh);
  document.addEventListener('languagechange', () => { apply(container); refresh(); });
  const timer = resident ? null : setInterval(() => refresh().catch(() => {}), 10000);
  refresh().catch(() => {});
  return { refresh, dispose: () => clearInterval(timer) };
}
