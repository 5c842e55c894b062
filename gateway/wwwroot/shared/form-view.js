// Renders a form definition (sections, fields, groups) with labels, help and errors in the page's language (each
// text of a definition is written in all five, 'de-x-ls' included; one missing reads the German), and runs the same
// rules as the server (rules.js) live. It knows nothing of drafts or the network: callers
// get onInput/onFocus/onBlur and set values, remote markers and pointers through the returned controller.
import { validate, visibility, holdsFor, today } from '/shared/rules.js';
import { register, t, language } from '/shared/i18n.js';
import { cityTimeZone } from '/shared/dates.js';

register({
  de: { 'fv.required': 'Pflichtfeld', 'fv.choose': 'Bitte wählen', 'fv.editing.clerk': 'Die Sachbearbeitung schreibt hier …', 'fv.editing.resident': 'Die Einwohnerin / der Einwohner schreibt hier …', 'fv.pointed': 'Die Sachbearbeitung zeigt auf dieses Feld.' },
  en: { 'fv.required': 'required', 'fv.choose': 'Please choose', 'fv.editing.clerk': 'The clerk is typing here …', 'fv.editing.resident': 'The resident is typing here …', 'fv.pointed': 'The clerk is pointing at this field.' },
  fr: {
    'fv.required': 'obligatoire',
    'fv.choose': 'Veuillez choisir',
    'fv.editing.clerk': 'La personne qui traite votre dossier écrit ici …',
    'fv.editing.resident': 'L’habitant·e écrit ici …',
    'fv.pointed': 'La personne qui traite votre dossier vous montre ce champ.',
  },
  it: {
    'fv.required': 'obbligatorio',
    'fv.choose': 'Scegliete',
    'fv.editing.clerk': 'L’addetto/a sta scrivendo qui …',
    'fv.editing.resident': 'Il/la residente sta scrivendo qui …',
    'fv.pointed': 'L’addetto/a vi sta indicando questo campo.',
  },
  'de-x-ls': {
    'fv.required': 'Hier müssen Sie etwas schreiben',
    'fv.choose': 'Bitte aussuchen',
    'fv.editing.clerk': 'Die Person vom Amt schreibt gerade hier …',
    'fv.pointed': 'Die Person vom Amt zeigt Ihnen dieses Feld.',
  },
});

const idFor = field => 'f-' + field.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * Read-only without disabling: a disabled field leaves the keyboard's tab order, and a submitted form's values must
 * stay reachable. Text fields are readOnly; choices and checkboxes say aria-readonly and refuse changes.
 */
function lock(input, on) {
  if (input.tagName === 'SELECT' || input.type === 'checkbox') {
    if (on) { input.dataset.locked = 'true'; input.setAttribute('aria-readonly', 'true'); } else { delete input.dataset.locked; input.removeAttribute('aria-readonly'); }
  } else {
    input.readOnly = on;
  }
}

