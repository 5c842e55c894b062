import { register, t, apply, languageSwitch } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors, whilePressed } from '/shared/api.js';
import { showProblem } from '/shared/problems.js';
import { me, renderNav, hasRole, staffPages } from '/shared/staff.js';

register({
  de: {
    'signin.title': 'Anmeldung für Mitarbeitende', 'signin.user': 'Benutzername',
    'signin.password': 'Passwort', 'signin.code': 'Code aus der Authenticator-App', 'signin.submit': 'Anmelden',
    'signin.failed': 'Benutzername oder Passwort ist falsch.', 'signin.locked': 'Zu viele Fehlversuche – das Konto ist vorübergehend gesperrt.',
    'signin.needCode': 'Bitte geben Sie den Code aus Ihrer Authenticator-App ein.', 'signin.busy': 'Bitte warten Sie einen Moment und versuchen Sie es erneut.',
    'home.title': 'Übersicht', 'home.greeting': 'Guten Tag, {name}.',
    'tile.appointments': 'Termine heute', 'tile.appointments.text': 'Fällige Termine öffnen und beraten.',
    'tile.queue': 'Live-Warteschlange', 'tile.queue.text': 'Nächste Person für Ihre Themen übernehmen.',
    'tile.inbox': 'Posteingang', 'tile.inbox.text': 'Eingereichte Dokumente Ihrer Abteilung.',
    'tile.dossiers': 'Dossiers', 'tile.dossiers.text': 'Eingereichte Formulare bearbeiten.',
    'tile.stats': 'Statistik', 'tile.stats.text': 'Wartezeiten, Bearbeitungszeiten, Bewertungen.',
    'tile.adminBooking': 'Angebot & Öffnungszeiten', 'tile.adminBooking.text': 'Abteilungen, Anliegen, Zeiten, Zuständigkeiten.',
    'tile.adminStaff': 'Mitarbeitende verwalten', 'tile.adminStaff.text': 'Konten, Rollen, Abteilungen und Themen.',
    'tile.adminKiosks': 'Scanner-Terminals', 'tile.adminKiosks.text': 'Terminals registrieren und widerrufen.',
    'tile.audit': 'Protokoll', 'tile.audit.text': 'Wer hat was geöffnet oder geändert.',
    'totp.title': 'Zweiter Faktor (TOTP)', 'totp.on': 'Der zweite Faktor ist eingeschaltet.', 'totp.offState': 'Der zweite Faktor ist ausgeschaltet.',
    'totp.scan': 'Scannen Sie den QR-Code mit Ihrer Authenticator-App und geben Sie den angezeigten Code ein.', 'totp.key': 'Schlüssel:',
    'totp.start': 'Zweiten Faktor einrichten', 'totp.confirm': 'Bestätigen', 'totp.off': 'Zweiten Faktor ausschalten', 'totp.qr': 'QR-Code für die Authenticator-App',
    'totp.offCode': 'Aktueller Code aus der Authenticator-App', 'totp.offConfirm': 'Mit diesem Code ausschalten',
  },
  en: {
    'signin.title': 'Staff sign-in', 'signin.user': 'User name', 'signin.password': 'Password',
    'signin.code': 'Code from your authenticator app', 'signin.submit': 'Sign in', 'signin.failed': 'The user name or password is wrong.',
    'signin.locked': 'Too many failed attempts – the account is locked for a while.', 'signin.needCode': 'Enter the code from your authenticator app.',
    'signin.busy': 'Please wait a moment and try again.',
    'home.title': 'Overview', 'home.greeting': 'Hello, {name}.',
    'tile.appointments': "Today's appointments", 'tile.appointments.text': 'Open due appointments and advise.',
    'tile.queue': 'Live queue', 'tile.queue.text': 'Take the next person for your topics.',
    'tile.inbox': 'Inbox', 'tile.inbox.text': "Documents handed in to your department.",
    'tile.dossiers': 'Dossiers', 'tile.dossiers.text': 'Work on submitted forms.',
    'tile.stats': 'Statistics', 'tile.stats.text': 'Waiting and handling times, ratings.',
    'tile.adminBooking': 'Services & opening hours', 'tile.adminBooking.text': 'Departments, concerns, hours, responsibilities.',
    'tile.adminStaff': 'Manage staff', 'tile.adminStaff.text': 'Accounts, roles, departments and topics.',
    'tile.adminKiosks': 'Scanner kiosks', 'tile.adminKiosks.text': 'Register and revoke kiosks.',
    'tile.audit': 'Access log', 'tile.audit.text': 'Who opened or changed what.',
    'totp.title': 'Second factor (TOTP)', 'totp.on': 'The second factor is on.', 'totp.offState': 'The second factor is off.',
    'totp.scan': 'Scan the QR code with your authenticator app and enter the code it shows.', 'totp.key': 'Key:',
    'totp.start': 'Set up a second factor', 'totp.confirm': 'Confirm', 'totp.off': 'Turn the second factor off', 'totp.qr': 'QR code for the authenticator app',
    'totp.offCode': 'Current code from the authenticator app', 'totp.offConfirm': 'Turn off with this code',
  },
  fr: {
    'signin.title': 'Connexion des collaborateurs',
    'signin.user': 'Nom d’utilisateur',
    'signin.password': 'Mot de passe',
    'signin.code': 'Code de l’application d’authentification',
    'signin.submit': 'Se connecter',
    'signin.failed': 'Le nom d’utilisateur ou le mot de passe est erroné.',
    'signin.locked': 'Trop de tentatives échouées – le compte est temporairement bloqué.',
    'signin.needCode': 'Veuillez saisir le code de votre application d’authentification.',
    'signin.busy': 'Veuillez patienter un instant et réessayer.',
    'home.title': 'Vue d’ensemble',
    'home.greeting': 'Bonjour {name}.',
    'tile.appointments': 'Rendez-vous du jour',
    'tile.appointments.text': 'Ouvrir les rendez-vous dus et conseiller.',
    'tile.queue': 'File d’attente en direct',
    'tile.queue.text': 'Prendre en charge la prochaine personne pour vos domaines.',
    'tile.inbox': 'Boîte de réception',
    'tile.inbox.text': 'Documents remis à votre service.',
    'tile.dossiers': 'Dossiers',
    'tile.dossiers.text': 'Traiter les formulaires déposés.',
    'tile.stats': 'Statistiques',
    'tile.stats.text': 'Temps d’attente, durées de traitement, évaluations.',
    'tile.adminBooking': 'Prestations et heures d’ouverture',
    'tile.adminBooking.text': 'Services, prestations, horaires, compétences.',
    'tile.adminStaff': 'Gérer les collaborateurs',
    'tile.adminStaff.text': 'Comptes, rôles, services et domaines.',
    'tile.audit': 'Journal',
    'tile.audit.text': 'Qui a ouvert ou modifié quoi.',
    'totp.title': 'Deuxième facteur (TOTP)',
    'totp.on': 'Le deuxième facteur est activé.',
    'totp.offState': 'Le deuxième facteur est désactivé.',
    'totp.scan': 'Scannez le code QR avec votre application d’authentification et saisissez le code affiché.',
    'totp.key': 'Clé :',
    'totp.start': 'Configurer un deuxième facteur',
    'totp.confirm': 'Confirmer',
    'totp.off': 'Désactiver le deuxième facteur',
    'totp.qr': 'Code QR pour l’application d’authentification',
    'totp.offCode': 'Code actuel de l’application d’authentification',
    'totp.offConfirm': 'Désactiver avec ce code',
    'tile.adminKiosks': 'Terminaux de numérisation', 'tile.adminKiosks.text': 'Enregistrer et révoquer des terminaux.',
  },
  it: {
    'signin.title': 'Accesso per i collaboratori',
    'signin.user': 'Nome utente',
    'signin.password': 'Password',
    'signin.code': 'Codice dell’app di autenticazione',
    'signin.submit': 'Accedere',
    'signin.failed': 'Il nome utente o la password sono errati.',
    'signin.locked': 'Troppi tentativi falliti: l’account è temporaneamente bloccato.',
    'signin.needCode': 'Inserite il codice della vostra app di autenticazione.',
    'signin.busy': 'Attendete un momento e riprovate.',
    'home.title': 'Panoramica',
    'home.greeting': 'Buongiorno {name}.',
    'tile.appointments': 'Appuntamenti di oggi',
    'tile.appointments.text': 'Aprire gli appuntamenti previsti e fornire consulenza.',
    'tile.queue': 'Coda in diretta',
    'tile.queue.text': 'Prendere in carico la prossima persona per i vostri temi.',
    'tile.inbox': 'Posta in arrivo',
    'tile.inbox.text': 'Documenti consegnati al vostro servizio.',
    'tile.dossiers': 'Incarti',
    'tile.dossiers.text': 'Trattare i moduli inoltrati.',
    'tile.stats': 'Statistiche',
    'tile.stats.text': 'Tempi di attesa, tempi di trattamento, valutazioni.',
    'tile.adminBooking': 'Servizi e orari di apertura',
    'tile.adminBooking.text': 'Servizi, prestazioni, orari, competenze.',
    'tile.adminStaff': 'Gestire i collaboratori',
    'tile.adminStaff.text': 'Account, ruoli, servizi e temi.',
    'tile.audit': 'Protocollo',
    'tile.audit.text': 'Chi ha aperto o modificato che cosa.',
    'totp.title': 'Secondo fattore (TOTP)',
    'totp.on': 'Il secondo fattore è attivato.',
    'totp.offState': 'Il secondo fattore è disattivato.',
    'totp.scan': 'Scansionate il codice QR con la vostra app di autenticazione e inserite il codice visualizzato.',
    'totp.key': 'Chiave:',
    'totp.start': 'Configurare un secondo fattore',
    'totp.confirm': 'Confermare',
    'totp.off': 'Disattivare il secondo fattore',
    'totp.qr': 'Codice QR per l’app di autenticazione',
    'totp.offCode': 'Codice attuale dell’app di autenticazione',
    'totp.offConfirm': 'Disattivare con questo codice',
    'tile.adminKiosks': 'Terminali di scansione', 'tile.adminKiosks.text': 'Registrare e revocare terminali.',
  },
});

