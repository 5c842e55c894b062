// The town-hall scanner kiosk. Nobody signs in; every step is one large choice. Pages come from the camera or a
// scanner's output folder; image pages are sent as JPEG and the service combines them into one PDF. After a period
// without activity (?idle=<seconds>, default 120) everything is cleared so the next person never sees a document.
// Only a registered device hands in: an admin's enrolment link (#enrol=<code>) is traded once for a device token,
// which this browser keeps and sends with every submission; without one the page says so and offers nothing.
import { register, t, tn, apply, languageSwitch, language, setLanguage } from '/shared/i18n.js';
import { api, fragmentToken } from '/shared/api.js';
import { renderList } from '/shared/documents-panel.js';
import { sendFiles } from '/shared/upload.js';
import { filePicker } from '/shared/file-pick.js';

register({
  de: {
    'kiosk.brand': 'Scanner-Terminal', 'kiosk.title': 'Dokumente abgeben', 'kiosk.steps': 'Schritte',
    'kiosk.step1': 'Anliegen', 'kiosk.step2': 'Seiten', 'kiosk.step3': 'Prüfen', 'kiosk.step4': 'Quittung',
    'kiosk.concernTitle': 'Worum geht es?', 'kiosk.pagesTitle': 'Seiten aufnehmen oder Dateien wählen',
    'kiosk.preview': 'Kamerabild', 'kiosk.capture': 'Seite aufnehmen', 'kiosk.pick': 'Oder Dateien wählen (z. B. aus dem Scanner-Ordner)',
    'kiosk.thumbs': 'Aufgenommene Seiten', 'kiosk.back': 'Zurück', 'kiosk.next': 'Weiter', 'kiosk.reviewTitle': 'Bitte prüfen',
    'kiosk.reviewList': 'Seiten zum Absenden', 'kiosk.contactTitle': 'Quittung per E-Mail (freiwillig)', 'kiosk.email': 'E-Mail-Adresse',
    'kiosk.note': 'Nachricht (freiwillig)', 'kiosk.send': 'Absenden', 'kiosk.receiptTitle': 'Vielen Dank!',
    'kiosk.receiptIntro': 'Ihre Quittungsnummer:', 'kiosk.receiptDocs': 'Abgegebene Dokumente', 'kiosk.finish': 'Fertig',
    'kiosk.chosen': 'Anliegen: {name}', 'kiosk.pageCount': '{count} Seiten bereit', 'kiosk.pageCount.one': '{count} Seite bereit', 'kiosk.page': 'Seite {n}',
    'kiosk.remove': 'Entfernen', 'kiosk.removeLabel': 'Seite {n} entfernen', 'kiosk.noPages': 'Bitte nehmen Sie mindestens eine Seite auf oder wählen Sie eine Datei.',
    'kiosk.noCamera': 'Keine Kamera verfügbar – bitte Dateien wählen.', 'kiosk.cameraReady': 'Legen Sie die Seite unter die Kamera und tippen Sie auf «Seite aufnehmen».',
    'kiosk.emailInvalid': 'Bitte geben Sie eine gültige E-Mail-Adresse ein oder lassen Sie das Feld leer.',
    'kiosk.mailed': 'Die Quittung wurde an {email} gesendet.', 'kiosk.concernsFailed': 'Die Anliegen konnten nicht geladen werden.',
    'kiosk.unregisteredTitle': 'Dieses Terminal ist nicht registriert',
    'kiosk.unregisteredText': 'Hier können im Moment keine Dokumente abgegeben werden. Bitte wenden Sie sich an den Empfang.',
    'kiosk.unregisteredAdmin': 'Für die Verwaltung: Öffnen Sie auf diesem Gerät den Registrierungslink aus «Scanner-Terminals».',
    'kiosk.enrolFailed': 'Der Registrierungslink ist ungültig, abgelaufen oder wurde schon verwendet.',
    'kiosk.limit.filesPerRequest': 'Höchstens {max} Seiten oder Dateien auf einmal. Bitte geben Sie den Rest in einer zweiten Sendung ab.',
    'kiosk.limit.bytesPerRequest': 'Diese Sendung ist zu gross (höchstens {max} MB). Bitte teilen Sie sie auf.',
    'kiosk.limit.requestsPerHour': 'Dieses Terminal hat für diese Stunde genug angenommen. Bitte versuchen Sie es später erneut oder wenden Sie sich an den Empfang.',
    'kiosk.limit.bytesPerHour': 'Dieses Terminal hat für diese Stunde genug angenommen. Bitte versuchen Sie es später erneut oder wenden Sie sich an den Empfang.',
  },
  en: {
    'kiosk.brand': 'Scanner kiosk', 'kiosk.title': 'Hand in documents', 'kiosk.steps': 'Steps',
    'kiosk.step1': 'Concern', 'kiosk.step2': 'Pages', 'kiosk.step3': 'Review', 'kiosk.step4': 'Receipt',
    'kiosk.concernTitle': 'What is it about?', 'kiosk.pagesTitle': 'Capture pages or choose files',
    'kiosk.preview': 'Camera picture', 'kiosk.capture': 'Capture page', 'kiosk.pick': "Or choose files (e.g. from the scanner's folder)",
    'kiosk.thumbs': 'Captured pages', 'kiosk.back': 'Back', 'kiosk.next': 'Next', 'kiosk.reviewTitle': 'Please check',
    'kiosk.reviewList': 'Pages to send', 'kiosk.contactTitle': 'Receipt by e-mail (optional)', 'kiosk.email': 'E-mail address',
    'kiosk.note': 'Message (optional)', 'kiosk.send': 'Send', 'kiosk.receiptTitle': 'Thank you!',
    'kiosk.receiptIntro': 'Your receipt number:', 'kiosk.receiptDocs': 'Documents handed in', 'kiosk.finish': 'Done',
    'kiosk.chosen': 'Concern: {name}', 'kiosk.pageCount': '{count} pages ready', 'kiosk.pageCount.one': '{count} page ready', 'kiosk.page': 'Page {n}',
    'kiosk.remove': 'Remove', 'kiosk.removeLabel': 'Remove page {n}', 'kiosk.noPages': 'Please capture at least one page or choose a file.',
    'kiosk.noCamera': 'No camera available – please choose files.', 'kiosk.cameraReady': 'Put the page under the camera and tap “Capture page”.',
    'kiosk.emailInvalid': 'Please enter a valid e-mail address or leave the field empty.',
    'kiosk.mailed': 'The receipt was sent to {email}.', 'kiosk.concernsFailed': 'The concerns could not be loaded.',
    'kiosk.unregisteredTitle': 'This kiosk is not registered',
    'kiosk.unregisteredText': 'Documents cannot be handed in here at the moment. Please ask at the reception desk.',
    'kiosk.unregisteredAdmin': 'For the administration: open the registration link from “Scanner kiosks” on this device.',
    'kiosk.enrolFailed': 'The registration link is invalid, has expired or was already used.',
    'kiosk.limit.filesPerRequest': 'At most {max} pages or files at once. Please hand in the rest in a second submission.',
    'kiosk.limit.bytesPerRequest': 'This submission is too large (at most {max} MB). Please split it up.',
    'kiosk.limit.requestsPerHour': 'This kiosk has taken in enough for this hour. Please try again later or ask at the reception desk.',
    'kiosk.limit.bytesPerHour': 'This kiosk has taken in enough for this hour. Please try again later or ask at the reception desk.',
  },
  'de-x-ls': {
    'kiosk.unregisteredTitle': 'Dieses Gerät ist noch nicht bereit',
    'kiosk.unregisteredText': 'Sie können hier gerade keine Papiere abgeben. Bitte fragen Sie am Empfang.',
    'kiosk.unregisteredAdmin': 'Für die Verwaltung: Öffnen Sie hier den Link aus «Scanner-Terminals».',
    'kiosk.enrolFailed': 'Der Link geht nicht. Er ist falsch, zu alt oder schon benutzt.',
    'kiosk.limit.filesPerRequest': 'Sie können höchstens {max} Seiten auf einmal abgeben. Geben Sie den Rest danach ab.',
    'kiosk.limit.bytesPerRequest': 'Das ist zu viel auf einmal. Höchstens {max} MB. Geben Sie es in Teilen ab.',
    'kiosk.limit.requestsPerHour': 'Dieses Gerät nimmt in dieser Stunde nichts mehr an. Versuchen Sie es später. Oder fragen Sie am Empfang.',
    'kiosk.limit.bytesPerHour': 'Dieses Gerät nimmt in dieser Stunde nichts mehr an. Versuchen Sie es später. Oder fragen Sie am Empfang.',
  },
  fr: {
    'kiosk.unregisteredTitle': 'Ce terminal n’est pas enregistré',
    'kiosk.unregisteredText': 'Il n’est pas possible de remettre des documents ici pour le moment. Veuillez vous adresser à l’accueil.',
    'kiosk.unregisteredAdmin': 'Pour l’administration : ouvrez sur cet appareil le lien d’enregistrement de « Terminaux de numérisation ».',
    'kiosk.enrolFailed': 'Le lien d’enregistrement est invalide, a expiré ou a déjà été utilisé.',
    'kiosk.limit.filesPerRequest': 'Au maximum {max} pages ou fichiers à la fois. Veuillez remettre le reste dans un second envoi.',
    'kiosk.limit.bytesPerRequest': 'Cet envoi est trop volumineux (au maximum {max} Mo). Veuillez le diviser.',
    'kiosk.limit.requestsPerHour': 'Ce terminal a atteint sa limite pour cette heure. Veuillez réessayer plus tard ou vous adresser à l’accueil.',
    'kiosk.limit.bytesPerHour': 'Ce terminal a atteint sa limite pour cette heure. Veuillez réessayer plus tard ou vous adresser à l’accueil.',
    'kiosk.brand': 'Terminal de numérisation',
    'kiosk.title': 'Remettre des documents',
    'kiosk.steps': 'Étapes',
    'kiosk.step1': 'Démarche',
    'kiosk.step2': 'Pages',
    'kiosk.step3': 'Vérifier',
    'kiosk.step4': 'Quittance',
    'kiosk.concernTitle': 'De quoi s’agit-il ?',
    'kiosk.pagesTitle': 'Photographier des pages ou choisir des fichiers',
    'kiosk.preview': 'Image de la caméra',
    'kiosk.capture': 'Photographier la page',
    'kiosk.pick': 'Ou choisir des fichiers (p. ex. dans le dossier du scanner)',
    'kiosk.thumbs': 'Pages photographiées',
    'kiosk.back': 'Retour',
    'kiosk.next': 'Suivant',
    'kiosk.reviewTitle': 'Veuillez vérifier',
    'kiosk.reviewList': 'Pages à envoyer',
    'kiosk.contactTitle': 'Quittance par e-mail (facultatif)',
    'kiosk.email': 'Adresse e-mail',
    'kiosk.note': 'Message (facultatif)',
    'kiosk.send': 'Envoyer',
    'kiosk.receiptTitle': 'Merci beaucoup !',
    'kiosk.receiptIntro': 'Votre numéro de quittance :',
    'kiosk.receiptDocs': 'Documents remis',
    'kiosk.finish': 'Terminé',
    'kiosk.chosen': 'Démarche : {name}',
    'kiosk.pageCount': '{count} pages prêtes',
    'kiosk.pageCount.one': '{count} page prête',
    'kiosk.page': 'Page {n}',
    'kiosk.remove': 'Retirer',
    'kiosk.removeLabel': 'Retirer la page {n}',
    'kiosk.noPages': 'Veuillez photographier au moins une page ou choisir un fichier.',
    'kiosk.noCamera': 'Aucune caméra disponible – veuillez choisir des fichiers.',
    'kiosk.cameraReady': 'Placez la page sous la caméra et touchez « Photographier la page ».',
    'kiosk.emailInvalid': 'Veuillez saisir une adresse e-mail valable ou laisser le champ vide.',
    'kiosk.mailed': 'La quittance a été envoyée à {email}.',
    'kiosk.concernsFailed': 'Les démarches n’ont pas pu être chargées.',
  },
  it: {
    'kiosk.unregisteredTitle': 'Questo terminale non è registrato',
    'kiosk.unregisteredText': 'Al momento qui non è possibile consegnare documenti. Rivolgetevi alla ricezione.',
    'kiosk.unregisteredAdmin': 'Per l’amministrazione: aprire su questo dispositivo il link di registrazione da «Terminali di scansione».',
    'kiosk.enrolFailed': 'Il link di registrazione non è valido, è scaduto o è già stato usato.',
    'kiosk.limit.filesPerRequest': 'Al massimo {max} pagine o file alla volta. Consegnate il resto con un secondo invio.',
    'kiosk.limit.bytesPerRequest': 'Questo invio è troppo grande (al massimo {max} MB). Suddividetelo.',
    'kiosk.limit.requestsPerHour': 'Questo terminale ha raggiunto il limite per quest’ora. Riprovate più tardi o rivolgetevi alla ricezione.',
    'kiosk.limit.bytesPerHour': 'Questo terminale ha raggiunto il limite per quest’ora. Riprovate più tardi o rivolgetevi alla ricezione.',
    'kiosk.brand': 'Terminale di scansione',
    'kiosk.title': 'Consegnare documenti',
    'kiosk.steps': 'Passaggi',
    'kiosk.step1': 'Pratica',
    'kiosk.step2': 'Pagine',
    'kiosk.step3': 'Verifica',
    'kiosk.step4': 'Ricevuta',
    'kiosk.concernTitle': 'Di che cosa si tratta?',
    'kiosk.pagesTitle': 'Fotografare pagine o scegliere file',
    'kiosk.preview': 'Immagine della telecamera',
    'kiosk.capture': 'Fotografare la pagina',
    'kiosk.pick': 'Oppure scegliere file (ad es. dalla cartella dello scanner)',
    'kiosk.thumbs': 'Pagine fotografate',
    'kiosk.back': 'Indietro',
    'kiosk.next': 'Avanti',
    'kiosk.reviewTitle': 'Verificate',
    'kiosk.reviewList': 'Pagine da inviare',
    'kiosk.contactTitle': 'Ricevuta per e-mail (facoltativa)',
    'kiosk.email': 'Indirizzo e-mail',
    'kiosk.note': 'Messaggio (facoltativo)',
    'kiosk.send': 'Inviare',
    'kiosk.receiptTitle': 'Grazie mille!',
    'kiosk.receiptIntro': 'Il vostro numero di ricevuta:',
    'kiosk.receiptDocs': 'Documenti consegnati',
    'kiosk.finish': 'Fine',
    'kiosk.chosen': 'Pratica: {name}',
    'kiosk.pageCount': '{count} pagine pronte',
    'kiosk.pageCount.one': '{count} pagina pronta',
    'kiosk.page': 'Pagina {n}',
    'kiosk.remove': 'Rimuovere',
    'kiosk.removeLabel': 'Rimuovere la pagina {n}',
    'kiosk.noPages': 'Fotografate almeno una pagina o scegliete un file.',
    'kiosk.noCamera': 'Nessuna telecamera disponibile: scegliete dei file.',
    'kiosk.cameraReady': 'Mettete la pagina sotto la telecamera e toccate «Fotografare la pagina».',
    'kiosk.emailInvalid': 'Inserite un indirizzo e-mail valido o lasciate vuoto il campo.',
    'kiosk.mailed': 'La ricevuta è stata inviata a {email}.',
    'kiosk.concernsFailed': 'Non è stato possibile caricare le pratiche.',
  },
});

