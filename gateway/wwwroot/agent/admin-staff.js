import { register, t, languageSwitch, pick } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors, whilePressed } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';

register({
  de: {
    'staff.title': 'Mitarbeitende verwalten', 'staff.name': 'Name', 'staff.user': 'Benutzername',
    'staff.email': 'E-Mail', 'staff.roles': 'Rollen', 'staff.departments': 'Abteilungen', 'staff.state': 'Status', 'staff.actions': 'Aktionen',
    'staff.new': 'Neues Konto', 'staff.edit': 'Konto bearbeiten: {name}', 'staff.save': 'Speichern', 'staff.cancel': 'Neu beginnen',
    'staff.departmentsHint': 'Abteilungen (Kürzel, durch Komma getrennt)', 'staff.skillsHint': 'Themen (Anliegen-Kürzel, durch Komma getrennt)',
    'staff.tempPassword': 'Vorläufiges Passwort (wird nur einmal angezeigt):', 'staff.active': 'aktiv', 'staff.disabled': 'gesperrt',
    'staff.locked': 'nach Fehlversuchen gesperrt', 'staff.2fa': '2FA', 'staff.doEdit': 'Bearbeiten', 'staff.doDisable': 'Sperren',
    'staff.doEnable': 'Entsperren', 'staff.doReset': 'Passwort zurücksetzen', 'staff.doReset2fa': '2FA zurücksetzen', 'staff.saved': 'Gespeichert.', 'staff.saving': 'Wird gespeichert …',
    'role.clerk': 'Sachbearbeitung', 'role.supervisor': 'Leitung', 'role.admin': 'Administration',
  },
  en: {
    'staff.title': 'Manage staff', 'staff.name': 'Name', 'staff.user': 'User name', 'staff.email': 'E-mail',
    'staff.roles': 'Roles', 'staff.departments': 'Departments', 'staff.state': 'State', 'staff.actions': 'Actions', 'staff.new': 'New account',
    'staff.edit': 'Edit account: {name}', 'staff.save': 'Save', 'staff.cancel': 'Start over',
    'staff.departmentsHint': 'Departments (keys, comma-separated)', 'staff.skillsHint': 'Topics (concern keys, comma-separated)',
    'staff.tempPassword': 'Temporary password (shown once only):', 'staff.active': 'active', 'staff.disabled': 'disabled',
    'staff.locked': 'locked after failed attempts', 'staff.2fa': '2FA', 'staff.doEdit': 'Edit', 'staff.doDisable': 'Disable',
    'staff.doEnable': 'Enable', 'staff.doReset': 'Reset password', 'staff.doReset2fa': 'Reset 2FA', 'staff.saved': 'Saved.', 'staff.saving': 'Saving …',
    'role.clerk': 'Clerk', 'role.supervisor': 'Supervisor', 'role.admin': 'Administrator',
  },
  fr: {
    'staff.title': 'Gérer les collaborateurs',
    'staff.name': 'Nom',
    'staff.user': 'Nom d’utilisateur',
    'staff.email': 'E-mail',
    'staff.roles': 'Rôles',
    'staff.departments': 'Services',
    'staff.state': 'Statut',
    'staff.actions': 'Actions',
    'staff.new': 'Nouveau compte',
    'staff.edit': 'Modifier le compte : {name}',
    'staff.save': 'Enregistrer',
    'staff.cancel': 'Recommencer',
    'staff.departmentsHint': 'Services (codes séparés par des virgules)',
    'staff.skillsHint': 'Domaines (codes des démarches, séparés par des virgules)',
    'staff.tempPassword': 'Mot de passe provisoire (affiché une seule fois) :',
    'staff.active': 'actif',
    'staff.disabled': 'bloqué',
    'staff.locked': 'bloqué après des tentatives échouées',
    'staff.2fa': '2FA',
    'staff.doEdit': 'Modifier',
    'staff.doDisable': 'Bloquer',
    'staff.doEnable': 'Débloquer',
    'staff.doReset': 'Réinitialiser le mot de passe',
    'staff.doReset2fa': 'Réinitialiser la 2FA',
    'staff.saved': 'Enregistré.',
    'staff.saving': 'Enregistrement …',
    'role.clerk': 'Collaborateur·rice',
    'role.supervisor': 'Direction',
    'role.admin': 'Administration',
  },
  it: {
    'staff.title': 'Gestire i collaboratori',
    'staff.name': 'Nome',
    'staff.user': 'Nome utente',
    'staff.email': 'E-mail',
    'staff.roles': 'Ruoli',
    'staff.departments': 'Servizi',
    'staff.state': 'Stato',
    'staff.actions': 'Azioni',
    'staff.new': 'Nuovo account',
    'staff.edit': 'Modificare l’account: {name}',
    'staff.save': 'Salvare',
    'staff.cancel': 'Ricominciare',
    'staff.departmentsHint': 'Servizi (sigle separate da virgole)',
    'staff.skillsHint': 'Temi (sigle delle pratiche, separate da virgole)',
    'staff.tempPassword': 'Password provvisoria (mostrata una sola volta):',
    'staff.active': 'attivo',
    'staff.disabled': 'bloccato',
    'staff.locked': 'bloccato dopo tentativi falliti',
    'staff.2fa': '2FA',
    'staff.doEdit': 'Modificare',
    'staff.doDisable': 'Bloccare',
    'staff.doEnable': 'Sbloccare',
    'staff.doReset': 'Reimpostare la password',
    'staff.doReset2fa': 'Reimpostare la 2FA',
    'staff.saved': 'Salvato.',
    'staff.saving': 'Salvataggio …',
    'role.clerk': 'Addetto/a',
    'role.supervisor': 'Direzione',
    'role.admin': 'Amministrazione',
  },
});

