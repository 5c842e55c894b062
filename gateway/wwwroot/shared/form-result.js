// A form's own result, said beside its button in a polite status line (`<p class="form-result" role="status">` in the
// form): on a long admin page the one status line at its top said "Saved." some 8,000 px above the button pressed.
import { groupOf } from '/shared/api.js';
import { register, say, t } from '/shared/i18n.js';

register({
  de: { 'result.saved': 'Gespeichert.', 'result.refused': 'Nicht gespeichert. Bitte prüfen: {fields}.' },
  en: { 'result.saved': 'Saved.', 'result.refused': 'Not saved. Please check: {fields}.' },
  fr: { 'result.saved': 'Enregistré.', 'result.refused': 'Pas enregistré. Veuillez vérifier\u00a0: {fields}.' },
  it: { 'result.saved': 'Salvato.', 'result.refused': 'Non salvato. Controllare: {fields}.' },
});

const lineOf = form => form.querySelector('.form-result');

function show(form, key, vars, kind) {
  const line = lineOf(form);
  say(line, key, vars);
  line.className = `form-result ${kind}`.trim();
}

/** "Saved." (or the text of another key) beside the form's button. */
export const saySaved = (form, key = 'result.saved', vars = {}) => show(form, key, vars, 'ok');

/** What is under way ("Saving …"), neither a success nor a refusal. */
export const sayProgress = (form, key, vars = {}) => show(form, key, vars, '');

/** A text of the page's that is no field's refusal ("something went wrong", a service's own words). */
export function sayFailed(form, text) {
  const line = lineOf(form);
  line.removeAttribute('data-i18n-said');
  line.textContent = text;
  line.className = 'form-result error';
}

/**
 * After showFieldErrors: "Not saved. Please check: Name (German), Duration (min)." naming each refused field as its
 * label or its group's legend reads; `otherwise` when no field of the form was marked.
 */
export function sayRefused(form, otherwise) {
  const names = [...form.querySelectorAll('[aria-invalid="true"]')].map(fieldName).filter(Boolean);
  if (names.length === 0) { sayFailed(form, otherwise || t('common.error')); return; }
  show(form, 'result.refused', { fields: [...new Set(names)].join(', ') }, 'error');
}

function fieldName(input) {
  const group = groupOf(input);
  return (group ? group.querySelector('legend') : input.labels?.[0])?.textContent.trim();
}

/** Empties the line before the next try, so an earlier answer never stands beside this one's. */
export function clearResult(form) {
  const line = lineOf(form);
  if (!line) return;
  line.removeAttribute('data-i18n-said');
  line.textContent = '';
  line.className = 'form-result';
}