const idleSeconds = Math.max(2, Number(new URLSearchParams(location.search).get('idle')) || 120);
const $ = id => document.getElementById(id);
const video = $('preview');
let concerns = [];
let departmentNames = new Map();
let state = { concern: null, pages: [] };
let stream = null;
let idleTimer = null;
const deviceKey = 'kioskDevice';
let registered = false;
// What the page has said, by key, so that a language chosen mid-way says it again in that language.
let cameraSaid = null;
let receiptSaid = null;

// ---- steps
function go(step) {
  document.querySelector('.steps').hidden = step === 'unregistered';
  for (const section of document.querySelectorAll('.step')) section.hidden = section.id !== `step-${step}`;
  for (const li of document.querySelectorAll('.steps li')) {
    if (li.dataset.step === step || (step === 'receipt' && li.dataset.step === 'contact')) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  }
  if (step === 'pages') startCamera(); else stopCamera();
  if (step === 'review') renderThumbs($('review'), false);
  document.querySelector(`#step-${step} h2`)?.focus();
}

// ---- concerns (keys from document intake, names from booking)
function concernName(key) {
  const c = concerns.find(x => x.concernKey === key);
  return c?.name?.[language()] || c?.name?.de || key;
}

async function loadConcerns() {
  const container = $('concerns');
  try {
    const [keys, departments] = await Promise.all([
      api('/api/documents/kiosk/concerns'),
      api('/api/booking/concerns').catch(() => []),
    ]);
    const names = new Map(departments.flatMap(d => d.concerns).map(c => [c.key, c.name]));
    concerns = keys.map(k => ({ ...k, name: names.get(k.concernKey) }));
    departmentNames = new Map(departments.map(d => [d.key, d.name]));
    renderConcerns();
  } catch {
    container.textContent = t('kiosk.concernsFailed');
  }
}