// The same pages as the navigation (shared/staff.js), but the home page the tiles are on.
const tiles = staffPages.filter(([href]) => href !== '/agent/');

function showHome(staff) {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('home').hidden = false;
  // Signed in, the tab says "Overview", not "Staff sign-in" (and keeps saying it in another language).
  document.querySelector('title').dataset.i18nPage = 'home.title';
  apply();
  renderNav(staff);
  document.getElementById('greeting').textContent = t('home.greeting', { name: staff.name });
  const grid = document.getElementById('tiles');
  grid.replaceChildren();
  for (const [href, key, roles] of tiles) {
    if (!hasRole(staff, ...roles)) continue;
    const card = document.createElement('a');
    card.className = 'card';
    card.href = href;
    const title = document.createElement('strong');
    title.textContent = t(`tile.${key}`);
    const text = document.createElement('p');
    text.textContent = t(`tile.${key}.text`);
    card.append(title, text);
    card.dataset.tile = key;
    grid.append(card);
  }
  renderTotp(staff);
  if (hasRole(staff, 'clerk', 'supervisor')) showCounts();
}

// How many people wait for the clerk's topics and how many appointments are due, on the tiles, kept current.
let countsTimer = null;
async function showCounts() {
  const put = (key, text) => {
    const card = document.querySelector(`#tiles [data-tile="${key}"]`);
    if (!card) return;
    let badge = card.querySelector('.tile-count');
    if (!badge) {
      badge = Object.assign(document.createElement('span'), { className: 'badge tile-count' });
      card.querySelector('strong').after(' ', badge);
    }
    badge.textContent = text;
  };
  try {
    const queue = await api('/api/booking/queue');
    put('queue', t('tile.waiting', { n: queue.tickets.length }));
    put('appointments', t('tile.due', { n: queue.appointmentsDueNow }));
  } catch { /* the tiles stay without counts while booking does not answer */ }
  countsTimer ??= setInterval(() => { if (!document.getElementById('home').hidden) showCounts(); }, 15000);
}