export function renderForm(container, definition, { onInput = () => {}, onFocus = () => {}, onBlur = () => {}, readOnly = false } = {}) {
  const values = {};
  const touched = new Set();
  // Fields the other party's page shows as invalid (co-filling): shown here too, whoever typed them.
  let remoteInvalid = new Set();
  // Entries the service refused (a control character, a day that does not exist), by field: their reason.
  const refused = new Map();
  let shownInvalid = [];
  const inputs = new Map();   // field id → input element
  const wrappers = new Map(); // field, group or section id → element shown or hidden
  let showAll = false;
  const lang = () => language();
  const text = obj => (obj ? obj[lang()] ?? obj.de : '');

  container.replaceChildren();
  container.classList.add('fv');
  for (const section of definition.sections) {
    const fieldset = el('fieldset', { className: 'fv-section' });
    fieldset.append(el('legend', { textContent: text(section.title) }));
    wrappers.set('section:' + section.id, { el: fieldset, when: section.visibleWhen });
    for (const field of section.fields) {
      if (field.fields && field.fields.length) {
        const group = el('fieldset', { className: 'fv-group' });
        group.append(el('legend', { textContent: text(field.label) }));
        if (field.help) group.append(el('p', { className: 'hint', textContent: text(field.help) }));
        wrappers.set('group:' + field.id, { el: group, when: field.visibleWhen });
        const grid = el('div', { className: 'fv-grid' });
        for (const member of field.fields) grid.append(renderField(member));
        group.append(grid);
        fieldset.append(group);
      } else {
        fieldset.append(renderField(field));
      }
    }
    container.append(fieldset);
  }
  refresh();

  // A country list (ISO 3166-1 codes) is named in the page's language by the browser, Switzerland first and the
  // rest in that language's order; other choices use the definition's labels.
  function optionsOf(field) {
    const options = (field.options || []).map(o => ({ value: o.value, text: text(o.label) }));
    if (field.optionSet !== 'countries') return options;
    let names;
    try { names = new Intl.DisplayNames([lang()], { type: 'region', fallback: 'none' }); } catch { return options; }
    for (const o of options) o.text = names.of(o.value) || o.text;
    const collator = new Intl.Collator(lang());
    return options.sort((a, b) => (a.value === 'CH' ? -1 : b.value === 'CH' ? 1 : collator.compare(a.text, b.text)));
  }

  function renderField(field) {
    const id = idFor(field.id);
    const wrap = el('div', { className: 'fv-field' });
    wrap.dataset.field = field.id;
    wrappers.set(field.id, { el: wrap, when: field.visibleWhen, leaf: true });
    let input;
    const describedBy = [];
    if (field.help) describedBy.push(id + '-help');
    if (field.type === 'checkbox') {
      input = el('input', { type: 'checkbox', id, name: field.id });
      const label = el('label', { htmlFor: id, className: 'fv-check' });
      label.append(input, document.createTextNode(' ' + text(field.label) + (field.required ? ' *' : '')));
      wrap.append(label);
    } else {
      const label = el('label', { htmlFor: id, textContent: text(field.label) });
      if (field.required) label.append(el('span', { className: 'fv-req', textContent: ' *', title: t('fv.required') }));
      wrap.append(label);
      if (field.type === 'choice') {
        input = el('select', { id, name: field.id });
        input.append(el('option', { value: '', textContent: t('fv.choose') }));
        for (const option of optionsOf(field)) input.append(el('option', { value: option.value, textContent: option.text }));
      } else if (field.multiline) {
        input = el('textarea', { id, name: field.id, rows: 5 });
      } else {
        input = el('input', { id, name: field.id, type: field.type === 'date' ? 'date' : field.type === 'email' ? 'email' : 'text' });
        if (field.type === 'number') input.inputMode = 'decimal';
      }
      if (field.autocomplete) input.autocomplete = field.autocomplete;
      wrap.append(input);
    }
    if (field.required) input.setAttribute('aria-required', 'true');
    if (field.help) wrap.append(el('p', { className: 'hint', id: id + '-help', textContent: text(field.help) }));
    const presence = el('p', { className: 'fv-presence', id: id + '-presence', hidden: true });
    presence.setAttribute('aria-live', 'polite');
    wrap.append(presence, el('p', { className: 'error', id: id + '-error', hidden: true }));
    if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
    lock(input, readOnly);

    const read = () => (field.type === 'checkbox' ? input.checked : input.value);
    // A locked checkbox or choice stays focusable (its value can be read) but does not change.
    input.addEventListener('click', event => { if (input.dataset.locked && field.type === 'checkbox') event.preventDefault(); });
    input.addEventListener(field.type === 'checkbox' || field.type === 'choice' || field.type === 'date' ? 'change' : 'input', () => {
      if (input.dataset.locked) { if (field.type === 'choice') input.value = values[field.id] ?? ''; return; }
      values[field.id] = read();
      touched.add(field.id);
      refresh();
      onInput(field.id, values[field.id]);
    });
    input.addEventListener('focus', () => onFocus(field.id));
    input.addEventListener('blur', () => { touched.add(field.id); refresh(); onBlur(field.id); });
    inputs.set(field.id, { input, field });
    return wrap;
  }

  function refresh() {
    const shown = visibility(definition, values);
    for (const [key, w] of wrappers) {
      w.el.hidden = w.leaf ? !shown[key] : !holdsFor(definition, values, w.when);
    }
    const errors = validate(definition, values, { today: today(new Date(), cityTimeZone()), lang: lang() });
    const byField = new Map(errors.map(e => [e.field, e]));
    const invalidNow = [];
    for (const [field, { input }] of inputs) {
      const error = refused.has(field) ? { field, message: refused.get(field) }
        : (showAll || touched.has(field) || remoteInvalid.has(field)) ? byField.get(field) : null;
      if (error) invalidNow.push(field);
      const box = document.getElementById(idFor(field) + '-error');
      box.hidden = !error;
      box.textContent = error ? error.message : '';
      if (error) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
      const described = [input.getAttribute('aria-describedby') || ''].join(' ').split(' ').filter(x => x && !x.endsWith('-error'));
      if (error) described.push(idFor(field) + '-error');
      if (described.length) input.setAttribute('aria-describedby', described.join(' ')); else input.removeAttribute('aria-describedby');
    }
    shownInvalid = invalidNow;
    container.dispatchEvent(new CustomEvent('fv-validated', { detail: errors }));
    return errors;
  }

  return {
    values: () => ({ ...values }),
    /** Sets a value that came from elsewhere (draft load, the other party); does not call onInput. */
    setValue(field, value) {
      const entry = inputs.get(field);
      if (!entry) return;
      values[field] = value;
      if (entry.field.type === 'checkbox') entry.input.checked = value === true;
      else if (document.activeElement !== entry.input || entry.input.value !== (value ?? '')) entry.input.value = value ?? '';
      refresh();
    },
    /** Says at a field why the service refused its entry (null: no longer refused). */
    refuse(field, message) {
      if (message) refused.set(field, message); else refused.delete(field);
      refresh();
    },
    /** Shows every error (e.g. before signing); returns the errors. */
    validateAll() { showAll = true; return refresh(); },
    /** Moves the focus to the first field shown as invalid, in the form's order (it may be screens above on a phone). */
    focusFirstInvalid() {
      for (const [, { input }] of inputs) {
        if (input.getAttribute('aria-invalid') === 'true') { input.focus(); return; }
      }
    },
    errors: () => validate(definition, values, { today: today(new Date(), cityTimeZone()), lang: lang() }),
    /** The fields this page shows as invalid right now (touched, or all after validateAll). */
    shownInvalid: () => [...shownInvalid],
    /** Shows the errors of the fields the other party's page shows as invalid (the messages are this page's own). */
    showInvalidFrom(fields) { remoteInvalid = new Set(fields); refresh(); },
    /** Marks a field the other party is editing (who: 'clerk' | 'resident'), or clears it. */
    markRemote(field, who) {
      for (const [f, { input }] of inputs) {
        const box = document.getElementById(idFor(f) + '-presence');
        const on = !this.readOnly && f === field && who;
        box.hidden = !on;
        box.textContent = on ? t('fv.editing.' + who) : '';
        input.closest('.fv-field').classList.toggle('fv-remote', !!on);
      }
    },
    /** Highlights the field the clerk points at and brings it into view. */
    pointAt(field) {
      for (const [f, { input }] of inputs) input.closest('.fv-field').classList.toggle('fv-pointed', f === field);
      const entry = inputs.get(field);
      if (entry) {
        const box = document.getElementById(idFor(field) + '-presence');
        box.hidden = false;
        box.textContent = t('fv.pointed');
        entry.input.closest('.fv-field').scrollIntoView({ block: 'center', behavior: 'smooth' });
      }
    },
    /** Read only (submitted): nobody writes in it any more, so no field stays marked as being written in. */
    setReadOnly(on) {
      for (const { input } of inputs.values()) lock(input, on);
      this.readOnly = on;
      if (on) this.markRemote(null);
    },
    input: field => inputs.get(field)?.input,
    refresh,
  };
}

function el(tag, props = {}) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'hidden') node.hidden = v; else node[k] = v;
  }
  return node;
}