function renderConcerns() {
  $('concerns').replaceChildren(...concerns.map(c => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.concern = c.concernKey;
    button.textContent = concernName(c.concernKey);
    button.addEventListener('click', () => {
      state.concern = c.concernKey;
      sayConcern();
      go('pages');
    });
    return button;
  }));
}

function sayConcern() {
  $('concern-chosen').textContent = state.concern ? t('kiosk.chosen', { name: concernName(state.concern) }) : '';
}

// ---- camera
async function startCamera() {
  if (stream) return;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false });
    video.srcObject = stream;
    sayCamera('kiosk.cameraReady');
    $('capture').disabled = false;
  } catch {
    sayCamera('kiosk.noCamera');
    $('capture').disabled = true;
  }
}

function sayCamera(key) {
  cameraSaid = key;
  $('camera-status').textContent = key ? t(key) : '';
}

function stopCamera() {
  for (const track of stream?.getTracks() || []) track.stop();
  stream = null;
  video.srcObject = null;
}

function canvasToJpeg(canvas) {
  return new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', 0.9));
}

async function capture() {
  if (!video.videoWidth) return;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0);
  addPage(await canvasToJpeg(canvas), `seite-${state.pages.length + 1}.jpg`);
}

// PNG pages become JPEG here, so the service can put every image page into one PDF as it is.
async function addFiles(files) {
  for (const file of files) {
    if (file.type === 'image/png') {
      const bitmap = await createImageBitmap(file);
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const g = canvas.getContext('2d');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(bitmap, 0, 0);
      bitmap.close();
      addPage(await canvasToJpeg(canvas), file.name.replace(/\.png$/i, '.jpg'));
    } else {
      addPage(file, file.name);
    }
  }
}