register({
  de: { 'tile.waiting': '{n} warten', 'tile.due': '{n} fällig' },
  en: { 'tile.waiting': '{n} waiting', 'tile.due': '{n} due' },
  fr: { 'tile.waiting': '{n} en attente', 'tile.due': '{n} à traiter' },
  it: { 'tile.waiting': '{n} in attesa', 'tile.due': '{n} in scadenza' },
});

function renderTotp(staff) {
  document.getElementById('totp-state').textContent = t(staff.twoFactorEnabled ? 'totp.on' : 'totp.offState');
  document.getElementById('totp-start').hidden = staff.twoFactorEnabled;
  document.getElementById('totp-off').hidden = !staff.twoFactorEnabled;
  document.getElementById('totp-off-step').hidden = true;
  document.getElementById('totp-off-confirm').hidden = true;
}

async function signIn(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  const body = Object.fromEntries(new FormData(form));
  await whilePressed(form.querySelector('button[type=submit]'), async () => {
    try {
      const staff = await api('/api/auth/login', { method: 'POST', body });
      if (staff.mustChangePassword) { showForcedPasswordChange(); return; }
      const next = new URLSearchParams(location.search).get('next');
      if (next && next.startsWith('/agent/')) { location.href = next; return; }
      showHome(await me());
      // The form is gone with the focus in it: the overview's heading takes it, so a screen reader hears where it is.
      document.getElementById('home-title').focus();
    } catch (e) {
      if (!(e instanceof ApiError)) { error.textContent = t('common.error'); return; }
      if (e.problem.type === 'urn:municipal:totp-required') {
        document.getElementById('code-field').hidden = false;
        document.getElementById('code').focus();
        error.textContent = t('signin.needCode');
      } else if (e.status === 400) {
        showFieldErrors(form, e);
      } else {
        error.textContent = t(e.status === 423 ? 'signin.locked' : e.status === 429 ? 'signin.busy' : 'signin.failed');
        // The password, selected, to type it again.
        if (e.status === 401) { form.password.focus(); form.password.select(); }
      }
    }
  });
}