// Each row's buttons name their account (a screen reader tabbing through hears whom "Lock" is for), and each action
// says what it did.
register({
  de: {
    'staff.actionFor': '{action}: {name}',
    'staff.did.disable': 'Konto {name} gesperrt.', 'staff.did.enable': 'Konto {name} entsperrt.',
    'staff.did.reset-password': 'Passwort von {name} zurückgesetzt.', 'staff.did.reset-two-factor': '2FA von {name} zurückgesetzt.',
  },
  en: {
    'staff.actionFor': '{action}: {name}',
    'staff.did.disable': 'Account {name} disabled.', 'staff.did.enable': 'Account {name} enabled.',
    'staff.did.reset-password': 'Password of {name} reset.', 'staff.did.reset-two-factor': '2FA of {name} reset.',
  },
  fr: {
    'staff.actionFor': '{action} : {name}',
    'staff.did.disable': 'Compte {name} bloqué.', 'staff.did.enable': 'Compte {name} débloqué.',
    'staff.did.reset-password': 'Mot de passe de {name} réinitialisé.', 'staff.did.reset-two-factor': '2FA de {name} réinitialisée.',
  },
  it: {
    'staff.actionFor': '{action}: {name}',
    'staff.did.disable': 'Account {name} bloccato.', 'staff.did.enable': 'Account {name} sbloccato.',
    'staff.did.reset-password': 'Password di {name} reimpostata.', 'staff.did.reset-two-factor': '2FA di {name} reimpostata.',
  },
});

// The codes the two fields take, from booking: an admin setting up a clerk had nothing on this page that said them
// (a department made a moment ago on "Offer and hours" had to be remembered by its code).
register({
  de: {
    'staff.knownDepartments': 'Abteilungen: {list}.', 'staff.knownConcerns': 'Anliegen dieser Abteilungen: {list}.',
    'staff.knownConcernsFirst': 'Die Anliegen erscheinen hier, sobald oben eine Abteilung steht.',
  },
  en: {
    'staff.knownDepartments': 'Departments: {list}.', 'staff.knownConcerns': 'Concerns of these departments: {list}.',
    'staff.knownConcernsFirst': 'The concerns appear here once a department is entered above.',
  },
  fr: {
    'staff.knownDepartments': 'Services\u00a0: {list}.', 'staff.knownConcerns': 'Démarches de ces services\u00a0: {list}.',
    'staff.knownConcernsFirst': 'Les démarches s’affichent ici dès qu’un service est indiqué ci-dessus.',
  },
  it: {
    'staff.knownDepartments': 'Servizi: {list}.', 'staff.knownConcerns': 'Pratiche di questi servizi: {list}.',
    'staff.knownConcernsFirst': 'Le pratiche compaiono qui non appena sopra è indicato un servizio.',
  },
});

const list = s => s.split(',').map(x => x.trim()).filter(Boolean);
// Booking's departments with their concerns; null while unknown or when booking did not answer (the hints stay empty).
let catalogue = null;

function showKnown() {
  const form = document.getElementById('editor');
  const departments = document.getElementById('f-departments-known');
  const skills = document.getElementById('f-skills-known');
  if (!catalogue) { departments.textContent = ''; skills.textContent = ''; return; }
  const named = items => items.map(x => `${x.key} (${pick(x.name)})`).join(', ');
  departments.textContent = t('staff.knownDepartments', { list: named(catalogue) });
  const chosen = list(form.departments.value);
  const concerns = catalogue.filter(d => chosen.includes(d.key)).flatMap(d => d.concerns);
  skills.textContent = concerns.length ? t('staff.knownConcerns', { list: named(concerns) }) : t('staff.knownConcernsFirst');
}

async function loadCatalogue() {
  try { catalogue = await api('/api/booking/admin/departments'); } catch { catalogue = null; }
  showKnown();
}
let accounts = [];

function button(label, account, kind, handler, cls = 'secondary') {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.textContent = label;
  b.setAttribute('aria-label', t('staff.actionFor', { action: label, name: account.displayName }));
  b.dataset.action = kind;
  b.addEventListener('click', () => handler(b));
  return b;
}