function addPage(blob, name) {
  const previewable = blob.type === 'image/jpeg';
  state.pages.push({ blob, name, url: previewable ? URL.createObjectURL(blob) : null });
  renderThumbs($('thumbs'), true);
}

function removePage(index) {
  const [page] = state.pages.splice(index, 1);
  if (page?.url) URL.revokeObjectURL(page.url);
  renderThumbs($('thumbs'), true);
}

function renderThumbs(list, removable) {
  list.replaceChildren(...state.pages.map((page, i) => {
    const li = document.createElement('li');
    const label = t('kiosk.page', { n: i + 1 });
    if (page.url) {
      const img = document.createElement('img');
      img.src = page.url;
      img.alt = label;
      li.append(img);
    } else {
      const tile = document.createElement('div');
      tile.className = 'file-tile';
      tile.textContent = page.name;
      li.append(tile);
    }
    const caption = document.createElement('span');
    caption.textContent = label;
    li.append(caption);
    if (removable) {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary';
      remove.textContent = t('kiosk.remove');
      remove.setAttribute('aria-label', t('kiosk.removeLabel', { n: i + 1 }));
      remove.addEventListener('click', () => removePage(i));
      li.append(remove);
    }
    return li;
  }));
  $('page-count').textContent = state.pages.length ? tn('kiosk.pageCount', state.pages.length) : '';
}