register({
  de: {
    'pw.title': 'Passwort ändern', 'pw.forcedTitle': 'Eigenes Passwort wählen',
    'pw.forcedText': 'Ihr Passwort hat die Administration vergeben. Bitte wählen Sie jetzt Ihr eigenes – erst danach geht es weiter.',
    'pw.current': 'Bisheriges Passwort', 'pw.new': 'Neues Passwort', 'pw.repeat': 'Neues Passwort wiederholen', 'pw.submit': 'Passwort ändern',
    'pw.rules': 'Mindestens 12 Zeichen, mit Gross- und Kleinbuchstaben, einer Ziffer und einem Sonderzeichen, und nicht leicht zu erraten (kein häufiges Passwort, kein Name, kein Wort mit Jahreszahl).',
    'pw.changed': 'Ihr Passwort ist geändert. Anmeldungen dieses Kontos auf anderen Geräten sind beendet.', 'pw.mismatchRepeat': 'Die beiden neuen Passwörter sind nicht gleich.',
  },
  en: {
    'pw.title': 'Change password', 'pw.forcedTitle': 'Choose your own password',
    'pw.forcedText': 'Your password was set by an administrator. Please choose your own now – only then can you go on.',
    'pw.current': 'Current password', 'pw.new': 'New password', 'pw.repeat': 'Repeat the new password', 'pw.submit': 'Change password',
    'pw.rules': 'At least 12 characters, with upper- and lower-case letters, a digit and a special character, and not easy to guess (no common password, no name, no word with a year).',
    'pw.changed': 'Your password has been changed. Sign-ins of this account on other devices have been ended.', 'pw.mismatchRepeat': 'The two new passwords are not the same.',
  },
  fr: {
    'pw.title': 'Changer le mot de passe', 'pw.forcedTitle': 'Choisir votre propre mot de passe',
    'pw.forcedText': 'Votre mot de passe a été attribué par l’administration. Veuillez maintenant choisir le vôtre – ce n’est qu’ensuite que vous pourrez continuer.',
    'pw.current': 'Mot de passe actuel', 'pw.new': 'Nouveau mot de passe', 'pw.repeat': 'Répéter le nouveau mot de passe', 'pw.submit': 'Changer le mot de passe',
    'pw.rules': 'Au moins 12 caractères, avec majuscules et minuscules, un chiffre et un caractère spécial, et pas facile à deviner (pas de mot de passe courant, de nom ni de mot suivi d’une année).',
    'pw.changed': 'Votre mot de passe a été changé. Les connexions de ce compte sur d’autres appareils ont été fermées.', 'pw.mismatchRepeat': 'Les deux nouveaux mots de passe ne sont pas identiques.',
  },
  it: {
    'pw.title': 'Cambiare la password', 'pw.forcedTitle': 'Scegliere la propria password',
    'pw.forcedText': 'La vostra password è stata assegnata dall’amministrazione. Sceglietene ora una vostra: solo dopo potrete proseguire.',
    'pw.current': 'Password attuale', 'pw.new': 'Nuova password', 'pw.repeat': 'Ripetere la nuova password', 'pw.submit': 'Cambiare la password',
    'pw.rules': 'Almeno 12 caratteri, con lettere maiuscole e minuscole, una cifra e un carattere speciale, e non facile da indovinare (nessuna password comune, nessun nome, nessuna parola con un anno).',
    'pw.changed': 'La vostra password è stata cambiata. Gli accessi di questo account su altri dispositivi sono stati chiusi.', 'pw.mismatchRepeat': 'Le due nuove password non coincidono.',
  },
});

