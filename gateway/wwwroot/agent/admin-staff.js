import { register, t, languageSwitch, pick } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors, whilePressed } from '/shared/api.js';
import { clearResult, sayFailed, sayProgress, sayRefused, saySaved } from '/shared/form-result.js';
import { staffPage } from '/shared/staff.js';

register({
  de: {
    'staff.title': 'Mitarbeitende verwalten', 'staff.name': 'Name', 'staff.user': 'Benutzername',
    'staff.email': 'E-Mail', 'staff.roles': 'Rollen', 'staff.departments': 'Abteilungen', 'staff.state': 'Status', 'staff.actions': 'Aktionen',
    'staff.new': 'Neues Konto', 'staff.edit': 'Konto bearbeiten: {name}', 'staff.save': 'Speichern', 'staff.cancel': 'Neu beginnen',
    'staff.skills': 'Themen (Anliegen)',
    'staff.tempPassword': 'Vorläufiges Passwort (wird nur einmal angezeigt):', 'staff.active': 'aktiv', 'staff.disabled': 'gesperrt',
    'staff.locked': 'nach Fehlversuchen gesperrt', 'staff.2fa': '2FA', 'staff.doEdit': 'Bearbeiten', 'staff.doDisable': 'Sperren',
    'staff.doEnable': 'Entsperren', 'staff.doReset': 'Passwort zurücksetzen', 'staff.doReset2fa': '2FA zurücksetzen', 'staff.ownAdmin': 'Die eigene Administration und das eigene Konto kann nur eine andere Person mit Administration entziehen oder sperren.', 'staff.saved': 'Gespeichert.', 'staff.saving': 'Wird gespeichert …',
    'role.clerk': 'Sachbearbeitung', 'role.supervisor': 'Leitung', 'role.admin': 'Administration',
  },
  en: {
    'staff.title': 'Manage staff', 'staff.name': 'Name', 'staff.user': 'User name', 'staff.email': 'E-mail',
    'staff.roles': 'Roles', 'staff.departments': 'Departments', 'staff.state': 'State', 'staff.actions': 'Actions', 'staff.new': 'New account',
    'staff.edit': 'Edit account: {name}', 'staff.save': 'Save', 'staff.cancel': 'Start over',
    'staff.skills': 'Topics (concerns)',
    'staff.tempPassword': 'Temporary password (shown once only):', 'staff.active': 'active', 'staff.disabled': 'disabled',
    'staff.locked': 'locked after failed attempts', 'staff.2fa': '2FA', 'staff.doEdit': 'Edit', 'staff.doDisable': 'Disable',
    'staff.doEnable': 'Enable', 'staff.doReset': 'Reset password', 'staff.doReset2fa': 'Reset 2FA', 'staff.ownAdmin': 'Only another administrator can take your own administration role away or disable your own account.', 'staff.saved': 'Saved.', 'staff.saving': 'Saving …',
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
    'staff.skills': 'Domaines (démarches)',
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
    'staff.ownAdmin': 'Seule une autre personne chargée de l’administration peut vous retirer ce rôle ou bloquer votre compte.',
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
    'staff.skills': 'Temi (pratiche)',
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
    'staff.ownAdmin': 'Solo un’altra persona con il ruolo di amministrazione può togliervi questo ruolo o bloccare il vostro account.',
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

// A clerk's departments and concerns are ticked by name, from booking's catalogue (they were typed as codes, the codes
// listed below the fields). A code the account has that booking no longer offers under a ticked department stays
// shown, ticked, until the admin unticks it: saved silently without it, the clerk would lose it unasked.
register({
  de: {
    'staff.concernsFirst': 'Die Anliegen erscheinen hier, sobald oben eine Abteilung angekreuzt ist.',
    'staff.catalogueUnavailable': 'Die Abteilungen und Anliegen sind gerade nicht abrufbar; bitte die Seite gleich neu laden.',
    'staff.unknownCode': '{code}: nicht mehr im Angebot', 'staff.notOffered': '{name} (nicht angeboten)',
    'staff.otherConcerns': 'Anliegen ausserhalb der angekreuzten Abteilungen',
    'staff.otherConcernsHint': 'Das Konto hat sie noch. Abwählen und speichern, um sie zu entfernen.',
  },
  en: {
    'staff.concernsFirst': 'The concerns appear here once a department is ticked above.',
    'staff.catalogueUnavailable': 'Departments and concerns cannot be loaded just now; please reload the page in a moment.',
    'staff.unknownCode': '{code}: no longer offered', 'staff.notOffered': '{name} (not offered)',
    'staff.otherConcerns': 'Concerns outside the ticked departments',
    'staff.otherConcernsHint': 'The account still has them. Untick and save to remove them.',
  },
  fr: {
    'staff.concernsFirst': 'Les démarches s’affichent ici dès qu’un service est coché ci-dessus.',
    'staff.catalogueUnavailable': 'Les services et les démarches ne peuvent pas être chargés pour le moment\u00a0; veuillez recharger la page dans un instant.',
    'staff.unknownCode': '{code}\u00a0: n’est plus proposé', 'staff.notOffered': '{name} (non proposée)',
    'staff.otherConcerns': 'Démarches hors des services cochés',
    'staff.otherConcernsHint': 'Le compte les a encore. Décocher et enregistrer pour les retirer.',
  },
  it: {
    'staff.concernsFirst': 'Le pratiche compaiono qui non appena sopra è selezionato un servizio.',
    'staff.catalogueUnavailable': 'Al momento i servizi e le pratiche non si possono caricare; ricaricare la pagina tra poco.',
    'staff.unknownCode': '{code}: non più offerto', 'staff.notOffered': '{name} (non offerta)',
    'staff.otherConcerns': 'Pratiche al di fuori dei servizi selezionati',
    'staff.otherConcernsHint': 'L’account le ha ancora. Deselezionarle e salvare per toglierle.',
  },
});

// Booking's departments with their concerns; null while unknown or when booking did not answer.
let catalogue = null;
// What the editor has ticked, and the account's codes shown whatever is ticked (those booking does not offer under the
// ticked departments): the boxes are drawn anew for each department ticked and in each language, the choice stays.
const chosen = { departments: new Set(), skills: new Set() };
const kept = { departments: new Set(), skills: new Set() };

const departmentOf = key => catalogue?.find(d => d.key === key);
const concernOf = key => catalogue?.flatMap(d => d.concerns).find(c => c.key === key);
// Two departments of one name in the admin's language are told apart by their keys ("Testschalter (e2e-desk)").
const departmentName = key => {
  const name = pick(departmentOf(key)?.name);
  if (!name) return key;
  return catalogue.filter(d => pick(d.name) === name).length > 1 ? `${name} (${key})` : name;
};

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function box(name, value, text) {
  const input = element('input', { type: 'checkbox', name, value, checked: chosen[name].has(value) });
  return element('label', {}, input, element('span', { textContent: text }));
}

function note(id, key) {
  const p = document.getElementById(id);
  p.textContent = key ? t(key) : '';
  p.hidden = !key;
}

function drawDepartments() {
  const boxes = (catalogue ?? []).map(d => box('departments', d.key, departmentName(d.key)));
  for (const code of new Set([...kept.departments, ...chosen.departments])) {
    if (!departmentOf(code)) boxes.push(box('departments', code, catalogue ? t('staff.unknownCode', { code }) : code));
  }
  document.getElementById('department-boxes').replaceChildren(...boxes);
  note('f-departments-note', catalogue ? null : 'staff.catalogueUnavailable');
}

function drawSkills() {
  const ticked = (catalogue ?? []).filter(d => chosen.departments.has(d.key));
  const groups = ticked.map(d => element('fieldset', {}, element('legend', { textContent: departmentName(d.key) }),
    element('div', { className: 'choices' }, ...d.concerns.map(c =>
      box('skills', c.key, c.active === false ? t('staff.notOffered', { name: pick(c.name) }) : pick(c.name))))));
  const offered = new Set(ticked.flatMap(d => d.concerns.map(c => c.key)));
  const others = [...new Set([...kept.skills, ...chosen.skills])].filter(code => !offered.has(code));
  if (others.length) {
    const label = code => {
      const concern = concernOf(code);
      return concern ? `${pick(concern.name)} (${departmentName(concern.departmentKey)})` : catalogue ? t('staff.unknownCode', { code }) : code;
    };
    const boxes = element('div', { className: 'choices' }, ...others.map(code => box('skills', code, label(code))));
    groups.push(catalogue
      ? element('fieldset', {}, element('legend', { textContent: t('staff.otherConcerns') }),
        element('p', { className: 'hint', textContent: t('staff.otherConcernsHint') }), boxes)
      : boxes);
  }
  document.getElementById('skill-boxes').replaceChildren(...groups);
  note('f-skills-note', catalogue && ticked.length === 0 ? 'staff.concernsFirst' : null);
}

/** Draws the boxes anew, the focus kept on the box it was on (a language switch redraws them all). */
function drawChoices() {
  const focused = document.activeElement?.closest?.('#editor input[type=checkbox]:not([name=roles])');
  drawDepartments();
  drawSkills();
  if (focused) document.querySelector(`#editor input[name="${focused.name}"][value="${CSS.escape(focused.value)}"]`)?.focus();
}

function choose(account) {
  for (const name of ['departments', 'skills']) {
    chosen[name] = new Set(account?.[name] ?? []);
    kept[name] = new Set(chosen[name]);
  }
  // Only what booking would not offer under the ticked departments is kept in sight whatever is ticked.
  for (const code of kept.departments) if (departmentOf(code)) kept.departments.delete(code);
  for (const code of kept.skills) if (chosen.departments.has(concernOf(code)?.departmentKey)) kept.skills.delete(code);
  drawChoices();
}

function tick(input) {
  chosen[input.name][input.checked ? 'add' : 'delete'](input.value);
  if (input.name !== 'departments') return;
  // A department unticked takes its concerns with it (the server refuses a concern of no department of the account).
  if (!input.checked) for (const c of departmentOf(input.value)?.concerns ?? []) chosen.skills.delete(c.key);
  drawSkills();
}

async function loadCatalogue() {
  try { catalogue = await api('/api/booking/admin/departments'); } catch { catalogue = null; }
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
    // Roles, departments and states break between words only: beside the row's buttons at 1024 px, "Collaborateur·rice"
    // read "Collaborateu / r·rice". Names and user names may break anywhere (a long name typed as one word made the table
    // wider than its box on a phone: BackOfficeTests). Departments by the names the admin gave them, not their keys.
    for (const [text, words] of [[a.displayName, false], [a.userName, false], [a.roles.map(r => t(`role.${r}`)).join(', '), true],
      [a.departments.map(departmentName).join(', '), true], [state.join(', '), true]]) {
      const td = document.createElement('td');
      td.textContent = text;
      if (words) td.className = 'words';
      tr.append(td);
    }
    const actions = document.createElement('td');
    actions.className = 'row';
    actions.append(...[
      button(t('staff.doEdit'), a, 'edit', () => edit(a)),
      // One's own account is not disabled from here (the server refuses it, 409 own-admin-access): another admin does it.
      a.id === signedIn?.id && !a.disabled ? null : button(t(a.disabled ? 'staff.doEnable' : 'staff.doDisable'), a, 'lock', b => act(b, a, a.disabled ? 'enable' : 'disable')),
      // Nor are its password and second factor reset (409 own-account-reset): she changes them on her overview.
      a.id === signedIn?.id ? null : button(t('staff.doReset'), a, 'reset-password', b => act(b, a, 'reset-password')),
      a.id === signedIn?.id ? null : button(t('staff.doReset2fa'), a, 'reset-two-factor', b => act(b, a, 'reset-two-factor'))].filter(Boolean));
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
  ownAdmin(a.id === signedIn?.id && a.roles.includes('admin'));
  clearResult(form);
  choose(a);
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
    departments: [...chosen.departments], skills: [...chosen.skills],
  };
  // Creating an account hashes a password and writes several rows: say so, and take no second click meanwhile.
  const submit = form.querySelector('[type=submit]');
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  sayProgress(form, 'staff.saving');
  try {
    showFieldErrors(form, {});
    if (form.accountId.value) await api(`/api/staff/${form.accountId.value}`, { method: 'PUT', body });
    else showSecret((await api('/api/staff', { method: 'POST', body })).temporaryPassword);
    form.reset();
    await load();
    saySaved(form, 'staff.saved');
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      showFieldErrors(form, e);
      sayRefused(form, e.message);
    } else {
      // E.g. booking could not confirm the departments just now: its words say to save again.
      sayFailed(form, (e instanceof ApiError && (e.problem.code || e.problem.detail) && e.message) || t('common.error'));
    }
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
    // The disabled button lost the focus to the page's start: back to it, unless a refused field has it.
    if (document.activeElement === document.body) submit.focus();
  }
}

async function load() {
  accounts = await api('/api/staff');
  render();
}

/** On the admin's own account her admin role stays ticked, and a hint says who may take it away. */
function ownAdmin(own) {
  const box = document.querySelector('#editor [name=roles][value=admin]');
  box.disabled = own;
  const hint = document.getElementById('f-roles-own');
  hint.hidden = !own;
  if (own) box.setAttribute('aria-describedby', hint.id); else box.removeAttribute('aria-describedby');
}

languageSwitch();
const signedIn = await staffPage();
const editor = document.getElementById('editor');
editor.addEventListener('submit', save);
editor.addEventListener('reset', () => {
  editor.accountId.value = '';
  editor.userName.disabled = false;
  ownAdmin(false);
  document.getElementById('editor-title').textContent = t('staff.new');
  showFieldErrors(editor, {});
  clearResult(editor);
  choose(null);
});
editor.addEventListener('change', event => {
  if (event.target.matches('input[name=departments], input[name=skills]')) tick(event.target);
});
document.addEventListener('languagechange', () => { render(); drawChoices(); });
// The table names departments from the catalogue, and an account is edited with it: both first.
[accounts] = await Promise.all([api('/api/staff'), loadCatalogue()]);
render();
choose(null);