// ---- send
async function submit(event) {
  event.preventDefault();
  const email = $('email');
  const status = $('send-status');
  email.removeAttribute('aria-invalid');
  if (email.value.trim() && !email.checkValidity()) {
    email.setAttribute('aria-invalid', 'true');
    status.className = 'upload-status error';
    status.textContent = t('kiosk.emailInvalid');
    email.focus();
    return;
  }
  const result = await sendFiles('/api/documents/kiosk/submissions', state.pages, {
    fields: { concernKey: state.concern, language: language(), email: email.value.trim(), note: $('note').value.trim() },
    headers: { 'X-Kiosk-Device': localStorage.getItem(deviceKey) || '' },
    button: $('send'), progress: $('progress'), status,
    refused: error => { if (error.status !== 401) return false; unregistered(); return true; },
    // The kiosk's own quotas (files and bytes per submission, per hour) are named with their value.
    explain: error => {
      const limit = error.problem?.limit;
      if (!limit) return null;
      const max = limit.startsWith('bytes') ? Math.floor(error.problem.max / (1024 * 1024)) : error.problem.max;
      return t(`kiosk.limit.${limit}`, { max });
    },
  });
  if (!result) return;
  $('receipt').textContent = result.receiptNumber;
  receiptSaid = { result, email: email.value.trim() };
  sayReceipt();
  go('receipt');
}