// An admin-set password: the change is all the page offers (the gateway refuses everything else until then).
let forced = false;
function showForcedPasswordChange() {
  forced = true;
  document.getElementById('sign-in').hidden = true;
  document.getElementById('home').hidden = true;
  const form = document.getElementById('password-form');
  form.setAttribute('aria-labelledby', 'password-forced-title');
  document.getElementById('password-forced-slot').append(form);
  document.getElementById('password-forced').hidden = false;
  document.getElementById('currentPassword').focus();
}

async function changePassword(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const status = document.getElementById('password-status');
  status.textContent = '';
  status.className = '';
  const body = { currentPassword: form.currentPassword.value, newPassword: form.newPassword.value };
  if (form.repeatPassword.value !== body.newPassword) {
    showFieldErrors(form, { errors: { repeatPassword: [t('pw.mismatchRepeat')] } });
    form.repeatPassword.focus();
    return;
  }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await api('/api/auth/password', { method: 'POST', body });
    showFieldErrors(form, {});
    form.reset();
    if (forced) {
      const next = new URLSearchParams(location.search).get('next');
      if (next && next.startsWith('/agent/')) { location.href = next; return; }
      location.reload();
      return;
    }
    status.className = 'ok';
    status.textContent = t('pw.changed');
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      // Every broken rule by its code in the page's language (shared/problems-staff.js), else the service's words.
      showFieldErrors(form, e);
      form.querySelector('[aria-invalid=true]')?.focus();
    } else {
      status.className = 'error';
      status.textContent = t('common.error');
    }
  } finally {
    button.disabled = false;
  }
}

async function startTotp() {
  const setup = await api('/api/auth/totp');
  const box = document.getElementById('totp-qr');
  const img = document.createElement('img');
  img.src = `data:image/svg+xml;base64,${btoa(setup.qrSvg)}`;
  img.alt = t('totp.qr');
  img.width = 180;
  img.height = 180;
  box.replaceChildren(img);
  document.getElementById('totp-key').textContent = setup.key;
  document.getElementById('totp-setup').hidden = false;
  document.getElementById('totp-confirm').hidden = false;
  document.getElementById('totp-code').focus();
}

async function confirmTotp() {
  const error = document.getElementById('totp-error');
  error.textContent = '';
  try {
    await api('/api/auth/totp', { method: 'POST', body: { code: document.getElementById('totp-code').value } });
    document.getElementById('totp-setup').hidden = true;
    document.getElementById('totp-confirm').hidden = true;
    const staff = await api('/api/auth/me');
    renderTotp(staff);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) showProblem(error, e); else error.textContent = t('common.error');
  }
}

// Turning the second factor off takes a current code from the app (the gateway refuses it without one).
function askTotpOffCode() {
  document.getElementById('totp-off').hidden = true;
  document.getElementById('totp-off-step').hidden = false;
  document.getElementById('totp-off-confirm').hidden = false;
  document.getElementById('totp-off-code').focus();
}

async function disableTotp() {
  const error = document.getElementById('totp-off-error');
  const input = document.getElementById('totp-off-code');
  error.textContent = '';
  await whilePressed(document.getElementById('totp-off-confirm'), async () => {
    try {
      await api('/api/auth/totp', { method: 'DELETE', body: { code: input.value } });
      input.value = '';
      renderTotp(await api('/api/auth/me'));
      document.getElementById('totp-start').focus();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) showProblem(error, e); else error.textContent = t('common.error');
      input.focus();
      input.select();
    }
  });
}

apply();
languageSwitch();
document.getElementById('sign-in-form').addEventListener('submit', signIn);
document.getElementById('totp-start').addEventListener('click', startTotp);
document.getElementById('totp-confirm').addEventListener('click', confirmTotp);
document.getElementById('totp-off').addEventListener('click', askTotpOffCode);
document.getElementById('totp-off-confirm').addEventListener('click', disableTotp);
document.getElementById('totp-off-code').addEventListener('keydown', event => { if (event.key === 'Enter') disableTotp(); });
document.getElementById('password-form').addEventListener('submit', changePassword);
const staff = await me();
if (staff?.mustChangePassword) showForcedPasswordChange();
else if (staff) showHome(staff);
else { document.getElementById('sign-in').hidden = false; document.getElementById('userName').focus(); }
document.addEventListener('languagechange', async () => { if (!forced) { const s = await me(); if (s) showHome(s); } });
