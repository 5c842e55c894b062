// fetch with JSON, problem details turned into errors that name the field, and the resident's
// capability token sent in a header (never in the URL, so it stays out of server logs).
import { fieldMessages, problemMessage, refusals } from '/shared/problems.js';
import { register, say } from '/shared/i18n.js';

register({
  de: { 'api.retrying': 'Einen Moment bitte: Der Dienst ist gleich wieder da. Ihre Eingaben bleiben erhalten.' },
  en: { 'api.retrying': 'One moment please: the service will be back shortly. What you entered is kept.' },
  fr: { 'api.retrying': 'Un instant s’il vous plaît : le service revient dans un moment. Vos saisies sont conservées.' },
  it: { 'api.retrying': 'Un momento per favore: il servizio torna tra poco. I dati inseriti restano salvati.' },
  'de-x-ls': { 'api.retrying': 'Bitte warten Sie kurz. Der Computer ist gleich wieder da. Ihre Angaben sind nicht weg.' },
});

/**
 * A refused request. `errors` holds each refused field's text in the page's language (its reason code's text from
 * shared/problems.js, else the server's); `serverErrors` the server's own texts; `message` all of them in one line
 * (else the problem's own code's text in the page's language, else its detail or title).
 */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemMessage(problem, `HTTP ${status}`));
    this.status = status;
    this.problem = problem || {};
    this.serverErrors = problem?.errors || {};
    this.errors = fieldMessages(problem);
  }
}

export async function api(path, { method = 'GET', body, token, headers = {}, signal } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, signal, credentials: 'same-origin' };
  if (token) init.headers['X-Resident-Token'] = token;
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) { init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
  const response = await fetchRetryingBusy(path, init);
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : (response.status === 204 ? null : await response.text());
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

// A 503 says "not done, come back": a service restarting behind the gateway, or one too busy to wait for a lock. The
// request is sent again after its Retry-After (at most 5 s each, 30 s in all), with a note on the page meanwhile.
const retryBudgetMs = 30000;

async function fetchRetryingBusy(path, init) {
  let waited = 0;
  try {
    for (;;) {
      const response = await fetch(path, init);
      if (response.status !== 503 || waited >= retryBudgetMs || init.signal?.aborted) return response;
      const delay = Math.min(5000, retryAfterMs(response.headers.get('Retry-After')));
      showRetrying(true);
      await new Promise(resolve => setTimeout(resolve, delay));
      waited += delay;
    }
  } finally {
    if (waited > 0) showRetrying(false);
  }
}

function retryAfterMs(header) {
  const seconds = Number(header);
  if (header && Number.isFinite(seconds)) return Math.max(500, seconds * 1000);
  const date = Date.parse(header || '');
  return Number.isNaN(date) ? 2000 : Math.max(500, date - Date.now());
}

function showRetrying(on) {
  let note = document.getElementById('api-retrying');
  if (!on) { note?.remove(); return; }
  if (note) return;
  note = document.createElement('p');
  note.id = 'api-retrying';
  note.className = 'card hint retrying';
  note.setAttribute('role', 'status');
  say(note, 'api.retrying');
  (document.querySelector('main') || document.body).prepend(note);
}

/**
 * Runs a button's action with the button disabled, so a second press sends nothing twice. Disabling the pressed
 * button drops the focus to the page's start; it comes back to the button, unless the action moved it on purpose
 * (to a field to mend, say).
 */
export async function whilePressed(button, action) {
  button.disabled = true;
  try {
    return await action();
  } finally {
    button.disabled = false;
    if (document.activeElement === document.body) button.focus();
  }
}

/** The token a resident's link carries in its fragment (#t=…), so the browser never sends it in a URL. */
export function fragmentToken(name = 't') {
  return new URLSearchParams(location.hash.slice(1)).get(name);
}

/**
 * Shows field errors from a validation problem next to inputs named like the fields, each in the page's language
 * (a translated reason follows a language switch). Also takes { errors: { field: [text] } } a page made itself.
 */
/**
 * The obvious slips of a booking or queue form (no name; no or a malformed address where one is required, a malformed
 * one where it is optional), said at once in booking's own codes and words: each try sent counts against the few an
 * address may send a minute. Booking still checks everything. null when there is none.
 */
export function contactSlips(form, { emailRequired }) {
  const errors = {}, reasons = {}, reasonArgs = {};
  if (!form.name.value.trim()) { errors.name = ['Enter your name.']; reasons.name = 'name-length'; reasonArgs.name = { max: 200 }; }
  const email = form.email.value.trim();
  if ((emailRequired && !email) || (email && form.email.validity.typeMismatch)) { errors.email = ['Enter a valid e-mail address.']; reasons.email = 'email'; }
  return Object.keys(errors).length ? { errors, reasons, reasonArgs } : null;
}

export function showFieldErrors(form, error) {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const { field, code, args, text } of refusals(error instanceof ApiError ? error.problem : error)) {
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`) || form.querySelector(`[name="${CSS.escape(field.charAt(0).toLowerCase() + field.slice(1))}"]`);
    if (!input) continue;
    const message = document.createElement('p');
    message.className = 'error field-error';
    message.id = `${input.id || input.name}-error`;
    if (code) say(message, `problem.${code}`, args);
    else message.textContent = text;
    // A group of radios or boxes is one field: each is marked, and the message follows the whole group, not inside
    // its first option's label (where it became part of that option's name).
    const group = groupOf(input);
    for (const el of group ? form.querySelectorAll(`[name="${CSS.escape(input.name)}"]`) : [input]) {
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', message.id);
    }
    (group ?? input).insertAdjacentElement('afterend', message);
  }
  // The person is taken to the first field to mend (the button they pressed may be far below it on a phone).
  form.querySelector('[aria-invalid="true"]')?.focus();
}

/**
 * The fieldset of a radio's or box's whole group (null for other fields): the one holding every option of its name, so
 * a group split in groups of its own (a clerk's concerns under each department) is one field.
 */
export function groupOf(input) {
  if (!['radio', 'checkbox'].includes(input.type)) return null;
  const options = [...(input.form ?? document).querySelectorAll(`[name="${CSS.escape(input.name)}"]`)];
  for (let group = input.closest('fieldset'); group; group = group.parentElement?.closest('fieldset')) {
    if (options.every(option => group.contains(option))) return group;
  }
  return input.closest('fieldset');
}