/** The receipt's lines in the page's language: who handles the documents, the notice, the list. */
function sayReceipt() {
  if (!receiptSaid) return;
  const { result, email } = receiptSaid;
  // The resident learns who handles the documents (the routing rule's department, named as on the start page).
  const departmentKey = result.documents.find(d => d.departmentKey)?.departmentKey;
  const department = departmentNames.get(departmentKey);
  $('receipt-department').textContent = departmentKey ? t('kiosk.department', { name: department?.[language()] || department?.de || departmentKey }) : '';
  const quarantined = result.documents.some(d => d.status === 'quarantined');
  $('receipt-notice').className = quarantined ? 'error' : 'ok';
  $('receipt-notice').textContent = quarantined ? t('docs.quarantineNotice') : (email ? t('kiosk.mailed', { email }) : '');
  renderList($('receipt-docs'), result.documents);
}

// The kiosk's own language, as it was opened (its browser's, or the city's): a resident's choice on the menu is theirs
// alone, and the next person finds the kiosk in its own language again.
const homeLanguage = language();

// ---- reset: nothing of the previous person stays on screen or in memory
function reset() {
  if (language() !== homeLanguage) setLanguage(homeLanguage);
  for (const page of state.pages) if (page.url) URL.revokeObjectURL(page.url);
  state = { concern: null, pages: [] };
  cameraSaid = null;
  receiptSaid = null;
  for (const id of ['thumbs', 'review', 'receipt-docs']) $(id).replaceChildren();
  for (const id of ['receipt', 'receipt-department', 'receipt-notice', 'send-status', 'page-count', 'concern-chosen']) $(id).textContent = '';
  $('submit-form').reset();
  $('pick').value = '';
  $('email').removeAttribute('aria-invalid');
  go(registered ? 'concern' : 'unregistered');
}