function render() {
  const body = document.getElementById('accounts');
  body.replaceChildren();
  for (const a of accounts) {
    const tr = document.createElement('tr');
    tr.dataset.account = a.id;
    const state = [a.disabled ? t('staff.disabled') : t('staff.active')];
    if (a.lockedOut && !a.disabled) state.push(t('staff.locked'));
    if (a.twoFactorEnabled) state.push(t('staff.2fa'));
    // Roles and states break between words only: beside the row's buttons at 1024 px, "Collaborateur·rice" read
    // "Collaborateu / r·rice". Names, user names and department keys may break anywhere (a long name typed as one word
    // made the table wider than its box on a phone: BackOfficeTests).
    for (const [text, words] of [[a.displayName, false], [a.userName, false], [a.roles.map(r => t(`role.${r}`)).join(', '), true],
      [a.departments.join(', '), false], [state.join(', '), true]]) {
      const td = document.createElement('td');
      td.textContent = text;
      if (words) td.className = 'words';
      tr.append(td);
    }
    const actions = document.createElement('td');
    actions.className = 'row';
    actions.append(
      button(t('staff.doEdit'), a, 'edit', () => edit(a)),
      button(t(a.disabled ? 'staff.doEnable' : 'staff.doDisable'), a, 'lock', b => act(b, a, a.disabled ? 'enable' : 'disable')),
      button(t('staff.doReset'), a, 'reset-password', b => act(b, a, 'reset-password')),
      button(t('staff.doReset2fa'), a, 'reset-two-factor', b => act(b, a, 'reset-two-factor')));
    tr.append(actions);
    body.append(tr);
  }
}

function edit(a) {
  const form = document.getElementById('editor');
  form.accountId.value = a.id;
  form.userName.value = a.userName;
  form.userName.disabled = true;
  form.displayName.value = a.displayName;
  form.email.value = a.email || '';
  for (const box of form.querySelectorAll('[name=roles]')) box.checked = a.roles.includes(box.value);
  form.departments.value = a.departments.join(', ');
  form.skills.value = a.skills.join(', ');
  showKnown();
  document.getElementById('editor-title').textContent = t('staff.edit', { name: a.displayName });
  form.displayName.focus();
}

async function act(pressed, a, action) {
  const status = document.getElementById('status');
  await whilePressed(pressed, async () => {
    try {
      const result = await api(`/api/staff/${a.id}/${action}`, { method: 'POST' });
      if (result?.temporaryPassword) showSecret(result.temporaryPassword);
      status.textContent = t(`staff.did.${action}`, { name: a.displayName });
      await load();
    } catch (e) {
      status.textContent = (e instanceof ApiError && e.message) || t('common.error');
    }
    // The table was drawn anew: the same row's button (now "Enable" after "Disable") takes the focus back.
    document.querySelector(`#accounts tr[data-account="${CSS.escape(a.id)}"] button[data-action="${pressed.dataset.action}"]`)?.focus();
  });
}

function showSecret(value) {
  document.getElementById('secret-value').textContent = value;
  document.getElementById('secret').hidden = false;
}

async function save(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const body = {
    userName: form.userName.value, displayName: form.displayName.value, email: form.email.value,
    roles: [...form.querySelectorAll('[name=roles]:checked')].map(b => b.value),
    departments: list(form.departments.value), skills: list(form.skills.value),
  };
  document.getElementById('editor-error').textContent = '';
  // Creating an account hashes a password and writes several rows: say so, and take no second click meanwhile.
  const submit = form.querySelector('[type=submit]');
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  document.getElementById('status').textContent = t('staff.saving');
  try {
    showFieldErrors(form, {});
    if (form.accountId.value) await api(`/api/staff/${form.accountId.value}`, { method: 'PUT', body });
    else showSecret((await api('/api/staff', { method: 'POST', body })).temporaryPassword);
    form.reset();
    document.getElementById('status').textContent = t('staff.saved');
    await load();
  } catch (e) {
    document.getElementById('status').textContent = '';
    if (e instanceof ApiError && e.status === 400) {
      showFieldErrors(form, e);
      form.querySelector('[aria-invalid=true]')?.focus();
    } else {
      // E.g. booking could not confirm the departments just now: its words say to save again.
      document.getElementById('editor-error').textContent = (e instanceof ApiError && (e.problem.code || e.problem.detail) && e.message) || t('common.error');
    }
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

async function load() {
  accounts = await api('/api/staff');
  render();
}

languageSwitch();
await staffPage();
document.getElementById('editor').addEventListener('submit', save);
document.getElementById('editor').addEventListener('reset', () => {
  const form = document.getElementById('editor');
  form.accountId.value = '';
  form.userName.disabled = false;
  document.getElementById('editor-title').textContent = t('staff.new');
  // The reset empties the fields after this event: the hints follow once it has.
  setTimeout(showKnown);
});
document.getElementById('f-departments').addEventListener('input', showKnown);
document.addEventListener('languagechange', () => { render(); showKnown(); });
await Promise.all([load(), loadCatalogue()]);