// ---- the device: registered once by an admin's link, then known by the token this browser keeps
function unregistered(enrolFailed = false) {
  registered = false;
  reset();
  $('enrol-status').textContent = enrolFailed ? t('kiosk.enrolFailed') : '';
}

async function checkDevice() {
  const code = fragmentToken('enrol');
  let enrolFailed = false;
  if (code) {
    // The code works once; it leaves the address bar at once so nobody copies it from the screen.
    history.replaceState(null, '', location.pathname + location.search);
    try {
      const enrolled = await api('/api/documents/kiosk/enrolment', { method: 'POST', body: { code } });
      localStorage.setItem(deviceKey, enrolled.token);
    } catch {
      enrolFailed = true;
    }
  }
  const token = localStorage.getItem(deviceKey);
  try {
    if (!token) throw Object.assign(new Error('no device token'), { status: 401 });
    await api('/api/documents/kiosk/device', { headers: { 'X-Kiosk-Device': token } });
    registered = true;
  } catch (error) {
    // Only a refusal means "not registered"; an outage is found out again when sending.
    registered = error.status !== 401;
  }
  if (!registered) { unregistered(enrolFailed); return; }
  go('concern');
  loadConcerns();
}

function touched() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (!registered) { touched(); return; }
    const fresh = !state.concern && !state.pages.length && !$('step-concern').hidden;
    const sending = $('send').disabled;
    if (!fresh && !sending) reset();
    touched();
  }, idleSeconds * 1000);
}

// ---- wiring
$('capture').addEventListener('click', capture);
// The kiosk lists what it took as pages: the picker's own line only says that nothing is waiting in it.
const sayPicked = filePicker($('pick'));
$('pick').addEventListener('change', async e => { await addFiles([...e.target.files]); e.target.value = ''; sayPicked(); });
$('to-review').addEventListener('click', () => {
  if (!state.pages.length) { $('page-count').textContent = t('kiosk.noPages'); return; }
  go('review');
});
for (const button of document.querySelectorAll('[data-go]')) button.addEventListener('click', () => go(button.dataset.go));
$('submit-form').addEventListener('submit', submit);
$('finish').addEventListener('click', reset);
for (const type of ['pointerdown', 'keydown', 'input', 'touchstart']) document.addEventListener(type, touched, { passive: true });
// A language chosen mid-way says everything shown again in it: the chosen concern, the camera's line, the pages, the
// receipt (they stayed in the language they were first said in).
document.addEventListener('languagechange', () => {
  renderConcerns();
  sayConcern();
  if (cameraSaid) sayCamera(cameraSaid);
  renderThumbs($('thumbs'), true);
  if (!$('step-review').hidden) renderThumbs($('review'), false);
  sayReceipt();
});
// The enrolment link may be typed into a kiosk page that is already open: only the fragment changes then.
window.addEventListener('hashchange', () => { if (fragmentToken('enrol')) checkDevice(); });

apply();
languageSwitch();
touched();
checkDevice();

register({
  de: { 'kiosk.department': 'Bearbeitet vom {name}. Ihre Unterlagen sind dort eingegangen.' },
  en: { 'kiosk.department': 'Handled by: {name}. Your documents have arrived there.' },
  fr: { 'kiosk.department': 'Traité par : {name}. Vos documents y sont arrivés.' },
  it: { 'kiosk.department': 'Gestito da: {name}. I vostri documenti sono arrivati lì.' },
  'de-x-ls': { 'kiosk.department': 'Diese Stelle bearbeitet Ihre Unterlagen: {name}.' },
});
